import { expect, fixture, html } from '@open-wc/testing';
import type { SaysoClient } from '@sayso/core';
import type { SaysoAdminChangelog } from './sayso-admin-changelog.component.js';
import './sayso-admin-changelog.js';
import { adminClient, press, rejectWith, until } from '../../internal/test-fixtures.js';
import type { SaysoAdminIdeaPicker } from '../sayso-admin-idea-picker/sayso-admin-idea-picker.component.js';

const shadow = (el: SaysoAdminChangelog) => el.shadowRoot!;
const field = <T extends HTMLElement>(el: SaysoAdminChangelog, selector: string) => until(() => shadow(el).querySelector<T>(selector));
const buttonNamed = (root: ParentNode, name: string) =>
  until(() => [...root.querySelectorAll('button')].find((button) => button.textContent!.trim() === name && !button.disabled));

/** Types into a field as the admin does: the value, then the input event. */
function type(input: HTMLInputElement | HTMLTextAreaElement, text: string): void {
  input.focus();
  input.value = text;
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
}

async function screen(client: SaysoClient = adminClient()): Promise<SaysoAdminChangelog> {
  const el = await fixture<SaysoAdminChangelog>(html`<sayso-admin-changelog .client=${client} .params=${{ board: 'demo' }}></sayso-admin-changelog>`);
  await until(() => shadow(el).textContent!.includes('No entries yet'));
  return el;
}

/** Picks the idea `words` find in "Add an idea" by keyboard: type, ArrowDown, Enter. */
async function addIdea(el: SaysoAdminChangelog, words: string): Promise<void> {
  const picker = await field<SaysoAdminIdeaPicker>(el, 'sayso-admin-idea-picker');
  const input = await until(() => picker.shadowRoot!.querySelector<HTMLInputElement>('input'));
  type(input, words);
  press('ArrowDown', input);
  press('Enter', input);
}

