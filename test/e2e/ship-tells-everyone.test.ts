// Issue 11's "done when", end to end on the real server: 50 identified people (45 with an email
// address) ask for one thing across three ideas, with overlaps and comments; two ideas are merged
// into the third; an admin publishes a changelog entry shipping it. A real SMTP receiver gets
// exactly one email per distinct person with an address, each with a working one-click
// unsubscribe; a real HTTP receiver gets exactly one signed webhook call; every person's bell has
// one notification of it, and it arrives live in pages left open. Then the same on a fresh
// database with the server SIGKILLed in the middle of delivery and started again.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createHttpAdapter } from '@sayso/adapter-http';
import type { SaysoAdapter, SaysoAdminApi } from '@sayso/core';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../../packages/server/src/identity/tokens.js';
import { startSmtpReceiver, type SmtpReceiver } from '../../packages/server/test/support/smtp-receiver.js';
import { startWebhookReceiver } from '../../packages/server/test/support/webhook-receiver.js';
import { useE2eSite, type E2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-ship-everyone-0123456789';
const JWT_SECRET = 'e2e-ship-everyone-secret-0123456789abcdef';
const PUBLIC_URL = 'https://feedback.example';
const PEOPLE = 50;
const WITH_EMAIL = 45;
/** In the crash run: messages the SMTP receiver accepts before it starts holding them, mid-delivery. */
const ACCEPTED_BEFORE_CRASH = 12;

interface Person {
  id: string;
  email: string | null;
  token: string;
  adapter: SaysoAdapter;
}

/** A real SMTP receiver and a real webhook receiver on loopback, for one run; closed after the file. */
async function receivers() {
  const smtp = await startSmtpReceiver();
  afterAll(() => smtp.close());
  return { smtp, hooks: await startWebhookReceiver() };
}

/** The server as `npm start` runs it, on a database of its own, sending to `run`'s receivers. */
function siteFor(run: Awaited<ReturnType<typeof receivers>>, name: string, options: { browser: boolean }): E2eSite {
  return useE2eSite(
    `sayso-e2e-${name}-`,
    {
      SAYSO_ADMIN_KEY: ADMIN_KEY,
      SAYSO_JWT_SECRET: JWT_SECRET,
      SAYSO_WRITES_PER_MINUTE: '0',
      SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
      SAYSO_SMTP_URL: run.smtp.url,
      SAYSO_MAIL_FROM: 'feedback@feedback.example',
      SAYSO_PUBLIC_URL: PUBLIC_URL,
      SAYSO_WEBHOOK_ALLOW_PRIVATE: 'true',
      // A short claim, so the restarted server takes over the killed one's deliveries within seconds.
      SAYSO_DELIVERY_CLAIM_SECONDS: '2',
    },
    options,
  );
}

const runs = [await receivers(), await receivers()] as const;

/**
 * Everything before the publish: the people, their votes and comments over three ideas, the
 * merges, and an endpoint for `changelog.published`. Returns who asked, the canonical idea, and
 * the entry ready to publish.
 */
async function askAndMerge(site: E2eSite, hookUrl: string) {
  const baseUrl = site.server.url;
  const admin = createHttpAdapter({ baseUrl, adminKey: ADMIN_KEY }).admin as SaysoAdminApi;
  const people: Person[] = await Promise.all(
    Array.from({ length: PEOPLE }, async (_, n) => {
      const email = n < WITH_EMAIL ? `person-${n}@people.example` : null;
      const token = await signUserToken({ sub: `person-${n}`, name: `Person ${n}`, ...(email ? { email } : {}) }, JWT_SECRET);
      return { id: '', email, token, adapter: createHttpAdapter({ baseUrl, token }) };
    }),
  );
  const pdf = await people[0]!.adapter.createPost({ board: 'demo', title: 'Export a note as PDF', body: 'For clients.' });
  const save = await people[1]!.adapter.createPost({ board: 'demo', title: 'Save notes to a PDF file', body: '' });
  const print = await people[2]!.adapter.createPost({ board: 'demo', title: 'PDF download of a notebook', body: '' });
  // Overlapping voters: 3–24 on the first, 15–39 on the second, 30–49 on the third.
  const votes = people.flatMap((person, n) => [
    ...(n >= 3 && n < 25 ? [pdf.id] : []),
    ...(n >= 15 && n < 40 ? [save.id] : []),
    ...(n >= 30 ? [print.id] : []),
  ].map((postId) => () => person.adapter.vote({ postId })));
  for (const vote of votes) await vote();
  await people[5]!.adapter.addComment({ postId: save.id, body: 'Landscape pages too, please.' });
  await people[45]!.adapter.addComment({ postId: print.id, body: 'With the images.' });
  await people[20]!.adapter.addComment({ postId: pdf.id, body: 'Yes!' });
  await admin.mergePost({ postId: save.id, into: pdf.id });
  await admin.mergePost({ postId: print.id, into: pdf.id });

  const endpoint = await admin.createWebhookEndpoint({ url: hookUrl, events: ['changelog.published'] });
  const entry = await admin.createChangelogEntry({
    board: 'demo',
    title: 'PDF export is here',
    body: 'Choose **Export → PDF** in any note.',
    postIds: [pdf.id],
  });
  const preview = await admin.previewChangelogEntry({ entryId: entry.id });
  expect(preview.counts).toMatchObject({ in_app: PEOPLE, email: WITH_EMAIL, webhook: 1 });
  return { admin, people, canonical: pdf, entry, secret: endpoint.secret };
}

/** Every address got exactly one message, and nobody without an address got one. */
async function expectOneMailEach(smtp: SmtpReceiver, people: Person[]) {
  const addresses = people.flatMap((person) => (person.email ? [person.email] : []));
  await smtp.waitFor(addresses.length, 90_000);
  // Anything sent twice would arrive within a few more polls of the delivery worker.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  const perRecipient = smtp.perRecipient();
  expect([...perRecipient.keys()].sort()).toEqual([...addresses].sort());
  for (const [address, messages] of perRecipient) expect(messages.length, address).toBe(1);
  for (const { mail } of smtp.received) {
    expect(mail.subject).toContain('PDF export is here');
    expect(mail.text).toContain('Export a note as PDF');
  }
}

/** The message's one-click unsubscribe works: a POST of its List-Unsubscribe URL, as a mail client sends it, unsubscribes its person. */
async function expectOneClickUnsubscribes(site: E2eSite, smtp: SmtpReceiver, people: Person[], canonicalId: string) {
  const byEmail = new Map(people.map((person) => [person.email, person]));
  for (const { to, mail } of smtp.received) {
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const url = /^<(https:[^>]+)>$/.exec(header('list-unsubscribe') ?? '')?.[1];
    expect(url?.startsWith(`${PUBLIC_URL}/email/unsubscribe?token=`), header('list-unsubscribe')).toBe(true);
    // The message's URL names the public origin; the server under test answers it here.
    const response = await fetch(`${site.server.url}${url!.slice(PUBLIC_URL.length)}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(response.status).toBe(200);
    const person = byEmail.get(to[0]!.toLowerCase())!;
    expect((await person.adapter.getSubscription({ postId: canonicalId })).subscribed, to[0]).toBe(false);
  }
}

/** One signed call for the published entry, verified the way docs/webhooks.md tells a receiver to. */
function expectOneSignedCall(hooks: Awaited<ReturnType<typeof startWebhookReceiver>>, secret: string, entryId: string) {
  expect(hooks.calls).toHaveLength(1);
  const [call] = hooks.calls;
  const signature = String(call!.headers['sayso-signature']);
  const t = /(?:^|,)t=(\d+)/.exec(signature)?.[1];
  const v1 = /(?:^|,)v1=([0-9a-f]+)/.exec(signature)?.[1];
  const expected = createHmac('sha256', secret).update(`${t}.${call!.body}`).digest();
  expect(v1 && timingSafeEqual(Buffer.from(v1, 'hex'), expected)).toBe(true);
  const body = JSON.parse(call!.body) as { type: string; data: unknown };
  expect(body.type).toBe('changelog.published');
  expect(JSON.stringify(body.data)).toContain(entryId);
}

/** Each person's bell has exactly one notification of the shipping, with the entry. */
async function expectOneBellEach(people: Person[], entry: { id: string; title: string }) {
  for (const person of people) {
    const shipped = (await person.adapter.listNotifications({ limit: 50 })).items.filter((n) => n.kind === 'shipped');
    expect(shipped, person.email ?? 'a person without email').toHaveLength(1);
    expect(shipped[0]!.changelog).toEqual({ id: entry.id, title: entry.title });
  }
}

const bell = (page: Page) => page.locator('sayso-notifications [part="trigger"]');

/** The vanilla host page, signed in as `person` (the host hands the provider its user's token). */
async function openAs(site: E2eSite, person: Person) {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.server.url);
  await page.locator('sayso-notifications').waitFor();
  await page.evaluate((token) => {
    for (const provider of document.querySelectorAll('sayso-provider')) (provider as HTMLElement & { token?: string }).token = token;
  }, person.token);
  return { page, errors, close: () => context.close() };
}

describe('shipping a merged idea tells everyone who asked, once, through every channel', () => {
  const plain = siteFor(runs[0], 'ship-everyone', { browser: true });

  it('one email per address with a working one-click unsubscribe, one signed webhook, one bell each, live in open pages', { timeout: 300_000 }, async () => {
    const [{ smtp, hooks }] = runs;
    const { admin, people, canonical, entry, secret } = await askAndMerge(plain, hooks.url('/hooks/sayso'));
    // Two people have the page open, everything earlier read: the news must come to them without a reload.
    const watchers = [people[10]!, people[47]!];
    for (const watcher of watchers) await watcher.adapter.markNotificationsRead({ all: true });
    const pages = await Promise.all(watchers.map((watcher) => openAs(plain, watcher)));
    for (const { page } of pages) await expect.poll(() => bell(page).getAttribute('aria-label')).toBe('Notifications');

    await admin.publishChangelogEntry({ entryId: entry.id });

    for (const { page } of pages) {
      await expect.poll(() => bell(page).getAttribute('aria-label'), { timeout: 15_000 }).toBe('Notifications, 1 unread');
    }
    await expectOneMailEach(smtp, people);
    expectOneSignedCall(hooks, secret, entry.id);
    await expectOneBellEach(people, entry);
    await expectOneClickUnsubscribes(plain, smtp, people, canonical.id);
    for (const { errors, close } of pages) {
      expect(errors).toEqual([]);
      await close();
    }
  });

});

describe('the same on a fresh database, the server killed mid-delivery', () => {
  const crashed = siteFor(runs[1], 'ship-everyone-crash', { browser: false });

  it('the same counts when the server is SIGKILLed in the middle of delivery and restarted', { timeout: 300_000 }, async () => {
    const [, { smtp, hooks }] = runs;
    const { admin, people, entry, secret } = await askAndMerge(crashed, hooks.url('/hooks/sayso'));
    smtp.answer((_mail, index) => (index < ACCEPTED_BEFORE_CRASH ? 'accept' : 'hold'));

    await admin.publishChangelogEntry({ entryId: entry.id });
    await smtp.firstHeld();
    // Time for the accepted messages' `sent` to commit: the one window where a crash repeats a
    // message is between the receiver's 250 and that commit.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await crashed.server.kill();
    expect(smtp.received.length).toBe(ACCEPTED_BEFORE_CRASH);

    smtp.answer(() => 'accept');
    await crashed.startServerAgain();
    await expectOneMailEach(smtp, people);
    // The webhook may have gone before the crash or after the restart: once either way.
    await expect.poll(() => hooks.calls.length, { timeout: 30_000 }).toBe(1);
    expectOneSignedCall(hooks, secret, entry.id);
    await expectOneBellEach(people, entry);
  });
});
