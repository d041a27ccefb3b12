// The console's triage screens in Chromium against the real server (examples/admin at /admin/),
// by keyboard only: merging a pair from the duplicate queue, then linking an email that arrived
// through the inbound email channel to the idea the inbox suggests.
import { createHttpAdapter } from '@sayso/adapter-http';
import type { SaysoAdapter, SaysoAdminApi } from '@sayso/core';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { focused, pressUntil } from '../support/focus.js';

const ADMIN_KEY = 'sayso_admin_e2e-admin-triage-0123456789';
const INBOUND_SECRET = 'inbound-triage-secret';

const EMAIL = [
  'From: Nora Quist <nora@customer.example>',
  'To: feedback@acme.example',
  'Subject: Printing notes',
  'Message-ID: <triage-pdf-1@customer.example>',
  'Date: Sat, 05 Dec 2026 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Could we export notes as PDF files? We print every meeting note for clients.',
  '',
].join('\r\n');

/** Presses `key` until the active row of `screen` contains `text` (at most `rows` times). */
async function moveTo(page: Page, screen: string, text: string, rows = 30) {
  const active = page.locator(`${screen} tbody tr[aria-selected="true"]`);
  await page.keyboard.press('k');
  for (let n = 0; n < rows && !(await active.textContent())?.includes(text); n++) await page.keyboard.press('j');
  expect(await active.textContent()).toContain(text);
}

describe('triage in the admin console', () => {
  const site = useE2eSite('sayso-e2e-admin-triage-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_INBOUND_EMAIL_SECRET: INBOUND_SECRET,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
  });

  it('merges a pair from the duplicate queue and links an email from the inbox, by keyboard', { timeout: 180_000 }, async () => {
    const admin = createHttpAdapter({ baseUrl: site.server.url, adminKey: ADMIN_KEY }) as SaysoAdapter & { admin: SaysoAdminApi };
    const visitor = createHttpAdapter({ baseUrl: site.server.url });
    const keep = await admin.createPost({ board: 'demo', title: 'Export notes as PDF files', body: 'To print notes and send them to clients as PDF files.' });
    const duplicate = await visitor.createPost({ board: 'demo', title: 'Export notes to PDF files', body: 'Send notes to clients as PDF files, and print them.' });
    await visitor.vote({ postId: keep.id });
    // Each idea is checked for duplicates as it arrives, in the background.
    const pairQueued = async () =>
      (await admin.admin.listDuplicateCandidates({ board: 'demo' })).some((pair) => pair.posts.some((post) => post.id === duplicate.id));
    await expect.poll(pairQueued, { timeout: 30_000 }).toBe(true);

    const page = await (await site.browser.newContext()).newPage();
    await page.goto(`${site.server.url}/admin/`);
    await page.getByLabel('Admin key').waitFor();
    await page.keyboard.type(ADMIN_KEY);
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as').waitFor();

    // Duplicates: the pair, compared with the people both share, merged keeping the idea with more people.
    await page.keyboard.press('2');
    await page.locator('sayso-admin-duplicates tbody tr').first().waitFor();
    await moveTo(page, 'sayso-admin-duplicates', duplicate.title);
    await page.keyboard.press('Enter');
    await page.getByText('Shared people').waitFor();
    await page.keyboard.press('m');
    const dialog = page.getByRole('dialog', { name: 'Merge ideas' });
    await dialog.waitFor();
    expect(await dialog.getByRole('radio', { name: keep.title }).isChecked()).toBe(true);
    expect(await dialog.getByRole('radio', { name: duplicate.title }).isChecked()).toBe(false);
    await pressUntil(page, 'Tab', (now) => now.tag === 'button' && now.text === 'Merge', 12);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('sayso-admin-duplicates [part="status"]').textContent()).toContain('Merged');
    expect((await admin.getPost({ postId: duplicate.id })).mergedFrom).toEqual({ id: duplicate.id, title: duplicate.title });
    expect(await pairQueued()).toBe(false);

    // Inbox: the email, with the merged idea's canonical suggested, linked to it from its row.
    const sent = await fetch(`${site.server.url}/api/v1/channels/email?secret=${INBOUND_SECRET}`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: EMAIL,
    });
    expect(sent.status).toBe(201);
    await page.keyboard.press('3');
    const row = page.locator('sayso-admin-inbox tbody tr').filter({ hasText: 'Nora Quist' });
    await row.waitFor();
    expect(await row.getByRole('img', { name: 'Email' }).count()).toBe(1);
    await page.keyboard.press('/');
    expect((await focused(page)).name).toContain('Search');
    // Out of the field to the list, then to the email's row and into it.
    await pressUntil(page, 'Tab', (now) => now.tag === 'tr', 12);
    await moveTo(page, 'sayso-admin-inbox', 'Nora Quist');
    await pressUntil(page, 'Tab', (now) => now.text === `Link to “${keep.title}”`, 12);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('sayso-admin-inbox [part="status"]').textContent()).toContain(`Linked 1 item to “${keep.title}”.`);
    const linked = (await admin.admin.listInbox({ state: 'linked', source: 'email' })).items;
    expect(linked.map((item) => [item.author.email, item.postId])).toEqual([['nora@customer.example', keep.id]]);
    const demand = await admin.getDemand({ postId: keep.id });
    expect(demand.evidence.find((count) => count.source === 'email')).toMatchObject({ items: 1, people: 1 });
  });
});
