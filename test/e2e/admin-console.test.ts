// The admin console (examples/admin, served by the server at /admin/ as `npm start` serves it),
// in Chromium against the real server: signing in with a key, a refused key, signing out, and a
// host app's token that grants admin.
import { describe, expect, it } from 'vitest';
import { signUserToken } from '../../packages/server/src/identity/tokens.js';
import { useE2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-admin-console-0123456789';
const JWT_SECRET = 'e2e-admin-console-secret-0123456789abcdef';

describe('the admin console', () => {
  const site = useE2eSite('sayso-e2e-admin-console-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_JWT_SECRET: JWT_SECRET,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
  });

  it('signs in with a labelled key, refuses a wrong one with the reason, keeps the key in the tab only, signs out', { timeout: 120_000 }, async () => {
    const created = await fetch(`${site.server.url}/api/v1/admin/keys`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ label: 'Grace (support)' }),
    });
    const { key } = (await created.json()) as { key: string };
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(site.server.url);
    await page.getByRole('link', { name: 'admin console' }).click();
    await page.waitForURL(/\/admin\/$/);

    const keyField = page.getByLabel('Admin key');
    await keyField.fill('sayso_admin_not-a-real-key');
    await keyField.press('Enter');
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid, or it was revoked');
    expect(await keyField.inputValue()).toBe('sayso_admin_not-a-real-key');

    await keyField.fill(key);
    await keyField.press('Enter');
    await page.getByText('Signed in as').waitFor();
    expect(await page.getByText('Signed in as').textContent()).toContain('Grace (support)');
    const stored = await page.evaluate(() => ({ session: Object.values({ ...sessionStorage }), local: Object.values({ ...localStorage }), url: location.href }));
    expect(stored.session).toEqual([key]);
    expect(JSON.stringify(stored.local)).not.toContain(key);
    expect(stored.url).not.toContain(key);

    // A reload in the same tab stays signed in; signing out forgets the key.
    await page.reload();
    await page.getByText('Signed in as').waitFor();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await keyField.waitFor();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    // A key revoked meanwhile: the console says so on the next sign-in instead of a blank page.
    await keyField.fill(key);
    await keyField.press('Enter');
    await page.getByText('Signed in as').waitFor();
    const id = ((await (await fetch(`${site.server.url}/api/v1/admin/keys`, { headers: { Authorization: `Bearer ${ADMIN_KEY}` } })).json()) as Array<{ id: string; label: string }>).find((k) => k.label === 'Grace (support)')!.id;
    await fetch(`${site.server.url}/api/v1/admin/keys/${id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${ADMIN_KEY}` } });
    await page.reload();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('not valid, or it was revoked');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await context.close();
  });

  it('opens from the host app with a token whose claims grant admin, without a key', { timeout: 60_000 }, async () => {
    const token = await signUserToken({ sub: 'acme-pm-1', name: 'Priya (PM)', sayso_admin: true }, JWT_SECRET);
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${site.server.url}/admin/`);
    // The host's own page would set getToken on its console; here the test does it on the example's.
    await page.evaluate((t) => {
      const console = document.querySelector('sayso-admin-console') as HTMLElement & { getToken?: () => string };
      console.getToken = () => t;
    }, token);
    await page.getByText('Signed in as').waitFor();
    expect(await page.getByText('Signed in as').textContent()).toContain('Priya (PM)');
    await context.close();
  });
});

