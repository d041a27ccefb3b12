// Live in-app news (issue 11) on the plain-HTML host page: with the page left open, another
// person's vote shows on the board and an admin shipping the visitor's idea raises the bell's
// count, without a reload: the HTTP adapter's stream, the core views and the elements together.
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { bellOf, openHostPage } from '../support/host-page.js';
import { countOf, voteButtonFor } from '../support/vote-buttons.js';

const ADMIN_KEY = 'sayso_admin_e2e-live-key-0123456789abcdef';
const site = useE2eSite('sayso-e2e-live-', { SAYSO_ADMIN_KEY: ADMIN_KEY });

const api = () => `${site.server.url}/api/v1`;

async function ideaTitled(title: string): Promise<string> {
  const page = (await (await fetch(`${api()}/boards/demo/posts?q=${encodeURIComponent(title)}`)).json()) as { items: { id: string; title: string }[] };
  const post = page.items.find((item) => item.title === title);
  expect(post, title).toBeDefined();
  return post!.id;
}

/** Someone else, in another browser: a visitor token of their own, and their vote. */
async function voteAsSomeoneElse(postId: string): Promise<void> {
  const { visitorToken } = (await (await fetch(`${api()}/visitors`, { method: 'POST' })).json()) as { visitorToken: string };
  const voted = await fetch(`${api()}/posts/${postId}/votes`, { method: 'POST', headers: { 'X-Sayso-Visitor': visitorToken } });
  expect(voted.status).toBe(200);
}

describe('live changes on the vanilla host page', () => {
  it('shows another person\'s vote and raises the bell when the visitor\'s idea ships, without a reload', async () => {
    const { context, page, errors } = await openHostPage(site);
    const bell = bellOf(page);
    await expect.poll(() => bell.getAttribute('aria-label')).toBe('Notifications');

    const title = 'Offline mode for the mobile app';
    const button = voteButtonFor(page, title);
    const before = await countOf(button);
    const voted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/votes'));
    await button.click();
    expect((await voted).status()).toBe(200);
    await expect.poll(() => countOf(button)).toBe(before + 1);

    const postId = await ideaTitled(title);
    await voteAsSomeoneElse(postId);
    await expect.poll(() => countOf(button), { timeout: 10_000 }).toBe(before + 2);

    const shipped = await fetch(`${api()}/posts/${postId}`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'shipped' }),
    });
    expect(shipped.status).toBe(200);
    await expect.poll(() => bell.getAttribute('aria-label'), { timeout: 10_000 }).toBe('Notifications, 1 unread');
    expect(errors).toEqual([]);
    await context.close();
  });
});
