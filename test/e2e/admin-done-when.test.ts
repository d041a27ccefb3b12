// Issue 13's "done when", in Chromium against the real server as `npm start` runs it, by keyboard
// alone: an admin signs in with a key, finds two duplicates in the queue, compares and merges them,
// links an email that arrived to the merged idea from the inbox, and publishes a changelog entry
// shipping it after previewing who will be told; the example page's visitor, who voted for one of
// the duplicates, then sees the idea shipped and the news in the bell (merged, then shipped).
import { createHttpAdapter } from '@sayso/adapter-http';
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { focused, pressUntil, type Focused } from '../support/focus.js';
import { voteButtonFor } from '../support/vote-buttons.js';

const ADMIN_KEY = 'sayso_admin_e2e-done-when-0123456789abcdef';
const INBOUND_SECRET = 'inbound-e2e-done-when';

const EMAIL = [
  'From: Alice Martin <alice@customer.example>',
  'To: feedback@acme.example',
  'Subject: Printing notes to PDF',
  'Message-ID: <done-when-pdf@customer.example>',
  'Date: Sat, 05 Dec 2026 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'We send every meeting note to clients as a PDF. Exporting notes to PDF would save us an hour a day.',
  '',
].join('\r\n');

/** A button named `name`, a field labelled `label`, an element whose text holds every one of `texts`. */
const button = (name: string) => (now: Focused) => now.tag === 'button' && now.name === name;
const field = (label: string) => (now: Focused) => (now.tag === 'input' || now.tag === 'textarea') && now.name === label;
const holding = (...texts: string[]) => (now: Focused) => texts.every((text) => now.text.includes(text));

