// The end-to-end journey every framework example (examples/react, examples/vue) must pass: the
// app as `npm start` serves it, on the real server and an embedded database, in Chromium. The
// examples differ only in how they are written, so one journey checks them all alike.
import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eSite } from './e2e-site.js';
import { countOf, voteButtonFor, voteButtons } from './vote-buttons.js';

/** The lines of the app's own "What this app heard" log, newest first. */
const heardLines = (page: Page) => page.getByRole('log', { name: 'What this app heard' }).getByRole('listitem').allInnerTexts();

/**
 * Declares the journey for the example app the server serves at `path` (e.g. `/react/`):
 * seeded ideas, a vote that persists, an idea sent through the launcher, and the host app's
 * log proving it received each typed `sayso-*` event exactly once.
 */
export function describeExampleApp(name: string, path: string): void {
  describe(`the ${name} example app`, () => {
    const site = useE2eSite('sayso-example-');
    // One visitor: the pages share storage, so the anonymous voter token survives reloads.
    let visitor: BrowserContext;
    let errors: string[] = [];

    beforeAll(async () => {
      visitor = await site.browser.newContext();
    });

    /** Opens the app the way a visitor does and waits for the first ideas. */
    async function openApp(): Promise<Page> {
      const page = await visitor.newPage();
      errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      await page.goto(`${site.server.url}${path}`);
      await voteButtons(page).first().waitFor();
      return page;
    }

    it('renders the app with the seeded ideas, most wanted first, and links the other examples', async () => {
      const page = await openApp();
      await expect(page.getByRole('heading', { name: 'Help shape Acme Notes' }).isVisible()).resolves.toBe(true);
      expect(await voteButtons(page).count()).toBe(20);
      const counts = await Promise.all((await voteButtons(page).all()).map(countOf));
      expect(counts).toEqual([...counts].sort((a, b) => b - a));
      expect(await heardLines(page)).toEqual(['Nothing yet: vote for an idea or send one.']);
      const nav = page.getByRole('navigation', { name: 'Acme Notes' });
      expect(await nav.getByRole('link', { name: 'Plain HTML' }).getAttribute('href')).toBe('/');
      expect(await nav.locator('a[aria-current="page"]').getAttribute('href')).toBe(path);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('saves a vote, tells the host once with the new count, and keeps the vote after a reload', async () => {
      const page = await openApp();
      const title = 'Nested tags';
      const before = await countOf(voteButtonFor(page, title));
      expect(await voteButtonFor(page, title).getAttribute('aria-pressed')).toBe('false');

      const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/votes'));
      await voteButtonFor(page, title).click();
      expect((await saved).status()).toBe(200);
      await expect.poll(() => heardLines(page)).toEqual([`Vote saved: ${before + 1} people want this idea.`]);
      expect(await countOf(voteButtonFor(page, title))).toBe(before + 1);

      await page.reload();
      await voteButtonFor(page, title).waitFor();
      expect(await voteButtonFor(page, title).getAttribute('aria-pressed')).toBe('true');
      expect(await countOf(voteButtonFor(page, title))).toBe(before + 1);
      expect(errors).toEqual([]);
      await page.close();
    });

    it('sends an idea through the launcher, telling the host it opened, posted and closed', async () => {
      const page = await openApp();
      const title = `Pin notes to the top (${name})`;
      await page.getByRole('button', { name: 'Feedback' }).click();
      const panel = page.getByRole('dialog');
      await panel.waitFor();
      await expect.poll(() => heardLines(page)).toEqual(['Feedback panel opened.']);

      await panel.getByLabel('Title').fill(title);
      await panel.getByLabel(/Details/).fill('Sent from an app built with a framework.');
      await panel.getByRole('button', { name: 'Post idea' }).click();
      await expect.poll(() => heardLines(page)).toEqual([`Thanks! “${title}” was posted.`, 'Feedback panel opened.']);

      await page.keyboard.press('Escape');
      await expect.poll(() => panel.isVisible()).toBe(false);
      // The host app renders its log after the event, in its own time (React batches updates).
      await expect
        .poll(() => heardLines(page))
        .toEqual(['Feedback panel closed (escape).', `Thanks! “${title}” was posted.`, 'Feedback panel opened.']);

      await page.reload();
      await voteButtons(page).first().waitFor();
      await page.getByRole('button', { name: 'New', exact: true }).click();
      await expect.poll(() => voteButtons(page).first().innerText()).toContain(title);
      expect(await voteButtonFor(page, title).getAttribute('aria-pressed')).toBe('true');
      expect(errors).toEqual([]);
      await page.close();
    });
  });
}
