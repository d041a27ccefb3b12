// The console's idea screen (examples/admin at /admin/) in Chromium against the real server: the
// status change says who will be told before it happens, an internal note stays with the team,
// and of two admins editing the same idea the second is told rather than overwriting the first.
import { createHttpAdapter } from '@sayso/adapter-http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-admin-idea-0123456789abcdef';

describe('the idea screen of the admin console', () => {
  const site = useE2eSite('sayso-e2e-admin-idea-', { SAYSO_ADMIN_KEY: ADMIN_KEY, SAYSO_WRITES_PER_MINUTE: '0', SAYSO_WRITES_PER_MINUTE_PER_IP: '0' });

  /** An admin key labelled `label`, as the team hands them out. */
  async function keyFor(label: string): Promise<string> {
    const created = await fetch(`${site.server.url}/api/v1/admin/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label }),
    });
    return ((await created.json()) as { key: string }).key;
  }

  /** A browser tab signed in with `key`, on the idea `id`. */
  async function openIdea(key: string, id: string): Promise<Page> {
    const page = await (await site.browser.newContext()).newPage();
    await page.goto(`${site.server.url}/admin/#/idea?id=${id}&from=sort%3Dpeople`);
    const keyField = page.getByLabel('Admin key');
    await keyField.fill(key);
    await keyField.press('Enter');
    await page.getByRole('heading', { name: 'History' }).waitFor();
    return page;
  }

  it('previews who a status change tells, keeps internal notes from visitors, and tells the second of two admins editing at once', { timeout: 120_000 }, async () => {
    const visitor = createHttpAdapter({ baseUrl: site.server.url });
    const idea = await visitor.createPost({ board: 'demo', title: 'Calendar sync', body: 'Sync my notes with my calendar.' });
    const [grace, priya] = [await openIdea(await keyFor('Grace (support)'), idea.id), await openIdea(await keyFor('Priya (PM)'), idea.id)];

    // s opens the change; the dialog says who will be told before anything changes.
    await grace.keyboard.press('s');
    const dialog = grace.getByRole('dialog', { name: 'Change status' });
    await dialog.getByLabel('New status').selectOption('shipped');
    await expect.poll(() => dialog.getByRole('status').textContent()).toContain('Will tell 1 person');
    expect((await visitor.getPost({ postId: idea.id })).status).toBe('open');
    await dialog.getByRole('button', { name: 'Change status' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await expect.poll(() => grace.locator('[part="status"]').textContent()).toContain('Shipped');
    await expect.poll(() => grace.locator('[part="history"]').textContent()).toContain('by Grace (support)');

    // Priya opened the idea before Grace shipped it: her edit is refused, what she typed stays.
    const title = priya.getByLabel('Title');
    await title.fill('Calendar sync (Google and Outlook)');
    await priya.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(() => priya.getByRole('alert').textContent()).toContain('This idea was changed by someone else since you opened it');
    expect(await title.inputValue()).toBe('Calendar sync (Google and Outlook)');
    expect((await visitor.getPost({ postId: idea.id })).title).toBe('Calendar sync');
    await priya.getByRole('button', { name: 'Reload' }).click();
    await expect.poll(() => priya.locator('[part="status"]').textContent()).toContain('Shipped');
    expect(await title.inputValue()).toBe('Calendar sync (Google and Outlook)');
    await priya.getByRole('button', { name: 'Save text' }).click();
    await expect.poll(async () => (await visitor.getPost({ postId: idea.id })).title).toBe('Calendar sync (Google and Outlook)');

    // An internal note shows to the team and never to visitors; a reply as the team shows to all.
    await grace.getByLabel('Comment', { exact: true }).fill('Acme asked on the renewal call.');
    await grace.getByRole('button', { name: 'Add internal note' }).click();
    await expect.poll(() => grace.locator('[part="comments"]').textContent()).toContain('Internal note');
    await grace.getByLabel('Comment', { exact: true }).fill('Shipped today: tell us how it works for you.');
    await grace.getByRole('button', { name: 'Reply as the team' }).click();
    await expect.poll(() => grace.locator('[part="comments"]').textContent()).toContain('From the team');
    const seen = await visitor.listComments({ postId: idea.id });
    expect(seen.items.map((comment) => [comment.body, comment.team ?? false])).toEqual([['Shipped today: tell us how it works for you.', true]]);
    expect((await visitor.getPost({ postId: idea.id })).commentCount).toBe(1);

    // Esc goes back to the list it came from.
    await grace.locator('body').press('Escape');
    await grace.waitForURL(/#\/ideas\?sort=people$/);
    await Promise.all([grace.context().close(), priya.context().close()]);
  });
});
