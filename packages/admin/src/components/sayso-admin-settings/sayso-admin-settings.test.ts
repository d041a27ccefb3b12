import { expect, fixture, html } from '@open-wc/testing';
import type { Delivery, SaysoClient } from '@sayso/core';
import type { SaysoAdminSettings } from './sayso-admin-settings.component.js';
import './sayso-admin-settings.js';
import { adminClient, rejectWith, until } from '../../internal/test-fixtures.js';

const shadow = (el: SaysoAdminSettings) => el.shadowRoot!;
const section = (el: SaysoAdminSettings, heading: string) =>
  until(() => [...shadow(el).querySelectorAll('section')].find((candidate) => candidate.querySelector('h2')?.textContent === heading));
const button = (root: ParentNode, name: string) =>
  until(() => [...root.querySelectorAll('button')].find((candidate) => (candidate.getAttribute('aria-label') ?? candidate.textContent!.trim()) === name));

/** Types into a field and submits its form, as the admin does with Enter. */
function submit(input: HTMLInputElement, text: string): void {
  input.value = text;
  input.form!.requestSubmit();
}

/** What `read` answers once it answers `expected` (or after a while, for the assertion to show). */
async function stored<T>(read: () => Promise<T>, expected: T): Promise<T> {
  let value = await read();
  for (let tries = 0; JSON.stringify(value) !== JSON.stringify(expected) && tries < 100; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    value = await read();
  }
  return value;
}

async function screen(client: SaysoClient = adminClient()): Promise<SaysoAdminSettings> {
  const el = await fixture<SaysoAdminSettings>(html`<sayso-admin-settings .client=${client} .params=${{ board: 'demo' }}></sayso-admin-settings>`);
  await until(() => shadow(el).querySelector('#new-admin-key') && shadow(el).querySelector('#formula'));
  return el;
}

describe('sayso-admin-settings', () => {
  it('shows a new admin key once with a copy button, lists it without the secret, and revokes it after asking', async () => {
    const el = await screen();
    const keys = await section(el, 'Admin keys');
    submit(keys.querySelector<HTMLInputElement>('input[name="label"]')!, 'Zapier');
    const secret = await until(() => shadow(el).querySelector<HTMLInputElement>('#secret'));
    expect(secret.value).to.match(/^sayso_admin_/);
    expect(secret.labels![0]!.textContent).to.contain('New admin key “Zapier”');
    expect(shadow(el).querySelector('[part="secret"]')!.textContent).to.contain('not shown again');
    await button(shadow(el), 'Copy');
    const row = await until(() => keys.querySelector('tbody tr'));
    expect(row.textContent).to.contain('Zapier');
    expect(keys.textContent).to.not.contain(secret.value);
    expect(keys.querySelector<HTMLInputElement>('input[name="label"]')!.value).to.equal('');
    (await button(shadow(el), 'Done')).click();
    await until(() => !shadow(el).querySelector('#secret'));

    (await button(keys, 'Revoke “Zapier”')).click();
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.textContent).to.contain('Revoke the admin key “Zapier”?');
    (await button(dialog, 'Revoke')).click();
    await until(() => !keys.querySelector('tbody'));
    expect(await el.client!.adapter.admin!.listApiKeys({ kind: 'admin' })).to.deep.equal([]);
  });

  it('names and labels every field and button, with a new key shown', async function () {
    // axe over every section takes a while on a loaded machine.
    this.timeout(30_000);
    const el = await screen();
    submit((await section(el, 'Admin keys')).querySelector<HTMLInputElement>('input[name="label"]')!, 'Zapier');
    await until(() => shadow(el).querySelector('#secret'));
    await expect(el).to.be.accessible();
  });

  it('a refused key keeps its label in the field with the reason beside it', async () => {
    const el = await screen(adminClient({ createApiKey: rejectWith('invalid_input', 'A label can have at most 100 characters.') }));
    const keys = await section(el, 'Ingestion keys');
    const label = keys.querySelector<HTMLInputElement>('input[name="label"]')!;
    submit(label, 'Intercom bridge');
    const error = await until(() => keys.querySelector('[role="alert"]'));
    expect(error.textContent).to.contain('at most 100 characters');
    expect(label.value).to.equal('Intercom bridge');
    expect(label.getAttribute('aria-describedby')).to.equal(error.id);
    expect(shadow(el).querySelector('#secret')).to.equal(null);
  });

  it('adds, renames and deletes tags; saves which kinds notify and the priority formula', async () => {
    const el = await screen();
    const board = await section(el, 'Board');
    submit(board.querySelector<HTMLInputElement>('#new-tag input')!, 'Mobile');
    const rename = await until(() => board.querySelector<HTMLInputElement>('input[aria-label="Name of the tag “Mobile”"]'));
    submit(rename, 'Mobile apps');
    await until(() => board.querySelector('input[aria-label="Name of the tag “Mobile apps”"]'));
    (await button(board, 'Delete the tag “Mobile apps”')).click();
    (await button(await until(() => shadow(el).querySelector('dialog[open]')), 'Delete')).click();
    await until(() => board.textContent!.includes('No tags on this board yet'));
    expect(await el.client!.adapter.listTags({ board: 'demo' })).to.deep.equal([]);

    const active = board.querySelector<HTMLInputElement>('#notify input[value="active"]')!;
    active.checked = !active.checked;
    const wanted = active.checked ? ['active', 'done'] : ['done'];
    active.form!.requestSubmit();
    const admin = el.client!.adapter.admin!;
    expect(await stored(async () => (await admin.getNotificationSettings({ board: 'demo' })).notifyKinds, wanted)).to.deep.equal(wanted);

    submit(board.querySelector<HTMLInputElement>('input[name="mrrWeight"]')!, '0.5');
    const formula = { peopleWeight: 1, mrrWeight: 0.5 };
    expect(await stored(() => admin.getPriorityFormula({ board: 'demo' }), formula)).to.deep.equal(formula);
    expect(board.querySelector<HTMLInputElement>('input[name="mrrWeight"]')!.value).to.equal('0.5');
  });

  it('adds a webhook endpoint (its secret shown once), pauses it, and replays a webhook delivery from the log', async () => {
    const failed: Delivery = {
      id: 'delivery-1',
      channel: 'webhook',
      status: 'failed',
      event: { type: 'idea.created', occurredAt: '2026-01-01T00:00:00Z' },
      post: null,
      person: null,
      endpoint: { id: 'webhook-9', url: 'https://hooks.example.com/sayso' },
      attempts: 5,
      lastError: 'Connection refused',
      responseStatus: null,
      createdAt: '2026-01-01T00:00:00Z',
      sentAt: null,
      nextAttemptAt: null,
    };
    const replayed: string[] = [];
    const client = adminClient({
      listDeliveries: () => Promise.resolve({ items: [failed], nextCursor: null }),
      replayDelivery: ({ deliveryId }) => {
        replayed.push(deliveryId);
        return Promise.resolve({ ...failed, id: 'delivery-2', status: 'pending', attempts: 0, lastError: null });
      },
    });
    const el = await screen(client);
    const webhooks = await section(el, 'Webhooks');
    webhooks.querySelector<HTMLInputElement>('input[value="idea.created"]')!.checked = true;
    submit(webhooks.querySelector<HTMLInputElement>('input[name="url"]')!, 'https://hooks.example.com/sayso');
    const secret = await until(() => shadow(el).querySelector<HTMLInputElement>('#secret'));
    expect(secret.value).to.match(/^whsec_/);
    (await button(webhooks, 'Pause https://hooks.example.com/sayso')).click();
    await until(() => webhooks.querySelector('.badge')?.textContent === 'Paused');

    const log = await section(el, 'Delivery log');
    expect(log.textContent).to.contain('Connection refused');
    (await button(log, 'Replay the idea.created delivery to https://hooks.example.com/sayso')).click();
    await until(() => log.querySelectorAll('tbody tr').length === 2);
    expect(replayed).to.deep.equal(['delivery-1']);
  });
});

