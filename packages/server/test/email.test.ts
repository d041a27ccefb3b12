// Issue 11: the followers of an idea hear by email when it moves to a status its board tells of,
// through the transactional outbox and a real SMTP receiver on loopback: exactly one email per
// person with an address over an idea and its merged duplicates, nobody who unsubscribed or turned
// email off, one-click unsubscribe with the token of the received header, anonymous addresses
// confirmed first, and retries then `dead` when the SMTP server keeps refusing.
import type { NotificationAudience, Post, Subscription } from '@sayso/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createEmailChannel } from '../src/channels/email/email-channel.js';
import type { Database } from '../src/db/database.js';
import { signUserToken } from '../src/identity/tokens.js';
import { notificationAudienceSchema, subscriptionSchema } from '../src/schemas.js';
import { createBoard } from '../src/services/boards.js';
import { createDeliveryWorker, type DeliveryWorker } from '../src/services/delivery-worker.js';
import { record } from '../src/services/record.js';
import { apiClient, expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.js';

const databases = testDatabases();
const ADMIN_KEY = 'email-admin-key-0123456789abcdef';
const JWT_SECRET = 'email-test-secret-0123456789abcdef';
const PUBLIC_URL = 'https://feedback.example';
const admin: CallOptions = { adminKey: ADMIN_KEY };

describe.each(ENGINES)('email on %s', (engine) => {
  let db: Database;
  let receiver: SmtpReceiver;
  let worker: DeliveryWorker;
  let app: ReturnType<typeof createApp>;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    receiver = await startSmtpReceiver();
    const email = createEmailChannel(db, { smtpUrl: receiver.url, from: 'Feedback <feedback@feedback.example>', publicUrl: PUBLIC_URL });
    // Tries fall due at once and give up after 3, so a test sees the whole life of a failing delivery.
    worker = createDeliveryWorker({ db, channels: [email], maxAttempts: 3, retryDelayMs: () => 0, fanoutPageSize: 7 });
    app = createApp({ db, adminKeys: [ADMIN_KEY], jwtSecret: JWT_SECRET, deliveries: worker });
    call = apiClient(app, db);
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
  });

  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-email-${++boards}` })).slug;

  /** A signed-in user of the host app, with an address unless `email` is null. */
  const user = async (name: string, email: string | null = `${name}@people.example`): Promise<CallOptions> => ({
    headers: { Authorization: `Bearer ${await signUserToken({ sub: `${engine}-${name}`, name, ...(email ? { email } : {}) }, JWT_SECRET)}` },
  });

  const ok = async (method: string, path: string, options: CallOptions, status = 200) => {
    const response = await call(method, path, options);
    expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
    return response.json;
  };
  const newPost = async (board: string, author: CallOptions, title: string) =>
    (await ok('POST', `/boards/${board}/posts`, { ...author, body: { title } }, 201)) as Post;
  const setStatus = (postId: string, status: string, statusNote?: string) =>
    ok('PATCH', `/posts/${postId}`, { ...admin, body: { status, ...(statusNote ? { statusNote } : {}) } });

  /** Sends everything due, then answers what arrived since `before` per address. */
  const sent = async (before: number) => {
    await worker.drain();
    const by = new Map<string, number>();
    for (const message of receiver.received.slice(before)) for (const to of message.to) by.set(to, (by.get(to) ?? 0) + 1);
    return by;
  };

  it('emails each person with an address once over an idea and its merged duplicates, and nobody who opted out', async () => {
    const board = await freshBoard();
    const [ann, bob, cy, dee, eve, fay, gus, hal, nomail] = await Promise.all(
      ['ann', 'bob', 'cy', 'dee', 'eve', 'fay', 'gus', 'hal'].map((name) => user(name)).concat(user('nomail', null)),
    );
    const visitor: CallOptions = { voter: `${engine}-email-visitor` };
    const canonical = await newPost(board, ann!, 'Offline mode');
    const duplicate = await newPost(board, eve!, 'Work without a connection');
    const another = await newPost(board, fay!, 'Offline sync');
    // Overlaps: bob votes on all three and comments; cy votes on one and comments on another.
    for (const post of [canonical, duplicate, another]) await ok('POST', `/posts/${post.id}/votes`, bob!);
    await ok('POST', `/posts/${duplicate.id}/votes`, cy!);
    await ok('POST', `/posts/${another.id}/comments`, { ...cy!, body: { body: 'Please!' } }, 201);
    await ok('POST', `/posts/${canonical.id}/comments`, { ...bob!, body: { body: 'Yes' } }, 201);
    await ok('POST', `/posts/${duplicate.id}/comments`, { ...dee!, body: { body: 'Same here' } }, 201);
    for (const who of [gus!, hal!, nomail!, visitor]) await ok('POST', `/posts/${canonical.id}/votes`, who);
    // A customer recorded by an admin, by address; and the same address as ann's, who counts once.
    await ok('POST', `/posts/${another.id}/requests`, { ...admin, body: { email: 'customer@acme.example' } }, 201);
    await ok('POST', `/posts/${another.id}/requests`, { ...admin, body: { email: 'ann@people.example' } }, 201);
    // gus stops following; hal turns email off.
    const stopped = (await ok('PUT', `/posts/${canonical.id}/subscription`, { ...gus!, body: { subscribed: false } })) as Subscription;
    expect(stopped).toEqual({ postId: canonical.id, subscribed: false, reason: null, emailPending: false });
    expect((await ok('PUT', '/me/email', { ...hal!, body: { emailOff: true } })).emailOff).toBe(true);
    await ok('POST', `/posts/${duplicate.id}/merge`, { ...admin, body: { into: canonical.id } });
    await ok('POST', `/posts/${another.id}/merge`, { ...admin, body: { into: duplicate.id } });
    // A vote again after unsubscribing does not subscribe again.
    await ok('DELETE', `/posts/${canonical.id}/votes`, gus!);
    await ok('POST', `/posts/${canonical.id}/votes`, gus!);

    const expected = ['ann', 'bob', 'cy', 'dee', 'eve', 'fay'].map((name) => `${name}@people.example`).concat('customer@acme.example');
    const preview = (await ok('PATCH', `/posts/${canonical.id}?dryRun=true&limit=3`, { ...admin, body: { status: 'shipped' } })) as NotificationAudience;
    expect(notificationAudienceSchema.safeParse(preview).error).toBeUndefined();
    expect(preview.counts.email).toBe(expected.length);
    expect(preview.people).toHaveLength(3);
    expect(preview.truncated).toBe(true);
    expect((await ok('GET', `/posts/${canonical.id}`, {})).status).not.toBe('shipped');
    expect(await db.query('SELECT 1 FROM delivery_fanouts')).toHaveLength(0);

    await expectError(call('PATCH', `/posts/${canonical.id}`, { ...admin, body: { statusNote: 'No status' } }), 400, 'invalid_input');
    await expectError(call('PATCH', `/posts/${canonical.id}?dryRun=true`, { ...admin, body: { title: 'No status' } }), 400, 'invalid_input');
    await expectError(call('PATCH', `/posts/${canonical.id}?dryRun=true`, { ...bob!, body: { status: 'shipped' } }), 403, 'forbidden');
    const before = receiver.received.length;
    await setStatus(canonical.id, 'shipped', 'It is out in version 2.0 <for everyone>.');
    const arrived = await sent(before);
    expect([...arrived.keys()].sort()).toEqual([...expected].sort());
    expect([...arrived.values()].every((count) => count === 1)).toBe(true);

    const [deliveryToBob] = await db.query<{ id: string }>(
      `SELECT d.id FROM deliveries d JOIN users u ON u.id = d.user_id WHERE u.key = $1 AND d.status = 'sent'`,
      [`user:${engine}-bob`],
    );
    const toBob = receiver.received.slice(before).find((message) => message.to.includes('bob@people.example'))!.mail;
    expect(toBob.subject).toBe('Shipped: Offline mode');
    expect(toBob.messageId).toBe(`<${deliveryToBob!.id}@feedback.example>`);
    expect(toBob.text).toContain('It is out in version 2.0 <for everyone>.');
    expect(toBob.text).toContain('You get this because you voted for it.');
    // Why, over the whole tree: cy voted for one duplicate and commented on the other.
    const toCy = receiver.received.slice(before).find((message) => message.to.includes('cy@people.example'))!.mail;
    expect(toCy.text).toContain('You get this because you commented on it and you voted for it.');
    expect(toBob.html).toContain('It is out in version 2.0 &lt;for everyone&gt;.');
    expect(toBob.html).toContain(`href="${PUBLIC_URL}/?board=${board}&amp;post=${canonical.id}"`);
    const header = (name: string) => toBob.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(https:[^>]+)>$/.exec(header('list-unsubscribe') ?? '')![1]!;
    expect(unsubscribe.startsWith(`${PUBLIC_URL}/email/unsubscribe?token=`)).toBe(true);

    // The subscriptions page shows what bob follows; showing it changes nothing.
    const path = unsubscribe.slice(PUBLIC_URL.length);
    const page = await app.request(path);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Offline mode');
    expect(((await ok('GET', `/posts/${canonical.id}/subscription`, bob!)) as Subscription).subscribed).toBe(true);
    // One-click (RFC 8058): a POST of the header's URL, as a mail client sends it.
    const oneClick = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(((await ok('GET', `/posts/${canonical.id}/subscription`, bob!)) as Subscription).subscribed).toBe(false);
    // A forged token does nothing.
    expect((await app.request(`${path}x`, { method: 'POST' })).status).toBe(400);
    // The page's other button turns all email off, and on again.
    expect(page.headers.get('Content-Security-Policy')).toContain("default-src 'none'");
    expect((await app.request(`${path}&email=off`, { method: 'POST' })).status).toBe(200);
    expect(await ok('GET', '/me/email', bob!)).toEqual({ email: 'bob@people.example', confirmed: true, emailOff: true, mayLeaveAddress: false });
    expect((await app.request(`${path}&email=on`, { method: 'POST' })).status).toBe(200);
    expect((await ok('GET', '/me/email', bob!)).emailOff).toBe(false);

    // Shipped again after a step back: everyone once more, but not bob.
    await setStatus(canonical.id, 'planned');
    const again = receiver.received.length;
    await setStatus(canonical.id, 'shipped');
    const second = await sent(again);
    expect([...second.keys()].sort()).toEqual(expected.filter((address) => address !== 'bob@people.example').sort());
  });

  it('sends an anonymous visitor only the confirmation until its link is followed', async () => {
    const board = await freshBoard();
    const visitor: CallOptions = { voter: `${engine}-anonymous-follower` };
    const post = await newPost(board, await user('author-of-anon-idea'), 'Keyboard shortcuts');
    await expectError(call('PUT', `/posts/${post.id}/subscription`, { ...visitor, body: { subscribed: true, email: 'not an address' } }), 400, 'invalid_input');
    // A signed-in user's mail goes to their host's address: they are told so before they try.
    const signedIn = await user('signed-in');
    expect((await ok('GET', '/me/email', signedIn)).mayLeaveAddress).toBe(false);
    await expectError(
      call('PUT', `/posts/${post.id}/subscription`, { ...signedIn, body: { subscribed: true, email: 'x@people.example' } }),
      400,
      'invalid_input',
    );
    const before = receiver.received.length;
    const followed = (await ok('PUT', `/posts/${post.id}/subscription`, { ...visitor, body: { subscribed: true, email: 'anon@visitors.example' } })) as Subscription;
    expect(subscriptionSchema.safeParse(followed).error).toBeUndefined();
    expect(followed).toEqual({ postId: post.id, subscribed: true, reason: 'explicit', emailPending: true });
    // The same address again sends no second confirmation.
    await ok('PUT', `/posts/${post.id}/subscription`, { ...visitor, body: { subscribed: true, email: 'anon@visitors.example' } });
    expect(await sent(before)).toEqual(new Map([['anon@visitors.example', 1]]));
    const confirmation = receiver.received.at(-1)!.mail;
    expect(confirmation.subject).toBe('Confirm your email address');
    expect(confirmation.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(false);

    await setStatus(post.id, 'shipped');
    expect((await sent(before + 1)).has('anon@visitors.example')).toBe(false);
    expect(await ok('GET', '/me/email', visitor)).toEqual({ email: 'anon@visitors.example', confirmed: false, emailOff: false, mayLeaveAddress: true });

    const link = /https:\/\/feedback\.example(\/email\/confirm\?token=\S+)/.exec(confirmation.text!)![1]!;
    expect((await app.request(link)).status).toBe(200);
    expect(await ok('GET', '/me/email', visitor)).toEqual({ email: 'anon@visitors.example', confirmed: true, emailOff: false, mayLeaveAddress: true });
    expect(((await ok('GET', `/posts/${post.id}/subscription`, visitor)) as Subscription).emailPending).toBe(false);

    await setStatus(post.id, 'planned');
    const after = receiver.received.length;
    await setStatus(post.id, 'shipped');
    expect((await sent(after)).get('anon@visitors.example')).toBe(1);
  });

  it('tells of active statuses only when the board chose them', async () => {
    const board = await freshBoard();
    const follower = await user('planner-fan');
    const post = await newPost(board, follower, 'Calendar view');
    expect(await ok('GET', `/boards/${board}/notifications`, admin)).toEqual({ notifyKinds: ['done'] });
    await expectError(call('PUT', `/boards/${board}/notifications`, { ...admin, body: { notifyKinds: ['active'] } }), 400, 'invalid_input');
    await expectError(call('GET', `/boards/${board}/notifications`, follower), 403, 'forbidden');

    const before = receiver.received.length;
    await setStatus(post.id, 'planned');
    expect(await sent(before)).toEqual(new Map());
    expect(await ok('PUT', `/boards/${board}/notifications`, { ...admin, body: { notifyKinds: ['active', 'done'] } })).toEqual({
      notifyKinds: ['active', 'done'],
    });
    await setStatus(post.id, 'in-progress');
    expect(await sent(before)).toEqual(new Map([['planner-fan@people.example', 1]]));
    expect(receiver.received.at(-1)!.mail.subject).toMatch(/^In progress: Calendar view$/i);
  });

  it('tells each follower of a changelog entry\'s ideas once, with the entry and the ideas they follow', async () => {
    const board = await freshBoard();
    const [both, first, second] = await Promise.all(['entry-both', 'entry-first', 'entry-second'].map((name) => user(name)));
    const search = await newPost(board, both!, 'Search');
    const sync = await newPost(board, second!, 'Sync');
    await ok('POST', `/posts/${search.id}/votes`, first!);
    await ok('POST', `/posts/${sync.id}/votes`, both!);
    const before = receiver.received.length;
    // What the changelog's publish records, in its transaction (its routes are another piece of work).
    await db.transaction((tx) =>
      record(tx, {
        type: 'changelog.published',
        subject: { type: 'board', id: search.id },
        actorId: null,
        payload: { entryId: search.id, title: 'March release', body: '**Faster** everything', postIds: [search.id, sync.id] },
      }),
    );
    const arrived = await sent(before);
    expect(arrived).toEqual(new Map(['entry-both', 'entry-first', 'entry-second'].map((name) => [`${name}@people.example`, 1])));
    const mailTo = (name: string) => receiver.received.slice(before).find((message) => message.to.includes(`${name}@people.example`))!.mail;
    expect(mailTo('entry-both').subject).toBe('March release');
    expect(mailTo('entry-both').html).toContain('<strong>Faster</strong>');
    expect(mailTo('entry-both').text).toMatch(/- Search: .*\n- Sync: /);
    expect(mailTo('entry-first').text).toContain('- Search: ');
    expect(mailTo('entry-first').text).not.toContain('- Sync: ');
    // Each mail is in the delivery log of the first of the entry's ideas its person follows.
    const logged = await db.query<{ key: string; post_id: string }>(
      `SELECT u.key, d.post_id FROM deliveries d JOIN users u ON u.id = d.user_id
        WHERE d.channel = 'email' AND d.post_id = ANY($1::uuid[]) ORDER BY u.key`,
      [[search.id, sync.id]],
    );
    expect(logged.map((row) => [row.key.replace(/^user:[a-z]+-/, ''), row.post_id])).toEqual([
      ['entry-both', search.id],
      ['entry-first', search.id],
      ['entry-second', sync.id],
    ]);
  });

  it('has someone recorded by email follow the idea as themselves once they sign in with that address', async () => {
    const board = await freshBoard();
    const post = await newPost(board, await user('recorder-author'), 'Export to PDF');
    await ok('POST', `/posts/${post.id}/requests`, { ...admin, body: { email: 'later@people.example' } }, 201);
    const later = await user('later');
    expect(await ok('GET', `/posts/${post.id}/subscription`, later)).toEqual({ postId: post.id, subscribed: true, reason: 'request', emailPending: false });
    const before = receiver.received.length;
    await setStatus(post.id, 'shipped');
    expect((await sent(before)).get('later@people.example')).toBe(1);
  });

  it('tries again when the SMTP server refuses for now, and gives up as dead after the last try', async () => {
    const board = await freshBoard();
    const post = await newPost(board, await user('unlucky'), 'Retry me');
    receiver.answer(() => ({ code: 451, message: 'Try again later' }));
    try {
      const refusedBefore = receiver.refused;
      await setStatus(post.id, 'shipped');
      await worker.drain();
      const [delivery] = await db.query<{ status: string; attempts: number; last_error: string; response_status: number }>(
        'SELECT status, attempts, last_error, response_status FROM deliveries WHERE post_id = $1',
        [post.id],
      );
      expect(delivery).toEqual({ status: 'dead', attempts: 3, last_error: expect.stringContaining('Try again later'), response_status: 451 });
      expect(receiver.refused - refusedBefore).toBe(3);
    } finally {
      receiver.answer(() => 'accept');
    }
  });
});
