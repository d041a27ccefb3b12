// The promise "everyone who asked is told when it ships", as a visitor meets it on the plain-HTML
// host page: vote, an admin ships the idea through the API, the bell says so, and choosing the
// notification opens the idea in the board.
import { describe, expect, it } from 'vitest';
import { useE2eSite } from '../support/e2e-site.js';
import { bellOf as bell, openHostPage } from '../support/host-page.js';
import { voteButtonFor } from '../support/vote-buttons.js';

const ADMIN_KEY = 'sayso_admin_e2e-notifications-key-0123456789';
const site = useE2eSite('sayso-e2e-bell-', { SAYSO_ADMIN_KEY: ADMIN_KEY });

async function shipAsAdmin(title: string): Promise<void> {
  const api = `${site.server.url}/api/v1`;
  const admin = { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' };
  const page = (await (await fetch(`${api}/boards/demo/posts?q=${encodeURIComponent(title)}`)).json()) as {
    items: { id: string; title: string }[];
  };
  const post = page.items.find((item) => item.title === title);
  expect(post, title).toBeDefined();
  const shipped = await fetch(`${api}/posts/${post!.id}`, { method: 'PATCH', headers: admin, body: JSON.stringify({ status: 'shipped' }) });
  expect(shipped.status).toBe(200);
}

describe('the notifications bell on the vanilla host page', () => {
  it('tells a voter their request shipped and opens the idea from the notification', async () => {
    const { context, page, errors } = await openHostPage(site);
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications');

    const title = 'Offline mode for the mobile app';
    const voted = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/votes'));
    await voteButtonFor(page, title).click();
    expect((await voted).status()).toBe(200);

    await shipAsAdmin(title);
    // The bell refreshes when the visitor comes back to the page; a reload is the plainest return.
    await page.reload();
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications, 1 unread');

    await bell(page).click();
    const item = page.getByRole('button', { name: new RegExp(`Your request “${title}” shipped`) });
    await item.waitFor();
    await item.click();
    await expect.poll(() => page.locator('main sayso-board').getAttribute('post')).not.toBeNull();
    await page.getByRole('heading', { name: title }).waitFor();
    await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications');
    expect(errors).toEqual([]);
    await context.close();
  });
});
