import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import type { Page, Post, SaysoAdapter, SaysoClient } from '@sayso/core';
import type { SeedPost } from '@sayso/adapter-memory';
import type { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import type { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { deferred, memoryClient, rejectWith } from '../../internal/test-fixtures.js';
import type { SaysoPostCard } from '../sayso-post-card/sayso-post-card.component.js';
import type { SaysoPostDetail } from '../sayso-post-detail/sayso-post-detail.component.js';
import { SEARCH_DEBOUNCE_MS } from './sayso-board.component.js';
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
    it('tabs from the form through the sort options and filters to the first card', async () => {
      const el = await board(memoryClient());
      const inner = form(el);
      inner.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.focus();
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement === sortButton(el, 'Top'), 'Top').to.be.true;
      await sendKeys({ press: 'Tab' });
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement === sortButton(el, 'Trending'), 'Trending').to.be.true;
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement === part(el, 'status-filter'), 'status filter').to.be.true;
      await sendKeys({ press: 'Tab' });
      expect(root(el).activeElement === part(el, 'search-input'), 'search').to.be.true;
      await sendKeys({ press: 'Tab' });
      const firstVote = cards(el)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
      expect(firstVote.shadowRoot!.activeElement === firstVote.shadowRoot!.querySelector('button'), 'vote').to.be.true;
      await sendKeys({ press: 'Tab' });
      expect(cards(el)[0]!.shadowRoot!.activeElement === cards(el)[0]!.shadowRoot!.querySelector('[part="title-button"]'), 'title').to.be.true;
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

  describe('filters', () => {
    const tagged: SeedPost[] = [
      { board: 'demo', title: 'Dark mode', body: 'A dark theme', votes: 5, tags: ['UI'] },
      { board: 'demo', title: 'Offline sync', votes: 3, status: 'planned', tags: ['Mobile'] },
      { board: 'demo', title: 'Dark icons', votes: 1, status: 'planned', tags: ['UI'] },
    ];
    const select = (el: SaysoBoard, name: string) => part(el, name) as HTMLSelectElement;
    const choose = (el: SaysoBoard, name: string, value: string) => {
      const control = select(el, name);
      control.value = value;
      control.dispatchEvent(new Event('change', { bubbles: true }));
    };

    function recording(posts = tagged) {
      const client = memoryClient({}, posts);
      const list = client.adapter.listPosts;
      const calls: Array<Parameters<SaysoAdapter['listPosts']>[0]> = [];
      (client.adapter as { listPosts: SaysoAdapter['listPosts'] }).listPosts = (params) => (calls.push(params), list(params));
      return { client, calls };
    }

    it('offers the board statuses and tags, labelled', async () => {
      const el = await board(memoryClient({}, tagged));
      await until(() => part(el, 'tag-filter') !== null, 'tags shown');
      const statuses = [...select(el, 'status-filter').options].map((o) => o.textContent!.trim());
      expect(statuses[0]).to.equal('All statuses');
      expect(statuses).to.include('Planned');
      expect([...select(el, 'tag-filter').options].map((o) => o.textContent!.trim())).to.deep.equal(['All tags', 'Mobile', 'UI']);
      expect(select(el, 'status-filter').closest('label')!.textContent).to.contain('Status');
      expect(root(el).querySelector('label[for="search"]')!.textContent).to.contain('Search ideas');
      await expect(el).to.be.accessible();
    });

    it('narrows the list by status and tag, keeping the sort', async () => {
      const { client, calls } = recording();
      const el = await board(client);
      await until(() => part(el, 'tag-filter') !== null, 'tags shown');
      sortButton(el, 'New').click();
      await until(() => calls.at(-1)?.sort === 'new');
      choose(el, 'status-filter', 'planned');
      await until(() => cards(el).length === 2, 'status filter applied');
      expect(calls.at(-1)).to.include({ status: 'planned', sort: 'new' });
      choose(el, 'tag-filter', 'ui');
      await until(() => cards(el).length === 1, 'tag filter applied');
      expect(titles(el)).to.deep.equal(['Dark icons']);
      expect(el.matches(':state(filtered)')).to.be.true;
      expect(sortButton(el, 'New').getAttribute('aria-pressed')).to.equal('true');
    });

    it('searches after a pause in typing, and at once on Enter', async () => {
      const { client, calls } = recording();
      const el = await board(client);
      const input = part(el, 'search-input') as HTMLInputElement;
      input.focus();
      const before = calls.length;
      // Keystrokes in one task, so no timer can fire between them however slow the machine is.
      for (const typed of ['d', 'da', 'dar', 'dark']) {
        input.value = typed;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: typed.at(-1) }));
      }
      expect(calls.length, 'no request while typing').to.equal(before);
      await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 100));
      await until(() => calls.length === before + 1, 'one debounced request');
      expect(calls.at(-1)!.q).to.equal('dark');
      await until(() => cards(el).length === 2);
      await sendKeys({ type: ' icons' });
      await sendKeys({ press: 'Enter' });
      await until(() => calls.at(-1)!.q === 'dark icons', 'Enter searches at once');
      const afterEnter = calls.length;
      await new Promise((r) => setTimeout(r, SEARCH_DEBOUNCE_MS + 100));
      expect(calls.length, 'the pending debounce was dropped').to.equal(afterEnter);
      await until(() => titles(el).join() === 'Dark icons');
    });

    it('clears the search with its clear button and gives focus back to the box', async () => {
      const { client, calls } = recording();
      const el = await board(client);
      (part(el, 'search-input') as HTMLInputElement).focus();
      await sendKeys({ type: 'offline' });
      await sendKeys({ press: 'Enter' });
      await until(() => cards(el).length === 1);
      (part(el, 'search-clear') as HTMLButtonElement).click();
      await until(() => cards(el).length === 3);
      expect(calls.at(-1)!.q).to.be.undefined;
      expect((part(el, 'search-input') as HTMLInputElement).value).to.equal('');
      expect(root(el).activeElement).to.equal(part(el, 'search-input'));
      expect(part(el, 'search-clear')).to.be.null;
    });

    it('says no ideas match, with a button that clears every filter', async () => {
      const el = await board(memoryClient({}, tagged));
      choose(el, 'status-filter', 'shipped');
      (part(el, 'search-input') as HTMLInputElement).focus();
      await sendKeys({ type: 'zebra' });
      await sendKeys({ press: 'Enter' });
      await until(() => part(el, 'clear-filters') !== null, 'empty filtered state');
      expect(part(el, 'empty')!.textContent).to.contain('No ideas match');
      expect(el.matches(':state(empty)')).to.be.true;
      await expect(el).to.be.accessible();
      (part(el, 'clear-filters') as HTMLButtonElement).click();
      await until(() => cards(el).length === 3, 'filters cleared');
      expect(select(el, 'status-filter').value).to.equal('');
      expect((part(el, 'search-input') as HTMLInputElement).value).to.equal('');
      expect(el.matches(':state(filtered)')).to.be.false;
    });
  });

  describe('post detail', () => {
    const detail = (el: SaysoBoard) => root(el).querySelector<SaysoPostDetail>('sayso-post-detail');
    const titleButton = (card: SaysoPostCard) => card.shadowRoot!.querySelector<HTMLButtonElement>('[part="title-button"]')!;

    it('opens an idea with the keyboard, hides the list, and goes back with focus restored', async () => {
      const el = await board(memoryClient());
      const second = cards(el)[1]!;
      titleButton(second).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => detail(el) !== null, 'detail open');
      expect(el.matches(':state(detail)')).to.be.true;
      expect(part(el, 'list')).to.be.null;
      expect(part(el, 'toolbar')).to.be.null;
      const shown = detail(el)!;
      await shown.updateComplete;
      expect(shown.postId).to.equal(second.post!.id);
      expect(shown.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Offline sync');
      expect(shown.shadowRoot!.activeElement).to.equal(shown.shadowRoot!.querySelector('[part="heading"]'));
      await until(() => shown.shadowRoot!.querySelector('[part="comments-empty"]') !== null, 'comments loaded');
      await expect(el).to.be.accessible();
      const back = part(el, 'back') as HTMLButtonElement;
      expect(back.textContent).to.contain('Back to all ideas');
      back.focus();
      await sendKeys({ press: 'Enter' });
      await until(() => cards(el).length === 3, 'list back');
      const card = cards(el)[1]!;
      await until(() => card.shadowRoot!.activeElement === titleButton(card), 'focus back on the title');
      expect(el.matches(':state(detail)')).to.be.false;
    });

    it('restores the scroll position of the list', async () => {
      const wrapper = await fixture<HTMLDivElement>(html`<div style="padding-top: 1500px; padding-bottom: 3000px"></div>`);
      const el = document.createElement('sayso-board');
      el.board = 'demo';
      el.client = memoryClient({}, many(20));
      wrapper.append(el);
      await until(() => cards(el).length === 20);
      const target = cards(el)[15]!;
      target.scrollIntoView();
      const y = window.scrollY;
      expect(y).to.be.greaterThan(0);
      titleButton(target).click();
      await until(() => detail(el) !== null);
      window.scrollTo(0, 0);
      (part(el, 'back') as HTMLButtonElement).click();
      await until(() => cards(el).length === 20);
      await until(() => Math.abs(window.scrollY - y) < 2, 'scroll restored');
      window.scrollTo(0, 0);
    });

    it('leaves the idea to the host page when it prevents sayso-open-post', async () => {
      const el = await board(memoryClient());
      const stop = (event: Event) => event.preventDefault();
      el.addEventListener('sayso-open-post', stop, { capture: true });
      titleButton(cards(el)[0]!).click();
      await new Promise((r) => setTimeout(r, 30));
      expect(detail(el)).to.be.null;
      expect(cards(el)).to.have.length(3);
    });
  });
});
