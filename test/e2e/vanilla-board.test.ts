// The walking skeleton as a visitor meets it: `npm start`'s server (its real entry point, on an
// embedded database in a temp folder) serving the plain-HTML host page, driven in Chromium.
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { countOf, voteButtonFor, voteButtons } from '../support/vote-buttons.js';

const site = useE2eSite('sayso-e2e-');
// One visitor: the pages share storage, so the anonymous voter id survives reloads and new tabs.
let visitor: BrowserContext;

beforeAll(async () => {
  visitor = await site.browser.newContext();
});

/** Opens the host page the way a visitor does and waits for the first ideas. */
async function openBoard(): Promise<Page> {
  const page = await visitor.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { errors: string[] }).errors = errors;
  await page.goto(site.server.url);
  await voteButtons(page).first().waitFor();
  return page;
}

/**
 * Clicks a vote button and waits for the server to confirm. The count changes at once
 * (optimistically), so only the server's answer says the vote is stored and a reload may follow.
 */
async function voteAndConfirm(page: Page, button: Locator, method: 'POST' | 'DELETE') {
  const confirmed = page.waitForResponse((r) => r.request().method() === method && r.url().endsWith('/votes'));
  await button.click();
  expect((await confirmed).status()).toBe(200);
}

describe('the vanilla host page', () => {
  it('lists the seeded demo ideas, most wanted first, and pages through all of them', async () => {
    const page = await openBoard();
    await expect(page.getByRole('heading', { name: 'Help shape Acme Notes' }).isVisible()).resolves.toBe(true);
    const firstPage = await voteButtons(page).count();
    expect(firstPage).toBe(20);
    const counts = await Promise.all((await voteButtons(page).all()).map(countOf));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    await page.getByRole('button', { name: 'Load more ideas' }).click();
    await expect.poll(() => voteButtons(page).count()).toBe(30);
    await expect(page.getByRole('button', { name: 'Load more ideas' }).count()).resolves.toBe(0);
    expect((page as Page & { errors: string[] }).errors).toEqual([]);
    await page.close();
  });

  it('lets a visitor vote and take the vote back, and remembers both across reloads', async () => {
    const page = await openBoard();
    const title = 'Nested tags';
    const button = voteButtonFor(page, title);
    const before = await countOf(button);
    expect(await button.getAttribute('aria-pressed')).toBe('false');

    await voteAndConfirm(page, button, 'POST');
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await countOf(button)).toBe(before + 1);

    await page.reload();
    await voteButtons(page).first().waitFor();
    expect(await voteButtonFor(page, title).getAttribute('aria-pressed')).toBe('true');
    expect(await countOf(voteButtonFor(page, title))).toBe(before + 1);

    await voteAndConfirm(page, voteButtonFor(page, title), 'DELETE');
    expect(await voteButtonFor(page, title).getAttribute('aria-pressed')).toBe('false');
    await page.reload();
    await voteButtonFor(page, title).waitFor();
    expect(await countOf(voteButtonFor(page, title))).toBe(before);
    await page.close();
  });

  it('refuses a too-short title with a visible message and keeps what was typed', async () => {
    const page = await openBoard();
    await page.getByLabel('Title').fill('Hi');
    await page.getByLabel(/Details/).fill('Some details I do not want to lose');
    await page.getByRole('button', { name: 'Post idea' }).click();
    await expect.poll(() => page.getByText(/at least 3 characters/).isVisible()).toBe(true);
    expect(await page.getByLabel('Title').getAttribute('aria-invalid')).toBe('true');
    expect(await page.getByLabel(/Details/).inputValue()).toBe('Some details I do not want to lose');
    await page.close();
  });

  it('posts a new idea, shows it at once, renders markup as text, and keeps it after a restart', async () => {
    const page = await openBoard();
    const title = 'Sync <img src=x onerror="window.__pwned=1"> across devices';
    await page.getByLabel('Title').fill(title);
    await page.getByLabel(/Details/).fill('Phone and laptop should match.');
    await page.getByRole('button', { name: 'Post idea' }).click();
    await expect.poll(() => page.getByText('your idea was posted').isVisible()).toBe(true);
    const created = voteButtonFor(page, title);
    expect(await created.getAttribute('aria-pressed')).toBe('true');
    expect(await countOf(created)).toBe(1);
    expect(await page.getByLabel('Title').inputValue()).toBe('');
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    await page.close();
    await site.server.stop();
    await site.startServerAgain();

    const again = await openBoard();
    await again.getByRole('button', { name: 'New', exact: true }).click();
    await expect.poll(() => voteButtons(again).first().innerText()).toContain('Sync <img');
    expect(await voteButtonFor(again, title).getAttribute('aria-pressed')).toBe('true');
    expect(await again.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await again.close();
  });
});
