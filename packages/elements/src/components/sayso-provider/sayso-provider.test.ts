import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createMemoryAdapter } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient } from '@sayso/core';
import { browserOutbox } from '../../internal/browser-outbox.js';
import { seededData } from '../../internal/test-fixtures.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import type { SaysoBoard } from '../sayso-board/sayso-board.component.js';
import '../sayso-board/sayso-board.js';
import type { SaysoPostCard } from '../sayso-post-card/sayso-post-card.component.js';
import type { SaysoVoteButton } from '../sayso-vote-button/sayso-vote-button.component.js';
import './sayso-provider.js';
import { SaysoProvider } from './sayso-provider.component.js';

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

const cardsOf = (board: SaysoBoard) => [...board.shadowRoot!.querySelectorAll<SaysoPostCard>('sayso-post-card')];
const voteOf = (board: SaysoBoard, index: number) =>
  cardsOf(board)[index]!.shadowRoot!.querySelector<SaysoVoteButton>('sayso-vote-button')!;
const countOf = (vote: SaysoVoteButton) => vote.shadowRoot!.querySelector('[part="count"]')!.textContent;

describe('<sayso-provider>', () => {
  describe('defaults', () => {
    it('provides nothing until given a client, adapter or api-url', async () => {
      const el = await fixture<SaysoProvider>(html`<sayso-provider><sayso-board board="demo"></sayso-board></sayso-provider>`);
      expect(el.activeClient).to.be.undefined;
      const board = el.querySelector('sayso-board')!;
      expect(board.shadowRoot!.querySelector('[part="loading"]')).to.not.be.null;
    });

    it('wraps an adapter in a client of its own and gives it to the elements inside', async () => {
      const adapter = createMemoryAdapter({ data: seededData() });
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider .adapter=${adapter}><div><sayso-board board="demo"></sayso-board></div></sayso-provider>`,
      );
      const board = el.querySelector('sayso-board')!;
      await until(() => cardsOf(board).length === 3);
      expect(el.activeClient!.adapter).to.equal(adapter);
      expect(await el.getClient()).to.equal(el.activeClient);
    });

    it('prefers a client set directly over its adapter', async () => {
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data: seededData() }) });
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider .client=${client} .adapter=${createMemoryAdapter()}></sayso-provider>`,
      );
      expect(el.activeClient).to.equal(client);
    });

    it('creates an HTTP client for api-url, and a board over an unreachable API stays calm', async () => {
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider api-url="/no-such-server"><sayso-board board="demo"></sayso-board></sayso-provider>`,
      );
      const client = (await el.getClient())!;
      expect(client).to.not.be.undefined;
      expect(el.activeClient).to.equal(client);
      const board = el.querySelector('sayso-board')!;
      await until(() => board.shadowRoot!.querySelector('[part="error"]') !== null, 'error state');
      expect(board.shadowRoot!.querySelector('[part="retry"]')).to.not.be.null;
      el.apiUrl = '/other-server';
      await el.updateComplete;
      expect(el.activeClient).to.not.equal(client);
    });

    it('makes no client until an element inside asks for one, then gives it to that element', async () => {
      const el = await fixture<SaysoProvider>(html`<sayso-provider api-url="/no-such-server"><p>Host content</p></sayso-provider>`);
      await new Promise((r) => setTimeout(r, 50));
      expect(el.activeClient, 'no client for content that does not ask').to.be.undefined;
      el.append(document.createElement('sayso-board'));
      const board = el.querySelector('sayso-board')!;
      board.setAttribute('board', 'demo');
      await until(() => el.activeClient !== undefined, 'client made on the first ask');
      await until(() => board.shadowRoot!.querySelector('[part="error"]') !== null, 'the board uses it');
    });

    it('makes none for a closed launcher inside, until a visitor shows the intent to open it', async () => {
      await import('../sayso-feedback-button/sayso-feedback-button.js');
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider api-url="/no-such-server"><sayso-feedback-button board="demo"></sayso-feedback-button></sayso-provider>`,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(el.activeClient).to.be.undefined;
      const launcher = el.querySelector('sayso-feedback-button')!;
      launcher.shadowRoot!.querySelector('button')!.dispatchEvent(new PointerEvent('pointerenter'));
      await until(() => el.activeClient !== undefined, 'client made on the pointer entering the launcher');
    });

    it('makes one when a launcher is opened without any intent shown first', async () => {
      await import('../sayso-feedback-button/sayso-feedback-button.js');
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider api-url="/no-such-server"><sayso-feedback-button board="demo"></sayso-feedback-button></sayso-provider>`,
      );
      const launcher = el.querySelector('sayso-feedback-button')!;
      launcher.open = true;
      await launcher.updateComplete;
      await until(() => el.activeClient !== undefined, 'client made when the panel shows the form');
    });

    /** Serves one page of posts and records each request's path and credential headers. */
    async function withFakeServer(run: (seen: Array<{ url: string; visitor: string | null; auth: string | null }>) => Promise<void>) {
      const realFetch = window.fetch;
      const seen: Array<{ url: string; visitor: string | null; auth: string | null }> = [];
      window.fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input), location.href);
        const headers = new Headers(init?.headers);
        seen.push({ url: url.pathname, visitor: headers.get('X-Sayso-Visitor'), auth: headers.get('Authorization') });
        const post = {
          id: 'p1', board: 'demo', title: 'From the server', body: '', status: 'open', voteCount: 2,
          commentCount: 0, voted: false, author: { id: 'u1', name: null }, tags: [], createdAt: '2026-01-01T00:00:00Z', editedAt: null, shippedAt: null,
        };
        return new Response(JSON.stringify({ items: [post], nextCursor: null }), {
          headers: { 'Content-Type': 'application/json' },
        });
      };
      try {
        await run(seen);
      } finally {
        window.fetch = realFetch;
      }
    }

    it('talks to the server at api-url as this browser\'s anonymous visitor', async () => {
      localStorage.setItem('sayso:visitor-token', 'stored.visitor.token');
      await withFakeServer(async (seen) => {
        const el = await fixture<SaysoProvider>(
          html`<sayso-provider api-url="/api/v1"><sayso-board board="demo"></sayso-board></sayso-provider>`,
        );
        const board = el.querySelector('sayso-board')!;
        await until(() => cardsOf(board).length === 1, 'posts from the server');
        expect(cardsOf(board)[0]!.post!.title).to.equal('From the server');
        const postsRequest = seen.find((request) => request.url === '/api/v1/boards/demo/posts');
        expect(postsRequest, 'a request for the board\'s posts').to.exist;
        expect(postsRequest!.visitor).to.equal('stored.visitor.token');
        expect(postsRequest!.auth).to.equal(null);
      });
      localStorage.removeItem('sayso:visitor-token');
    });

    it('sends the host\'s signed token from getToken as a bearer token', async () => {
      await withFakeServer(async (seen) => {
        const el = await fixture<SaysoProvider>(html`<sayso-provider></sayso-provider>`);
        el.getToken = async () => 'host.signed.token';
        el.innerHTML = '<sayso-board board="demo"></sayso-board>';
        el.apiUrl = '/api/v1';
        await el.updateComplete;
        const board = el.querySelector('sayso-board')!;
        await until(() => cardsOf(board).length === 1, 'posts from the server');
        const postsRequest = seen.find((request) => request.url === '/api/v1/boards/demo/posts');
        expect(postsRequest!.auth).to.equal('Bearer host.signed.token');
        expect(postsRequest!.visitor).to.equal(null);
      });
    });

    it('hands a new client to the elements inside when its adapter changes', async () => {
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider .adapter=${createMemoryAdapter({ data: seededData([]) })}>
          <sayso-board board="demo"></sayso-board>
        </sayso-provider>`,
      );
      const board = el.querySelector('sayso-board')!;
      await until(() => board.shadowRoot!.querySelector('[part="empty"]') !== null, 'empty board');
      el.adapter = createMemoryAdapter({ data: seededData() });
      await until(() => cardsOf(board).length === 3, 'board of the new adapter');
    });

    it('lets a client set on an element win over the provider', async () => {
      const own = createSaysoClient({ adapter: createMemoryAdapter({ data: seededData([]) }) });
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider .adapter=${createMemoryAdapter({ data: seededData() })}>
          <sayso-board board="demo" .client=${own}></sayso-board>
        </sayso-provider>`,
      );
      const board = el.querySelector('sayso-board')!;
      await until(() => board.shadowRoot!.querySelector('[part="empty"]') !== null, 'own client used');
    });
  });

  describe('outbox', () => {
    it('sends what waits when the browser is back online or the page is shown again, and stops when removed', async () => {
      const memory = createMemoryAdapter({ data: seededData() });
      let offline = true;
      const client = createSaysoClient({
        adapter: { ...memory, createPost: (params) => (offline ? Promise.reject(new SaysoError('network', 'offline')) : memory.createPost(params)) },
        outbox: { retryDelayMs: () => 3_600_000 },
      });
      const el = await fixture<SaysoProvider>(html`<sayso-provider .client=${client}></sayso-provider>`);
      const titles = async () => (await memory.listPosts({ board: 'demo', sort: 'new' })).items.map((p) => p.title);
      const queue = (title: string) => client.submitIdea({ board: 'demo', title, body: '' }).catch(() => undefined);

      await queue('Sent when back online');
      offline = false;
      window.dispatchEvent(new Event('online'));
      await until(() => client.outbox.$entries.get().length === 0, 'sent on online');
      expect((await titles())[0]).to.equal('Sent when back online');

      offline = true;
      await queue('Sent when shown again');
      offline = false;
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => client.outbox.$entries.get().length === 0, 'sent on visibilitychange');
      expect((await titles())[0]).to.equal('Sent when shown again');

      el.remove();
      offline = true;
      await queue('Waits after the provider is gone');
      offline = false;
      window.dispatchEvent(new Event('online'));
      await new Promise((r) => setTimeout(r, 50));
      expect(client.outbox.$entries.get().map((e) => e.kind)).to.deep.equal(['createPost']);
    });
  });

  describe('outbox left by an earlier visit', () => {
    it('is sent as soon as the provider connects, before anything inside asks for a client', async () => {
      const apiUrl = `/waiting-${Date.now()}/api/v1`;
      const earlierVisit = createSaysoClient({
        adapter: { ...createMemoryAdapter({ data: seededData() }), createPost: () => Promise.reject(new SaysoError('network', 'offline')) },
        outbox: { ...browserOutbox(apiUrl), retryDelayMs: () => 3_600_000 },
      });
      await earlierVisit.submitIdea({ board: 'demo', title: 'Typed on the train', body: '' }).catch(() => undefined);
      const [waiting] = earlierVisit.outbox.$entries.get();
      expect(waiting, 'kept in IndexedDB').to.exist;

      localStorage.setItem('sayso:visitor-token', 'stored.visitor.token');
      const realFetch = window.fetch;
      const posted: Array<{ url: string; key: string | null; title: string }> = [];
      window.fetch = async (input, init) => {
        const url = new URL(input instanceof Request ? input.url : String(input), location.href);
        const { title } = JSON.parse(String(init?.body ?? '{}')) as { title: string };
        posted.push({ url: url.pathname, key: new Headers(init?.headers).get('Idempotency-Key'), title });
        const post = {
          id: 'p9', board: 'demo', title, body: '', status: 'open', voteCount: 1, commentCount: 0, voted: true,
          author: { id: 'u1', name: null }, tags: [], createdAt: '2026-01-01T00:00:00Z', editedAt: null, shippedAt: null,
        };
        return new Response(JSON.stringify(post), { status: 201, headers: { 'Content-Type': 'application/json' } });
      };
      try {
        const el = await fixture<SaysoProvider>(html`<sayso-provider api-url=${apiUrl}></sayso-provider>`);
        await until(() => posted.length > 0, 'the waiting idea sent');
        expect(posted).to.deep.equal([{ url: `${apiUrl}/boards/demo/posts`, key: waiting!.idempotencyKey, title: 'Typed on the train' }]);
        await until(() => el.activeClient?.outbox.$entries.get().length === 0, 'the outbox emptied');
      } finally {
        window.fetch = realFetch;
        localStorage.removeItem('sayso:visitor-token');
      }
    });
  });

  describe('isolation', () => {
    it('never shares state between two providers on one page, even over one adapter', async () => {
      const adapter = createMemoryAdapter({ data: seededData() });
      const page = await fixture<HTMLDivElement>(html`
        <div>
          <sayso-provider id="a" .adapter=${adapter}><sayso-board board="demo"></sayso-board></sayso-provider>
          <sayso-provider id="b" .adapter=${adapter}><sayso-board board="demo"></sayso-board></sayso-provider>
        </div>
      `);
      const [a, b] = [...page.querySelectorAll('sayso-provider')] as SaysoProvider[];
      const boardA = a!.querySelector('sayso-board')!;
      const boardB = b!.querySelector('sayso-board')!;
      await until(() => cardsOf(boardA).length === 3 && cardsOf(boardB).length === 3, 'both boards loaded');
      expect(a!.activeClient).to.not.equal(b!.activeClient);
      const voteA = voteOf(boardA, 0);
      voteA.shadowRoot!.querySelector('button')!.click();
      await oneEvent(voteA, 'sayso-vote');
      const voteB = voteOf(boardB, 0);
      await voteB.updateComplete;
      expect(countOf(voteA)).to.equal('6');
      expect(countOf(voteB)).to.equal('5');
      expect(b!.activeClient!.$posts.get()[voteB.postId]!.voted).to.be.false;
    });

    it('shows each provider its own data', async () => {
      const page = await fixture<HTMLDivElement>(html`
        <div>
          <sayso-provider .adapter=${createMemoryAdapter({ data: seededData() })}>
            <sayso-board board="demo"></sayso-board>
          </sayso-provider>
          <sayso-provider .adapter=${createMemoryAdapter({ data: seededData([{ board: 'demo', title: 'Only here' }]) })}>
            <sayso-board board="demo"></sayso-board>
          </sayso-provider>
        </div>
      `);
      const [first, second] = [...page.querySelectorAll('sayso-board')];
      await until(() => cardsOf(first!).length === 3 && cardsOf(second!).length === 1, 'both boards loaded');
      expect(cardsOf(second!)[0]!.post!.title).to.equal('Only here');
    });
  });

  describe('registration', () => {
    it('skips a tag that is already registered, so a second copy of Sayso does not throw', () => {
      class Another extends SaysoElement {}
      expect(() => SaysoProvider.define('sayso-provider')).to.not.throw();
      expect(() => Another.define('sayso-provider')).to.not.throw();
      expect(customElements.get('sayso-provider')).to.equal(SaysoProvider);
    });

    it('reflects lang and dir set as properties', async () => {
      const el = await fixture<SaysoProvider>(html`<sayso-provider></sayso-provider>`);
      el.dir = 'rtl';
      el.lang = 'ar';
      await el.updateComplete;
      expect(el.getAttribute('dir')).to.equal('rtl');
      expect(el.getAttribute('lang')).to.equal('ar');
      expect(el.matches(':dir(rtl)')).to.be.true;
    });
  });

  describe('accessibility', () => {
    it('is accessible around a loaded board', async () => {
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider .adapter=${createMemoryAdapter({ data: seededData() })}>
          <sayso-board board="demo"></sayso-board>
        </sayso-provider>`,
      );
      await until(() => cardsOf(el.querySelector('sayso-board')!).length === 3);
      await expect(el).to.be.accessible();
    });

    it('is accessible around a right-to-left board', async () => {
      const el = await fixture<SaysoProvider>(
        html`<sayso-provider dir="rtl" .adapter=${createMemoryAdapter({ data: seededData() })}>
          <sayso-board board="demo"></sayso-board>
        </sayso-provider>`,
      );
      await until(() => cardsOf(el.querySelector('sayso-board')!).length === 3);
      await expect(el).to.be.accessible();
    });
  });
});
