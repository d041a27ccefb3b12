import { expect, fixture, html } from '@open-wc/testing';
import type { SeedPost } from '@sayso/adapter-memory';
import type { SaysoClient } from '@sayso/core';
import type { SaysoAdminDuplicates } from './sayso-admin-duplicates.component.js';
import './sayso-admin-duplicates.js';
import { adminClient, expectRowKeys, press, rejectWith, until } from '../../internal/test-fixtures.js';
import type { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';

// Two pairs that say the same thing, and one idea that is like neither.
const posts: SeedPost[] = [
  { board: 'demo', title: 'Dark mode for the editor', body: 'The editor is too bright at night; a dark theme please.', votes: 1 },
  { board: 'demo', title: 'Dark theme for the editor', body: 'A dark mode, the editor hurts my eyes at night.', votes: 4 },
  { board: 'demo', title: 'Export invoices to CSV', body: 'Our accountant wants the invoices as a CSV export file.', votes: 2 },
  { board: 'demo', title: 'CSV export of invoices', body: 'Export the invoices to a CSV file for our accountant.', votes: 1 },
  { board: 'demo', title: 'Single sign-on with Okta', body: 'SAML login for the whole company.' },
];

const shadow = (el: SaysoAdminDuplicates) => el.shadowRoot!;
const rows = (el: SaysoAdminDuplicates) => [...shadow(el).querySelectorAll<HTMLTableRowElement>('tbody tr')];
const button = (root: ParentNode, name: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((candidate) => candidate.textContent?.trim() === name);
const darkRow = (el: SaysoAdminDuplicates) => rows(el).find((row) => row.textContent!.includes('Dark'))!;
const statusText = (el: SaysoAdminDuplicates) => shadow(el).querySelector('[part="status"]')!.textContent!.replace(/\s+/g, ' ').trim();

async function screen(client: SaysoClient = adminClient({}, { posts })) {
  const el = await fixture<SaysoAdminDuplicates>(html`<sayso-admin-duplicates .client=${client} .params=${{ board: 'demo' }}></sayso-admin-duplicates>`);
  await until(() => rows(el).length > 0 || shadow(el).querySelector('[role="alert"]') || shadow(el).textContent!.includes('No possible'));
  return el;
}

describe('sayso-admin-duplicates', () => {
  describe('queue and compare', () => {
    it('lists the pairs, the one to keep first; j/k move; Enter compares with the shared people; Esc closes', async () => {
      const el = await screen();
      expect(rows(el)).to.have.length(2);
      expect(rows(el).map((row) => row.cells[0]!.textContent)).to.satisfy((cells: string[]) =>
        cells.some((cell) => cell.includes('Dark theme for the editor')),
      );
      await expectRowKeys(shadow(el), () => rows(el));
      press('Enter');
      const compare = await until(() => shadow(el).querySelector<HTMLElement>('[part="compare"]'));
      await until(() => compare.textContent!.includes('Shared people'));
      expect(compare.querySelectorAll('article')).to.have.length(2);
      expect(compare.textContent).to.contain('Votes');
      expect(shadow(el).activeElement).to.equal(compare);
      press('Escape');
      await until(() => !shadow(el).querySelector('[part="compare"]'));
      expect(shadow(el).activeElement).to.equal(rows(el)[0]);
    });

    it('shows an empty queue plainly', async () => {
      const el = await fixture<SaysoAdminDuplicates>(html`<sayso-admin-duplicates .client=${adminClient()} .params=${{ board: 'quiet' }}></sayso-admin-duplicates>`);
      await until(() => shadow(el).textContent!.includes('No possible duplicates'));
      expect(el.shortcuts.map((shortcut) => shortcut.key)).not.to.include('m');
    });

    it('asks for another board through a navigate event', async () => {
      const el = await screen();
      const select = shadow(el).querySelector('select')!;
      await until(() => select.options.length === 2);
      let asked: SaysoAdminNavigateEvent | undefined;
      el.addEventListener('sayso-admin-navigate', (event) => (asked = event));
      select.value = 'quiet';
      select.dispatchEvent(new Event('change'));
      expect(asked!.detail).to.deep.equal({ screen: 'duplicates', params: { board: 'quiet' } });
    });
  });

  describe('merge and undo', () => {
    it('m opens "Merge ideas" keeping the idea with more people; Merge merges, says so, and Undo unmerges', async () => {
      const client = adminClient({}, { posts });
      const el = await screen(client);
      darkRow(el).focus();
      press('Enter');
      await until(() => shadow(el).querySelector('[part="compare"]')?.textContent?.includes('Shared people'));
      press('m');
      const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
      expect(dialog.querySelector('h2')!.textContent).to.equal('Merge ideas');
      const radios = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      const checked = radios.find((radio) => radio.checked)!;
      expect(checked.closest('label')!.textContent).to.contain('Dark theme for the editor');
      // Keys meant for the dialog are not the queue's.
      expect(el.shortcuts).to.have.length(0);
      button(dialog, 'Merge')!.click();
      await until(() => statusText(el).includes('Merged'));
      expect(statusText(el)).to.contain('Merged “Dark mode for the editor” into “Dark theme for the editor”.');
      expect(rows(el)).to.have.length(1);
      const merged = (await client.adapter.admin!.listDuplicateCandidates({ board: 'demo' })).flatMap((pair) => pair.posts.map((post) => post.title));
      expect(merged).not.to.include('Dark mode for the editor');

      button(shadow(el), 'Undo')!.click();
      await until(() => rows(el).length === 2);
      expect(statusText(el)).to.contain('Unmerged');
    });

    it('lets the admin keep the other idea, and keeps the queue when merging fails', async () => {
      const el = await screen(adminClient({ mergePost: rejectWith('conflict', 'That idea is already merged.') }, { posts }));
      rows(el)[0]!.focus();
      press('m');
      const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
      const other = [...dialog.querySelectorAll<HTMLInputElement>('input[type="radio"]')].find((radio) => !radio.checked)!;
      other.click();
      button(dialog, 'Merge')!.click();
      const error = await until(() => shadow(el).querySelector('[role="alert"]'));
      expect(error.textContent).to.contain('That idea is already merged.');
      expect(rows(el)).to.have.length(2);
    });

    it('Cancel and Esc close the dialog without merging', async () => {
      const el = await screen();
      rows(el)[0]!.focus();
      press('m');
      const dialog = await until(() => shadow(el).querySelector<HTMLDialogElement>('dialog[open]'));
      button(dialog, 'Cancel')!.click();
      await until(() => !dialog.open);
      expect(rows(el)).to.have.length(2);
      expect(shadow(el).activeElement).to.equal(rows(el)[0]);
    });
  });

  describe('dismiss', () => {
    it('d says the active pair are not duplicates: it leaves the queue', async () => {
      const el = await screen();
      rows(el)[1]!.focus();
      press('d');
      await until(() => rows(el).length === 1);
      expect(statusText(el)).to.contain('are no longer listed as duplicates');
    });
  });

  describe('errors', () => {
    it('says what failed loading the queue, and tries again', async () => {
      let fail = true;
      const client = adminClient({}, { posts });
      const list = client.adapter.admin!.listDuplicateCandidates;
      client.adapter.admin!.listDuplicateCandidates = (params) => (fail ? rejectWith('network')() : list(params));
      const el = await screen(client);
      const error = await until(() => shadow(el).querySelector('[role="alert"]'));
      expect(error.textContent).to.contain('Loading the duplicate queue failed');
      fail = false;
      button(error, 'Try again')!.click();
      await until(() => rows(el).length === 2);
    });
  });

  describe('accessibility', () => {
    it('the queue passes axe', async () => {
      await expect(await screen()).to.be.accessible();
    });

    it('the comparison passes axe', async () => {
      const el = await screen();
      rows(el)[0]!.focus();
      press('Enter');
      await until(() => shadow(el).querySelector('[part="compare"]')?.textContent?.includes('Shared people'));
      await expect(el).to.be.accessible();
    });

    it('the merge dialog passes axe', async () => {
      const el = await screen();
      rows(el)[0]!.focus();
      press('m');
      await until(() => shadow(el).querySelector('dialog[open]'));
      await expect(el).to.be.accessible();
    });
  });
});
