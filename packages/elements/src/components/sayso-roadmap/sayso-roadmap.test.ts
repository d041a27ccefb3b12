import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { createSaysoClient, type BacklogItemFields, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { createMemoryAdapter, type SeedPost } from '@sayso/adapter-memory';
import { memoryClient, rejectWith, seededData } from '../../internal/test-fixtures.js';
import '../sayso-board/sayso-board.js';
import type { SaysoBoard } from '../sayso-board/sayso-board.component.js';
import './sayso-roadmap.js';
import type { SaysoRoadmap } from './sayso-roadmap.component.js';

const roadmapPosts: SeedPost[] = [
  { board: 'demo', title: 'Dark mode', votes: 5, status: 'planned' },
  { board: 'demo', title: 'Offline sync', votes: 9, status: 'planned' },
  { board: 'demo', title: 'CSV export', votes: 2, status: 'in-progress' },
  { board: 'demo', title: 'Tables', votes: 4, status: 'shipped' },
  { board: 'demo', title: 'Open idea', votes: 50 },
];

const root = (el: SaysoRoadmap) => el.shadowRoot!;
const part = (el: SaysoRoadmap | Element, name: string) =>
  (el.shadowRoot ?? el).querySelector<HTMLElement>(`[part~="${name}"]`);
const columns = (el: SaysoRoadmap) => [...root(el).querySelectorAll<HTMLElement>('[part="column"]')];
const headings = (el: SaysoRoadmap) =>
  columns(el).map((c) => c.querySelector('[part="column-heading"] > span')!.textContent!.trim());
const titlesIn = (column: HTMLElement) => [...column.querySelectorAll('[part="title"]')].map((t) => t.textContent!.trim());
const countOf = (column: HTMLElement, index = 0) =>
  column.querySelectorAll('sayso-vote-button')[index]!.shadowRoot!.querySelector('[part="count"]')!.textContent;

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

const settled = (el: SaysoRoadmap) =>
  el.matches(':not(:state(loading))') && !root(el).querySelector('[part="column"] [part="loading"]');

async function roadmap(client: SaysoClient, attrs: { statuses?: string; postHref?: string; board?: string; showEngineering?: boolean } = {}) {
  const el = await fixture<SaysoRoadmap>(
    html`<sayso-roadmap
      board=${attrs.board ?? 'demo'}
      statuses=${attrs.statuses ?? ''}
      post-href=${attrs.postHref ?? ''}
      ?show-engineering=${attrs.showEngineering ?? false}
      .client=${client}
    ></sayso-roadmap>`,
  );
  await until(() => settled(el), 'roadmap loaded');
  await el.updateComplete;
  return el;
}

/** Engineering items of the demo board, made by an admin: public ones and one kept internal. */
const engineeringItems: Array<BacklogItemFields & { evidence?: string }> = [
  { title: 'Faster search', category: 'performance', status: 'in_progress', public: true, evidence: 'Dark mode' },
  { title: 'Rotate the signing keys', category: 'security_compliance', status: 'planned', public: true },
  { title: 'Split the monolith', category: 'refactoring', status: 'proposed', public: true },
  { title: 'Index the votes', category: 'performance', status: 'done', public: true },
  { title: 'Internal clean-up', category: 'tech_debt', status: 'planned', public: false },
  { title: 'Dropped plan', category: 'infrastructure', status: 'dropped', public: true },
];

/** A visitor's client over a board whose admin made `engineeringItems`; "Faster search" is backed by the 5 voters of "Dark mode". */
async function clientWithEngineering(overrides: Partial<SaysoAdapter> = {}): Promise<SaysoClient> {
  const data = seededData(roadmapPosts);
  const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true });
  const ideas = (await admin.listPosts({ board: 'demo' })).items;
  for (const { evidence, ...fields } of engineeringItems) {
    const item = await admin.admin!.createBacklogItem({ board: 'demo', ...fields });
    const idea = ideas.find((post) => post.title === evidence);
    if (idea) await admin.admin!.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id] });
  }
  return createSaysoClient({ adapter: { ...createMemoryAdapter({ data }), ...overrides } });
}

const engineeringIn = (column: HTMLElement) =>
  [...column.querySelectorAll<HTMLElement>('[part="engineering-card"]')].map((card) =>
    [...card.querySelectorAll('[part]')].map((node) => node.textContent!.replace(/\s+/g, ' ').trim()),
  );

