import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Page, Post, SaysoAdapter, SaysoClient } from '@sayso/core';
import type { SeedPost } from '@sayso/adapter-memory';
import type { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import type { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { deferred, memoryClient, rejectWith } from '../../internal/test-fixtures.js';
import type { SaysoPostCard } from '../sayso-post-card/sayso-post-card.component.js';
import './sayso-board.js';
import type { SaysoBoard } from './sayso-board.component.js';

const root = (el: SaysoBoard) => el.shadowRoot!;
const part = (el: SaysoBoard, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const cards = (el: SaysoBoard) => [...root(el).querySelectorAll<SaysoPostCard>('sayso-post-card')];
const titles = (el: SaysoBoard) => cards(el).map((card) => card.post!.title);
const sortButton = (el: SaysoBoard, label: string) =>
  [...root(el).querySelectorAll<HTMLButtonElement>('[part="sort-button"]')].find((b) => b.textContent!.trim() === label)!;
const form = (el: SaysoBoard) => root(el).querySelector('sayso-idea-form')!;

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

async function board(client: SaysoClient, slug = 'demo') {
  const el = await fixture<SaysoBoard>(html`<sayso-board board=${slug} .client=${client}></sayso-board>`);
  await until(() => el.matches(':not(:state(loading))'), 'board loaded');
  await el.updateComplete;
  return el;
}

const many = (n: number): SeedPost[] =>
  Array.from({ length: n }, (_, i) => ({ board: 'demo', title: `Idea ${i + 1}`, votes: n - i }));

describe('<sayso-board>', () => {
  describe('defaults', () => {
    it('shows a calm loading state, then the ideas in top order', async () => {
      const gate = deferred<void>();
      const client = memoryClient();
      const list = client.adapter.listPosts;
      (client.adapter as { listPosts: typeof list }).listPosts = async (params) => {
        await gate.promise;
        return list(params);
      };
      const el = await fixture<SaysoBoard>(html`<sayso-board board="demo" .client=${client}></sayso-board>`);
      expect(part(el, 'loading')!.textContent).to.contain('Loading ideas');
      expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
      expect(el.matches(':state(loading)')).to.be.true;
      gate.resolve();
      await until(() => cards(el).length === 3);
      expect(titles(el)).to.deep.equal(['Dark mode', 'Offline sync', 'CSV export']);
      expect(part(el, 'loading')).to.be.null;
      expect(el.matches(':state(loading)')).to.be.false;
    });

    it('shows the sort options with Top pressed, and no Load more on a short list', async () => {
      const el = await board(memoryClient());
      expect([...root(el).querySelectorAll('[part="sort-button"]')].map((b) => b.textContent!.trim())).to.deep.equal([
        'Top',
        'New',
        'Trending',
      ]);
      expect(sortButton(el, 'Top').getAttribute('aria-pressed')).to.equal('true');
      expect(sortButton(el, 'New').getAttribute('aria-pressed')).to.equal('false');
      expect(part(el, 'load-more')).to.be.null;
    });

    it('contains the idea form for the same board', async () => {
      const el = await board(memoryClient());
      expect(form(el).board).to.equal('demo');
    });

    it('shows an empty state for a board without ideas', async () => {
      const el = await board(memoryClient(), 'quiet');
      expect(part(el, 'empty')!.textContent).to.contain('No ideas yet');
      expect(el.matches(':state(empty)')).to.be.true;
      expect(part(el, 'list')).to.be.null;
    });

    it('re-sorts when a sort option is chosen', async () => {
      const el = await board(memoryClient());
      sortButton(el, 'New').click();
      await until(() => titles(el)[0] === 'CSV export');
      expect(titles(el)).to.deep.equal(['CSV export', 'Offline sync', 'Dark mode']);
      expect(sortButton(el, 'New').getAttribute('aria-pressed')).to.equal('true');
      expect(sortButton(el, 'Top').getAttribute('aria-pressed')).to.equal('false');
    });

    it('loads more ideas while there are more', async () => {
      const el = await board(memoryClient({}, many(25)));
      expect(cards(el)).to.have.length(20);
      const more = part(el, 'load-more') as HTMLButtonElement;
      expect(more.textContent).to.contain('Load more');
      more.click();
      await until(() => cards(el).length === 25);
      expect(titles(el).at(-1)).to.equal('Idea 25');
      expect(part(el, 'load-more')).to.be.null;
    });

    it('shows another board when the board attribute changes', async () => {
      const el = await board(memoryClient());
      el.board = 'quiet';
      await until(() => part(el, 'empty') !== null);
      expect(form(el).board).to.equal('quiet');
    });

    it('shows user text as text', async () => {
      const hostile = '<img src=x onerror="window.__saysoBoardXss = true">';
      const el = await board(memoryClient({}, [{ board: 'demo', title: hostile, body: hostile }]));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const card = cards(el)[0]!;
      await card.updateComplete;
      expect(card.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal(hostile);
      expect(card.shadowRoot!.querySelector('img')).to.be.null;
      expect((window as { __saysoBoardXss?: boolean }).__saysoBoardXss).to.be.undefined;
    });

    it('survives hostile host CSS', async () => {
      const style = document.createElement('style');
      style.textContent = `* { text-transform: uppercase !important; letter-spacing: 1em; line-height: 9; }
        button, article, ol, li { display: none !important; } sayso-post-card { color: transparent; }`;
      document.head.append(style);
      try {
        const el = await board(memoryClient());
        const card = cards(el)[0]!;
        const title = card.shadowRoot!.querySelector<HTMLElement>('[part="title"]')!;
        const vote = card.shadowRoot!.querySelector('sayso-vote-button')!.shadowRoot!.querySelector('button')!;
        expect(getComputedStyle(vote).display).to.not.equal('none');
        expect(vote.offsetHeight).to.be.greaterThan(0);
        expect(getComputedStyle(title).letterSpacing).to.equal('normal');
        const sort = sortButton(el, 'Top');
        expect(getComputedStyle(sort).display).to.not.equal('none');
        expect(getComputedStyle(sort).letterSpacing).to.equal('normal');
        expect(getComputedStyle(sort).textTransform).to.equal('none');
        expect(getComputedStyle(title).color).to.equal('rgb(31, 41, 51)');
      } finally {
        style.remove();
      }
    });

    it('keeps two boards of one client in step', async () => {
      const client = memoryClient();
      const first = await board(client);
      const second = await board(client);
      const vote = cards(first)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
      vote.shadowRoot!.querySelector('button')!.click();
      await oneEvent(vote, 'sayso-vote');
      const mirrored = cards(second)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
      await mirrored.updateComplete;
      expect(mirrored.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('6');
    });
  });

  describe('events', () => {
    it('puts a newly posted idea at the top, and lets sayso-submit reach the page', async () => {
      const el = await board(memoryClient());
      const inner = form(el);
      const input = inner.shadowRoot!.querySelector<HTMLInputElement>('[part="input"]')!;
      input.focus();
      await sendKeys({ type: 'Brand new idea' });
      const fired = oneEvent(document.body, 'sayso-submit') as Promise<SaysoSubmitEvent>;
      inner.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
      expect((await fired).detail.post.title).to.equal('Brand new idea');
      await until(() => titles(el)[0] === 'Brand new idea');
      expect(cards(el)).to.have.length(4);
    });

    it('lets sayso-vote from a card reach the page', async () => {
      const el = await board(memoryClient());
      const vote = cards(el)[1]!.shadowRoot!.querySelector('sayso-vote-button')!;
      const fired = oneEvent(document.body, 'sayso-vote') as Promise<SaysoVoteEvent>;
      vote.shadowRoot!.querySelector('button')!.click();
      expect((await fired).detail.voteCount).to.equal(4);
    });
  });

  describe('keyboard', () => {
    it('tabs from the form through the sort options to the first vote button', async () => {
      const el = await board(memoryClient());
      const inner = form(el);
      inner.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(sortButton(el, 'Top'));
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement).to.equal(sortButton(el, 'Trending'));
      await sendKeys({ press: 'Tab' });
      const firstVote = cards(el)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
      expect(firstVote.shadowRoot!.activeElement).to.equal(firstVote.shadowRoot!.querySelector('button'));
    });

    it('sorts with Enter and Space', async () => {
      const el = await board(memoryClient());
      sortButton(el, 'New').focus();
      await sendKeys({ press: 'Enter' });
      await until(() => titles(el)[0] === 'CSV export');
      sortButton(el, 'Top').focus();
      await sendKeys({ press: 'Space' });
      await until(() => titles(el)[0] === 'Dark mode');
    });
  });

  describe('accessibility', () => {
    it('is accessible while loading', async () => {
      const el = await fixture<SaysoBoard>(
        html`<sayso-board board="demo" .client=${memoryClient({ listPosts: () => new Promise<Page<Post>>(() => {}) })}></sayso-board>`,
      );
      await expect(el).to.be.accessible();
    });

    it('is accessible with ideas and a Load more button', async () => {
      const el = await board(memoryClient({}, many(21)));
      expect(part(el, 'load-more')).to.not.be.null;
      await expect(el).to.be.accessible();
    });

    it('is accessible when empty', async () => {
      await expect(await board(memoryClient(), 'quiet')).to.be.accessible();
    });

    it('is accessible in its error state', async () => {
      const el = await board(memoryClient({ listPosts: rejectWith('network') }));
      await expect(el).to.be.accessible();
    });

    for (const theme of ['light', 'dark'] as const) {
      it(`is accessible with the ${theme} theme tokens loaded`, async () => {
        const style = document.createElement('style');
        style.textContent = await (await fetch(new URL(`../../styles/${theme}.css`, import.meta.url))).text();
        document.head.append(style);
        try {
          const wrapper = await fixture<HTMLDivElement>(
            html`<div class="sayso-theme-${theme}" style="background: var(--sayso-color-surface); padding: 1px">
              <sayso-board board="demo" .client=${memoryClient()}></sayso-board>
            </div>`,
          );
          const el = wrapper.querySelector('sayso-board')!;
          await until(() => cards(el).length === 3);
          const vote = cards(el)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
          vote.shadowRoot!.querySelector('button')!.click();
          await oneEvent(vote, 'sayso-vote');
          await expect(wrapper).to.be.accessible();
        } finally {
          style.remove();
        }
      });
    }

    it('is accessible without any client', async () => {
      const el = await fixture<SaysoBoard>(html`<sayso-board board="demo"></sayso-board>`);
      await expect(el).to.be.accessible();
    });
  });

  describe('errors', () => {
    it('shows a calm error with a working Try again button', async () => {
      let fail = true;
      const client = memoryClient();
      const list = client.adapter.listPosts;
      (client.adapter as { listPosts: SaysoAdapter['listPosts'] }).listPosts = (params) =>
        fail ? rejectWith('network')() : list(params);
      const el = await board(client);
      const error = part(el, 'error')!;
      expect(error.getAttribute('role')).to.equal('alert');
      expect(error.textContent).to.contain('offline');
      expect(el.matches(':state(error)')).to.be.true;
      expect(part(el, 'toolbar')).to.not.be.null;
      expect(form(el)).to.not.be.null;
      fail = false;
      (part(el, 'retry') as HTMLButtonElement).click();
      await until(() => cards(el).length === 3);
      expect(part(el, 'error')).to.be.null;
      expect(el.matches(':state(error)')).to.be.false;
    });

    it('keeps the list and says so when the next page fails, then loads it on the next try', async () => {
      let fail = false;
      const client = memoryClient({}, many(25));
      const list = client.adapter.listPosts;
      (client.adapter as { listPosts: SaysoAdapter['listPosts'] }).listPosts = (params) =>
        fail ? rejectWith('server')() : list(params);
      const el = await board(client);
      fail = true;
      (part(el, 'load-more') as HTMLButtonElement).click();
      await until(() => part(el, 'error') !== null);
      expect(part(el, 'error')!.textContent).to.contain('More ideas could not be loaded');
      expect(cards(el)).to.have.length(20);
      fail = false;
      (part(el, 'load-more') as HTMLButtonElement).click();
      await until(() => cards(el).length === 25);
      expect(part(el, 'error')).to.be.null;
    });
  });
});
