import { expect, fixture, html } from '@open-wc/testing';
import { createMemoryAdapter, createMemoryData, seedMemoryFeedback, type MemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type BacklogItem, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import type { SaysoAdminBacklog } from './sayso-admin-backlog.component.js';
import './sayso-admin-backlog.js';
import '../sayso-admin-console/sayso-admin-console.js';
import { expectRowKeys, press, rejectWith, until } from '../../internal/test-fixtures.js';
import type { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';

/**
 * The board `demo`: three ideas about a slow board (3, 2 and 1 voters) and one about dark mode;
 * an email about slowness; a performance item backed by the first idea, estimated 2, tracked on
 * GitHub; a refactoring item nobody backs and without a next step (vague).
 */
async function backlogAdapter(): Promise<{ data: MemoryData; adapter: SaysoAdapter; performance: BacklogItem; refactoring: BacklogItem }> {
  const data = createMemoryData({
    boards: [{ slug: 'demo', name: 'Demo' }, { slug: 'quiet', name: 'Quiet' }],
    posts: [
      { board: 'demo', title: 'The board is slow to load', votes: 3, createdAt: '2026-01-01T00:00:00Z' },
      { board: 'demo', title: 'Board pages load slowly in the morning', votes: 2, createdAt: '2026-01-02T00:00:00Z' },
      { board: 'demo', title: 'Dark mode', votes: 5, createdAt: '2026-01-03T00:00:00Z' },
    ],
  });
  seedMemoryFeedback(data, [
    { source: 'email', board: 'demo', title: 'Slow board', text: 'The board is slow to load, pages take ages.', author: { name: 'Ana', email: 'ana@example.com' } },
  ]);
  const adapter = createMemoryAdapter({ data, admin: true, voterId: 'admin-grace' });
  const admin = adapter.admin!;
  const performance = await admin.createBacklogItem({
    board: 'demo',
    title: 'Make the slow board load faster',
    description: 'Board pages load slowly: add indexes for the slowest queries.',
    nextStep: 'Profile the five slowest queries',
    category: 'performance',
    estimate: 2,
    trackerUrls: ['https://github.com/acme/board/issues/12'],
  });
  await admin.linkBacklogEvidence({ itemId: performance.id, postIds: ['seed-1'] });
  const refactoring = await admin.createBacklogItem({ board: 'demo', title: 'Rewrite the settings module', category: 'refactoring' });
  return { data, adapter, performance, refactoring };
}

const withAdmin = (adapter: SaysoAdapter, overrides: Partial<NonNullable<SaysoAdapter['admin']>>): SaysoClient =>
  createSaysoClient({ adapter: { ...adapter, admin: { ...adapter.admin!, ...overrides } } });

const shadow = (el: SaysoAdminBacklog) => el.shadowRoot!;
const rows = (el: SaysoAdminBacklog) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const cells = (row: HTMLTableRowElement) => [...row.cells].map((cell) => cell.textContent!.replace(/\s+/g, ' ').trim());
const textOf = (node: Node) => node.textContent!.replace(/\s+/g, ' ').trim();
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => (candidate.getAttribute('aria-label') ?? textOf(candidate)) === name);
/** The control labelled `label` (the label's own words, not those of the options it holds). */
const field = <T extends HTMLElement = HTMLInputElement>(root: ParentNode, label: string) =>
  [...root.querySelectorAll('label')].find((candidate) => [...candidate.childNodes].filter((node) => node.nodeType === Node.TEXT_NODE).map((node) => node.textContent).join('').trim() === label)
    ?.control as T | undefined;
const panel = (el: SaysoAdminBacklog) => shadow(el).querySelector<HTMLElement>('[part="panel"]');
const statusText = (el: SaysoAdminBacklog) => textOf(shadow(el).querySelector('[part="status"]')!);

function type(input: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement, value: string): void {
  input.value = value;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  input.dispatchEvent(new Event('change', { bubbles: true, composed: true }));
}

/** The screen over `client`, following its own navigate events as the console would. */
async function backlog(client: SaysoClient, params: Record<string, string> = {}) {
  const el = await fixture<SaysoAdminBacklog>(html`<sayso-admin-backlog .client=${client} .params=${params}></sayso-admin-backlog>`);
  el.addEventListener('sayso-admin-navigate', (event) => {
    if (event.detail.screen === 'backlog') el.params = event.detail.params;
  });
  await until(() => rows(el).length > 0 || shadow(el).querySelector('[role="alert"]') || /No item|empty/.test(shadow(el).textContent!));
  return el;
}

const open = async (el: SaysoAdminBacklog, title: string) => {
  rows(el).find((row) => row.textContent!.includes(title))!.click();
  return until(() => panel(el)?.querySelector('#item-heading')?.textContent === title && panel(el));
};

describe('sayso-admin-backlog', () => {
  describe('the ranked table', () => {
    it('ranks the backed item first, with rank, title, category, status, people, priority, estimate and flags', async () => {
      const { adapter, data, refactoring } = await backlogAdapter();
      data.backlog.get(refactoring.id)!.updatedAt = '2020-01-01T00:00:00Z';
      const el = await backlog(createSaysoClient({ adapter }));
      expect(shadow(el).querySelector('h1')!.textContent).to.equal('Backlog');
      expect(rows(el).map(cells)).to.deep.equal([
        ['1', 'Make the slow board load faster', 'Performance', 'Proposed', '3', '1.5', '2', '—', ''],
        ['2', 'Rewrite the settings module', 'Refactoring and modernization', 'Proposed', '0', '0', '—', '—', 'Vague Stale'],
      ]);
    });

    it('says so when the board has no item', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }), { board: 'quiet' });
      expect(shadow(el).textContent).to.contain('The backlog is empty.');
    });
  });

  describe('filters in the address', () => {
    it('filters by kind of work, status, vague and words through the params; ranks stay those of the whole backlog', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const kind = field<HTMLSelectElement>(shadow(el), 'Kind of work')!;
      type(kind, 'refactoring');
      expect(el.params).to.deep.equal({ category: 'refactoring' });
      await until(() => rows(el).length === 1);
      expect(cells(rows(el)[0]!).slice(0, 2)).to.deep.equal(['2', 'Rewrite the settings module']);
      type(kind, '');
      const vague = field(shadow(el), 'Vague only')!;
      vague.click();
      expect(el.params).to.deep.equal({ vague: 'true' });
      await until(() => rows(el).length === 1);
      vague.click();
      await until(() => rows(el).length === 2);

      press('/', document.body);
      const search = shadow(el).querySelector<HTMLInputElement>('#search')!;
      expect(shadow(el).activeElement).to.equal(search);
      search.value = 'faster';
      search.form!.requestSubmit();
      expect(el.params).to.deep.equal({ q: 'faster' });
      await until(() => rows(el).length === 1 && rows(el)[0]!.textContent!.includes('Make the slow board'));
      el.params = { q: 'nothing like it' };
      await until(() => shadow(el).textContent!.includes('No item matches these filters.'));
    });
  });

  describe('a new item', () => {
    it('n opens the form; Create adds the item and opens it, its tracker link a chip', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      press('n', document.body);
      const form = await until(() => shadow(el).querySelector<HTMLFormElement>('form[part="create"]'));
      expect(shadow(el).activeElement).to.equal(field(form, 'Title'));
      type(field(form, 'Title')!, 'Rotate the signing keys');
      type(field<HTMLSelectElement>(form, 'Category')!, 'security_compliance');
      type(field(form, 'Next step')!, 'List every key in use');
      type(field(form, 'Estimate')!, '3');
      type(field<HTMLTextAreaElement>(form, 'Tracker links')!, 'https://acme.atlassian.net/browse/SEC-7');
      button(form, 'Create')!.click();
      const opened = await until(() => panel(el)?.querySelector('#item-heading')?.textContent === 'Rotate the signing keys' && panel(el));
      expect(statusText(el)).to.equal('Created “Rotate the signing keys”.');
      expect(textOf(opened.querySelector('[part="trackers"]')!)).to.equal('SEC-7');
      expect(opened.querySelector('[part="trackers"] a')!.getAttribute('href')).to.equal('https://acme.atlassian.net/browse/SEC-7');
      await until(() => rows(el).length === 3);
      const created = (await adapter.admin!.listBacklog({ board: 'demo', category: 'security_compliance' }))[0]!;
      expect(created).to.include({ title: 'Rotate the signing keys', nextStep: 'List every key in use', estimate: 3 });
      expect(el.params['item']).to.equal(created.id);
    });

    it('says what is wrong before asking, and keeps what was typed when the server refuses', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(withAdmin(adapter, { createBacklogItem: rejectWith('network') }));
      button(shadow(el), 'New item')!.click();
      const form = await until(() => shadow(el).querySelector<HTMLFormElement>('form[part="create"]'));
      type(field(form, 'Title')!, 'Upgrade the database');
      type(field<HTMLTextAreaElement>(form, 'Tracker links')!, 'not a link');
      button(form, 'Create')!.click();
      const problem = await until(() => form.querySelector('[role="alert"]'));
      expect(textOf(problem)).to.equal('Each tracker link is an http(s) URL of an issue.');
      type(field<HTMLTextAreaElement>(form, 'Tracker links')!, '');
      button(form, 'Create')!.click();
      await until(() => form.querySelector('[role="alert"]')?.textContent!.includes('check the connection'));
      expect(field(form, 'Title')!.value).to.equal('Upgrade the database');
      expect(rows(el)).to.have.length(2);
    });
  });

  describe('the item panel', () => {
    it('Enter opens the active item: why it ranks here, its evidence and the suggestions', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      rows(el)[0]!.focus();
      press('Enter');
      const item = await until(() => panel(el)?.querySelector('[part="suggestions"] li') && panel(el));
      expect(el.params).to.deep.equal({ item: el.params['item'] });
      const why = item.querySelector('[part="priority"]')!;
      expect(textOf(why.querySelector('h3')!)).to.equal('Why it ranks here');
      expect(textOf(why)).to.contain('Priority 1.5').and.contain('People: 3 × 1 = 3').and.contain('÷ Effort: 2');
      expect(textOf(why.querySelector('code')!)).to.equal('(people × 1 + MRR × 0.01 + risk × 5) ÷ effort');
      expect(textOf(item.querySelector('[part="trackers"]')!)).to.equal('acme/board#12');
      const evidence = item.querySelector('[part="evidence"]')!;
      expect(textOf(evidence)).to.contain('The board is slow to load').and.contain('3 people');
      const suggestions = item.querySelector('[part="suggestions"]')!;
      expect(button(suggestions, 'Link “Board pages load slowly in the morning”')).to.exist;
      expect(button(suggestions, 'Link “Slow board”')).to.exist;
      expect(button(suggestions, 'Link “The board is slow to load”')).to.equal(undefined);
      press('Escape', document.body);
      await until(() => !panel(el));
      expect(el.params).to.deep.equal({});
    });

    it('links a suggestion with one click, and removes evidence: the people and rank follow', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Make the slow board load faster');
      button(await until(() => item.querySelector('[part="suggestions"] ul')), 'Link “Slow board”')!.click();
      await until(() => statusText(el) === 'Linked “Slow board”.');
      await until(() => cells(rows(el)[0]!)[4] === '4');
      const evidence = item.querySelector('[part="evidence"]')!;
      await until(() => textOf(evidence).includes('Ana'));
      expect(button(item.querySelector('[part="suggestions"]')!, 'Link “Slow board”')).to.equal(undefined);
      button(evidence, 'Remove “The board is slow to load” from the evidence')!.click();
      await until(() => statusText(el) === 'Removed “The board is slow to load” from the evidence.');
      await until(() => cells(rows(el)[0]!)[4] === '1');
      expect((await adapter.admin!.listBacklogEvidence({ itemId: el.params['item']! })).map((piece) => piece.feedback?.title)).to.deep.equal(['Slow board']);
    });

    it('links an idea found by its words', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Rewrite the settings module');
      const picker = item.querySelector('sayso-admin-idea-picker')!;
      const input = picker.shadowRoot!.querySelector('input')!;
      input.focus();
      type(input, 'dark');
      const option = await until(() => [...picker.shadowRoot!.querySelectorAll<HTMLElement>('[role="option"]')].find((each) => textOf(each) === 'Dark mode'));
      option.click();
      await until(() => statusText(el) === 'Linked “Dark mode”.');
      await until(() => rows(el)[0]!.textContent!.includes('Rewrite the settings module'));
      expect(cells(rows(el)[0]!)[4]).to.equal('5');
    });

    it('saves an edit; an edit over a change made meanwhile is refused with Reload, keeping what was typed', async () => {
      const { adapter, performance } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Make the slow board load faster');
      const edit = item.querySelector<HTMLFormElement>('form.edit')!;
      type(field(edit, 'Owner')!, 'Kim');
      type(field<HTMLSelectElement>(edit, 'Status')!, 'planned');
      button(edit, 'Save changes')!.click();
      await until(() => statusText(el) === 'Saved “Make the slow board load faster”.');
      expect(await adapter.admin!.getBacklogItem({ itemId: performance.id })).to.include({ owner: 'Kim', status: 'planned' });
      await until(() => cells(rows(el)[0]!)[7] === 'Kim');

      await adapter.admin!.updateBacklogItem({ itemId: performance.id, estimate: 4 });
      type(field(edit, 'Title')!, 'Index the slowest queries');
      button(edit, 'Save changes')!.click();
      const refused = await until(() => edit.querySelector('[role="alert"]'));
      expect(textOf(refused)).to.contain('Nothing was saved.');
      expect((await adapter.admin!.getBacklogItem({ itemId: performance.id })).title).to.equal('Make the slow board load faster');
      button(refused, 'Reload')!.click();
      await until(() => !edit.querySelector('[role="alert"]'));
      expect(field(edit, 'Title')!.value).to.equal('Index the slowest queries');
      expect(field(edit, 'Estimate')!.value).to.equal('4');
      button(edit, 'Save changes')!.click();
      await until(() => statusText(el) === 'Saved “Index the slowest queries”.');
      expect(await adapter.admin!.getBacklogItem({ itemId: performance.id })).to.include({ title: 'Index the slowest queries', estimate: 4 });
    });

    it('Esc keeps the panel open while an edit is unsaved', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Rewrite the settings module');
      type(field(item, 'Owner')!, 'Kim');
      press('Escape', document.body);
      await until(() => statusText(el) === 'Save or undo what you typed before closing.');
      expect(panel(el)).to.exist;
    });

    it('deletes an item after asking; Cancel keeps it', async () => {
      const { adapter, refactoring } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Rewrite the settings module');
      button(item, 'Delete item…')!.click();
      const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
      expect(textOf(dialog.querySelector('h2')!)).to.equal('Delete “Rewrite the settings module”?');
      button(dialog, 'Cancel')!.click();
      expect(dialog.open).to.equal(false);
      button(item, 'Delete item…')!.click();
      button(dialog, 'Delete')!.click();
      await until(() => statusText(el) === 'Deleted “Rewrite the settings module”.');
      await until(() => !panel(el) && rows(el).length === 1);
      expect(el.params).to.deep.equal({});
      expect((await adapter.admin!.listBacklog({ board: 'demo' })).map((each) => each.id)).not.to.include(refactoring.id);
    });

    it('opens an idea of the evidence', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Make the slow board load faster');
      let opened: SaysoAdminNavigateEvent | undefined;
      el.addEventListener('sayso-admin-navigate', (event) => (opened = event));
      button(await until(() => item.querySelector('[part="evidence"] ul')), 'The board is slow to load')!.click();
      expect(opened!.detail).to.deep.equal({ screen: 'idea', params: { id: 'seed-1' } });
    });
  });

  describe('export', () => {
    it('downloads the ranked backlog as CSV and as JSON', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const downloads: Array<{ name: string; body: string }> = [];
      const click = HTMLAnchorElement.prototype.click;
      const fetched: Array<Promise<void>> = [];
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        fetched.push(fetch(this.href).then(async (response) => void downloads.push({ name: this.download, body: await response.text() })));
      };
      try {
        button(shadow(el), 'Export CSV')!.click();
        await until(() => statusText(el).startsWith('Exported'));
        button(shadow(el), 'Export JSON')!.click();
        await until(() => fetched.length === 2);
        await Promise.all(fetched);
      } finally {
        HTMLAnchorElement.prototype.click = click;
      }
      const [csv, json] = downloads;
      expect(csv!.name).to.match(/\.csv$/);
      expect(csv!.body.indexOf('Make the slow board load faster')).to.be.above(-1).and.below(csv!.body.indexOf('Rewrite the settings module'));
      expect(json!.name).to.match(/\.json$/);
      expect(JSON.stringify(JSON.parse(json!.body))).to.contain('Make the slow board load faster');
    });

    it('says what failed', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(withAdmin(adapter, { exportBacklog: rejectWith('server') }));
      button(shadow(el), 'Export CSV')!.click();
      const error = await until(() => shadow(el).querySelector('#export-error'));
      expect(textOf(error)).to.contain('Exporting CSV failed');
    });
  });

  describe('errors', () => {
    it('says what failed loading, and tries again', async () => {
      const { adapter } = await backlogAdapter();
      let fail = true;
      const el = await backlog(withAdmin(adapter, { listBacklog: (params) => (fail ? rejectWith('network')() : adapter.admin!.listBacklog(params)) }));
      const error = await until(() => shadow(el).querySelector('[role="alert"]'));
      expect(textOf(error)).to.contain('Loading the backlog failed');
      fail = false;
      button(error, 'Try again')!.click();
      await until(() => rows(el).length === 2);
    });
  });

  describe('keyboard', () => {
    it('j/k move through the rows; the screen lists its keys', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      await expectRowKeys(shadow(el), () => rows(el));
      expect(el.shortcuts.map((shortcut) => shortcut.key)).to.include.members(['/', 'j', 'k', 'Enter', 'n']);
    });
  });

  describe('in the console', () => {
    afterEach(() => history.replaceState(null, '', location.pathname));

    it('key 6 opens the Backlog; its filters and open item go in the address', async () => {
      const { adapter, performance } = await backlogAdapter();
      const console = await fixture(html`<sayso-admin-console .adapter=${adapter}></sayso-admin-console>`);
      // Signed in (the ideas screen, not registered here, says it is not part of this build).
      await until(() => console.shadowRoot!.querySelector('main'));
      press('6', document.body);
      await until(() => location.hash === '#/backlog');
      const el = await until(() => console.shadowRoot!.querySelector('sayso-admin-backlog'));
      await until(() => rows(el).length === 2);
      type(field<HTMLSelectElement>(shadow(el), 'Kind of work')!, 'performance');
      await until(() => location.hash === '#/backlog?category=performance');
      await until(() => rows(el).length === 1);
      rows(el)[0]!.click();
      await until(() => location.hash === `#/backlog?category=performance&item=${performance.id}`);
      await until(() => panel(el)?.querySelector('#item-heading')?.textContent === 'Make the slow board load faster');
    });
  });

  describe('accessibility', () => {
    it('the table passes axe', async () => {
      const { adapter } = await backlogAdapter();
      await expect(await backlog(createSaysoClient({ adapter }))).to.be.accessible();
    });

    it('an open item passes axe', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      const item = await open(el, 'Make the slow board load faster');
      await until(() => item.querySelector('[part="suggestions"] ul'));
      await expect(el).to.be.accessible();
    });

    it('the delete dialog passes axe', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      button(await open(el, 'Rewrite the settings module'), 'Delete item…')!.click();
      await until(() => shadow(el).querySelector('dialog[open]'));
      await expect(el).to.be.accessible();
    });

    it('the new item form passes axe', async () => {
      const { adapter } = await backlogAdapter();
      const el = await backlog(createSaysoClient({ adapter }));
      button(shadow(el), 'New item')!.click();
      await until(() => shadow(el).querySelector('form[part="create"]'));
      await expect(el).to.be.accessible();
    });
  });
});
