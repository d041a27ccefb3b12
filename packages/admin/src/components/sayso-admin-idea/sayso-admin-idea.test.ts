import { expect, fixture, html } from '@open-wc/testing';
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type SaysoAdapter } from '@sayso/core';
import type { SaysoAdminIdea } from './sayso-admin-idea.component.js';
import './sayso-admin-idea.js';
import { adminAdapter, adminClient, press, rejectWith, seedPosts, until } from '../../internal/test-fixtures.js';
import type { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';

const shadow = (el: SaysoAdminIdea) => el.shadowRoot!;
const text = (el: SaysoAdminIdea, part: string) => shadow(el).querySelector(`[part="${part}"]`)?.textContent?.replace(/\s+/g, ' ') ?? '';
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent!.replace(/\s+/g, ' ').trim().startsWith(name));

async function ideaOf(adapter: SaysoAdapter, title: string): Promise<string> {
  const page = await adapter.listPosts({ board: 'demo', limit: 50 });
  return page.items.find((post) => post.title === title)!.id;
}

/** The screen over `adapter`, open on the idea titled `title`, once it has loaded. */
async function open(adapter: SaysoAdapter, title = 'Dark mode', params: Record<string, string> = {}): Promise<SaysoAdminIdea> {
  const id = await ideaOf(adapter, title);
  const el = await fixture<SaysoAdminIdea>(html`<sayso-admin-idea .client=${createSaysoClient({ adapter })} .params=${{ id, ...params }}></sayso-admin-idea>`);
  await until(() => shadow(el).querySelector('[part="history"]'));
  return el;
}