describe('sayso-admin-changelog', () => {
  it('n opens a new entry with Title focused; the Body shows as sanitised markdown in the Preview as it is typed', async () => {
    const el = await screen();
    press('n', document.body);
    const title = await field<HTMLInputElement>(el, '#title');
    await until(() => shadow(el).activeElement === title);
    type(await field<HTMLTextAreaElement>(el, '#body'), '**Dark** mode <img src=x onerror="window.pwned=1"> [x](javascript:alert(1))');
    const preview = await field(el, '[role="region"][aria-label="Preview"]');
    await until(() => preview.querySelector('strong')?.textContent === 'Dark');
    expect(preview.querySelector('img')).to.equal(null);
    expect(preview.querySelector('a')!.hasAttribute('href')).to.equal(false);
    expect((window as { pwned?: number }).pwned).to.equal(undefined);
  });

  it('"Add an idea" is a combobox: typing lists matching ideas, ArrowDown highlights one, Enter adds it, Escape closes only the list', async () => {
    const el = await screen();
    press('n', document.body);
    const picker = await field<SaysoAdminIdeaPicker>(el, 'sayso-admin-idea-picker');
    const input = await until(() => picker.shadowRoot!.querySelector<HTMLInputElement>('input[role="combobox"]'));
    expect(input.labels![0]!.textContent).to.contain('Add an idea');
    type(input, 'dark');
    await until(() => input.getAttribute('aria-expanded') === 'true');
    const options = picker.shadowRoot!.querySelectorAll('[role="option"]');
    expect([...options].map((option) => option.textContent!.trim())).to.deep.equal(['Dark mode']);
    press('ArrowDown', input);
    await until(() => input.getAttribute('aria-activedescendant') === 'idea-0');
    expect(picker.shadowRoot!.querySelector('#idea-0')!.getAttribute('aria-selected')).to.equal('true');
    press('Enter', input);
    const added = await until(() => shadow(el).querySelector('.ideas'));
    expect(added.textContent).to.contain('Dark mode');
    expect(input.value).to.equal('');
    // Already added: not offered again.
    type(input, 'dark');
    await until(() => picker.shadowRoot!.querySelector('[role="status"]')!.textContent!.includes('No idea matches'));
    // Escape closes the list and leaves the editor open.
    type(input, '');
    await until(() => input.getAttribute('aria-expanded') === 'true');
    press('Escape', input);
    await until(() => input.getAttribute('aria-expanded') === 'false');
    expect(shadow(el).querySelector('#title')).to.not.equal(null);
    (await buttonNamed(shadow(el), 'Remove')).click();
    await until(() => !shadow(el).querySelector('.ideas'));
  });

  it('previews who would be told, asks before publishing, then shows the entry published', async () => {
    const el = await screen();
    press('n', document.body);
    type(await field<HTMLInputElement>(el, '#title'), 'Dark mode is here');
    type(await field<HTMLTextAreaElement>(el, '#body'), 'Switch it on in settings.');
    await addIdea(el, 'dark');
    await until(() => shadow(el).querySelector('.ideas'));
    (await buttonNamed(shadow(el), 'Preview recipients')).click();
    const audience = await field(el, '[part="audience"]');
    await until(() => audience.textContent!.includes('Will tell'));
    // Nobody follows the memory board's seeded idea: the preview says so rather than "0 people"
    // (the end-to-end tests check the counts on the real server).
    expect(audience.textContent!.trim()).to.match(/^Will tell (nobody: |\d+ (people|person)[:.])/);
    // Saved as a draft on the way: listed.
    await until(() => shadow(el).querySelector('tbody')?.textContent!.includes('Draft'));
    // The list, the editor with its preview and idea picker, and the recipients: all named and labelled.
    await expect(el).to.be.accessible();

    (await buttonNamed(shadow(el), 'Publish…')).click();
    const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
    expect(dialog.querySelector('h2')!.textContent).to.equal('Publish this entry?');
    expect(dialog.textContent).to.contain('Will tell');
    // Escape in the dialog is the dialog's: the editor stays.
    press('Escape', dialog);
    expect(shadow(el).querySelector('#title')).to.not.equal(null);
    (await buttonNamed(dialog, 'Publish')).click();
    await until(() => shadow(el).querySelector('.state')!.textContent!.includes('Published'));
    expect(shadow(el).querySelector('tbody')!.textContent).to.contain('Published');
    const [post] = (await el.client!.adapter.listPosts({ board: 'demo', q: 'dark' })).items;
    expect(post!.shippedAt).to.not.equal(null);
  });

  it('a failed save keeps the title and body typed, with the reason beside them; saving again works', async () => {
    const client = adminClient({ createChangelogEntry: rejectWith('network') });
    const el = await screen(client);
    press('n', document.body);
    type(await field<HTMLInputElement>(el, '#title'), 'Offline sync ships');
    type(await field<HTMLTextAreaElement>(el, '#body'), 'Work on the train.');
    (await buttonNamed(shadow(el), 'Save draft')).click();
    const error = await field(el, '[part="error"]');
    expect(error.getAttribute('role')).to.equal('alert');
    expect(error.textContent).to.contain('Nothing you typed was lost');
    expect(shadow(el).querySelector<HTMLInputElement>('#title')!.value).to.equal('Offline sync ships');
    expect(shadow(el).querySelector<HTMLTextAreaElement>('#body')!.value).to.equal('Work on the train.');
    // Esc does not drop an unsaved entry whose save fails.
    press('Escape', document.body);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(shadow(el).querySelector<HTMLInputElement>('#title')!.value).to.equal('Offline sync ships');
  });

  it('Esc saves what was typed and closes; the entry opens again from the list with j and Enter', async () => {
    const el = await screen();
    press('n', document.body);
    type(await field<HTMLInputElement>(el, '#title'), 'Faster search');
    press('Escape', document.body);
    await until(() => !shadow(el).querySelector('#title'));
    await until(() => shadow(el).querySelector('tbody')?.textContent!.includes('Faster search'));
    press('j', document.body);
    press('Enter', document.body);
    const title = await field<HTMLInputElement>(el, '#title');
    expect(title.value).to.equal('Faster search');
    expect(el.shortcuts.map((shortcut) => shortcut.key)).to.include.members(['n', 'Escape']);
  });
});
