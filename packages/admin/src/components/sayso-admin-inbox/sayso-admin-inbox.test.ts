import { expect, fixture, html } from '@open-wc/testing';
import { createMemoryAdapter, createMemoryData, seedMemoryFeedback, type SeedFeedback } from '@sayso/adapter-memory';
import { createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import type { SaysoAdminInbox } from './sayso-admin-inbox.component.js';
import './sayso-admin-inbox.js';
import { press, rejectWith, seedPosts, until } from '../../internal/test-fixtures.js';
import type { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';

// Newest received first: the email, then Slack, then Intercom.
const feedback: SeedFeedback[] = [
  { source: 'webhook:intercom', board: 'demo', text: 'Can we get offline sync for the mobile app?', author: { name: 'Ines', company: 'Acme' }, receivedAt: '2026-02-01T09:00:00Z' },
  { source: 'slack', board: 'demo', text: 'Customer asked again about exporting reports as CSV files.', author: { name: 'Sam' }, receivedAt: '2026-02-02T09:00:00Z' },
  {
    source: 'email',
    board: 'demo',
    title: 'Night shift',
    text: 'Please add a dark mode, the white screen hurts at night.',
    author: { name: 'Dana', email: 'dana@example.com' },
    link: 'https://mail.example.com/m/1',
    attachments: [{ name: 'screenshot.png', contentType: 'image/png', size: 20480 }],
    receivedAt: '2026-02-03T09:00:00Z',
  },
];

function inboxAdapter(): SaysoAdapter {
  const data = createMemoryData({ boards: [{ slug: 'demo', name: 'Demo' }, { slug: 'quiet' }], posts: seedPosts });
  seedMemoryFeedback(data, feedback);
  return createMemoryAdapter({ data, admin: true, voterId: 'admin-grace' });
}

const withAdmin = (adapter: SaysoAdapter, overrides: Partial<NonNullable<SaysoAdapter['admin']>>): SaysoClient =>
  createSaysoClient({ adapter: { ...adapter, admin: { ...adapter.admin!, ...overrides } } });

const shadow = (el: SaysoAdminInbox) => el.shadowRoot!;
const rows = (el: SaysoAdminInbox) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.replace(/\s+/g, ' ').trim() === name);
const expandToggle = (el: SaysoAdminInbox) => rows(el)[0]!.querySelector('[aria-expanded]')!;
const statusText = (el: SaysoAdminInbox) => shadow(el).querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();

/** The screen over `client`, following its own navigate events as the console would. */
async function inbox(client: SaysoClient = createSaysoClient({ adapter: inboxAdapter() }), params: Record<string, string> = {}) {
  const el = await fixture<SaysoAdminInbox>(html`<sayso-admin-inbox .client=${client} .params=${params}></sayso-admin-inbox>`);
  el.addEventListener('sayso-admin-navigate', (event) => {
    if (event.detail.screen === 'inbox') el.params = event.detail.params;
  });
  await until(() => rows(el).length > 0 || shadow(el).querySelector('[role="alert"]') || shadow(el).textContent!.includes('No feedback'));
  return el;
}

describe('sayso-admin-inbox', () => {
  describe('items', () => {
    it('shows each item with its source icon, author, excerpt, date and the ideas it may be about', async () => {
      const el = await inbox();
      expect(rows(el)).to.have.length(3);
      const icons = rows(el).map((row) => row.querySelector('svg[role="img"]')!.getAttribute('aria-label'));
      expect(icons).to.deep.equal(['Email', 'Slack', 'Intercom']);
      const [email] = rows(el);
      expect(email!.textContent).to.contain('Dana').and.contain('Night shift').and.contain('white screen hurts');
      expect(Date.parse(email!.querySelector('time')!.getAttribute('datetime')!)).to.equal(Date.parse('2026-02-03T09:00:00Z'));
      expect(button(email!, 'Link to “Dark mode”')).to.exist;
      expect(rows(el)[2]!.textContent).to.contain('Acme');
    });

    it('Enter unfolds the active item: its whole text, attachments and a link to its source', async () => {
      const el = await inbox();
      rows(el)[0]!.focus();
      press('Enter');
      await until(() => expandToggle(el).getAttribute('aria-expanded') === 'true');
      expect(rows(el)[0]!.textContent).to.contain('screenshot.png');
      expect(rows(el)[0]!.querySelector('a')!.getAttribute('href')).to.equal('https://mail.example.com/m/1');
      press('Escape');
      await until(() => expandToggle(el).getAttribute('aria-expanded') === 'false');
    });

    it('says so when nothing waits', async () => {
      const el = await inbox(undefined, { board: 'quiet' });
      expect(shadow(el).textContent).to.contain('No feedback matches these filters.');
    });
  });

  describe('actions', () => {
    it('links an item to a suggested idea: it leaves the list and the next item is active', async () => {
      const adapter = inboxAdapter();
      const el = await inbox(createSaysoClient({ adapter }));
      rows(el)[0]!.focus();
      button(rows(el)[0]!, 'Link to “Dark mode”')!.click();
      await until(() => rows(el).length === 2);
      expect(statusText(el)).to.contain('Linked 1 item to “Dark mode”.');
      expect(rows(el)[0]!.getAttribute('aria-selected')).to.equal('true');
      expect(shadow(el).activeElement).to.equal(rows(el)[0]);
      const linked = await adapter.admin!.listInbox({ state: 'linked', source: 'email' });
      expect(linked.items.map((item) => item.author.name)).to.deep.equal(['Dana']);
    });

    it('a archives the active item; in the archived filter a brings it back', async () => {
      const el = await inbox();
      rows(el)[1]!.focus();
      press('a');
      await until(() => rows(el).length === 2);
      expect(statusText(el)).to.contain('Archived 1 item.');
      expect(rows(el).map((row) => row.textContent)).not.to.satisfy((texts: string[]) => texts.some((text) => text.includes('Sam')));
      el.params = { state: 'archived' };
      await until(() => rows(el).length === 1 && rows(el)[0]!.textContent!.includes('Sam'));
      expect(button(rows(el)[0]!, 'Unarchive')).to.exist;
      rows(el)[0]!.focus();
      press('a');
      await until(() => rows(el).length === 0 || shadow(el).textContent!.includes('No feedback'));
      expect(statusText(el)).to.contain('Moved back to New: 1 item.');
    });

    it('x selects items; the selected are archived together', async () => {
      const el = await inbox();
      rows(el)[0]!.focus();
      press('x');
      press('j');
      await until(() => rows(el)[1]!.getAttribute('aria-selected') === 'true');
      press('x');
      const bulk = await until(() => shadow(el).querySelector('[part="bulk"]'));
      expect(bulk.textContent).to.contain('2 items selected');
      button(bulk, 'Archive selected')!.click();
      await until(() => rows(el).length === 1);
      expect(rows(el)[0]!.textContent).to.contain('Ines');
      expect(shadow(el).querySelector('[part="bulk"]')).to.equal(null);
    });

    it('links to an idea found by searching in "Link to another idea"', async () => {
      const el = await inbox();
      rows(el)[2]!.focus();
      press('l');
      const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
      expect(dialog.querySelector('h2')!.textContent).to.equal('Link to another idea');
      const field = dialog.querySelector<HTMLInputElement>('input[type="search"]')!;
      expect(shadow(el).activeElement).to.equal(field);
      field.value = 'offline';
      field.dispatchEvent(new Event('input'));
      const found = await until(() => button(dialog, 'Offline sync'));
      found.click();
      await until(() => rows(el).length === 2);
      expect(statusText(el)).to.contain('Linked 1 item to “Offline sync”.');
      expect(dialog.open).to.equal(false);
    });

    it('makes an idea of an item, and opens it', async () => {
      const el = await inbox();
      button(rows(el)[1]!, 'Create idea')!.click();
      await until(() => statusText(el).includes('Made the idea'));
      let opened: SaysoAdminNavigateEvent | undefined;
      el.addEventListener('sayso-admin-navigate', (event) => (opened = event));
      button(shadow(el).querySelector('[part="status"]')!, `Open “${statusText(el).match(/“(.+?)”/)![1]}”`)!.click();
      expect(opened!.detail.screen).to.equal('idea');
      expect(opened!.detail.params.id).to.be.a('string');
    });

    it('keeps the item and says what failed when an action fails', async () => {
      const el = await inbox(withAdmin(inboxAdapter(), { archiveFeedback: rejectWith('network') }));
      rows(el)[0]!.focus();
      press('a');
      const error = await until(() => shadow(el).querySelector('[role="alert"]'));
      expect(error.textContent).to.contain('failed').and.contain('check the connection');
      expect(rows(el)).to.have.length(3);
    });
  });

  describe('filters and keyboard', () => {
    it('/ focuses Search; Enter searches through the params; the filters go in the params too', async () => {
      const el = await inbox();
      press('/', document.body);
      const search = shadow(el).querySelector<HTMLInputElement>('#search')!;
      expect(shadow(el).activeElement).to.equal(search);
      expect(search.labels![0]!.textContent).to.contain('Search');
      search.value = 'dark';
      search.form!.requestSubmit();
      await until(() => rows(el).length === 1);
      expect(el.params).to.deep.equal({ q: 'dark' });
      const source = shadow(el).querySelectorAll('select')[0]!;
      source.value = 'slack';
      source.dispatchEvent(new Event('change'));
      expect(el.params).to.deep.equal({ q: 'dark', source: 'slack' });
      await until(() => shadow(el).textContent!.includes('No feedback matches'));
      expect(el.shortcuts.map((shortcut) => shortcut.key)).to.include.members(['/', 'j', 'k', 'Enter']);
    });
  });

  describe('errors', () => {
    it('says what failed loading, and tries again', async () => {
      let fail = true;
      const adapter = inboxAdapter();
      const el = await inbox(withAdmin(adapter, { listInbox: (params) => (fail ? rejectWith('network')() : adapter.admin!.listInbox(params)) }));
      const error = await until(() => shadow(el).querySelector('[role="alert"]'));
      expect(error.textContent).to.contain('Loading the inbox failed');
      fail = false;
      button(error, 'Try again')!.click();
      await until(() => rows(el).length === 3);
    });
  });

  describe('accessibility', () => {
    it('the list passes axe', async () => {
      await expect(await inbox()).to.be.accessible();
    });

    it('an unfolded, selected item passes axe', async () => {
      const el = await inbox();
      rows(el)[0]!.focus();
      press('Enter');
      press('x');
      await until(() => shadow(el).querySelector('[part="bulk"]'));
      await expect(el).to.be.accessible();
    });

    it('the link dialog passes axe', async () => {
      const el = await inbox();
      rows(el)[0]!.focus();
      press('l');
      await until(() => shadow(el).querySelector('dialog[open]'));
      await expect(el).to.be.accessible();
    });
  });
});
