// Issue 12: inbound email, as a mail relay delivers it (raw RFC 822) or as Postmark posts it
// (JSON), becomes one feedback item: the sender's words without quotes or signature,
// attachments named, automatic and bulk mail kept out of the inbox, redeliveries kept once.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENGINES, testDatabases } from './support/databases.js';
import { SECRETS, channelTestbed, storedItems, watchWarnings } from './support/inbound.js';

const databases = testDatabases();
const BOARD = 'email-channel';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/email/${name}`, import.meta.url));
const RFC822 = { 'Content-Type': 'message/rfc822', 'Sayso-Inbound-Secret': SECRETS.email };

/** Postmark's inbound JSON (postmarkapp.com/developer/webhooks/inbound-webhook), trimmed to what a real one holds. */
const POSTMARK = {
  FromName: 'Erin Example',
  MessageStream: 'inbound',
  From: 'erin@shop.example',
  FromFull: { Email: 'erin@shop.example', Name: 'Erin Example', MailboxHash: '' },
  To: 'feedback@inbound.postmarkapp.com',
  Subject: 'Bulk edit',
  MessageID: '22c74902-a0c1-4511-804f-341342852c90',
  Date: 'Thu, 5 Mar 2026 12:00:00 +0000',
  TextBody: '',
  HtmlBody: '<p>Let us <strong>edit many ideas</strong> at once.</p><blockquote>old</blockquote>',
  StrippedTextReply: '',
  Tag: '',
  Headers: [
    { Name: 'Message-ID', Value: '<postmark-1@shop.example>' },
    { Name: 'X-Spam-Status', Value: 'No' },
  ],
  Attachments: [{ Name: 'mockup.pdf', Content: 'JVBERi0xLjQK', ContentType: 'application/pdf', ContentLength: 9 }],
};

describe.each(ENGINES)('the email channel on %s', (engine) => {
  const channel = channelTestbed(databases, engine, BOARD);

  const deliver = (name: string) => channel.on(`/channels/email?board=${BOARD}`, { body: fixture(name), headers: RFC822 });

  it('keeps the sender\'s words from a multipart reply: no quote, no signature, the attachment named, the Message-ID as source id', async () => {
    const answer = await deliver('multipart-reply.eml');
    expect(answer.status).toBe(201);
    expect(answer.json.created).toBe(true);
    expect(answer.json.item).toMatchObject({
      board: BOARD,
      source: 'email',
      sourceId: '<multipart-1@acme.example>',
      title: 'Dark mode please',
      text: 'Please add a dark mode — the white page hurts at night.',
      author: { name: 'Jane Doe', email: 'jane@acme.example', company: null },
      attachments: [{ name: 'screenshot.png', contentType: 'image/png', size: 70 }],
      filtered: null,
      state: 'new',
      receivedAt: '2026-03-03T10:00:00.000Z',
    });
  });

  it('makes text of an HTML-only message, and takes Outlook\'s original message out of a reply', async () => {
    const html = await deliver('html-only.eml');
    expect(html.status).toBe(201);
    expect(html.json.item.text).toBe('We need CSV export of all ideas.\n\nThanks!');
    const outlook = await deliver('outlook-reply.eml');
    expect(outlook.json.item).toMatchObject({ title: 'RE: Your feedback', text: 'Slack integration would save us hours every week.' });
  });

  it('records automatic replies and bulk mail but keeps them out of the inbox', async () => {
    expect((await deliver('auto-reply.eml')).json.item.filtered).toBe('auto_reply');
    expect((await deliver('bulk.eml')).json.item.filtered).toBe('bulk');
  });

  it('takes a message far larger than other requests may be (its attachments), naming the attachment', async () => {
    const pdf = Buffer.alloc(300 * 1024, 7);
    const large = [
      'From: Fay <fay@example.com>', 'Subject: See the attached spec', 'Message-ID: <large-1@example.com>', 'MIME-Version: 1.0',
      'Content-Type: multipart/mixed; boundary="b"', '', '--b', 'Content-Type: text/plain', '', 'The spec for audit logs is attached.',
      '--b', 'Content-Type: application/pdf', 'Content-Disposition: attachment; filename="spec.pdf"', 'Content-Transfer-Encoding: base64', '',
      pdf.toString('base64').replace(/.{76}/g, '$&\r\n'), '--b--', '',
    ].join('\r\n');
    expect(large.length).toBeGreaterThan(64 * 1024);
    const answer = await channel.on(`/channels/email?board=${BOARD}`, { body: large, headers: RFC822 });
    expect(answer.status).toBe(201);
    expect(answer.json.item.attachments).toEqual([{ name: 'spec.pdf', contentType: 'application/pdf', size: pdf.length }]);
  });

  it('keeps a redelivered message once, answering the first item', async () => {
    const before = (await storedItems(channel.db, BOARD)).length;
    const again = await deliver('multipart-reply.eml');
    expect(again.status).toBe(200);
    expect(again.json.created).toBe(false);
    expect(again.json.item.sourceId).toBe('<multipart-1@acme.example>');
    expect(await storedItems(channel.db, BOARD)).toHaveLength(before);
  });

  it('reads Postmark\'s inbound JSON: HTML made text, its quote taken out, the original Message-ID kept', async () => {
    const post = () =>
      channel.on(`/channels/email?board=${BOARD}&secret=${SECRETS.email}`, { body: JSON.stringify(POSTMARK), headers: { 'Content-Type': 'application/json' } });
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.json.item).toMatchObject({
      source: 'email',
      sourceId: '<postmark-1@shop.example>',
      title: 'Bulk edit',
      text: 'Let us edit many ideas at once.',
      author: { name: 'Erin Example', email: 'erin@shop.example' },
      attachments: [{ name: 'mockup.pdf', contentType: 'application/pdf', size: 9 }],
      receivedAt: '2026-03-05T12:00:00.000Z',
    });
    expect((await post()).json.created).toBe(false);
  });

  it('refuses malformed mail with 400 and keeps nothing', async () => {
    const warnings = watchWarnings();
    const before = (await storedItems(channel.db, BOARD)).length;
    const notMail = await channel.on(`/channels/email?board=${BOARD}`, { body: 'this is not a message at all', headers: RFC822 });
    expect(notMail.status).toBe(400);
    expect(notMail.json.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('From') });
    const noWords = await channel.on(`/channels/email?board=${BOARD}`, { body: 'From: a@b.example\r\nSubject: empty\r\n\r\n', headers: RFC822 });
    expect(noWords.status).toBe(400);
    const notPostmark = await channel.on(`/channels/email?board=${BOARD}`, { body: '{"From":"x"}', headers: { ...RFC822, 'Content-Type': 'application/json' } });
    expect(notPostmark.status).toBe(400);
    const wrongType = await channel.on(`/channels/email?board=${BOARD}`, { body: 'a=b', headers: { ...RFC822, 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect(wrongType.status).toBe(400);
    expect(await storedItems(channel.db, BOARD)).toHaveLength(before);
    expect(warnings).toHaveBeenCalledTimes(4);
    warnings.mockRestore();
  });

  it('answers a crafted message that would hold the reply parser for many seconds in about one', async () => {
    const warnings = watchWarnings();
    const crafted = `From: mallory@example.com\r\nSubject: slow\r\nMessage-ID: <slow-1@example.com>\r\n\r\n${'On Mon, Jan 1, 2026 at 10:00 AM Someone <a@b.c> '.repeat(4000)}`;
    const started = performance.now();
    const answer = await channel.on(`/channels/email?board=${BOARD}`, { body: crafted, headers: RFC822 });
    // 192 KB of this took the parser 19 s when it read it all; it reads the first 40,000
    // characters, all of them the sender's, which are more than an item may hold.
    expect(performance.now() - started).toBeLessThan(8000);
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatchObject({ code: 'invalid_input', message: expect.stringContaining('20000 characters') });
    warnings.mockRestore();
  }, 30_000);

  it('refuses a call without the secret (401), and every call when the secret is not configured (404)', async () => {
    const warnings = watchWarnings();
    const wrong = await channel.on(`/channels/email?board=${BOARD}&secret=guess`, { body: fixture('bulk.eml'), headers: { 'Content-Type': 'message/rfc822' } });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('unauthorized');
    const missing = await channel.on(`/channels/email?board=${BOARD}`, { body: fixture('bulk.eml'), headers: { 'Content-Type': 'message/rfc822' } });
    expect(missing.status).toBe(401);
    const off = await channel.off(`/channels/email?board=${BOARD}`, { body: fixture('bulk.eml'), headers: RFC822 });
    expect(off.status).toBe(404);
    expect(off.json.error).toMatchObject({ code: 'not_found', details: { setting: 'SAYSO_INBOUND_EMAIL_SECRET' } });
    expect(warnings.mock.calls.map((call) => String(call[1]))).toEqual([
      expect.stringContaining('unauthorized'),
      expect.stringContaining('unauthorized'),
      expect.stringContaining('SAYSO_INBOUND_EMAIL_SECRET'),
    ]);
    warnings.mockRestore();
  });
});
