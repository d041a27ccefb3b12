// Issue 12's "done when", end to end on the real server as `npm start` runs it: the same request
// arrives as an email (raw RFC 822, as a mail relay posts it), a Slack slash command (signed as
// Slack signs), a CSV row and a widget submission in the browser. All four land in the inbox with
// their sources; linked to one idea, it shows four pieces of evidence from four channels and its
// people count includes their authors; when it ships, each author with an email address is told
// once by a real SMTP receiver. Sending the same email again and importing the same CSV again
// create nothing.
import { createHmac } from 'node:crypto';
import { createHttpAdapter } from '@sayso/adapter-http';
import type { Post, SaysoAdminApi, SaysoAdapter } from '@sayso/core';
import { afterAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../../packages/server/src/identity/tokens.js';
import { startSmtpReceiver } from '../../packages/server/test/support/smtp-receiver.js';
import { useE2eSite } from '../support/e2e-site.js';

const ADMIN_KEY = 'sayso_admin_e2e-every-channel-0123456789';
const JWT_SECRET = 'e2e-every-channel-secret-0123456789abcdef';
const INBOUND_SECRET = 'inbound-e2e-secret';
const SLACK_SECRET = 'slack-e2e-signing-secret';

const smtp = await startSmtpReceiver();
afterAll(() => smtp.close());

const EMAIL = [
  'From: Alice Martin <alice@customer.example>',
  'To: feedback@acme.example',
  'Subject: Exporting to PDF?',
  'Message-ID: <pdf-request-1@customer.example>',
  'Date: Sat, 05 Dec 2026 10:00:00 +0000',
  'MIME-Version: 1.0',
  'Content-Type: text/plain; charset=utf-8',
  '',
  'Hi! We need to send notes to clients as PDF files. Any plans?',
  '',
  '-- ',
  'Alice Martin, Customer Inc.',
  '',
].join('\r\n');

const CSV = ['Ticket,Customer,Email,Feedback', 'T-1001,Carol Diaz,carol@other.example,"Please add PDF export, we print every note"', ''].join('\n');

/** A slash command as Slack sends it: form fields, signed with the app's signing secret over `v0:timestamp:body`. */
function slashCommand(text: string) {
  const body = new URLSearchParams({
    token: 'legacy-unused',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C0001',
    channel_name: 'customer-feedback',
    user_id: 'U0001',
    user_name: 'dana',
    command: '/feedback',
    text,
    response_url: 'https://hooks.slack.com/commands/T0001/1/abc',
    trigger_id: '1001.2002.abc',
  }).toString();
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${timestamp}:${body}`).digest('hex')}`;
  return {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': timestamp, 'X-Slack-Signature': signature },
    body,
  };
}

describe('every channel into one inbox, triaged as evidence, told when it ships', () => {
  const site = useE2eSite('sayso-e2e-every-channel-', {
    SAYSO_ADMIN_KEY: ADMIN_KEY,
    SAYSO_JWT_SECRET: JWT_SECRET,
    SAYSO_WRITES_PER_MINUTE: '0',
    SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
    SAYSO_SMTP_URL: smtp.url,
    SAYSO_MAIL_FROM: 'feedback@acme.example',
    SAYSO_PUBLIC_URL: 'https://feedback.example',
    SAYSO_INBOUND_EMAIL_SECRET: INBOUND_SECRET,
    SAYSO_SLACK_SIGNING_SECRET: SLACK_SECRET,
  });

  it('an email, a Slack command, a CSV row and a widget idea become four pieces of evidence whose authors are told once', { timeout: 180_000 }, async () => {
    const api = `${site.server.url}/api/v1`;
    const admin = createHttpAdapter({ baseUrl: site.server.url, adminKey: ADMIN_KEY }) as SaysoAdapter & { admin: SaysoAdminApi };
    const sendEmail = () =>
      fetch(`${api}/channels/email?secret=${INBOUND_SECRET}`, { method: 'POST', headers: { 'Content-Type': 'message/rfc822' }, body: EMAIL });
    const importCsv = async () => {
      const query = new URLSearchParams({ board: 'demo', 'map.sourceId': 'Ticket', 'map.name': 'Customer', 'map.email': 'Email', 'map.text': 'Feedback' });
      const response = await fetch(`${api}/feedback/imports?${query}`, {
        method: 'POST',
        headers: { 'Content-Type': 'text/csv', Authorization: `Bearer ${ADMIN_KEY}` },
        body: CSV,
      });
      expect(response.status, await response.clone().text()).toBeLessThan(300);
      return (await response.json()) as { created: number; duplicates: number; rejected: number };
    };

    // The widget: a signed-in person of the host app posts the idea from the vanilla example page.
    const token = await signUserToken({ sub: 'widget-author', name: 'Wendy', email: 'wendy@acme-customer.example' }, JWT_SECRET);
    const context = await site.browser.newContext();
    const page = await context.newPage();
    await page.goto(site.server.url);
    await page.locator('sayso-idea-form').waitFor();
    await page.evaluate((t) => {
      for (const provider of document.querySelectorAll('sayso-provider')) (provider as HTMLElement & { token?: string }).token = t;
    }, token);
    const form = page.locator('sayso-idea-form').first();
    await form.getByLabel('Title').fill('Export notes as PDF');
    await form.getByLabel(/Details/).fill('To send them to clients.');
    await form.getByRole('button', { name: 'Post idea' }).click();
    let idea: Post | undefined;
    const findIdea = async () => (idea = (await admin.listPosts({ board: 'demo', sort: 'new' })).items.find((post) => post.title === 'Export notes as PDF'));
    await expect.poll(findIdea, { timeout: 15_000 }).toBeDefined();
    await context.close();

    // The other three channels.
    expect((await sendEmail()).status).toBe(201);
    const slack = await fetch(`${api}/channels/slack`, slashCommand('Could we export notes to PDF? Sales keeps asking.'));
    expect(slack.status).toBe(200);
    expect(((await slack.json()) as { response_type: string }).response_type).toBe('ephemeral');
    expect(await importCsv()).toMatchObject({ created: 1, duplicates: 0, rejected: 0 });

    // The inbox: the three new items with their sources, each with the widget's idea among its similar ones.
    const inbox = (await admin.admin.listInbox({ board: 'demo' })).items;
    expect(inbox.map((item) => item.source).sort()).toEqual(['csv', 'email', 'slack']);
    for (const item of inbox) expect(item.similar.map((post) => post.id), item.source).toContain(idea!.id);
    expect(inbox.find((item) => item.source === 'email')).toMatchObject({
      title: 'Exporting to PDF?',
      author: { name: 'Alice Martin', email: 'alice@customer.example' },
      text: 'Hi! We need to send notes to clients as PDF files. Any plans?',
    });
    const widgetItems = (await admin.admin.listInbox({ source: 'widget', state: 'linked' })).items;
    expect(widgetItems.map((item) => item.postId)).toEqual([idea!.id]);

    // Linked to the one idea: four pieces of evidence from four channels, their authors among its people.
    const before = await admin.getDemand({ postId: idea!.id });
    await admin.admin.linkFeedback({ itemIds: inbox.map((item) => item.id), postId: idea!.id });
    const after = await admin.getDemand({ postId: idea!.id });
    expect(after.evidence.map((count) => count.source).sort()).toEqual(['csv', 'email', 'slack', 'widget']);
    expect(after.evidence.every((count) => count.items === 1 && count.people === 1)).toBe(true);
    expect(after.people.total).toBe(before.people.total + 3);
    expect((await admin.admin.listInbox({ board: 'demo' })).items).toEqual([]);

    // Shipped: each author with an address is told once (the Slack author has none).
    const board = await admin.getBoard({ board: 'demo' });
    const done = board.statuses.find((status) => status.kind === 'done')!;
    await admin.admin.setPostStatus({ postId: idea!.id, status: done.id });
    const told = ['alice@customer.example', 'carol@other.example', 'wendy@acme-customer.example'];
    await smtp.waitFor(told.length, 60_000);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const perRecipient = smtp.perRecipient();
    expect([...perRecipient.keys()].sort()).toEqual(told);
    for (const [address, mails] of perRecipient) expect(mails.length, address).toBe(1);

    // Delivered again: nothing new.
    expect((await sendEmail()).status).toBe(200);
    expect(await importCsv()).toMatchObject({ created: 0, duplicates: 1 });
    const all = (await admin.admin.listInbox({ state: 'linked' })).items;
    expect(all).toHaveLength(4);
    expect((await admin.getDemand({ postId: idea!.id })).evidence.reduce((sum, count) => sum + count.items, 0)).toBe(4);
  });
});
