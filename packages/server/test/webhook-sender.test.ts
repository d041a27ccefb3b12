// Issue 11: one webhook call, against a real HTTP receiver on loopback: signed as documented,
// with its delivery id and event type; redirects not followed; a deadline; and no call at all to
// a non-public address unless the deployment allows it, checked against the address connected to.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HostLookup } from '../src/channels/webhook/address-policy.js';
import { sendWebhook, type WebhookDelivery } from '../src/channels/webhook/send.js';
import { verifyWebhookSignature } from '../src/channels/webhook/signature.js';
import { startWebhookReceiver } from './support/webhook-receiver.js';

const SECRET = 'whsec_test-secret-of-the-sender-tests';
const allowPrivate = { policy: { allowPrivate: true } };
const delivery: WebhookDelivery = {
  deliveryId: '6f1c2b9e-3d4a-4c5b-8e7f-0a1b2c3d4e5f',
  type: 'idea.created',
  body: JSON.stringify({ id: '42', type: 'idea.created', createdAt: '2026-01-01T00:00:00.000Z', data: { idea: { id: 'x', title: 'Dark mode ✓' } } }),
};

const receiver = await startWebhookReceiver({
  '/created': (response) => {
    response.statusCode = 201;
    response.end('thanks');
  },
  '/moved': (response) => {
    response.writeHead(302, { Location: '/created' });
    response.end();
  },
  '/broken': (response) => {
    response.statusCode = 500;
    response.end(`${'e'.repeat(5000)}`);
  },
  // Holds the call open past the sender's deadline.
  '/slow': (response) => void setTimeout(() => response.end('late'), 3000),
});