describe('<sayso-roadmap>', () => {
  describe('defaults', () => {
    it('shows Planned, In progress and Shipped columns, ideas by votes', async () => {
      const el = await roadmap(memoryClient({}, roadmapPosts));
      expect(headings(el)).to.deep.equal(['Planned', 'In progress', 'Shipped']);
      const [planned, progress, shipped] = columns(el);
      expect(titlesIn(planned!)).to.deep.equal(['Offline sync', 'Dark mode']);
      expect(titlesIn(progress!)).to.deep.equal(['CSV export']);
      expect(titlesIn(shipped!)).to.deep.equal(['Tables']);
      expect(planned!.getAttribute('aria-labelledby')).to.equal(part(planned!, 'column-heading')!.id);
      expect(part(planned!, 'column-count')!.textContent).to.contain('2').and.contain('2 ideas');
      expect(countOf(planned!)).to.equal('9');
      expect(root(el).textContent).not.to.contain('Open idea');
    });

    it('shows a loading state first', async () => {
      const el = await fixture<SaysoRoadmap>(
        html`<sayso-roadmap board="demo" .client=${memoryClient({ getBoard: () => new Promise(() => {}) })}></sayso-roadmap>`,
      );
      await el.updateComplete;
      expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
      expect(el.matches(':state(loading)')).to.be.true;
    });

    it('takes its columns from the statuses attribute', async () => {
      const el = await roadmap(memoryClient({}, roadmapPosts), { statuses: 'shipped, open' });
      expect(headings(el)).to.deep.equal(['Shipped', 'Open']);
      expect(titlesIn(columns(el)[1]!)).to.deep.equal(['Open idea']);
    });

    it('shows an empty message in a column without ideas', async () => {
      const el = await roadmap(memoryClient({}, roadmapPosts.filter((p) => p.status !== 'in-progress')));
      const progress = columns(el)[1]!;
      expect(part(progress, 'empty')!.textContent).to.contain('Nothing here yet');
      expect(part(progress, 'list')).to.be.null;
      expect(titlesIn(columns(el)[0]!)).to.have.length(2);
    });

    it('links titles when post-href is set', async () => {
      const el = await roadmap(memoryClient({}, roadmapPosts), { postHref: '/ideas/{id}?b={board}' });
      const post = (el.view!.$columns.get()[1]!.posts[0])!;
      const link = columns(el)[1]!.querySelector<HTMLAnchorElement>('[part="link"]')!;
      expect(link.getAttribute('href')).to.equal(`/ideas/${encodeURIComponent(post.id)}?b=demo`);
      expect(link.textContent).to.equal('CSV export');
    });

    it('pages a column on its own', async () => {
      const many: SeedPost[] = Array.from({ length: 23 }, (_, i) => ({ board: 'demo', title: `Plan ${i + 1}`, votes: 40 - i, status: 'planned' }));
      const el = await roadmap(memoryClient({}, many));
      const planned = columns(el)[0]!;
      expect(titlesIn(planned)).to.have.length(20);
      expect(part(planned, 'column-count')!.textContent).to.contain('20+');
      (part(planned, 'load-more') as HTMLButtonElement).click();
      await until(() => titlesIn(columns(el)[0]!).length === 23);
      expect(part(columns(el)[0]!, 'load-more')).to.be.null;
    });
  });

  describe('show-engineering', () => {
    it('shows the public engineering work read-only in the columns of its status, marked with its category', async () => {
      const el = await roadmap(await clientWithEngineering(), { showEngineering: true });
      await until(() => root(el).querySelectorAll('[part="engineering-card"]').length === 3, 'engineering shown');
      const [planned, progress, shipped] = columns(el);
      expect(engineeringIn(planned!)).to.deep.equal([['Engineering · Security and compliance', 'Rotate the signing keys']]);
      expect(engineeringIn(progress!)).to.deep.equal([['Engineering · Performance', 'Faster search', '5 people asked for this']]);
      expect(engineeringIn(shipped!)).to.deep.equal([['Engineering · Performance', 'Index the votes']]);
      // Ideas stay as they were, engineering work comes after them, with no vote button and nothing about who asked.
      expect(titlesIn(planned!)).to.deep.equal(['Offline sync', 'Dark mode']);
      const card = progress!.querySelector<HTMLElement>('[part="engineering-card"]')!;
      expect(card.querySelector('sayso-vote-button, a, button')).to.equal(null);
      expect(card.getAttribute('aria-describedby')).to.equal(card.querySelector('[part="engineering-label"]')!.id);
      expect(progress!.querySelector('[part="engineering-list"]')!.getAttribute('aria-label')).to.equal('Engineering work in In progress');
      expect(root(el).textContent).not.to.contain('Internal clean-up').and.not.to.contain('Dropped plan').and.not.to.contain('Split the monolith');
    });

    it('shows proposed work only in an open column', async () => {
      const el = await roadmap(await clientWithEngineering(), { showEngineering: true, statuses: 'open, shipped' });
      await until(() => root(el).querySelectorAll('[part="engineering-card"]').length === 2, 'engineering shown');
      expect(engineeringIn(columns(el)[0]!)).to.deep.equal([['Engineering · Refactoring', 'Split the monolith']]);
    });

    it('fills a column without ideas with its engineering work, not an empty message', async () => {
      const el = await roadmap(await clientWithEngineering(), { showEngineering: true, statuses: 'in-progress' });
      await until(() => root(el).querySelector('[part="engineering-card"]') !== null, 'engineering shown');
      expect(part(columns(el)[0]!, 'empty')).to.equal(null);
    });

    it('changes nothing without the attribute, or when the adapter cannot list engineering work', async () => {
      for (const el of [
        await roadmap(await clientWithEngineering()),
        await roadmap(await clientWithEngineering({ listPublicBacklog: undefined }), { showEngineering: true }),
      ]) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(root(el).querySelector('[part^="engineering"]')).to.equal(null);
        expect(titlesIn(columns(el)[1]!)).to.deep.equal(['CSV export']);
      }
    });

    it('keeps the ideas when engineering work fails to load, with a working Try again', async () => {
      let fail = true;
      const client = await clientWithEngineering();
      const list = client.adapter.listPublicBacklog!;
      Object.assign(client.adapter, { listPublicBacklog: (params: { board: string }) => (fail ? rejectWith('network')() : list(params)) });
      const el = await roadmap(client, { showEngineering: true });
      await until(() => part(el, 'error') !== null, 'the failure shown');
      expect(part(el, 'error')!.textContent).to.contain('offline, so the engineering work could not be loaded');
      expect(titlesIn(columns(el)[0]!)).to.deep.equal(['Offline sync', 'Dark mode']);
      fail = false;
      (part(el, 'retry') as HTMLButtonElement).click();
      await until(() => root(el).querySelectorAll('[part="engineering-card"]').length === 3, 'engineering shown after Try again');
      expect(part(el, 'error')).to.be.null;
    });

    it('is accessible with engineering work', async () => {
      const el = await roadmap(await clientWithEngineering(), { showEngineering: true });
      await until(() => root(el).querySelectorAll('[part="engineering-card"]').length === 3);
      await expect(el).to.be.accessible();
    });
  });

  describe('live votes', () => {
    it('shows a vote cast on the board, and the board shows one cast on the roadmap', async () => {
      const client = memoryClient({}, roadmapPosts);
      const el = await roadmap(client);
      const board = await fixture<SaysoBoard>(html`<sayso-board board="demo" .client=${client}></sayso-board>`);
      await until(() => board.shadowRoot!.querySelectorAll('sayso-post-card').length === 5);
      const cardOf = (title: string) =>
        [...board.shadowRoot!.querySelectorAll('sayso-post-card')].find((c) => c.post!.title === title)!;
      const onBoard = cardOf('CSV export').shadowRoot!.querySelector('sayso-vote-button')!;
      onBoard.shadowRoot!.querySelector('button')!.click();
      await oneEvent(onBoard, 'sayso-vote');
      const progress = columns(el)[1]!;
      await until(() => countOf(progress) === '3', 'roadmap count follows the board');

      const onRoadmap = progress.querySelector('sayso-vote-button')!;
      onRoadmap.shadowRoot!.querySelector('button')!.click();
      await oneEvent(onRoadmap, 'sayso-vote');
      await until(() => cardOf('CSV export').shadowRoot!.querySelector('sayso-vote-button')!.shadowRoot!.querySelector('[part="count"]')!.textContent === '2');
    });
  });

  describe('shared view', () => {
    it('fetches once for two roadmaps of one board, and shares one view', async () => {
      const calls: string[] = [];
      const client = memoryClient({}, roadmapPosts);
      const { listPosts, getBoard } = client.adapter;
      Object.assign(client.adapter, {
        listPosts: (params: Parameters<typeof listPosts>[0]) => (calls.push(`listPosts ${params.status}`), listPosts(params)),
        getBoard: (params: Parameters<typeof getBoard>[0]) => (calls.push('getBoard'), getBoard(params)),
      });
      const [first, second] = await Promise.all([roadmap(client), roadmap(client)]);
      expect(first.view).to.equal(second.view);
      expect(headings(second)).to.deep.equal(['Planned', 'In progress', 'Shipped']);
      expect(titlesIn(columns(second)[0]!)).to.deep.equal(['Offline sync', 'Dark mode']);
      expect(calls.sort()).to.deep.equal(['getBoard', 'listPosts in-progress', 'listPosts planned', 'listPosts shipped']);

      const other = await roadmap(client, { statuses: 'shipped' });
      expect(other.view).not.to.equal(first.view);
    });
  });

  describe('errors', () => {
    it('fails one column alone, with a working Try again', async () => {
      let fail = true;
      const client = memoryClient({}, roadmapPosts);
      const list = client.adapter.listPosts;
      (client.adapter as { listPosts: SaysoAdapter['listPosts'] }).listPosts = (params) =>
        fail && params.status === 'shipped' ? rejectWith('network')() : list(params);
      const el = await roadmap(client);
      const shipped = columns(el)[2]!;
      expect(part(shipped, 'error')!.textContent).to.contain('offline');
      expect(titlesIn(columns(el)[0]!)).to.have.length(2);
      fail = false;
      (part(shipped, 'retry') as HTMLButtonElement).click();
      await until(() => titlesIn(columns(el)[2]!).length === 1);
      expect(part(columns(el)[2]!, 'error')).to.be.null;
    });

    it('says so when the board cannot be loaded', async () => {
      const el = await roadmap(memoryClient({}, roadmapPosts), { board: 'missing' });
      expect(part(el, 'error')!.textContent).to.contain('could not be found');
      expect(el.matches(':state(error)')).to.be.true;
    });
  });

  describe('accessibility', () => {
    it('is accessible while loading', async () => {
      const el = await fixture<SaysoRoadmap>(
        html`<sayso-roadmap board="demo" .client=${memoryClient({ listPosts: () => new Promise(() => {}) })}></sayso-roadmap>`,
      );
      await until(() => columns(el).length === 3);
      await expect(el).to.be.accessible();
    });

    it('is accessible with ideas, an empty column and links', async () => {
      const el = await roadmap(memoryClient({}, roadmapPosts.filter((p) => p.status !== 'in-progress')), { postHref: '/i/{id}' });
      await expect(el).to.be.accessible();
    });

    it('is accessible with a failed column and with a failed board', async () => {
      await expect(await roadmap(memoryClient({ listPosts: rejectWith('server') }, roadmapPosts))).to.be.accessible();
      await expect(await roadmap(memoryClient({}, roadmapPosts), { board: 'missing' })).to.be.accessible();
    });

    it('is accessible with the dark theme tokens loaded', async () => {
      const style = document.createElement('style');
      style.textContent = await (await fetch(new URL('../../styles/dark.css', import.meta.url))).text();
      document.head.append(style);
      try {
        const wrapper = await fixture<HTMLDivElement>(
          html`<div class="sayso-theme-dark" style="background: var(--sayso-color-surface); padding: 1px">
            <sayso-roadmap board="demo" .client=${memoryClient({}, roadmapPosts)}></sayso-roadmap>
          </div>`,
        );
        const el = wrapper.querySelector('sayso-roadmap')!;
        await until(() => settled(el));
        await expect(wrapper).to.be.accessible();
      } finally {
        style.remove();
      }
    });
  });

  describe('layout', () => {
    it('scrolls columns sideways on a narrow screen, starting from the right in RTL', async () => {
      const wrapper = await fixture<HTMLDivElement>(
        html`<div dir="rtl" style="width: 320px">
          <sayso-roadmap board="demo" .client=${memoryClient({}, roadmapPosts)}></sayso-roadmap>
        </div>`,
      );
      const el = wrapper.querySelector('sayso-roadmap')!;
      await until(() => settled(el));
      await el.updateComplete;
      const row = part(el, 'base')!;
      expect(row.scrollWidth).to.be.greaterThan(row.clientWidth);
      expect(getComputedStyle(row).overflowX).to.equal('auto');
      const [first, second] = columns(el);
      expect(first!.getBoundingClientRect().right).to.be.greaterThan(second!.getBoundingClientRect().right);
      expect(wrapper.getBoundingClientRect().width).to.equal(320);
      await expect(wrapper).to.be.accessible();
    });
  });
});
