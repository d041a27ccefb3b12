import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import { sendKeys } from '@web/test-runner-commands';
import type { Page, Post, SaysoAdapter, SaysoClient } from '@sayso/core';
import type { SeedPost } from '@sayso/adapter-memory';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import type { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import type { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { createMemoryAdapter } from '@sayso/adapter-memory';
import { createSaysoClient } from '@sayso/core';
import { clientWithMergedIdea, deferred, memoryClient, rejectWith, seededData, withNightTheme } from '../../internal/test-fixtures.js';
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
const detail = (el: SaysoBoard) => root(el).querySelector<SaysoPostDetail>('sayso-post-detail');
const inDetail = (el: SaysoBoard, name: string) => detail(el)?.shadowRoot!.querySelector<HTMLElement>(`[part~="${name}"]`) ?? null;

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

  describe('theming', () => {
    it('lets the page style the parts of nested elements with ::part, through every level', async () => {
      const style = document.createElement('style');
      // `icon` is the vote button's, forwarded by the card and then by the board; `heading` is the
      // idea form's; `detail-heading` is the detail view's `heading`, renamed by the board.
      style.textContent = `
        .themed sayso-board::part(icon) { color: rgb(1, 2, 3); }
        .themed sayso-board::part(detail-heading) { color: rgb(4, 5, 6); }
        .themed sayso-board::part(heading) { color: rgb(7, 8, 9); }`;
      document.head.append(style);
      try {
        const wrapper = await fixture<HTMLDivElement>(
          html`<div class="themed"><sayso-board board="demo" .client=${memoryClient()}></sayso-board></div>`,
        );
        const el = wrapper.querySelector('sayso-board')!;
        await until(() => cards(el).length === 3);
        const vote = cards(el)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
        await vote.updateComplete;
        expect(getComputedStyle(vote.shadowRoot!.querySelector('[part~="icon"]')!).color).to.equal('rgb(1, 2, 3)');
        await form(el).updateComplete;
        expect(getComputedStyle(form(el).shadowRoot!.querySelector('[part~="heading"]')!).color).to.equal('rgb(7, 8, 9)');

        el.post = cards(el)[0]!.post!.id;
        const detailHeading = () =>
          root(el).querySelector<SaysoPostDetail>('sayso-post-detail')?.shadowRoot?.querySelector('[part~="heading"]');
        await until(() => !!detailHeading(), 'detail shown');
        expect(getComputedStyle(detailHeading()!).color).to.equal('rgb(4, 5, 6)');
      } finally {
        style.remove();
      }
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

    it('lets a bubbling listener on the page hear sayso-open-post and prevent it', async () => {
      const el = await board(memoryClient());
      const heard: string[] = [];
      const stop = (event: SaysoOpenPostEvent) => {
        heard.push(event.detail.postId);
        event.preventDefault();
      };
      document.addEventListener('sayso-open-post', stop);
      try {
        titleButton(cards(el)[0]!).click();
        await new Promise((r) => setTimeout(r, 30));
      } finally {
        document.removeEventListener('sayso-open-post', stop);
      }
      expect(heard).to.deep.equal([cards(el)[0]!.post!.id]);
      expect(detail(el)).to.be.null;
      expect(el.hasAttribute('post')).to.be.false;
    });

    it('reflects the open idea in the post attribute, and goes back when the host removes it', async () => {
      const el = await board(memoryClient());
      const heard = oneEvent(document, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      titleButton(cards(el)[2]!).click();
      expect((await heard).detail.postId).to.equal('seed-3');
      await until(() => detail(el) !== null, 'detail open');
      expect(el.getAttribute('post')).to.equal('seed-3');
      el.removeAttribute('post');
      await until(() => cards(el).length === 3, 'list back');
      expect(el.matches(':state(detail)')).to.be.false;
      const card = cards(el)[2]!;
      await until(() => card.shadowRoot!.activeElement === titleButton(card), 'focus back on the title');
      (part(el, 'back') as HTMLButtonElement | null)?.click();
      expect(el.hasAttribute('post')).to.be.false;
    });
  });

  describe('deep links', () => {

    async function linked(client: SaysoClient, post: string) {
      const el = await fixture<SaysoBoard>(html`<sayso-board board="demo" post=${post} .client=${client}></sayso-board>`);
      await el.updateComplete;
      return el;
    }

    it('opens an idea no page of the list has loaded, and goes back to the list', async () => {
      const asked: string[] = [];
      const client = memoryClient({}, many(25));
      const getPost = client.adapter.getPost;
      (client.adapter as { getPost: typeof getPost }).getPost = (params) => (asked.push(params.postId), getPost(params));
      const el = await linked(client, 'seed-25');
      expect(el.matches(':state(detail)')).to.be.true;
      await until(() => detail(el) !== null, 'detail shown');
      const shown = detail(el)!;
      await shown.updateComplete;
      expect(shown.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Idea 25');
      expect(asked).to.deep.equal(['seed-25']);
      expect(part(el, 'list')).to.be.null;
      await expect(el).to.be.accessible();
      (part(el, 'back') as HTMLButtonElement).click();
      await until(() => cards(el).length === 20, 'list shown');
      expect(el.hasAttribute('post')).to.be.false;
    });

    it('says calmly that an idea no longer exists, with a way back', async () => {
      const el = await linked(memoryClient(), 'gone');
      await until(() => part(el, 'post-missing') !== null, 'missing');
      expect(part(el, 'post-missing')!.textContent).to.contain('This idea no longer exists');
      expect(detail(el)).to.be.null;
      await expect(el).to.be.accessible();
      (part(el, 'back') as HTMLButtonElement).click();
      await until(() => cards(el).length === 3, 'list shown');
    });

    it('shows a loading state, then an error with Try again when the idea cannot be fetched', async () => {
      const gate = deferred<void>();
      let down = true;
      const client = memoryClient({}, many(25));
      const getPost = client.adapter.getPost;
      (client.adapter as { getPost: typeof getPost }).getPost = async (params) => {
        await gate.promise;
        return down ? rejectWith('network')() : getPost(params);
      };
      const el = await linked(client, 'seed-24');
      expect(part(el, 'post-loading')!.textContent).to.contain('Loading this idea');
      gate.resolve();
      await until(() => part(el, 'post-error') !== null, 'error shown');
      expect(part(el, 'post-error')!.getAttribute('role')).to.equal('alert');
      expect(part(el, 'post-error')!.textContent).to.contain('offline');
      await expect(el).to.be.accessible();
      down = false;
      (part(el, 'post-retry') as HTMLButtonElement).click();
      await until(() => detail(el) !== null, 'detail after retry');
      await detail(el)!.updateComplete;
      expect(detail(el)!.shadowRoot!.querySelector('[part="heading"]')!.textContent).to.equal('Idea 24');
    });

    it('opens another idea when the post property changes, without asking for a loaded one', async () => {
      const asked: string[] = [];
      const client = memoryClient({}, many(25));
      const getPost = client.adapter.getPost;
      (client.adapter as { getPost: typeof getPost }).getPost = (params) => (asked.push(params.postId), getPost(params));
      const el = await board(client);
      el.post = 'seed-2';
      await until(() => detail(el) !== null, 'detail shown');
      expect(detail(el)!.postId).to.equal('seed-2');
      await el.updateComplete;
      expect(el.getAttribute('post')).to.equal('seed-2');
      expect(asked).to.deep.equal([]);
    });
  });

  describe('merged ideas', () => {

    it('leaves merged ideas out of the list and counts their people on the idea they were merged into', async () => {
      const { client } = await clientWithMergedIdea();
      const el = await board(client);
      expect(titles(el)).to.deep.equal(['Dark mode', 'Offline sync', 'CSV export']);
      const vote = cards(el)[0]!.shadowRoot!.querySelector('sayso-vote-button')!;
      await vote.updateComplete;
      expect(vote.shadowRoot!.querySelector('[part="count"]')!.textContent).to.equal('8');
    });

    it('opens a link to a merged idea on the idea it was merged into, with the banner', async () => {
      const { client, nightTheme } = await clientWithMergedIdea();
      const el = await fixture<SaysoBoard>(html`<sayso-board board="demo" post=${nightTheme} .client=${client}></sayso-board>`);
      await until(() => inDetail(el, 'merged-banner') !== null, 'banner shown');
      expect(inDetail(el, 'heading')!.textContent).to.equal('Dark mode');
      expect(inDetail(el, 'merged-banner')!.textContent).to.contain('“Night theme” was merged into this idea');
      await until(() => inDetail(el, 'breakdown') !== null, 'breakdown shown');
      await expect(el).to.be.accessible();
    });

    it('opens the idea a merged one was merged into from the card that names it', async () => {
      const { client, darkMode } = await clientWithMergedIdea();
      const el = await board(client);
      const status = part(el, 'status-filter') as HTMLSelectElement;
      status.value = 'merged';
      status.dispatchEvent(new Event('change'));
      await until(() => titles(el).join() === 'Night theme', 'merged ideas listed');
      const card = cards(el)[0]!;
      await card.updateComplete;
      card.shadowRoot!.querySelector<HTMLButtonElement>('[part="merged-into-button"]')!.click();
      await until(() => inDetail(el, 'heading')?.textContent === 'Dark mode', 'canonical shown');
      expect(el.post).to.equal(darkMode);
      expect(inDetail(el, 'merged-banner')).to.be.null;
    });
  });

  describe('long lists', () => {
    /** A client whose board `demo` has `n` ideas, every page already loaded. */
    async function loaded(n: number) {
      const client = memoryClient({}, many(n));
      const view = client.board('demo');
      await view.load();
      while (view.$state.get().nextCursor) await view.loadMore();
      return client;
    }

    const items = (el: SaysoBoard) => [...root(el).querySelectorAll<HTMLLIElement>('[part~="item"]')];
    const positions = (el: SaysoBoard) => items(el).map((li) => Number(li.getAttribute('aria-posinset')));
    const nextFrame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const titleButton = (card: SaysoPostCard) => card.shadowRoot!.querySelector<HTMLButtonElement>('[part="title-button"]')!;
    const voteButton = (card: SaysoPostCard) =>
      card.shadowRoot!.querySelector('sayso-vote-button')!.shadowRoot!.querySelector<HTMLButtonElement>('[part~="vote-button"]')!;
    /** The position in the list of the card whose vote button has focus, if one has. */
    const focusedVote = (el: SaysoBoard) => {
      const card = root(el).activeElement;
      if (!(card instanceof HTMLElement) || card.localName !== 'sayso-post-card') return undefined;
      const vote = card.shadowRoot!.activeElement;
      if (vote?.localName !== 'sayso-vote-button' || !vote.shadowRoot!.activeElement) return undefined;
      return Number(card.closest('li')!.getAttribute('aria-posinset'));
    };

    // The virtualizer's resize observers may not deliver every change within one frame; the
    // browser reports that as a (harmless) error, which mocha would count as a failure.
    setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);
    afterEach(() => window.scrollTo(0, 0));

    it('renders only the cards near the viewport, each telling its place in the list', async () => {
      const el = await board(await loaded(1000));
      await until(() => part(el, 'list')!.classList.contains('list--virtual'), 'virtualized');
      await until(() => cards(el).length > 0, 'cards rendered');
      expect(cards(el).length).to.be.lessThan(100);
      expect(positions(el).slice(0, 3)).to.deep.equal([1, 2, 3]);
      expect(items(el).every((li) => li.getAttribute('aria-setsize') === '1000')).to.be.true;
      expect(part(el, 'list')!.localName).to.equal('ol');
      window.scrollTo(0, part(el, 'list')!.getBoundingClientRect().bottom + window.scrollY - 200);
      await until(() => positions(el).includes(1000), 'the last idea rendered at the end');
      await expect(el).to.be.accessible();
    });

    it('says the size is unknown while more pages can be loaded', async () => {
      const el = await board(memoryClient({}, many(25)));
      expect(items(el).map((li) => li.getAttribute('aria-setsize'))).to.deep.equal(Array(20).fill('-1'));
      expect(positions(el)).to.deep.equal(Array.from({ length: 20 }, (_, i) => i + 1));
    });

    it('tabs through every vote button in order as the list scrolls', async () => {
      const el = await board(await loaded(300));
      await until(() => cards(el).length > 0 && part(el, 'list')!.classList.contains('list--virtual'), 'virtualized');
      const rendered = cards(el).length;
      voteButton(cards(el)[0]!).focus();
      const reached = [focusedVote(el)];
      for (let tab = 0; reached.length < rendered + 20; tab++) {
        await sendKeys({ press: 'Tab' });
        await nextFrame();
        const position = focusedVote(el);
        if (position !== undefined) reached.push(position);
        if (tab > 4 * (rendered + 20)) break;
      }
      expect(reached).to.deep.equal(Array.from({ length: rendered + 20 }, (_, i) => i + 1));
    });

    it('gives focus back to a card that scrolled out of the page and back', async () => {
      const el = await board(await loaded(1000));
      await until(() => cards(el).length > 0 && part(el, 'list')!.classList.contains('list--virtual'), 'virtualized');
      const first = cards(el)[0]!;
      voteButton(first).focus();
      expect(focusedVote(el)).to.equal(1);
      window.scrollTo(0, 30_000);
      await until(() => !first.isConnected, 'first card taken out');
      window.scrollTo(0, 0);
      await until(() => focusedVote(el) === 1, 'focus back on the first vote button');
    });

    it('keeps focus on a card when the list grows long enough to be virtualized', async () => {
      const client = memoryClient({}, many(120));
      const view = client.board('demo');
      await view.load();
      while (view.$state.get().postIds.length < 100) await view.loadMore();
      const el = await board(client);
      expect(part(el, 'list')!.classList.contains('list--virtual')).to.be.false;
      expect(cards(el)).to.have.length(100);
      const card = cards(el)[3]!;
      voteButton(card).focus();
      await view.loadMore();
      await until(() => part(el, 'list')!.classList.contains('list--virtual'), 'virtualized');
      await until(() => focusedVote(el) === 4, 'focus still on the fourth vote button');
      expect(card.isConnected).to.be.false;
    });

    it('brings the opened idea back into view and focus after the detail', async () => {
      const el = await board(await loaded(1000));
      await until(() => cards(el).length > 0 && part(el, 'list')!.classList.contains('list--virtual'), 'virtualized');
      window.scrollTo(0, 5_000);
      await until(() => positions(el).some((p) => p > 40), 'scrolled');
      await nextFrame();
      const target = cards(el).find((card) => card.getBoundingClientRect().top > 100)!;
      const before = target.getBoundingClientRect().top;
      const id = target.post!.id;
      titleButton(target).click();
      await until(() => root(el).querySelector('sayso-post-detail') !== null, 'detail open');
      (part(el, 'back') as HTMLButtonElement).click();
      await until(() => {
        const card = cards(el).find((c) => c.post!.id === id);
        return card !== undefined && card.shadowRoot!.activeElement === titleButton(card);
      }, 'focus back on the same idea');
      const card = cards(el).find((c) => c.post!.id === id)!;
      const top = card.getBoundingClientRect().top;
      expect(top).to.be.within(0, window.innerHeight);
      expect(Math.abs(top - before), 'where it was').to.be.lessThan(card.getBoundingClientRect().height);
    });

    it('loads the next page by itself as the end of the list comes near', async () => {
      const el = await board(memoryClient({}, many(65)));
      expect(cards(el)).to.have.length(20);
      expect(part(el, 'load-more')!.getBoundingClientRect().top, 'Load more starts far below').to.be.greaterThan(2 * window.innerHeight);
      for (const count of [40, 60, 65]) {
        part(el, 'load-more')!.scrollIntoView();
        await until(() => cards(el).length === count, `${count} ideas loaded without a click`);
      }
      expect(part(el, 'load-more')).to.be.null;
    });
  });

  describe('live changes', () => {
    it('shows ideas and votes others add while it is on the page, and stops watching once removed', async () => {
      const data = seededData();
      const client = createSaysoClient({ adapter: createMemoryAdapter({ data, voterId: 'watcher' }) });
      const someoneElse = createMemoryAdapter({ data, voterId: 'someone-else' });
      const el = await board(client);
      expect(data.watchers.size).to.equal(1);

      await someoneElse.createPost({ board: 'demo', title: 'Calendar sync', body: '' });
      await until(() => titles(el).includes('Calendar sync'), 'the new idea shown');
      const csv = cards(el).find((card) => card.post!.title === 'CSV export')!.post!;
      for (let n = 0; n < 3; n++) await createMemoryAdapter({ data, voterId: `fan-${n}` }).vote({ postId: csv.id });
      await until(() => cards(el).find((card) => card.post!.id === csv.id)!.post!.voteCount === csv.voteCount + 3, 'the votes counted');

      el.remove();
      expect(data.watchers.size).to.equal(0);
    });

    describe('merges', () => {
      /** The board on the page of a visitor, with "Night theme" (`seed-4`) listed, and an admin elsewhere. */
      async function watchedBoard() {
        const data = seededData(withNightTheme);
        const el = await board(createSaysoClient({ adapter: createMemoryAdapter({ data, voterId: 'watcher' }) }));
        expect(titles(el)).to.include('Night theme');
        return { el, admin: createMemoryAdapter({ data, voterId: 'the-admin', admin: true }).admin! };
      }
      const heading = (el: SaysoBoard) => inDetail(el, 'heading')?.textContent;

      it('opens an idea merged since the list was shown on the idea it was merged into', async () => {
        const { el, admin } = await watchedBoard();
        await admin.mergePost({ postId: 'seed-4', into: 'seed-1' });
        await until(() => !titles(el).includes('Night theme'), 'the merged idea gone from the list');

        el.post = 'seed-4';
        await until(() => heading(el) === 'Dark mode', 'the canonical idea shown');
        expect(inDetail(el, 'merged-banner')!.textContent).to.contain('“Night theme” was merged into this idea');
        await expect(el).to.be.accessible();
      });

      it('moves an open idea to the one it was merged into, keeping the comment being typed, and back once unmerged', async () => {
        const { el, admin } = await watchedBoard();
        el.post = 'seed-4';
        await until(() => heading(el) === 'Night theme', 'the idea shown');
        const comment = () => inDetail(el, 'textarea') as HTMLTextAreaElement;
        comment().focus();
        await sendKeys({ type: 'Black would do' });

        await admin.mergePost({ postId: 'seed-4', into: 'seed-1' });
        await until(() => heading(el) === 'Dark mode', 'the canonical idea shown');
        expect(inDetail(el, 'merged-banner')!.textContent).to.contain('“Night theme” was merged into this idea');
        expect(comment().value).to.equal('Black would do');

        await admin.unmergePost({ postId: 'seed-4' });
        await until(() => heading(el) === 'Night theme', 'the idea shown on its own again');
        expect(inDetail(el, 'merged-banner')).to.be.null;
        expect(el.post).to.equal('seed-4');
      });
    });
  });
});

