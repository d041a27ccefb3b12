// The console's ideas screen (examples/admin, served by the server at /admin/) in Chromium
// against the real server: the list sorted and filtered on the server with its params in the
// address, then a merge by keyboard alone.
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-admin-ideas-0123456789';

describe('the admin ideas screen', () => {
  const site = useE2eSite('sayso-e2e-admin-ideas-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
  });

  const post = async (title: string) => {
    const answer = await fetch(`${site.server.url}/api/v1/boards/demo/posts`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ title, body: 'From the e2e test.' }),
    });
    expect(answer.status).toBe(201);
    return ((await answer.json()) as { id: string }).id;
  };

  it('searches, sorts by a header into the address, and merges two ideas by keyboard', { timeout: 120_000 }, async () => {
    await post('Zebra stripes export');
    await post('Zebra stripes exporter');
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.server.url}/admin/`);
    const keyField = page.getByLabel('Admin key');
    await keyField.fill(ADMIN_KEY);
    await keyField.press('Enter');
    const grid = page.getByRole('grid', { name: 'Ideas' });
    await grid.getByRole('row').nth(1).waitFor();

    // `/` focuses the search; the words narrow the list on the server and go into the address.
    await page.keyboard.press('/');
    await page.keyboard.type('zebra');
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('q=zebra');
    const rows = grid.locator('[role="row"][data-index]');
    await expect.poll(() => rows.count()).toBe(2);

    await page.getByRole('button', { name: 'Title' }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toContain('sort=title%3Aasc');
    expect(await page.getByRole('columnheader', { name: 'Title' }).getAttribute('aria-sort')).toBe('ascending');
    await expect.poll(() => rows.first().textContent()).toContain('Zebra stripes export');

    // Keyboard only: leave the search, select both rows, merge them.
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('x');
    await page.keyboard.press('j');
    await page.keyboard.press('x');
    await page.getByText('2 ideas selected').waitFor();
    await page.keyboard.press('m');
    const dialog = page.getByRole('dialog', { name: 'Merge ideas' });
    await dialog.waitFor();
    await dialog.getByRole('radio', { name: /Zebra stripes export\b/ }).check();
    await dialog.getByRole('button', { name: 'Merge' }).press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Merged' }).textContent()).toContain('Merged 1 idea into “Zebra stripes export”.');
    await expect.poll(() => rows.count()).toBe(1);

    // The list's params survive a reload: they live in the address.
    await page.reload();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByLabel('Search').inputValue()).toBe('zebra');
    await context.close();
  });
});
