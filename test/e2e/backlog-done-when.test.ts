// Issue 14's "done when", in Chromium against the real server as `npm start` runs it: three people
// report slowness, two through the widget and one by email; an admin links those ideas and the
// email to a performance backlog item in the console, which then ranks above an unbacked
// refactoring item; a signed GitHub webhook closing the linked issue marks the item done (a wrong
// signature changes nothing, a redelivery is applied once); the capacity screen shows the
// engineering share planned and done; and each of the three is told once: in the bell, and by
// email (a real SMTP receiver).
import { createHmac, randomUUID } from 'node:crypto';
import { createHttpAdapter } from '@sayso/adapter-http';
import type { BacklogItem, SaysoAdminApi } from '@sayso/core';
import type { Browser, Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../../packages/server/src/identity/tokens.js';
import { startSmtpReceiver } from '../../packages/server/test/support/smtp-receiver.js';
import { useE2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-backlog-0123456789abcdef';
const JWT_SECRET = 'e2e-backlog-secret-0123456789abcdef';
const INBOUND_SECRET = 'inbound-e2e-backlog';
const GITHUB_SECRET = 'github-e2e-backlog-secret';
const ISSUE_URL = 'https://github.com/acme/notes/issues/42';
const ITEM_TITLE = 'Add indexes for the five slowest queries';

const EMAIL = [
  'From: Alice Martin <alice@customer.example>',
  'To: feedback@acme.example',
  'Subject: Everything is so slow',
  'Message-ID: <backlog-slow@customer.example>',
  'Date: Sun, 06 Dec 2026 09:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Since last week the board is slow to load: every page takes five seconds, and searching is slow too.',
  '',
].join('\r\n');

/** GitHub's `issues` event for the issue closing, as its webhook sends it. */
const closedIssue = JSON.stringify({
  action: 'closed',
  issue: { number: 42, html_url: ISSUE_URL, state: 'closed', state_reason: 'completed', title: 'Slow queries' },
  repository: { full_name: 'acme/notes' },
});

const githubDelivery = (body: string, delivery: string, secret = GITHUB_SECRET) => ({
  method: 'POST',
  headers: {
    'Content-Type': 'application/json',
    'X-GitHub-Event': 'issues',
    'X-GitHub-Delivery': delivery,
    'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
  },
  body,
});

const smtp = await startSmtpReceiver();
afterAll(() => smtp.close());

describe('the engineering backlog, end to end', () => {
  const site = useE2eSite('sayso-e2e-backlog-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_JWT_SECRET: JWT_SECRET,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
    SAYSO_INBOUND_EMAIL_SECRET: INBOUND_SECRET,
    SAYSO_GITHUB_WEBHOOK_SECRET: GITHUB_SECRET,
    SAYSO_SMTP_URL: smtp.url,
    SAYSO_MAIL_FROM: 'feedback@feedback.example',
    SAYSO_PUBLIC_URL: 'https://feedback.example',
  });

  /** A signed-in person of the host app on the example page, posting an idea through the widget; the page stays open. */
  async function reportThroughWidget(browser: Browser, person: { sub: string; name: string; email: string }, idea: { title: string; details: string }): Promise<Page> {
    const token = await signUserToken(person, JWT_SECRET);
    const page = await (await browser.newContext()).newPage();
    await page.goto(site.server.url);
    await page.locator('sayso-idea-form').waitFor();
    await page.evaluate((t) => {
      for (const provider of document.querySelectorAll('sayso-provider')) (provider as HTMLElement & { token?: string }).token = t;
    }, token);
    const form = page.locator('sayso-idea-form').first();
    await form.getByLabel('Title').fill(idea.title);
    await form.getByLabel(/Details/).fill(idea.details);
    await form.getByRole('button', { name: 'Post idea' }).click();
    await expect.poll(() => form.getByLabel('Title').inputValue(), { timeout: 15_000 }).toBe('');
    return page;
  }

  it('links what three people said to a performance item, which ranks above unbacked work; the closed GitHub issue marks it done and tells each of them once', { timeout: 240_000 }, async () => {
    const api = `${site.server.url}/api/v1`;
    const admin = createHttpAdapter({ baseUrl: site.server.url, adminKey: ADMIN_KEY }).admin as SaysoAdminApi;

    // Three people report slowness: two through the widget, one by email.
    const wendy = { sub: 'wendy', name: 'Wendy', email: 'wendy@people.example' };
    const sam = { sub: 'sam', name: 'Sam', email: 'sam@people.example' };
    const wendyPage = await reportThroughWidget(site.browser, wendy, { title: 'The board is slow to load', details: 'Every page takes seconds to load.' });
    await reportThroughWidget(site.browser, sam, { title: 'Searching ideas is slow', details: 'A search takes seconds, the board is slow.' });
    const email = await fetch(`${api}/channels/email?secret=${INBOUND_SECRET}`, { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: EMAIL });
    expect(email.status).toBe(201);

    // Unbacked work already on the backlog.
    const refactoring = await admin.createBacklogItem({
      board: 'demo',
      title: 'Move the settings page to the new router',
      category: 'refactoring',
      nextStep: 'List the routes the settings page uses',
      estimate: 2,
    });

    // The admin signs in and writes the item in the console's Backlog screen.
    const page = await (await site.browser.newContext()).newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${site.server.url}/admin/`);
    await page.getByLabel('Admin key').fill(ADMIN_KEY);
    await page.keyboard.press('Enter');
    await page.getByText('Signed in as').waitFor();
    await page.keyboard.press('6');
    await page.getByRole('heading', { name: 'Backlog', level: 1 }).waitFor();
    await page.getByRole('button', { name: 'New item' }).click();
    const form = page.locator('form[part="create"]');
    await form.getByLabel('Title').fill(ITEM_TITLE);
    await form.getByLabel('Category').selectOption({ label: 'Performance' });
    await form.getByLabel('Description').fill('People report the board is slow to load and searching is slow: pages take seconds.');
    await form.getByLabel('Next step').fill('Run EXPLAIN on the five slowest queries of the board');
    await form.getByLabel('Estimate').fill('3');
    await form.getByLabel('Tracker links').fill(ISSUE_URL);
    await form.getByRole('button', { name: 'Create' }).click();

    // Its panel suggests what the three said: linked in one click each.
    const panel = page.locator('section[part="panel"]');
    await panel.getByRole('heading', { name: ITEM_TITLE }).waitFor();
    for (const said of ['The board is slow to load', 'Searching ideas is slow', 'Everything is so slow']) {
      await panel.getByRole('button', { name: `Link “${said}”` }).click();
      await panel.getByRole('button', { name: `Remove “${said}” from the evidence` }).waitFor();
    }
    const item = (await admin.listBacklog({ board: 'demo' })).find((each) => each.title === ITEM_TITLE) as BacklogItem;
    expect(item.demand).toMatchObject({ people: 3, ideas: 2, feedback: 1 });
    expect(item.trackerUrls).toEqual([ISSUE_URL]);

    // Ranked above the unbacked refactoring item, in the table too.
    const titles = await page.locator('table[part="table"] tbody tr .title').allInnerTexts();
    expect(titles.indexOf(ITEM_TITLE)).toBeGreaterThanOrEqual(0);
    expect(titles.indexOf(ITEM_TITLE)).toBeLessThan(titles.indexOf(refactoring.title));

    // GitHub: a delivery with a wrong signature changes nothing; the signed one closes the item; its redelivery changes nothing.
    const delivery = randomUUID();
    const forged = await fetch(`${api}/channels/github`, githubDelivery(closedIssue, delivery, 'not-the-secret'));
    expect(forged.status).toBe(401);
    expect((await admin.getBacklogItem({ itemId: item.id })).status).toBe('proposed');
    const closed = await fetch(`${api}/channels/github`, githubDelivery(closedIssue, delivery));
    expect(closed.status).toBe(200);
    expect(await closed.json()).toEqual({ done: [item.id], redelivery: false });
    const again = await fetch(`${api}/channels/github`, githubDelivery(closedIssue, delivery));
    expect(await again.json()).toEqual({ done: [], redelivery: true });
    expect((await admin.getBacklogItem({ itemId: item.id })).status).toBe('done');

    // Capacity: the engineering share planned beside the share done in the window.
    await page.keyboard.press('Escape');
    await page.keyboard.press('7');
    await page.getByRole('heading', { name: 'Capacity', level: 1 }).waitFor();
    const capacity = await admin.getCapacity({ board: 'demo' });
    expect(capacity.engineeringEffort).toBeGreaterThanOrEqual(3);
    const engineering = page.locator('tr[data-key="engineering"]');
    await expect.poll(() => engineering.innerText()).toContain(`${capacity.engineeringTarget} %`);
    expect(await engineering.innerText()).toContain(`${capacity.engineeringActual} %`);
    expect(errors).toEqual([]);

    // Each of the three is told once, by email …
    await smtp.waitFor(3, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    const mails = smtp.perRecipient();
    expect([...mails.keys()].sort()).toEqual(['alice@customer.example', 'sam@people.example', 'wendy@people.example']);
    for (const [address, messages] of mails) expect(messages.length, address).toBe(1);
    // … and in the bell: Wendy's page, still open, hears it live.
    await expect.poll(() => wendyPage.locator('sayso-notifications').getByRole('button', { name: /^Notifications, 1 unread$/ }).count(), { timeout: 30_000 }).toBe(1);
    const samNews = await createHttpAdapter({ baseUrl: site.server.url, token: await signUserToken(sam, JWT_SECRET) }).listNotifications();
    expect(samNews.items.map((news) => `${news.kind} ${news.backlogItem?.title}`)).toEqual([`fixed ${ITEM_TITLE}`]);
  });
});
