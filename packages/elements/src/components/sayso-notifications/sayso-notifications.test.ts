import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys, sendMouse } from '@web/test-runner-commands';
import { createMemoryAdapter } from '@sayso/adapter-memory';
import { createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { deepActiveElement } from '../../controllers/focus-trap.js';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { clientWithMergedIdea, deferred, rejectWith, seededData } from '../../internal/test-fixtures.js';
import './sayso-notifications.js';
import type { SaysoNotifications } from './sayso-notifications.component.js';

const root = (el: SaysoNotifications) => el.shadowRoot!;
const part = <T extends HTMLElement = HTMLElement>(el: SaysoNotifications, name: string) =>
  root(el).querySelector<T>(`[part~="${name}"]`);
const trigger = (el: SaysoNotifications) => part<HTMLButtonElement>(el, 'trigger')!;
const items = (el: SaysoNotifications) => [...root(el).querySelectorAll<HTMLButtonElement>('[part="item"]')];
const texts = (el: SaysoNotifications) =>
  items(el).map((item) => item.querySelector('[part="text"]')!.textContent!.replace(/^\s*Unread:\s*/, '').trim());

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

/**
 * The demo board where the visitor of the returned client wrote "Dark mode for the editor"
 * (someone replied) and voted for "CSV export" (an admin shipped it): two unread notifications.
 */
async function withNews(overrides: Partial<SaysoAdapter> = {}) {
  const data = seededData();
  const me = createMemoryAdapter({ data });
  const someone = createMemoryAdapter({ data, voterId: 'someone-else' });
  const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true });
  const mine = await me.createPost({ board: 'demo', title: 'Dark mode for the editor', body: '' });
  await me.vote({ postId: 'seed-3' });
  await someone.addComment({ postId: mine.id, body: 'Me too' });
  await admin.admin!.setPostStatus({ postId: 'seed-3', status: 'shipped' });
  return { client: createSaysoClient({ adapter: { ...me, ...overrides } }), someone, mine, me };
}

async function bell(client: SaysoClient) {
  const wrapper = await fixture<HTMLDivElement>(html`
    <div style="position: fixed; top: 20px; right: 40px">
      <sayso-notifications .client=${client}></sayso-notifications>
    </div>
  `);
  const el = wrapper.querySelector('sayso-notifications')!;
  await until(() => el.matches(':not(:state(loading))'), 'notifications loaded');
  await el.updateComplete;
  return el;
}

async function openList(el: SaysoNotifications) {
  trigger(el).click();
  await el.updateComplete;
  await until(() => !!part(el, 'panel') && !part(el, 'panel')!.hidden, 'list shown');
  await until(() => part(el, 'panel')!.style.position === 'fixed', 'list placed by floating-ui');
}

