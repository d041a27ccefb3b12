import { expect, fixture, html } from '@open-wc/testing';
import { setupIgnoreWindowResizeObserverLoopErrors } from '@lit-labs/virtualizer/support/resize-observer-errors.js';
import type { AdminRoute } from '@sayso/core';
import type { SaysoAdminIdeas } from './sayso-admin-ideas.component.js';
import './sayso-admin-ideas.js';
import { adminClient, press, rejectWith, until } from '../../internal/test-fixtures.js';
import type { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';

const shadow = (el: SaysoAdminIdeas) => el.shadowRoot!;
const titles = (el: SaysoAdminIdeas) => [...shadow(el).querySelectorAll('[role="row"][data-index] .title')].map((cell) => cell.textContent!.trim());
const header = (el: SaysoAdminIdeas, label: string) =>
  [...shadow(el).querySelectorAll<HTMLElement>('[role="columnheader"]')].find((cell) => cell.textContent!.includes(label))!;

/** The screen over the memory admin (three ideas on `demo`), recording where it navigates. */
async function screen(client = adminClient(), params: Record<string, string> = {}) {
  const routes: AdminRoute[] = [];
  const el = await fixture<SaysoAdminIdeas>(
    html`<sayso-admin-ideas .client=${client} .params=${params} @sayso-admin-navigate=${(e: SaysoAdminNavigateEvent) => routes.push(e.detail)}></sayso-admin-ideas>`,
  );
  await until(() => titles(el).length > 0);
  return { el, routes };
}

describe('sayso-admin-ideas', () => {
  // The virtualizer's resize observers may not deliver every change within one frame; the
  // browser reports that as a (harmless) error, which mocha would count as a failure.
  setupIgnoreWindowResizeObserverLoopErrors(beforeEach, afterEach);

  it('shows every idea in a table, most people first, and sorts by a header into the params', async () => {
    const { el, routes } = await screen();
    expect(titles(el)).to.deep.equal(['Dark mode', 'Offline sync', 'CSV export']);
    expect(header(el, 'People').getAttribute('aria-sort')).to.equal('descending');
    expect(header(el, 'Title').getAttribute('aria-sort')).to.equal('none');
    header(el, 'Title').querySelector('button')!.click();
    expect(routes.at(-1)).to.deep.equal({ screen: 'ideas', params: { sort: 'title:asc' } });
    await until(() => titles(el)[0] === 'CSV export');
    expect(header(el, 'Title').getAttribute('aria-sort')).to.equal('ascending');
    header(el, 'Title').querySelector('button')!.click();
    await until(() => titles(el)[0] === 'Offline sync');
    expect(routes.at(-1)!.params).to.deep.equal({ sort: 'title:desc' });
    const row = shadow(el).querySelector('[role="row"][data-index="0"]')!;
    expect(row.textContent).to.contain('Planned');
  });

  it('narrows by a filter in the params, and says so when nothing matches', async () => {
    const { el, routes } = await screen(adminClient(), { status: 'planned' });
    expect(titles(el)).to.deep.equal(['Offline sync']);
    const minPeople = shadow(el).querySelector<HTMLInputElement>('input[name="minPeople"]')!;
    minPeople.value = '50';
    minPeople.dispatchEvent(new Event('change'));
    expect(routes.at(-1)!.params).to.deep.equal({ status: 'planned', minPeople: '50' });
    await until(() => shadow(el).querySelector('.empty'));
    expect(shadow(el).querySelector('.empty')!.textContent).to.contain('No ideas match these filters');
    shadow(el).querySelector<HTMLButtonElement>('.empty button')!.click();
    await until(() => titles(el).length === 3);
  });

  it('by keyboard: / searches, j/k move, Enter opens the idea with the list to come back to', async () => {
    const { el, routes } = await screen(adminClient(), { sort: 'title:asc' });
    press('/', document.body);
    expect(shadow(el).activeElement).to.equal(shadow(el).querySelector('input[name="q"]'));
    (shadow(el).activeElement as HTMLElement).blur();
    press('j', document.body);
    await until(() => shadow(el).activeElement?.getAttribute('data-index') === '1');
    expect(shadow(el).activeElement!.getAttribute('aria-selected')).to.equal('true');
    press('k', document.body);
    await until(() => shadow(el).activeElement?.getAttribute('data-index') === '0');
    press('Enter', document.body);
    const opened = routes.at(-1)!;
    expect(opened.screen).to.equal('idea');
    expect(opened.params.from).to.equal('sort=title%3Aasc');
    expect(opened.params.id).to.be.a('string');
    expect(el.shortcuts.map((shortcut) => shortcut.key)).to.include.members(['/', 'j', 'k', 'Enter', 'x', 's']);
  });

  it('changes the status of the selected ideas: x selects, s asks which status', async () => {
    const { el } = await screen(adminClient(), { sort: 'title:asc' });
    press('x', document.body);
    press('j', document.body);
    await until(() => shadow(el).activeElement?.getAttribute('data-index') === '1');
    press('x', document.body);
    await until(() => shadow(el).querySelector('[part="bulk"]')?.textContent?.includes('2 ideas selected'));
    press('s', document.body);
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.querySelector('h2')!.textContent).to.equal('Change status');
    dialog.querySelector<HTMLSelectElement>('select[name="choice"]')!.value = 'in-progress';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => shadow(el).querySelector('[part="status-line"]')!.textContent!.includes('Moved 2 ideas to In progress.'));
    await until(() => [...shadow(el).querySelectorAll('[role="row"][data-index]')].filter((row) => row.textContent!.includes('In progress')).length === 2);
  });

  it('merges the selected ideas into the one chosen in "Merge ideas", the one with most people by default', async () => {
    const { el } = await screen();
    const boxes = () => [...shadow(el).querySelectorAll<HTMLInputElement>('[role="row"] input[type="checkbox"]')];
    boxes()[1]!.click();
    boxes()[2]!.dispatchEvent(new MouseEvent('click', { shiftKey: true, bubbles: true, cancelable: true }));
    await until(() => shadow(el).querySelector('[part="bulk"]')?.textContent?.includes('2 ideas selected'));
    press('m', document.body);
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.querySelector('h2')!.textContent).to.equal('Merge ideas');
    const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
    expect(radios.map((radio) => radio.parentElement!.textContent!.replace(/\s+/g, ' ').trim())).to.deep.equal([
      'Offline sync (3 people)',
      'CSV export (1 people)',
    ]);
    expect(radios[0]!.checked).to.equal(true);
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await until(() => shadow(el).querySelector('[part="status-line"]')!.textContent!.includes('Merged 1 idea into “Offline sync”.'));
    await until(() => titles(el).length === 2);
    expect(titles(el)).to.deep.equal(['Dark mode', 'Offline sync']);
  });

  it('saves the present params as a view for the team, and applies it', async () => {
    const { el, routes } = await screen(adminClient(), { status: 'planned' });
    shadow(el).querySelector<HTMLButtonElement>('[part="views"] button')!.click();
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    dialog.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Planned work';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const option = await until(() => [...shadow(el).querySelectorAll('select[name="view"] option')].find((o) => o.textContent === 'Planned work'));
    el.params = {};
    await until(() => titles(el).length === 3);
    const select = shadow(el).querySelector<HTMLSelectElement>('select[name="view"]')!;
    select.value = (option as HTMLOptionElement).value;
    select.dispatchEvent(new Event('change'));
    expect(routes.at(-1)).to.deep.equal({ screen: 'ideas', params: { status: 'planned' } });
    await until(() => titles(el).length === 1);
  });

  it('keeps a view name that could not be saved in its field, with the reason', async () => {
    const { el } = await screen(adminClient({ saveView: rejectWith('conflict', 'There is a view named "Mine" already.') }));
    shadow(el).querySelector<HTMLButtonElement>('[part="views"] button')!.click();
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    dialog.querySelector<HTMLInputElement>('input[name="name"]')!.value = 'Mine';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    const alert = await until(() => dialog.querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('already');
    expect(dialog.open).to.equal(true);
    expect(dialog.querySelector<HTMLInputElement>('input[name="name"]')!.value).to.equal('Mine');
  });

  it('says what failed when the list cannot load, and tries again', async () => {
    let fail = true;
    const client = adminClient();
    const listIdeas = client.adapter.admin!.listIdeas;
    (client.adapter.admin as { listIdeas: typeof listIdeas }).listIdeas = (query) => (fail ? rejectWith('network', 'The server did not answer.')() : listIdeas(query));
    const el = await fixture<SaysoAdminIdeas>(html`<sayso-admin-ideas .client=${client}></sayso-admin-ideas>`);
    const alert = await until(() => shadow(el).querySelector('[role="alert"]'));
    expect(alert.textContent).to.contain('Could not load the ideas: The server did not answer.');
    fail = false;
    alert.querySelector('button')!.click();
    await until(() => titles(el).length === 3);
  });
});