/** The receiver's verifier exactly as docs/webhooks.md prints it, as a module. */
async function documentedVerifier(): Promise<(rawBody: string | Buffer, header: unknown, secret: string, now?: number) => boolean> {
  const doc = readFileSync(new URL('../../../docs/webhooks.md', import.meta.url), 'utf8');
  const block = /```js\n(\/\/ verify-sayso-signature\.mjs\n[\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error('docs/webhooks.md no longer has the verify-sayso-signature.mjs block');
  const file = join(mkdtempSync(join(tmpdir(), 'sayso-webhook-doc-')), 'verify-sayso-signature.mjs');
  writeFileSync(file, block);
  return ((await import(pathToFileURL(file).href)) as { verifySaysoSignature: Awaited<ReturnType<typeof documentedVerifier>> }).verifySaysoSignature;
}

describe('sendWebhook', () => {
  it('posts the body signed with the endpoint secret, with its delivery id and event type', async () => {
    const before = receiver.calls.length;
    const outcome = await sendWebhook({ url: receiver.url('/created'), secret: SECRET }, delivery, allowPrivate);
    expect(outcome).toEqual({ ok: true, responseStatus: 201, responseExcerpt: 'thanks' });
    const [call] = receiver.calls.slice(before);
    expect(call).toMatchObject({ method: 'POST', path: '/created', body: delivery.body });
    expect(call!.headers).toMatchObject({
      'content-type': 'application/json',
      'sayso-delivery': delivery.deliveryId,
      'sayso-event': 'idea.created',
      'content-length': String(Buffer.byteLength(delivery.body)),
    });
    const signature = call!.headers['sayso-signature'] as string;
    expect(signature).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(Math.abs(Number(signature.slice(2, signature.indexOf(','))) - Date.now() / 1000)).toBeLessThan(60);
    // The documented verifier accepts it, and nothing else.
    expect(verifyWebhookSignature({ body: call!.body, header: signature, secret: SECRET })).toBe(true);
    expect(verifyWebhookSignature({ body: call!.body, header: signature, secret: 'whsec_another' })).toBe(false);
    expect(verifyWebhookSignature({ body: `${call!.body} `, header: signature, secret: SECRET })).toBe(false);
    expect(verifyWebhookSignature({ body: call!.body, header: signature.replace(/t=\d+/, (t) => `t=${Number(t.slice(2)) + 1}`), secret: SECRET })).toBe(false);
    expect(verifyWebhookSignature({ body: call!.body, header: undefined, secret: SECRET })).toBe(false);
    // Five minutes late is still fine; later is refused (a captured call replayed).
    const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000);
    expect(verifyWebhookSignature({ body: call!.body, header: signature, secret: SECRET, now: inMinutes(4.9) })).toBe(true);
    expect(verifyWebhookSignature({ body: call!.body, header: signature, secret: SECRET, now: inMinutes(5.1) })).toBe(false);
  });

  it('is verified by the receiver code of docs/webhooks.md, on the raw body as it arrived', async () => {
    const verify = await documentedVerifier();
    const before = receiver.calls.length;
    await sendWebhook({ url: receiver.url('/created'), secret: SECRET }, delivery, allowPrivate);
    const [call] = receiver.calls.slice(before);
    const header = call!.headers['sayso-signature'];
    const raw = Buffer.from(call!.body, 'utf8');
    expect(verify(raw, header, SECRET)).toBe(true);
    expect(verify(call!.body, header, SECRET)).toBe(true);
    expect(verify(raw, header, 'whsec_another')).toBe(false);
    expect(verify(Buffer.from(JSON.stringify(JSON.parse(call!.body), null, 1)), header, SECRET)).toBe(false);
    expect(verify(raw, undefined, SECRET)).toBe(false);
    expect(verify(raw, header, SECRET, Date.now() + 4.9 * 60_000)).toBe(true);
    expect(verify(raw, header, SECRET, Date.now() + 5.1 * 60_000)).toBe(false);
    expect(verify(raw, header, SECRET, Date.now() - 5.1 * 60_000)).toBe(false);
  });

  it('signs anew each time: a later call of the same delivery has a new time and signature', async () => {
    const before = receiver.calls.length;
    const at = (seconds: number) => () => new Date(seconds * 1000);
    await sendWebhook({ url: receiver.url('/created'), secret: SECRET }, delivery, { ...allowPrivate, now: at(1_800_000_000) });
    await sendWebhook({ url: receiver.url('/created'), secret: SECRET }, delivery, { ...allowPrivate, now: at(1_800_000_060) });
    const [first, second] = receiver.calls.slice(before).map((call) => call.headers['sayso-signature'] as string);
    expect(first).toMatch(/^t=1800000000,v1=/);
    expect(second).toMatch(/^t=1800000060,v1=/);
    expect(first!.slice(first!.indexOf('v1='))).not.toBe(second!.slice(second!.indexOf('v1=')));
  });

  it('does not follow a redirect: a 3xx is a failure naming where it pointed', async () => {
    const before = receiver.calls.length;
    const outcome = await sendWebhook({ url: receiver.url('/moved'), secret: SECRET }, delivery, allowPrivate);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/302.*\/created.*not followed/), responseStatus: 302, responseExcerpt: '' });
    expect(receiver.calls.slice(before).map((call) => call.path)).toEqual(['/moved']);
  });

  it('keeps the status and the first kilobyte of a failure', async () => {
    const outcome = await sendWebhook({ url: receiver.url('/broken'), secret: SECRET }, delivery, allowPrivate);
    expect(outcome).toEqual({ ok: false, error: 'Answered 500.', responseStatus: 500, responseExcerpt: 'e'.repeat(1024) });
  });

  it('gives up on a receiver that does not answer in time', async () => {
    const started = Date.now();
    const outcome = await sendWebhook({ url: receiver.url('/slow'), secret: SECRET }, delivery, { ...allowPrivate, timeoutMs: 500 });
    expect(outcome).toEqual({ ok: false, error: 'No answer within 500 ms.' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a receiver that is not there', async () => {
    const outcome = await sendWebhook({ url: 'http://127.0.0.1:1/nobody', secret: SECRET }, delivery, allowPrivate);
    expect(outcome).toEqual({ ok: false, error: expect.stringMatching(/^ECONNREFUSED/) });
  });

  it('calls no non-public address without the setting, by IP or by a name resolving to one', async () => {
    const before = receiver.calls.length;
    const strict = { policy: { allowPrivate: false } };
    const port = receiver.port;
    for (const url of [
      receiver.url('/created'),
      `http://localhost:${port}/created`,
      `http://[::1]:${port}/created`,
      `http://[::ffff:127.0.0.1]:${port}/created`,
      'http://10.1.2.3/',
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const outcome = await sendWebhook({ url, secret: SECRET }, delivery, strict);
      expect(outcome, url).toEqual({ ok: false, permanent: true, error: expect.stringMatching(/not a public address/) });
    }
    expect(receiver.calls.length).toBe(before);
  });

  it('connects to the address it checked, not to what the name resolves to later (DNS rebinding)', async () => {
    // A name that passed the check once and now points at loopback is refused at send time.
    let answers = ['93.184.215.14'];
    const rebinding: HostLookup = async () => answers.map((address) => ({ address, family: 4 }));
    answers = ['127.0.0.1'];
    const refused = await sendWebhook({ url: `http://rebind.test:${receiver.port}/created`, secret: SECRET }, delivery, { policy: { allowPrivate: false, lookup: rebinding } });
    expect(refused).toMatchObject({ ok: false, error: expect.stringMatching(/"rebind.test" resolves to 127.0.0.1/) });

    // The host is resolved once, by the check: the connection goes to the checked address
    // (here loopback, allowed), though the system resolver knows no such name.
    let lookups = 0;
    const once: HostLookup = async () => {
      lookups++;
      return [{ address: '127.0.0.1', family: 4 }];
    };
    const before = receiver.calls.length;
    const outcome = await sendWebhook({ url: `http://pinned.invalid:${receiver.port}/created`, secret: SECRET }, delivery, { policy: { allowPrivate: true, lookup: once } });
    expect(outcome).toMatchObject({ ok: true, responseStatus: 201 });
    expect(lookups).toBe(1);
    expect(receiver.calls.slice(before).map((call) => [call.headers.host, call.remoteAddress])).toEqual([[`pinned.invalid:${receiver.port}`, '127.0.0.1']]);
  });
});