describe('sayso-admin-idea', () => {
  it('shows the idea: its text, status, demand with why it ranks here, requests with who added them, and its history with actor labels', async () => {
    const adapter = adminAdapter();
    const id = await ideaOf(adapter, 'Dark mode');
    await adapter.admin!.addCustomerRequest({ postId: id, name: 'Ada', email: 'ada@example.com', company: 'Acme', importance: 'blocker' });
    const el = await open(adapter);
    expect(shadow(el).querySelector('h1')!.textContent).to.equal('Dark mode');
    expect(shadow(el).querySelector<HTMLInputElement>('input[name="title"]')!.value).to.equal('Dark mode');
    expect(shadow(el).querySelector<HTMLTextAreaElement>('textarea[name="body"]')!.value).to.equal('Please add a dark theme.');
    expect(text(el, 'status')).to.contain('Open');
    expect(text(el, 'demand')).to.contain('6 people want this');
    expect(text(el, 'priority')).to.contain('Why it ranks here');
    expect(text(el, 'priority')).to.contain('people: 6');
    expect(text(el, 'requests')).to.contain('Ada');
    expect(text(el, 'requests')).to.contain('Acme');
    expect(text(el, 'requests')).to.contain('Grace (support)');
    expect(text(el, 'evidence')).to.contain('No feedback is linked');
  });

  it('s opens the status change, which says who will be told before anything changes; confirming changes it and records it', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }], posts: seedPosts });
    const adapter = createMemoryAdapter({ data, admin: true, adminLabel: 'Priya (PM)', voterId: 'admin-priya' });
    const id = await ideaOf(adapter, 'Dark mode');
    await createMemoryAdapter({ data, voterId: 'ada', signedIn: true }).vote({ postId: id });
    const el = await open(adapter);
    press('s', document.body);
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    const select = dialog.querySelector('select')!;
    select.value = 'shipped';
    select.dispatchEvent(new Event('change'));
    await until(() => dialog.textContent!.includes('Will tell 1 person: 1 in the app.'));
    // Nothing changed yet: a preview is a dry run.
    expect((await adapter.getPost({ postId: id })).status).to.equal('open');

    button(dialog, 'Change status')!.click();
    await until(() => !dialog.open);
    await until(() => text(el, 'status').includes('Shipped'));
    expect(text(el, 'history')).to.contain('Status changed');
    expect(text(el, 'history')).to.contain('by Priya (PM)');
    expect((await adapter.getPost({ postId: id })).status).to.equal('shipped');
  });

  it('draws how demand grew, and says it in words', async () => {
    const el = await open(adminAdapter());
    const chart = shadow(el).querySelector('[part="demand"] svg[role="img"]')!;
    expect(chart.getAttribute('aria-label')).to.match(/^5 people, all on \d{4}-\d{2}-\d{2}\.$/);
    expect(chart.querySelector('path')!.getAttribute('d')).to.match(/^M0 80 H0\.0 V4\.0 H300$/);
  });

  it('saves impact and effort, and the priority explains the new score', async () => {
    const el = await open(adminAdapter());
    const impact = shadow(el).querySelector<HTMLInputElement>('input[name="impact"]')!;
    const effort = shadow(el).querySelector<HTMLInputElement>('input[name="effort"]')!;
    impact.value = '3';
    effort.value = '2';
    button(shadow(el), 'Save priority')!.click();
    await until(() => text(el, 'priority').includes('impact: 3'));
    expect(text(el, 'priority')).to.contain('effort: 2');
    expect(text(el, 'priority')).to.contain('Score 7.50');
  });

  it('adds a request on behalf of a customer: it counts in demand and says who added it', async () => {
    const el = await open(adminAdapter());
    const form = shadow(el).querySelector<HTMLFormElement>('form[aria-label="Add a request"]')!;
    form.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Linus';
    form.querySelector<HTMLInputElement>('input[name="company"]')!.value = 'Initech';
    button(form, 'Add request')!.click();
    await until(() => text(el, 'requests').includes('Linus'));
    expect(text(el, 'requests')).to.contain('Initech');
    expect(text(el, 'requests')).to.contain('Grace (support)');
    expect(text(el, 'demand')).to.contain('6 people want this');
    expect(form.querySelector<HTMLInputElement>('input[name="name"]')!.value).to.equal('');
  });

  it('a failed edit keeps what was typed in its field, with the reason beside it', async () => {
    const adapter = adminAdapter();
    const failing = { ...adapter, updatePost: rejectWith('network', 'the server is down') };
    const el = await open(failing);
    const title = shadow(el).querySelector<HTMLInputElement>('input[name="title"]')!;
    title.value = 'Dark mode everywhere';
    button(shadow(el), 'Save text')!.click();
    const error = await until(() => shadow(el).querySelector('#text-error'));
    expect(error.textContent).to.contain('the server is down');
    expect(shadow(el).querySelector<HTMLInputElement>('input[name="title"]')!.value).to.equal('Dark mode everywhere');
  });

  it('two admins at once: the second is told the idea changed, keeps what they typed, reloads and saves over the new text', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }], posts: seedPosts });
    const grace = createMemoryAdapter({ data, admin: true, adminLabel: 'Grace (support)', voterId: 'admin-grace' });
    const priya = createMemoryAdapter({ data, admin: true, adminLabel: 'Priya (PM)', voterId: 'admin-priya' });
    const el = await open(grace);
    const id = el.params['id']!;
    await priya.updatePost({ postId: id, title: 'Dark mode (system setting)' });

    const title = shadow(el).querySelector<HTMLInputElement>('input[name="title"]')!;
    title.value = 'Dark theme';
    button(shadow(el), 'Save text')!.click();
    const error = await until(() => shadow(el).querySelector('#text-error'));
    expect(error.textContent).to.contain('This idea was changed by someone else since you opened it');
    expect(title.value).to.equal('Dark theme');
    expect((await grace.getPost({ postId: id })).title).to.equal('Dark mode (system setting)');

    button(error, 'Reload')!.click();
    await until(() => shadow(el).querySelector('h1')!.textContent === 'Dark mode (system setting)');
    await until(() => !shadow(el).querySelector('#text-error'));
    expect(shadow(el).querySelector<HTMLInputElement>('input[name="title"]')!.value).to.equal('Dark theme');
    button(shadow(el), 'Save text')!.click();
    await until(() => shadow(el).querySelector('h1')!.textContent === 'Dark theme');
    expect(text(el, 'history')).to.contain('by Priya (PM)');
  });

  it('a status change over a status someone else changed is refused in the dialog, which stays open', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }], posts: seedPosts });
    const grace = createMemoryAdapter({ data, admin: true, adminLabel: 'Grace (support)', voterId: 'admin-grace' });
    const el = await open(grace);
    await createMemoryAdapter({ data, admin: true, voterId: 'admin-priya' }).admin!.setPostStatus({ postId: el.params['id']!, status: 'declined' });
    press('s', document.body);
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    await until(() => dialog.textContent!.includes('Will tell'));
    button(dialog, 'Change status')!.click();
    const error = await until(() => dialog.querySelector('#status-error'));
    expect(error.textContent).to.contain('changed by someone else');
    expect(dialog.open).to.equal(true);
    expect((await grace.getPost({ postId: el.params['id']! })).status).to.equal('declined');
  });

  it('replies as the team and keeps internal notes that visitors never see', async () => {
    const data = createMemoryData({ boards: [{ slug: 'demo' }], posts: seedPosts });
    const el = await open(createMemoryAdapter({ data, admin: true, adminLabel: 'Grace (support)', voterId: 'admin-grace' }));
    const form = shadow(el).querySelector<HTMLFormElement>('[part="comments"] form')!;
    const field = form.querySelector('textarea')!;
    field.value = 'Acme asked again on the renewal call.';
    button(form, 'Add internal note')!.click();
    await until(() => text(el, 'comments').includes('Internal note'));
    expect(field.value).to.equal('');
    field.value = 'This is planned for the spring.';
    button(form, 'Reply as the team')!.click();
    await until(() => text(el, 'comments').includes('From the team'));
    expect(text(el, 'comments')).to.contain('Grace (support)');

    const visitor = createMemoryAdapter({ data, voterId: 'visitor' });
    const seen = await visitor.listComments({ postId: el.params['id']! });
    expect(seen.items.map((comment) => comment.body)).to.deep.equal(['This is planned for the spring.']);
  });

  it('a failed comment keeps its text with the reason', async () => {
    const el = await open(adminClient({ addTeamComment: rejectWith('network', 'offline') }).adapter);
    const form = shadow(el).querySelector<HTMLFormElement>('[part="comments"] form')!;
    form.querySelector('textarea')!.value = 'Keep me';
    button(form, 'Reply as the team')!.click();
    const error = await until(() => shadow(el).querySelector('#comment-error'));
    expect(error.textContent).to.contain('offline');
    expect(form.querySelector('textarea')!.value).to.equal('Keep me');
  });

  it('saves the text', async () => {
    const adapter = adminAdapter();
    const el = await open(adapter);
    shadow(el).querySelector<HTMLTextAreaElement>('textarea[name="body"]')!.value = 'A dark theme, following the system.';
    button(shadow(el), 'Save text')!.click();
    await until(() => text(el, 'history').includes('Edited'));
    expect((await adapter.getPost({ postId: el.params['id']! })).body).to.equal('A dark theme, following the system.');
  });

  it('lists the evidence and unmerges a merged idea from its history entry', async () => {
    const adapter = adminAdapter();
    const [dark, csv] = [await ideaOf(adapter, 'Dark mode'), await ideaOf(adapter, 'CSV export')];
    const item = await adapter.admin!.submitFeedback({ board: 'demo', text: 'Night theme please, my eyes hurt', author: { name: 'Bo', email: 'bo@example.com' } });
    await adapter.admin!.linkFeedback({ itemIds: [item.id], postId: dark });
    await adapter.admin!.mergePost({ postId: csv, into: dark });
    const el = await open(adapter);
    expect(text(el, 'evidence')).to.contain('Night theme please');
    expect(text(el, 'evidence')).to.contain('Bo');
    expect(text(el, 'demand')).to.contain('CSV export');
    button(shadow(el).querySelector('[part="history"]')!, 'Unmerge')!.click();
    await until(() => text(el, 'history').includes('Unmerged'));
    expect(button(shadow(el).querySelector('[part="history"]')!, 'Unmerge')).to.equal(undefined);
    expect((await adapter.getPost({ postId: csv })).mergedInto).to.equal(null);
  });

  it('Esc goes back to the list it came from; Esc in a field only leaves the field', async () => {
    const el = await open(adminAdapter(), 'Dark mode', { from: 'status=planned&sort=people' });
    const routes: SaysoAdminNavigateEvent['detail'][] = [];
    el.addEventListener('sayso-admin-navigate', (event) => routes.push(event.detail));
    const title = shadow(el).querySelector<HTMLInputElement>('input[name="title"]')!;
    title.focus();
    title.value = 'Typed, not saved';
    press('Escape', title);
    expect(routes).to.deep.equal([]);
    expect(title.value).to.equal('Typed, not saved');
    press('Escape', document.body);
    expect(routes).to.deep.equal([{ screen: 'ideas', params: { status: 'planned', sort: 'people' } }]);
  });

  it('says when the idea cannot be loaded, with a way to try again', async () => {
    const adapter = adminAdapter();
    const id = await ideaOf(adapter, 'Dark mode');
    const el = await fixture<SaysoAdminIdea>(
      html`<sayso-admin-idea .client=${createSaysoClient({ adapter: { ...adapter, getPost: rejectWith('not_found', 'No such idea.') } })} .params=${{ id }}></sayso-admin-idea>`,
    );
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('No such idea.');
    expect(button(shadow(el), 'Try again')).to.not.equal(undefined);
  });
});
