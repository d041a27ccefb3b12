// Nothing a visitor types or votes is lost: the vanilla host page on the real server, in
// Chromium, while the browser is offline, across a reload, and while the server is down.
// Build the bundle first: node scripts/pnpm.mjs --filter @sayso/elements run build
import type { Page as ListPage, Post } from '@sayso/core';
import type { BrowserContext, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { countOf, voteButtonFor, voteButtons } from '../support/vote-buttons.js';

const site = useE2eSite('sayso-e2e-outbox-');

/** Reads the API from outside the browser, as a given visitor when a token is passed. */
async function api<T>(path: string, visitorToken?: string | null): Promise<T> {
  const response = await fetch(`${site.server.url}/api/v1${path}`, { headers: visitorToken ? { 'X-Sayso-Visitor': visitorToken } : {} });
  expect(response.status).toBe(200);
  return (await response.json()) as T;
}

const postsTitled = async (title: string) =>
  (await api<ListPage<Post>>('/boards/demo/posts?sort=new&limit=100')).items.filter((post) => post.title === title);

/** A seeded idea to vote on, a different one per test so the tests stay independent. */
const seededIdea = async (rank: number) => (await api<ListPage<Post>>('/boards/demo/posts?sort=top')).items[rank]!;

/**
 * Keeps the host page and its scripts the way a service worker or the HTTP cache would, so the
 * page loads again while the browser is offline (only the API is out of reach then).
 */
async function keepHostPageOffline(context: BrowserContext) {
  const kept = new Map<string, { body: Buffer; contentType: string }>();
  const isKept = (url: URL) => ['/', '/shared/acme-notes.css', '/sayso.js'].includes(url.pathname) || url.pathname.startsWith('/sayso/');
  await context.route(isKept, async (route) => {
    const { pathname } = new URL(route.request().url());
    if (!kept.has(pathname)) {
      // Fetched by the test (which stays online) the first time the page asks, kept after.
      const response = await fetch(`${site.server.url}${pathname}`);
      kept.set(pathname, { body: Buffer.from(await response.arrayBuffer()), contentType: response.headers.get('content-type') ?? '' });
    }
    await route.fulfill(kept.get(pathname)!);
  });
}

async function openBoard(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto(site.server.url);
  await voteButtons(page).first().waitFor();
  return page;
}

const visible = (page: Page, text: string) => () => page.getByText(text).first().isVisible();
const visitorTokenOf = (page: Page) => page.evaluate(() => localStorage.getItem('sayso:visitor-token'));

async function postIdea(page: Page, title: string) {
  await page.getByLabel('Title').fill(title);
  await page.getByLabel(/Details/).fill('Typed where there was no connection.');
  await page.getByRole('button', { name: 'Post idea' }).click();
}

describe('the outbox on the vanilla host page', () => {
  it('keeps an idea and a vote made offline across a reload, and sends each exactly once when back online', async () => {
    const context = await site.browser.newContext();
    await keepHostPageOffline(context);
    const page = await openBoard(context);
    const idea = await seededIdea(4);
    const title = 'Write notes on the plane';

    await context.setOffline(true);
    const button = voteButtonFor(page, idea.title);
    await button.click();
    await expect.poll(visible(page, "You're offline. Your vote is saved here")).toBe(true);
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    expect(await countOf(button)).toBe(idea.voteCount + 1);

    await postIdea(page, title);
    await expect.poll(visible(page, "You're offline. Your idea is saved on this device and will be sent when you're back online.")).toBe(true);
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(await page.getByLabel('Title').inputValue()).toBe('');

    // Still offline: the page comes from the cache, the outbox from IndexedDB.
    await page.reload();
    await expect.poll(visible(page, 'Waiting to be sent:')).toBe(true);
    expect(await page.getByRole('listitem').filter({ hasText: title }).count()).toBeGreaterThan(0);
    expect(await postsTitled(title)).toEqual([]);

    await context.setOffline(false);
    await expect.poll(visible(page, `Your idea “${title}” was posted.`), { timeout: 20_000 }).toBe(true);
    const visitor = await visitorTokenOf(page);
    const created = await postsTitled(title);
    expect(created).toHaveLength(1);
    expect(created[0]!.body).toBe('Typed where there was no connection.');
    expect(await api<Post>(`/posts/${idea.id}`, visitor)).toMatchObject({ voted: true, voteCount: idea.voteCount + 1 });

    // Nothing is left to send: another reload sends nothing more.
    await page.reload();
    await voteButtons(page).first().waitFor();
    expect(await voteButtonFor(page, idea.title).getAttribute('aria-pressed')).toBe('true');
    expect(await postsTitled(title)).toHaveLength(1);
    await context.close();
  });

  it('sends an idea whose answer was lost only once, with the same Idempotency-Key after a reload', async () => {
    const context = await site.browser.newContext();
    const page = await openBoard(context);
    const title = 'Answer lost on the way back';
    const keys: string[] = [];
    // The server gets the request and acts on it, but the answer never reaches the page.
    await context.route('**/api/v1/boards/demo/posts', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      keys.push(route.request().headers()['idempotency-key']!);
      await route.fetch();
      await route.abort('connectionreset');
    });
    await postIdea(page, title);
    await expect.poll(visible(page, "The server can't be reached right now. Your idea is saved on this device")).toBe(true);
    expect(await postsTitled(title)).toHaveLength(1);

    await context.unroute('**/api/v1/boards/demo/posts');
    const sent = page.waitForRequest((request) => request.method() === 'POST' && request.url().endsWith('/boards/demo/posts'));
    await page.reload();
    const resent = await sent;
    expect(keys.length).toBeGreaterThan(0);
    expect(new Set([...keys, resent.headers()['idempotency-key']]).size).toBe(1);
    expect((await (await resent.response())!.headerValue('idempotent-replayed'))).toBe('true');
    await voteButtons(page).first().waitFor();
    expect(await postsTitled(title)).toHaveLength(1);
    await context.close();
  });

  it('keeps an idea and a vote while the server is down, and sends them by itself once it is back', async () => {
    const context = await site.browser.newContext();
    const page = await openBoard(context);
    const idea = await seededIdea(6);
    const title = 'Survive a server restart';

    await site.server.stop();
    const button = voteButtonFor(page, idea.title);
    await button.click();
    await expect.poll(visible(page, "The server can't be reached right now. Your vote is saved here")).toBe(true);
    expect(await countOf(button)).toBe(idea.voteCount + 1);
    await postIdea(page, title);
    await expect.poll(visible(page, "The server can't be reached right now. Your idea is saved on this device")).toBe(true);

    await site.startServerAgain();
    // No reload and no `online` event: the outbox's own retries (with backoff) send both.
    await expect.poll(visible(page, `Your idea “${title}” was posted.`), { timeout: 60_000, interval: 500 }).toBe(true);
    await expect.poll(visible(page, 'Your vote is saved here'), { timeout: 60_000, interval: 500 }).toBe(false);
    expect(await postsTitled(title)).toHaveLength(1);
    expect(await api<Post>(`/posts/${idea.id}`, await visitorTokenOf(page))).toMatchObject({ voted: true, voteCount: idea.voteCount + 1 });
    await context.close();
  });
});