describe('<sayso-notifications>', () => {
  describe('defaults', () => {
    it('counts unread notifications on the bell, in its accessible name', async () => {
      const el = await bell((await withNews()).client);
      expect(trigger(el).getAttribute('aria-label')).to.equal('Notifications, 2 unread');
      expect(part(el, 'badge')!.textContent).to.equal('2');
      expect(part(el, 'badge')!.getAttribute('aria-hidden')).to.equal('true');
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('false');
      expect(el.unreadCount).to.equal(2);
      expect(el.matches(':state(unread)')).to.be.true;
      expect(part(el, 'panel')).to.be.null;
    });

    it('lists what happened, newest first, unread ones marked, with how long ago', async () => {
      const el = await bell((await withNews()).client);
      await openList(el);
      expect(trigger(el).getAttribute('aria-expanded')).to.equal('true');
      expect(el.matches(':state(open)')).to.be.true;
      expect(texts(el)).to.deep.equal(['Your request “CSV export” shipped', 'New reply on “Dark mode for the editor”']);
      expect(items(el).every((item) => item.hasAttribute('data-unread'))).to.be.true;
      expect(items(el)[0]!.textContent).to.contain('Unread:');
      const time = items(el)[0]!.querySelector('time')!;
      expect(Number.isNaN(Date.parse(time.getAttribute('datetime')!))).to.be.false;
      expect(time.textContent!.trim()).to.equal('now');
    });

    it('shows an empty state when there is nothing to tell', async () => {
      const el = await bell(createSaysoClient({ adapter: createMemoryAdapter({ data: seededData() }) }));
      expect(trigger(el).getAttribute('aria-label')).to.equal('Notifications');
      expect(part(el, 'badge')).to.be.null;
      await openList(el);
      expect(part(el, 'empty')!.textContent).to.contain('No notifications yet');
      expect(el.matches(':state(empty)')).to.be.true;
      expect(part(el, 'mark-all-read')).to.be.null;
    });

    it('shows a loading state first', async () => {
      const { client } = await withNews({ listNotifications: () => new Promise(() => {}) });
      const el = await fixture<SaysoNotifications>(html`<sayso-notifications open .client=${client}></sayso-notifications>`);
      await el.updateComplete;
      expect(el.matches(':state(loading)')).to.be.true;
      expect(part(el, 'loading')!.getAttribute('role')).to.equal('status');
    });
  });

  describe('reading', () => {
    it('opens the idea of a chosen notification, marks it read and closes, focus back on the bell', async () => {
      const { client } = await withNews();
      const el = await bell(client);
      await openList(el);
      const opened = oneEvent(el, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      items(el)[0]!.click();
      const event = await opened;
      expect(event.detail).to.deep.equal({ postId: 'seed-3', board: 'demo' });
      expect(event.bubbles && event.composed).to.be.true;
      await until(() => el.unreadCount === 1, 'one left unread');
      await el.updateComplete;
      expect(el.open).to.be.false;
      expect(trigger(el).getAttribute('aria-label')).to.equal('Notifications, 1 unread');
      expect(deepActiveElement()).to.equal(trigger(el));
      expect((await client.adapter.listNotifications()).unreadCount).to.equal(1);
    });

    it('tells the people of a merged idea where their vote counts now, and opens that idea', async () => {
      const { client, darkMode } = await clientWithMergedIdea();
      const el = await bell(client);
      await openList(el);
      expect(texts(el)).to.deep.equal(['“Night theme” was merged into “Dark mode”; your vote counts there']);
      const opened = oneEvent(el, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      items(el)[0]!.click();
      expect((await opened).detail).to.deep.equal({ postId: darkMode, board: 'demo' });
      await expect(el).to.be.accessible();
    });

    it('words a merged notification whose merged idea is not named', async () => {
      const merged = {
        id: 'n1', kind: 'merged' as const, post: { id: 'seed-1', board: 'demo', title: 'Dark mode' }, comment: null,
        mergedFrom: null, changelog: null, status: null, note: null, backlogItem: null, createdAt: new Date().toISOString(), readAt: null,
      };
      const { client } = await withNews({ listNotifications: async () => ({ items: [merged], nextCursor: null, unreadCount: 1 }) });
      const el = await bell(client);
      await openList(el);
      expect(texts(el)).to.deep.equal(['An idea you asked for was merged into “Dark mode”; your vote counts there']);
    });

    const fixed = (post: { id: string; board: string; title: string } | null) => ({
      id: post ? 'fixed-with-idea' : 'fixed-without-idea', kind: 'fixed' as const, post, comment: null, mergedFrom: null,
      changelog: null, status: null, note: null, backlogItem: { id: 'b1', title: 'Add indexes for the slowest queries' },
      createdAt: new Date().toISOString(), readAt: null,
    });

    it('tells that work backing what the visitor reported was fixed, and opens the idea they asked for', async () => {
      const { client } = await withNews({
        listNotifications: async () => ({ items: [fixed({ id: 'seed-1', board: 'demo', title: 'The board is slow' })], nextCursor: null, unreadCount: 1 }),
      });
      const el = await bell(client);
      await openList(el);
      expect(texts(el)).to.deep.equal(['Fixed: “Add indexes for the slowest queries”, which you reported']);
      expect(items(el)[0]!.localName).to.equal('button');
      expect(part(el, 'mark-read')).to.be.null;
      const opened = oneEvent(el, 'sayso-open-post') as Promise<SaysoOpenPostEvent>;
      items(el)[0]!.click();
      expect((await opened).detail).to.deep.equal({ postId: 'seed-1', board: 'demo' });
    });

    it('does not offer news about no idea as a link: its text, and its own Mark as read', async () => {
      const read: string[][] = [];
      const { client } = await withNews({
        listNotifications: async () => ({ items: [{ ...fixed(null), readAt: read.length > 0 ? new Date().toISOString() : null }], nextCursor: null, unreadCount: read.length > 0 ? 0 : 1 }),
        markNotificationsRead: async (selection) => {
          read.push('ids' in selection ? selection.ids : []);
          return { unreadCount: 0 };
        },
      });
      const el = await bell(client);
      const opened: Event[] = [];
      el.addEventListener('sayso-open-post', (event) => opened.push(event));
      await openList(el);
      expect(texts(el)).to.deep.equal(['Fixed: “Add indexes for the slowest queries”, which you reported']);
      const item = items(el)[0]!;
      expect(item.localName).to.equal('div');
      expect(item.hasAttribute('data-unread')).to.be.true;
      expect(item.querySelector('button, a, [tabindex]')).to.be.null;
      item.click();
      await el.updateComplete;
      expect(el.open, 'the list stays open: the text is no control').to.be.true;
      await expect(el).to.be.accessible();

      const markRead = part<HTMLButtonElement>(el, 'mark-read')!;
      expect(markRead.textContent!.trim()).to.equal('Mark as read');
      markRead.click();
      await until(() => el.unreadCount === 0, 'read');
      await el.updateComplete;
      expect(read).to.deep.equal([['fixed-without-idea']]);
      expect(part(el, 'mark-read')).to.be.null;
      expect(items(el)[0]!.hasAttribute('data-unread')).to.be.false;
      expect(opened).to.have.length(0);
    });

    it('marks all as read', async () => {
      const { client } = await withNews();
      const el = await bell(client);
      await openList(el);
      part<HTMLButtonElement>(el, 'mark-all-read')!.click();
      await until(() => el.unreadCount === 0);
      await el.updateComplete;
      expect(part(el, 'badge')).to.be.null;
      expect(part(el, 'mark-all-read')).to.be.null;
      expect(items(el).some((item) => item.hasAttribute('data-unread'))).to.be.false;
      expect(el.matches(':state(unread)')).to.be.false;
      expect((await client.adapter.listNotifications()).unreadCount).to.equal(0);
    });

    it('says so when marking read fails, and keeps them unread', async () => {
      const { client } = await withNews({ markNotificationsRead: rejectWith('network') });
      const el = await bell(client);
      await openList(el);
      part<HTMLButtonElement>(el, 'mark-all-read')!.click();
      await until(() => !!part(el, 'error'), 'error shown');
      expect(part(el, 'error')!.textContent).to.contain('Could not mark as read');
      expect(part(el, 'error')!.getAttribute('role')).to.equal('alert');
      expect(el.unreadCount).to.equal(2);
    });

    it('loads older notifications', async () => {
      const { client, someone, mine } = await withNews();
      for (let n = 1; n <= 22; n++) await someone.addComment({ postId: mine.id, body: `Reply ${n}` });
      const el = await bell(client);
      await openList(el);
      expect(items(el)).to.have.length(20);
      part<HTMLButtonElement>(el, 'load-more')!.click();
      await until(() => items(el).length === 24, 'all loaded');
      expect(part(el, 'load-more')).to.be.null;
      expect(texts(el).at(-1)).to.equal('New reply on “Dark mode for the editor”');
    });

    it('shows news when the page becomes visible again', async () => {
      const { client, someone, mine } = await withNews();
      const el = await bell(client);
      await someone.addComment({ postId: mine.id, body: 'Still there?' });
      document.dispatchEvent(new Event('visibilitychange'));
      await until(() => el.unreadCount === 3, 'news shown');
      await el.updateComplete;
      expect(trigger(el).getAttribute('aria-label')).to.equal('Notifications, 3 unread');
    });
  });

  describe('keyboard and dismissal', () => {
    it('moves focus into the list, closes on Escape and gives focus back to the bell', async () => {
      const el = await bell((await withNews()).client);
      trigger(el).focus();
      await sendKeys({ press: 'Enter' });
      await until(() => el.open && !!part(el, 'panel') && !part(el, 'panel')!.hidden);
      await until(() => part(el, 'panel')!.contains(deepActiveElement()), 'focus in the list');
      await sendKeys({ press: 'Escape' });
      await until(() => !el.open);
      await el.updateComplete;
      expect(part(el, 'panel')!.hidden).to.be.true;
      expect(deepActiveElement()).to.equal(trigger(el));
    });

    it('closes on a click outside', async () => {
      const el = await bell((await withNews()).client);
      await openList(el);
      await sendMouse({ type: 'click', position: [5, 400] });
      await until(() => !el.open);
      expect(el.matches(':state(open)')).to.be.false;
    });
  });

  describe('events', () => {
    it('tells the host when the visitor opens and closes the list, and why, but not when code does', async () => {
      const el = await bell((await withNews()).client);
      const heard: string[] = [];
      el.addEventListener('sayso-open', (event) => heard.push(`${event.type} ${event.bubbles && event.composed}`));
      el.addEventListener('sayso-close', (event) => heard.push(`${event.type} ${event.detail.reason}`));

      await openList(el);
      trigger(el).click();
      await until(() => !el.open);
      await openList(el);
      await sendKeys({ press: 'Escape' });
      await until(() => !el.open);
      await openList(el);
      await sendMouse({ type: 'click', position: [5, 400] });
      await until(() => !el.open);
      await openList(el);
      items(el)[0]!.click();
      await until(() => !el.open);
      expect(heard).to.deep.equal([
        'sayso-open true', 'sayso-close trigger',
        'sayso-open true', 'sayso-close escape',
        'sayso-open true', 'sayso-close outside',
        'sayso-open true', 'sayso-close choice',
      ]);

      el.open = true;
      await el.updateComplete;
      el.open = false;
      await el.updateComplete;
      expect(heard).to.have.length(8);
    });
  });

  describe('errors', () => {
    it('shows a calm error with a working Try again', async () => {
      let fail = true;
      const { client, me } = await withNews();
      (client.adapter as { listNotifications: SaysoAdapter['listNotifications'] }).listNotifications = (params) =>
        fail ? rejectWith('network')() : me.listNotifications(params);
      const el = await bell(client);
      expect(el.matches(':state(error)')).to.be.true;
      await openList(el);
      expect(part(el, 'error')!.textContent).to.contain('offline');
      fail = false;
      part<HTMLButtonElement>(el, 'retry')!.click();
      await until(() => items(el).length === 2);
      expect(el.matches(':state(error)')).to.be.false;
    });
  });

  describe('accessibility', () => {
    it('is accessible closed, open, empty and failed', async () => {
      const el = await bell((await withNews()).client);
      await expect(el).to.be.accessible();
      await openList(el);
      await expect(el).to.be.accessible();
      const empty = await bell(createSaysoClient({ adapter: createMemoryAdapter({ data: seededData() }) }));
      await openList(empty);
      await expect(empty).to.be.accessible();
      const failed = await bell((await withNews({ listNotifications: rejectWith('server') })).client);
      await openList(failed);
      await expect(failed).to.be.accessible();
    });

    it('is accessible while loading', async () => {
      const pending = deferred<never>();
      const { client } = await withNews({ listNotifications: () => pending.promise });
      const el = await fixture<SaysoNotifications>(html`<sayso-notifications open .client=${client}></sayso-notifications>`);
      await el.updateComplete;
      await expect(el).to.be.accessible();
    });

    it('is accessible with the dark theme tokens loaded, right to left', async () => {
      const style = document.createElement('style');
      style.textContent = await (await fetch(new URL('../../styles/dark.css', import.meta.url))).text();
      document.head.append(style);
      try {
        const { client } = await withNews();
        const wrapper = await fixture<HTMLDivElement>(
          html`<div dir="rtl" class="sayso-theme-dark" style="background: var(--sayso-color-surface); padding: 1rem">
            <sayso-notifications .client=${client}></sayso-notifications>
          </div>`,
        );
        const el = wrapper.querySelector('sayso-notifications')!;
        await until(() => el.unreadCount === 2);
        await openList(el);
        const badge = part(el, 'badge')!.getBoundingClientRect();
        const bellBox = trigger(el).getBoundingClientRect();
        expect(badge.left, 'the badge sits at the inline end (left in RTL)').to.be.lessThan(bellBox.left + bellBox.width / 2);
        await expect(wrapper).to.be.accessible();
      } finally {
        style.remove();
      }
    });
  });

  describe('status news', () => {
    /** The visitor voted for "Offline sync", which an admin shipped with a note; `publish`: by a changelog entry instead. */
    async function shipped(options: { note?: string; publish?: boolean } = {}) {
      const data = seededData();
      const me = createMemoryAdapter({ data });
      const admin = createMemoryAdapter({ data, voterId: 'the-admin', admin: true }).admin!;
      await me.vote({ postId: 'seed-2' });
      if (options.publish) {
        const entry = await admin.createChangelogEntry({ board: 'demo', title: 'Spring release', body: 'Works offline now.', postIds: ['seed-2'] });
        await admin.publishChangelogEntry({ entryId: entry.id });
        return { client: createSaysoClient({ adapter: me }), entryId: entry.id };
      }
      await admin.setPostStatus({ postId: 'seed-2', status: 'shipped', ...(options.note ? { note: options.note } : {}) });
      return { client: createSaysoClient({ adapter: me }), entryId: '' };
    }

    it('shows the admin’s note as plain text, never as markup', async () => {
      const note = '**Finally** here. <img src=x onerror="window.__saysoNoteRan = true">';
      const el = await bell((await shipped({ note })).client);
      await openList(el);
      expect(texts(el)).to.deep.equal(['Your request “Offline sync” shipped']);
      const shown = part(el, 'note')!;
      expect(shown.textContent).to.equal('Finally here. <img src=x onerror="window.__saysoNoteRan = true">');
      expect(shown.closest('[part="item"]'), 'part of the notification').to.not.be.null;
      expect(root(el).querySelector('img')).to.be.null;
      await new Promise((r) => setTimeout(r, 50));
      expect((window as { __saysoNoteRan?: boolean }).__saysoNoteRan).to.be.undefined;
      await expect(el).to.be.accessible();
    });

    it('names the changelog entry that shipped it, linked where entries are shown', async () => {
      const { client, entryId } = await shipped({ publish: true });
      const el = await bell(client);
      el.changelogHref = '/changelog/{board}#{id}';
      await openList(el);
      expect(texts(el)).to.deep.equal(['Your request “Offline sync” shipped: Spring release']);
      const link = part<HTMLAnchorElement>(el, 'changelog-link')!;
      expect(link.textContent!.trim()).to.equal('Read what shipped');
      expect(link.getAttribute('href')).to.equal(`/changelog/demo#${entryId}`);
      await expect(el).to.be.accessible();
    });

    it('names the entry without a link when it has nowhere to go', async () => {
      const el = await bell((await shipped({ publish: true })).client);
      await openList(el);
      expect(texts(el)).to.deep.equal(['Your request “Offline sync” shipped: Spring release']);
      expect(part(el, 'changelog-link')).to.be.null;
    });
  });

  describe('email setting', () => {
    /** A bell of a visitor with news; `email`: the address Sayso has for them. */
    async function bellOf(options: { email?: string; overrides?: Partial<SaysoAdapter> } = {}) {
      if (options.email) {
        const data = seededData();
        data.emailPreferences.set('memory-visitor', { email: options.email, confirmed: true, emailOff: false });
        const adapter = { ...createMemoryAdapter({ data }), ...options.overrides };
        return { el: await bell(createSaysoClient({ adapter })), adapter };
      }
      const { client, me } = await withNews(options.overrides);
      return { el: await bell(client), adapter: me };
    }

    it('turns email off and on again for a visitor with an address', async () => {
      const { el, adapter } = await bellOf({ email: 'ana@example.com' });
      await openList(el);
      await until(() => part(el, 'email-toggle') !== null, 'setting shown');
      const toggle = part<HTMLInputElement>(el, 'email-toggle')!;
      expect(toggle.checked).to.be.true;
      expect(part(el, 'email-label')!.textContent!.trim()).to.equal('Email me about ideas I follow');

      toggle.click();
      await until(() => (part(el, 'email-status')!.textContent ?? '').includes('Email is off'), 'confirmed');
      expect(part(el, 'email-status')!.getAttribute('aria-live')).to.equal('polite');
      expect((await adapter.getEmailPreferences()).emailOff).to.be.true;

      part<HTMLInputElement>(el, 'email-toggle')!.click();
      await until(() => (part(el, 'email-status')!.textContent ?? '').includes('Email is on'), 'confirmed');
      expect((await adapter.getEmailPreferences()).emailOff).to.be.false;
      await expect(el).to.be.accessible();
    });

    it('puts the setting back and says why when it could not be changed', async () => {
      const { el, adapter } = await bellOf({ email: 'ana@example.com', overrides: { setEmailPreferences: rejectWith('network') } });
      await openList(el);
      await until(() => part(el, 'email-toggle') !== null, 'setting shown');
      part<HTMLInputElement>(el, 'email-toggle')!.click();
      await until(() => part(el, 'email-error') !== null, 'error shown');
      expect(part(el, 'email-error')!.textContent).to.contain('offline');
      expect(part<HTMLInputElement>(el, 'email-toggle')!.checked).to.be.true;
      expect((await adapter.getEmailPreferences()).emailOff).to.be.false;
    });

    it('is not offered to a visitor Sayso has no address for', async () => {
      const { el } = await bellOf();
      await openList(el);
      await new Promise((r) => setTimeout(r, 50));
      expect(part(el, 'footer')).to.be.null;
    });
  });
});
