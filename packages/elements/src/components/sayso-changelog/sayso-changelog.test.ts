import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { changelogSeenKey, createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { createMemoryAdapter, type SeedPost } from '@sayso/adapter-memory';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { memoryClient, rejectWith, seededData } from '../../internal/test-fixtures.js';
import './sayso-changelog.js';
import type { SaysoChangelog } from './sayso-changelog.component.js';

const changelogPosts: SeedPost[] = [
  { board: 'demo', title: 'Dark mode', votes: 5, status: 'shipped', createdAt: '2026-01-01T00:00:00Z' },
  { board: 'demo', title: 'Offline sync', votes: 1, status: 'shipped', createdAt: '2026-01-03T00:00:00Z' },
  { board: 'demo', title: 'CSV export', votes: 2, status: 'shipped', createdAt: '2026-01-02T00:00:00Z' },
  { board: 'demo', title: 'Planned idea', votes: 9, status: 'planned', createdAt: '2026-01-04T00:00:00Z' },
];

const root = (el: SaysoChangelog) => el.shadowRoot!;
const part = (el: SaysoChangelog, name: string) => root(el).querySelector<HTMLElement>(`[part~="${name}"]`);
const entries = (el: SaysoChangelog) => [...root(el).querySelectorAll<HTMLElement>('[part="entry"]')];
const titles = (el: SaysoChangelog) =>
  entries(el).map((e) => (e.querySelector('[part="link"]') ?? e.querySelector('[part="title"]'))!.textContent!.replace(/^\s*New:?\s*/, '').trim());

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

async function changelog(client: SaysoClient, attrs: { postHref?: string; board?: string } = {}) {
  const el = await fixture<SaysoChangelog>(
    html`<sayso-changelog board=${attrs.board ?? 'demo'} post-href=${attrs.postHref ?? ''} .client=${client}></sayso-changelog>`,
  );
  await until(() => el.matches(':not(:state(loading))'), 'changelog loaded');
  await el.updateComplete;
  return el;
}

describe('<sayso-changelog>', () => {
  beforeEach(() => {
    localStorage.removeItem(changelogSeenKey('demo'));
    localStorage.removeItem(changelogSeenKey('quiet'));
  });

  describe('defaults', () => {
    it('lists shipped ideas newest first, with status and demand', async () => {
      const el = await changelog(memoryClient({}, changelogPosts));
      expect(titles(el)).to.deep.equal(['Offline sync', 'CSV export', 'Dark mode']);
      expect(entries(el)[0]!.querySelector('[part="status"]')!.textContent!.trim()).to.equal('Shipped');
      expect(entries(el)[2]!.querySelector('[part="votes"]')!.textContent).to.equal('Asked for by 5 people');
      expect(entries(el)[0]!.querySelector('[part="votes"]')!.textContent).to.equal('Asked for by 1 person');
      expect(part(el, 'heading')!.textContent).to.equal("What's new");
    });

    it('orders updates by when they shipped, not when they were posted, and shows the date', async () => {
      const shippedLate: SeedPost[] = [
        { board: 'demo', title: 'Posted first, shipped last', status: 'shipped', createdAt: '2026-01-01T00:00:00Z', shippedAt: '2026-03-20T12:00:00Z' },
        { board: 'demo', title: 'Posted last, shipped first', status: 'shipped', createdAt: '2026-01-09T00:00:00Z', shippedAt: '2026-02-02T12:00:00Z' },
      ];
      const el = await changelog(memoryClient({}, shippedLate));
      expect(titles(el)).to.deep.equal(['Posted first, shipped last', 'Posted last, shipped first']);
      const date = entries(el)[0]!.querySelector('time[part="date"]')!;
      expect(date.getAttribute('datetime')).to.equal('2026-03-20T12:00:00Z');
      expect(date.textContent).to.match(/^Shipped .*2026/);
    });

    it('links to the ideas only when post-href is set', async () => {
      const plain = await changelog(memoryClient({}, changelogPosts));
      expect(part(plain, 'link')).to.be.null;
      const client = memoryClient({}, changelogPosts);
      const linked = await changelog(client, { postHref: '/ideas/{id}' });
      const id = linked.view!.$entries.get()[0]!.id;
      expect(part(linked, 'link')!.getAttribute('href')).to.equal(`/ideas/${encodeURIComponent(id)}`);
    });

    it('shows a loading state first', async () => {
      const el = await fixture<SaysoChangelog>(
        html`<sayso-changelog board="demo" .client=${memoryClient({ listPosts: () => new Promise(() => {}) })}></sayso-changelog>`,
      );
      await el.updateComplete;
      expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
      expect(el.matches(':state(loading)')).to.be.true;
    });

    it('shows an empty state when nothing has shipped', async () => {
      const el = await changelog(memoryClient({}, changelogPosts), { board: 'quiet' });
      expect(part(el, 'empty')!.textContent).to.contain('Nothing has shipped yet');
      expect(el.matches(':state(empty)')).to.be.true;
      expect(part(el, 'badge')).to.be.null;
    });
  });

  describe('unread', () => {
    it('counts unread updates in a badge and marks them', async () => {
      const el = await changelog(memoryClient({}, changelogPosts));
      const badge = part(el, 'badge')!;
      expect(badge.textContent).to.equal('3');
      expect(badge.getAttribute('aria-label')).to.equal('3 unread updates');
      expect(el.unreadCount).to.equal(3);
      expect(el.matches(':state(unread)')).to.be.true;
      expect(entries(el).every((e) => e.hasAttribute('data-unread'))).to.be.true;
      expect(root(el).querySelectorAll('[part="new"]')).to.have.length(3);
    });

    it('marks all as read, and remembers it in a new element', async () => {
      const client = memoryClient({}, changelogPosts);
      const el = await changelog(client);
      (part(el, 'mark-read') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(part(el, 'badge')).to.be.null;
      expect(part(el, 'mark-read')).to.be.null;
      expect(el.matches(':state(unread)')).to.be.false;
      expect(root(el).querySelector('[part="new"]')).to.be.null;
      expect(JSON.parse(localStorage.getItem(changelogSeenKey('demo'))!)).to.have.length(3);

      el.remove();
      const again = await changelog(client);
      expect(part(again, 'badge')).to.be.null;
      expect(again.matches(':state(unread)')).to.be.false;
    });

    it('counts only the updates not seen before', async () => {
      const client = memoryClient({}, changelogPosts);
      const first = await changelog(client);
      const [newest, ...older] = first.view!.$entries.get();
      localStorage.setItem(changelogSeenKey('demo'), JSON.stringify(older.map((p) => p.id)));
      first.remove();
      const el = await changelog(client);
      expect(part(el, 'badge')!.getAttribute('aria-label')).to.equal('1 unread update');
      expect(entries(el).map((e) => e.hasAttribute('data-unread'))).to.deep.equal([true, false, false]);
      expect(el.view!.$unread.get()).to.deep.equal([newest!.id]);
    });

    it('fetches once for two changelogs of one board, which share what is read', async () => {
      let fetches = 0;
      const client = memoryClient({}, changelogPosts);
      const list = client.adapter.listPosts;
      (client.adapter as { listPosts: typeof list }).listPosts = (params) => (fetches++, list(params));
      const [first, second] = await Promise.all([changelog(client), changelog(client)]);
      expect(fetches).to.equal(1);
      expect(titles(second)).to.deep.equal(['Offline sync', 'CSV export', 'Dark mode']);
      (part(first, 'mark-read') as HTMLButtonElement).click();
      await until(() => part(second, 'badge') === null, 'the other changelog shows them read');
    });

    it('keeps working when storage throws', async () => {
      const getItem = Storage.prototype.getItem;
      const setItem = Storage.prototype.setItem;
      Storage.prototype.getItem = () => {
        throw new DOMException('denied', 'SecurityError');
      };
      Storage.prototype.setItem = () => {
        throw new DOMException('full', 'QuotaExceededError');
      };
      try {
        const el = await changelog(memoryClient({}, changelogPosts));
        expect(part(el, 'badge')!.textContent).to.equal('3');
        (part(el, 'mark-read') as HTMLButtonElement).click();
        await el.updateComplete;
        expect(part(el, 'badge')).to.be.null;
      } finally {
        Storage.prototype.getItem = getItem;
        Storage.prototype.setItem = setItem;
      }
    });
  });

  describe('errors', () => {
    it('shows a calm error with a working Try again', async () => {
      let fail = true;
      const client = memoryClient({}, changelogPosts);
      const list = client.adapter.listPosts;
      (client.adapter as { listPosts: typeof list }).listPosts = (params) => (fail ? rejectWith('network')() : list(params));
      const el = await changelog(client);
      expect(part(el, 'error')!.textContent).to.contain('offline');
      expect(el.matches(':state(error)')).to.be.true;
      fail = false;
      (part(el, 'retry') as HTMLButtonElement).click();
      await until(() => entries(el).length === 3);
      expect(el.matches(':state(error)')).to.be.false;
    });
  });

  describe('accessibility', () => {
    it('is accessible while loading', async () => {
      const el = await fixture<SaysoChangelog>(
        html`<sayso-changelog board="demo" .client=${memoryClient({ listPosts: () => new Promise(() => {}) })}></sayso-changelog>`,
      );
      await expect(el).to.be.accessible();
    });

    it('is accessible with unread updates and links', async () => {
      await expect(await changelog(memoryClient({}, changelogPosts), { postHref: '/i/{id}' })).to.be.accessible();
    });

    it('is accessible when all is read, when empty and when failed', async () => {
      const el = await changelog(memoryClient({}, changelogPosts));
      el.markAllRead();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      await expect(await changelog(memoryClient({}, changelogPosts), { board: 'quiet' })).to.be.accessible();
      await expect(await changelog(memoryClient({ listPosts: rejectWith('server') }, changelogPosts))).to.be.accessible();
    });

    it('is accessible with the dark theme tokens loaded, right to left', async () => {
      const style = document.createElement('style');
      style.textContent = await (await fetch(new URL('../../styles/dark.css', import.meta.url))).text();
      document.head.append(style);
      try {
        const wrapper = await fixture<HTMLDivElement>(
          html`<div dir="rtl" class="sayso-theme-dark" style="background: var(--sayso-color-surface); padding: 1px">
            <sayso-changelog board="demo" post-href="/i/{id}" .client=${memoryClient({}, changelogPosts)}></sayso-changelog>
          </div>`,
        );
        const el = wrapper.querySelector('sayso-changelog')!;
        await until(() => entries(el).length === 3);
        const heading = part(el, 'heading')!.getBoundingClientRect();
        const button = part(el, 'mark-read')!.getBoundingClientRect();
        expect(button.left, 'Mark all as read sits at the inline end (left in RTL)').to.be.lessThan(heading.left);
        await expect(wrapper).to.be.accessible();
      } finally {
        style.remove();
      }
    });
  });

  describe('changelog entries', () => {
    /**
     * The demo board (Dark mode seed-1, Offline sync seed-2, CSV export seed-3) where an admin
     * published `entries` in order (the last is the newest); the client pages them by `pageSize`.
     */
    async function published(entries: Array<{ title: string; body?: string; postIds?: string[] }>, options: { pageSize?: number; overrides?: Partial<SaysoAdapter> } = {}) {
      const data = seededData();
      const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true }).admin!;
      for (const entry of entries) {
        const created = await admin.createChangelogEntry({ board: 'demo', ...entry });
        await admin.publishChangelogEntry({ entryId: created.id });
      }
      const adapter = createMemoryAdapter({ data });
      const listChangelogEntries: SaysoAdapter['listChangelogEntries'] = (params) =>
        adapter.listChangelogEntries({ ...params, ...(options.pageSize ? { limit: options.pageSize } : {}) });
      return createSaysoClient({ adapter: { ...adapter, listChangelogEntries, ...options.overrides } });
    }

    const entryTitles = (el: SaysoChangelog) => entries(el).map((e) => e.querySelector('[part="title"]')!.textContent!.replace(/^\s*New:?\s*/, '').trim());

    /** Waits until the entry texts went through the markdown renderer. */
    const rendered = (el: SaysoChangelog) => until(() => part(el, 'entry-body')?.querySelector('.plain') === null, 'markdown rendered');

    it('shows the entries newest first, with date, markdown text and the ideas they shipped', async () => {
      const client = await published([
        { title: 'Winter release', body: 'Exports, **finally**.', postIds: ['seed-3'] },
        { title: 'Spring release', body: 'Two *big* ones:\n\n- offline\n- dark', postIds: ['seed-2', 'seed-1'] },
      ]);
      const el = await changelog(client, { postHref: '/ideas/{id}' });
      await rendered(el);
      expect(entryTitles(el)).to.deep.equal(['Spring release', 'Winter release']);
      const [spring, winter] = entries(el);
      expect(spring!.querySelector('time[part="date"]')!.getAttribute('datetime')).to.match(/^\d{4}-/);
      expect(spring!.querySelector('[part="entry-body"] em')!.textContent).to.equal('big');
      expect(spring!.querySelectorAll('[part="entry-body"] li')).to.have.length(2);
      expect(winter!.querySelector('[part="entry-body"] strong')!.textContent).to.equal('finally');
      const ideas = [...spring!.querySelectorAll<HTMLAnchorElement>('[part="shipped-idea"]')];
      expect(ideas.map((a) => [a.textContent!.trim(), a.getAttribute('href')])).to.deep.equal([
        ['Offline sync', '/ideas/seed-2'],
        ['Dark mode', '/ideas/seed-1'],
      ]);
      expect(part(el, 'votes'), 'no list of shipped ideas besides the entries').to.be.null;
      await expect(el).to.be.accessible();
    });

    it('opens a shipped idea as cards do when there is no post-href', async () => {
      const el = await changelog(await published([{ title: 'Spring release', postIds: ['seed-2'] }]));
      const idea = part(el, 'shipped-idea') as HTMLButtonElement;
      expect(idea.tagName).to.equal('BUTTON');
      const opened = oneEvent(el, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      idea.click();
      expect((await opened).detail).to.deep.equal({ postId: 'seed-2', board: 'demo' });
    });

    it('renders markup in an entry harmless', async () => {
      const body = [
        'Safe **text**.',
        '<script>window.__saysoEntryRan = true</script>',
        '<img src="x" onerror="window.__saysoEntryRan = true">',
        '[click](javascript:window.__saysoEntryRan=true)',
      ].join('\n\n');
      const el = await changelog(await published([{ title: 'Hostile', body }]));
      await rendered(el);
      const shown = part(el, 'entry-body')!;
      expect(shown.querySelector('strong')!.textContent).to.equal('text');
      expect(shown.querySelector('script, img, [onerror]')).to.be.null;
      expect(shown.textContent).to.contain('<script>');
      expect(/^javascript:/i.test(shown.querySelector('a')?.getAttribute('href') ?? ''), 'no script link').to.be.false;
      (shown.querySelector('a') as HTMLAnchorElement | null)?.click();
      await new Promise((r) => setTimeout(r, 50));
      expect((window as { __saysoEntryRan?: boolean }).__saysoEntryRan).to.be.undefined;
    });

    it('loads older entries', async () => {
      const client = await published([{ title: 'One' }, { title: 'Two' }, { title: 'Three' }], { pageSize: 2 });
      const el = await changelog(client);
      expect(entryTitles(el)).to.deep.equal(['Three', 'Two']);
      (part(el, 'load-more') as HTMLButtonElement).click();
      await until(() => entries(el).length === 3, 'older entries loaded');
      expect(entryTitles(el)).to.deep.equal(['Three', 'Two', 'One']);
      expect(part(el, 'load-more')).to.be.null;
    });

    it('counts unread entries and marks them read', async () => {
      const el = await changelog(await published([{ title: 'One' }, { title: 'Two' }]));
      expect(part(el, 'badge')!.textContent).to.equal('2');
      expect(el.unreadCount).to.equal(2);
      (part(el, 'mark-read') as HTMLButtonElement).click();
      await el.updateComplete;
      expect(part(el, 'badge')).to.be.null;
      expect(JSON.parse(localStorage.getItem(changelogSeenKey('demo'))!)).to.have.length(2);
    });

    it('shows the shipped ideas when the entries cannot be listed', async () => {
      const client = await published([{ title: 'One', postIds: ['seed-3'] }], { overrides: { listChangelogEntries: rejectWith('not_found') } });
      const el = await changelog(client);
      expect(titles(el)).to.deep.equal(['CSV export']);
      expect(part(el, 'votes')).to.not.be.null;
    });
  });
});
