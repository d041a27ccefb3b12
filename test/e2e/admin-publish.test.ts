// The console's changelog and settings (examples/admin, served by the server at /admin/), in
// Chromium against the real server, driven by the keyboard only: write an entry in markdown with
// its preview, add the idea it ships from "Add an idea", see who it would tell, publish it after
// the confirmation; then make an ingestion key in the settings, shown once.
import { createHttpAdapter } from '@sayso/adapter-http';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { focused } from '../support/focus.js';
import { useE2eSite, type E2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-admin-publish-0123456789';

/** A new browser context on the console, signed in by typing the key (its field has focus) and Enter. */
async function signedIn(site: E2eSite) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${site.server.url}/admin/`);
  await page.keyboard.type(ADMIN_KEY);
  await page.keyboard.press('Enter');
  await page.getByText('Signed in as').waitFor();
  return { context, page };
}

describe('the admin console: changelog and settings', () => {
  const site = useE2eSite('sayso-e2e-admin-publish-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
  });

  it('writes, previews and publishes a changelog entry by keyboard, telling the idea\'s voters', { timeout: 180_000 }, async () => {
    const baseUrl = `${site.server.url}/api/v1`;
    const admin = createHttpAdapter({ baseUrl, adminKey: ADMIN_KEY });
    const [board] = await admin.listBoards();
    // Two visitors ask for the idea the entry ships: publishing tells both, in the bell.
    const idea = await createHttpAdapter({ baseUrl }).createPost({ board: board!.slug, title: 'Haptic feedback on publish', body: '' });
    await createHttpAdapter({ baseUrl }).vote({ postId: idea.id });

    const { context, page } = await signedIn(site);
    await page.keyboard.press('4');
    await page.getByRole('button', { name: 'New entry' }).waitFor();
    await page.getByText('No entries yet').waitFor();

    await page.keyboard.press('n');
    await expect.poll(async () => (await focused(page)).name).toBe('Title');
    await page.keyboard.type('Shortcuts ship');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Body');
    await page.keyboard.type('Press **?** anywhere <script>alert(1)</script>');
    const preview = page.getByRole('region', { name: 'Preview' });
    await expect.poll(() => preview.locator('strong').textContent()).toBe('?');
    expect(await preview.locator('script').count()).toBe(0);

    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Add an idea');
    await page.keyboard.type('haptic');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Remove “Haptic feedback on publish”' }).waitFor();

    // Tab on to "Preview recipients" (past "Save draft").
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Save draft');
    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Preview recipients');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('region', { name: 'Recipients' }).textContent()).toContain('Will tell 2 people: 2 in the app.');

    await page.keyboard.press('Tab');
    expect((await focused(page)).name).toBe('Publish…');
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Publish this entry?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Will tell 2 people');
    expect((await focused(page)).name).toBe('Publish');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'Published' }).count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('table', { name: 'Entries' }).textContent()).toContain('Published');

    const [entry] = (await admin.listChangelogEntries({ board: board!.slug })).items;
    expect(entry).toMatchObject({ title: 'Shortcuts ship', body: 'Press **?** anywhere <script>alert(1)</script>' });
    expect(entry!.publishedAt).not.toBeNull();
    expect((await admin.getPost({ postId: idea.id })).shippedAt).not.toBeNull();
    await context.close();
  });

  it('makes an ingestion key in the settings, shown once with a copy button, then listed by its label only', { timeout: 120_000 }, async () => {
    const { context, page } = await signedIn(site);
    await page.keyboard.press('5');
    const label = page.getByLabel('Label of a new ingestion key');
    await label.focus();
    await page.keyboard.type('Intercom bridge');
    await page.keyboard.press('Enter');
    const secret = page.getByLabel('New ingestion key “Intercom bridge”');
    await secret.waitFor();
    const key = await secret.inputValue();
    expect(key).toMatch(/^sik_/);
    await page.getByRole('button', { name: 'Copy' }).waitFor();
    // The key works for what it is for: sending feedback.
    const sent = await fetch(`${site.server.url}/api/v1/feedback`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Please add SSO', author: { email: 'ops@example.com' } }),
    });
    expect(sent.status).toBe(201);
    await page.getByRole('button', { name: 'Done' }).press('Enter');
    await expect.poll(() => page.getByLabel('New ingestion key “Intercom bridge”').count()).toBe(0);
    expect(await page.getByRole('table', { name: 'Ingestion keys' }).textContent()).toContain('Intercom bridge');
    // Nowhere on the page any more, shadow roots included.
    const shown = await page.evaluate(() => {
      const text = (root: Document | ShadowRoot): string =>
        [...root.querySelectorAll('*')].map((element) => `${(element as HTMLInputElement).value ?? ''} ${element.shadowRoot ? text(element.shadowRoot) : ''}`).join(' ') +
        (root instanceof Document ? root.body.innerText : root.textContent);
      return text(document);
    });
    expect(shown).not.toContain(key);
    await context.close();
  });
});