describe('the admin console, end to end by keyboard', () => {
  const site = useE2eSite('sayso-e2e-admin-done-when-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
    SAYSO_INBOUND_EMAIL_SECRET: INBOUND_SECRET,
  });

  it('signs in, merges two duplicates from the queue, links an email to the idea, publishes its changelog entry; the visitor is told', { timeout: 240_000 }, async () => {
    const person = () => createHttpAdapter({ baseUrl: site.server.url });
    const [ann, bo, cy] = [person(), person(), person()];
    const a = await ann.createPost({ board: 'demo', title: 'Export notes to PDF files', body: 'Send notes to clients as PDF files, and print them.' });
    const c = await cy.createPost({ board: 'demo', title: 'Export notes as PDF files', body: 'To print notes and send them to clients as PDF files.' });
    await bo.vote({ postId: c.id });
    await ann.vote({ postId: c.id });
    const adminApi = createHttpAdapter({ baseUrl: site.server.url, adminKey: ADMIN_KEY });
    // Each idea is checked for duplicates as it arrives, in the background.
    const pairQueued = async () =>
      (await adminApi.admin!.listDuplicateCandidates({ board: 'demo' })).some((pair) => pair.posts.every((post) => [a.id, c.id].includes(post.id)));
    await expect.poll(pairQueued, { timeout: 30_000 }).toBe(true);
    // People: A {ann} (+ the page's visitor, below), C {cy, bo, ann}: C is the one to keep; they share ann.

    // The example page's visitor votes for A, the idea that will be merged away.
    const visitor = await site.browser.newContext();
    const hostPage = await visitor.newPage();
    await hostPage.goto(site.server.url);
    await hostPage.getByRole('button', { name: 'New', exact: true }).click();
    await voteButtonFor(hostPage, a.title).click();
    await expect.poll(() => voteButtonFor(hostPage, a.title).getAttribute('aria-pressed')).toBe('true');

    const email = await fetch(`${site.server.url}/api/v1/channels/email?secret=${INBOUND_SECRET}`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822' },
      body: EMAIL,
    });
    expect(email.status).toBe(201);

    const admin = await site.browser.newContext();
    const page = await admin.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.server.url}/admin/`);

    // Sign in: the key field has focus.
    await page.getByLabel('Admin key').waitFor();
    await page.keyboard.type(ADMIN_KEY);
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as').waitFor();

    // Duplicates: find our pair in the queue, compare, merge A into C.
    await page.keyboard.press('2');
    await page.getByRole('heading', { name: 'Duplicates' }).waitFor();
    await page.getByText(a.title).first().waitFor();
    // The demo board has pairs of its own: the one of our two ideas, row by row from the first (k).
    await page.keyboard.press('k');
    await pressUntil(page, 'j', holding(a.title, c.title));
    await page.keyboard.press('Enter');
    await page.getByText('Shared people').waitFor();
    await page.keyboard.press('m');
    const merge = page.getByRole('dialog', { name: 'Merge ideas' });
    await merge.waitFor();
    expect(await merge.getByRole('radio', { name: c.title }).isChecked()).toBe(true);
    await pressUntil(page, 'Tab', button('Merge'));
    await page.keyboard.press('Enter');
    await page.getByText('Merged', { exact: false }).first().waitFor();
    await expect.poll(async () => (await adminApi.getPost({ postId: a.id })).id).toBe(c.id);

    // Inbox: the email, linked to the merged idea.
    await page.keyboard.press('3');
    await page.getByRole('heading', { name: 'Inbox' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('PDF');
    await page.keyboard.press('Enter');
    await page.getByText('Printing notes to PDF').first().waitFor();
    // Out of the search field into the list, to the email's row.
    await pressUntil(page, 'Tab', holding('Printing notes to PDF'));
    await pressUntil(page, 'Tab', button(`Link to “${c.title}”`));
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await adminApi.getDemand({ postId: c.id })).evidence.map((count) => count.source)).toContain('email');

    // Changelog: an entry shipping the idea, its recipients previewed, published.
    await page.keyboard.press('4');
    await page.getByRole('heading', { name: 'Changelog' }).waitFor();
    await page.getByRole('table', { name: 'Entries' }).or(page.getByText('No entries yet')).waitFor();
    await page.keyboard.press('n');
    await expect.poll(async () => field('Title')(await focused(page))).toBe(true);
    await page.keyboard.type('Export your notes as PDF');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Notes now **export to PDF**, formatting and all.');
    await page.getByRole('region', { name: 'Preview' }).getByText('export to PDF').waitFor();
    await pressUntil(page, 'Tab', field('Add an idea'));
    await page.keyboard.type('PDF files');
    await page.getByRole('option', { name: c.title }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await pressUntil(page, 'Tab', button('Preview recipients'));
    await page.keyboard.press('Enter');
    // Everyone behind the idea: its three voters, the page's visitor (by merge) and the email's author.
    await expect
      .poll(() => page.getByRole('region', { name: 'Recipients' }).textContent())
      .toContain('Will tell 5 people: 4 in the app, 1 by email.');
    await pressUntil(page, 'Tab', button('Publish…'));
    await page.keyboard.press('Enter');
    const publish = page.getByRole('dialog', { name: 'Publish this entry?' });
    await publish.waitFor();
    await pressUntil(page, 'Tab', button('Publish'));
    await page.keyboard.press('Enter');
    await page.getByText('Published').first().waitFor();
    expect(errors).toEqual([]);

    // The example page's visitor: the idea they voted for shipped, and the bell says so.
    await expect.poll(async () => (await adminApi.getPost({ postId: c.id })).status, { timeout: 15_000 }).toBe('shipped');
    // The visitor, whose page stayed open all along (its board heard of the merge live), follows
    // the link to the idea they voted for: merged, now shipped.
    await hostPage.evaluate((id) => (location.hash = `idea=${id}`), a.id);
    const detail = hostPage.locator('main sayso-board sayso-post-detail');
    await detail.getByRole('heading', { name: c.title }).waitFor();
    await expect.poll(() => detail.locator('[part="status"][data-status]').textContent(), { timeout: 15_000 }).toContain('Shipped');
    // Two pieces of news: their idea was merged into this one, and it shipped with the entry.
    const bell = hostPage.locator('sayso-notifications [part="trigger"]');
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 2 unread');
    await bell.click();
    await hostPage.locator('sayso-notifications').getByText('Export your notes as PDF').first().waitFor();
    await visitor.close();
    await admin.close();
  });
});