describe('sayso-admin-settings boards', () => {
  it('renames the board, edits its workflow (rename, move, add) and creates another board, which it then shows', async () => {
    const el = await screen();
    const navigations: Array<Record<string, string>> = [];
    el.addEventListener('sayso-admin-navigate', (event) => navigations.push(event.detail.params));
    const board = await section(el, 'Board');
    submit(board.querySelector<HTMLInputElement>('#board-details input[name="name"]')!, 'Product ideas');
    await until(() => board.querySelector('option[value="demo"]')?.textContent === 'Product ideas');

    const workflow = board.querySelector<HTMLFormElement>('#workflow')!;
    const first = workflow.querySelector<HTMLInputElement>('input[aria-label="Name of status 1"]')!;
    first.value = 'Inbox';
    first.dispatchEvent(new InputEvent('input'));
    (await button(workflow, 'Move “Inbox” down')).click();
    (await button(workflow, 'Add status')).click();
    const added = await until(() => workflow.querySelector<HTMLInputElement>(`input[aria-label="Name of status 8"]`));
    added.value = 'Beta';
    added.dispatchEvent(new InputEvent('input'));
    workflow.requestSubmit();
    const workflowOf = async () => (await el.client!.adapter.getBoard({ board: 'demo' })).statuses.map((status) => `${status.id}:${status.name}`);
    const expected = ['under-review:Under review', 'open:Inbox', 'planned:Planned', 'in-progress:In progress', 'shipped:Shipped', 'declined:Declined', 'merged:Merged', 'beta:Beta'];
    expect(await stored(workflowOf, expected)).to.deep.equal(expected);
    await until(() => !workflow.querySelector('.badge'));
    expect(workflow.querySelector<HTMLInputElement>('input[aria-label="Name of status 2"]')!.value).to.equal('Inbox');

    // Leaving the workflow without a done status is refused, and the edit stays.
    const shipped = workflow.querySelector<HTMLSelectElement>('select[aria-label="Kind of “Shipped”"]')!;
    shipped.value = 'active';
    shipped.dispatchEvent(new Event('change'));
    workflow.requestSubmit();
    const error = await until(() => workflow.querySelector('[role="alert"]'));
    expect(error.textContent).to.contain('done');
    expect(workflow.querySelector<HTMLSelectElement>('select[aria-label="Kind of “Shipped”"]')!.value).to.equal('active');

    const create = board.querySelector<HTMLFormElement>('#new-board')!;
    create.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Mobile';
    submit(create.querySelector<HTMLInputElement>('input[name="slug"]')!, 'mobile');
    await until(() => navigations.some((params) => params.board === 'mobile'));
    expect((await el.client!.adapter.getBoard({ board: 'mobile' })).name).to.equal('Mobile');
  });
});
