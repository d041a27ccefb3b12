// Issue 14, closing the loop: a backlog item done tells everyone behind its evidence once (the
// people of each linked idea's canonical, the authors of linked feedback), in the bell and by
// email through a real SMTP receiver, never the admin who moved it; and a GitHub webhook, signed
// as GitHub signs it, moves the items linked to an issue that closed to done, once per delivery.
// Most tests write items and evidence with SQL, to reach every case; the last drives it all
// through the API, as the console and GitHub do.
import { requesterKey, trackerIssueOf, type FeedbackItem, type Notification, type Post } from '@sayso/core';
import { createHmac, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import { createEmailChannel } from '../src/channels/email/email-channel.js';
import type { Database } from '../src/db/database.js';
import { requesterUserId } from '../src/db/customer-requests.js';
import { signUserToken } from '../src/identity/tokens.js';
import { githubReceiptSchema, notificationSchema } from '../src/schemas.js';
import { moveBacklogItem } from '../src/services/backlog-status.js';
import { createBoard } from '../src/services/boards.js';
import { createDeliveryWorker, type DeliveryWorker } from '../src/services/delivery-worker.js';
import { apiClient, expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { startSmtpReceiver, type SmtpReceiver } from './support/smtp-receiver.js';

const databases = testDatabases();
const ADMIN_KEY = 'backlog-loop-admin-key-0123456789';
const JWT_SECRET = 'backlog-loop-test-secret-0123456789';
const GITHUB_SECRET = 'github-webhook-secret-0123456789';
const INBOUND_EMAIL_SECRET = 'inbound-email-secret-0123456789';
const PUBLIC_URL = 'https://feedback.example';
const admin: CallOptions = { adminKey: ADMIN_KEY };
// Small pages, so the bell's first page is told in the request and the rest by the worker.
const PAGE = 2;

describe.each(ENGINES)('closing the loop on %s', (engine) => {
  let db: Database;
  let receiver: SmtpReceiver;
  let worker: DeliveryWorker;
  let app: ReturnType<typeof createApp>;
  let call: ReturnType<typeof apiClient>;
  let boards = 0;
  let issues = 0;

  beforeAll(async () => {
    db = await databases.open(engine);
    receiver = await startSmtpReceiver();
    const email = createEmailChannel(db, { smtpUrl: receiver.url, from: 'Feedback <feedback@feedback.example>', publicUrl: PUBLIC_URL });
    worker = createDeliveryWorker({ db, channels: [email], retryDelayMs: () => 0, fanoutPageSize: PAGE });
    app = createApp({ db, adminKeys: [ADMIN_KEY], jwtSecret: JWT_SECRET, deliveries: worker, inbound: { github: GITHUB_SECRET, email: INBOUND_EMAIL_SECRET }, fanoutPageSize: PAGE });
    call = apiClient(app, db);
  });
  afterAll(async () => {
    await worker.stop();
    await receiver.close();
  });

  const ok = async (method: string, path: string, options: CallOptions, status = 200) => {
    const response = await call(method, path, options);
    expect(response.status, `${method} ${path}: ${response.text}`).toBe(status);
    return response.json;
  };
  const freshBoard = async () => (await createBoard(db, { slug: `${engine}-loop-${++boards}` })).slug;
  /** A signed-in user of the host app, with an address. */
  const user = async (name: string): Promise<CallOptions> => ({
    headers: { Authorization: `Bearer ${await signUserToken({ sub: `${engine}-${name}`, name, email: `${name}@people.example` }, JWT_SECRET)}` },
  });
  const userIdOf = async (name: string) =>
    (await db.query<{ id: string }>('SELECT id FROM users WHERE key = $1', [`user:${engine}-${name}`]))[0]!.id;
  const newPost = async (board: string, author: CallOptions, title: string) =>
    (await ok('POST', `/boards/${board}/posts`, { ...author, body: { title } }, 201)) as Post;
  const vote = (post: Post, who: CallOptions) => ok('POST', `/posts/${post.id}/votes`, who);
  const feedback = async (board: string, text: string, author: { name: string; email: string }) =>
    (await ok('POST', '/feedback', { ...admin, body: { board, text, author } }, 201)) as FeedbackItem;

  /** A backlog item linked to a new GitHub issue (its link written as a person might paste it); answers it and the issue's URL. */
  const newItem = async (board: string, title: string) => {
    const issueUrl = `https://github.com/acme/app/issues/${++issues}`;
    const pasted = `${issueUrl.replace('github.com', 'GitHub.com')}/`;
    const [item] = await db.query<{ id: string }>(
      `INSERT INTO backlog_items (board_id, title, category, tracker_urls, tracker_keys)
       SELECT id, $2, 'performance', ARRAY[$3], ARRAY[$4] FROM boards WHERE slug = $1 RETURNING id`,
      [board, title, pasted, trackerIssueOf(pasted)!.key],
    );
    return { id: item!.id, title, issueUrl };
  };
  /** Links evidence to an item, each link a second after the one before (their order is what the news names first). */
  let linked = 0;
  const linkIdea = (itemId: string, post: Post) =>
    db.query(`INSERT INTO backlog_evidence (item_id, post_id, added_at) VALUES ($1, $2, now() + $3 * interval '1 second')`, [itemId, post.id, ++linked]);
  const linkFeedback = async (itemId: string, item: FeedbackItem) => {
    const authorId = await db.transaction((tx) => requesterUserId(tx, requesterKey({ email: item.author.email! }), item.author.email!));
    await db.query(
      `INSERT INTO backlog_evidence (item_id, feedback_item_id, user_id, added_at) VALUES ($1, $2, $3, now() + $4 * interval '1 second')`,
      [itemId, item.id, authorId, ++linked],
    );
  };

  /** Posts a GitHub event as GitHub does: signed with `secret` (none: unsigned). */
  const github = async (event: string, payload: unknown, options: { delivery?: string; secret?: string | null } = {}) => {
    const body = JSON.stringify(payload);
    const secret = options.secret === undefined ? GITHUB_SECRET : options.secret;
    const headers: Record<string, string> = { 'Content-Type': 'application/json', 'X-GitHub-Event': event, 'X-GitHub-Delivery': options.delivery ?? randomUUID() };
    if (secret !== null) headers['X-Hub-Signature-256'] = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    const response = await app.request('/api/v1/channels/github', { method: 'POST', headers, body });
    return { status: response.status, json: (await response.json()) as any };
  };
  const closed = (issueUrl: string, stateReason = 'completed') => ({
    action: 'closed',
    issue: { number: 1, html_url: issueUrl, state: 'closed', state_reason: stateReason, title: 'Slow board' },
    repository: { full_name: 'acme/app' },
  });

  const fixedNews = async (who: CallOptions) => {
    const page = await ok('GET', '/notifications', who);
    return (page.items as Notification[]).filter((notification) => notification.kind === 'fixed');
  };
  const itemState = async (itemId: string) =>
    (await db.query<{ status: string; told: boolean }>('SELECT status, told_at IS NOT NULL AS told FROM backlog_items WHERE id = $1', [itemId]))[0]!;
  /** Sends everything due, then answers the mails that arrived since `before` by address. */
  const mailsSince = async (before: number) => {
    await worker.drain();
    const by = new Map<string, (typeof receiver.received)[number]['mail'][]>();
    for (const message of receiver.received.slice(before)) for (const to of message.to) by.set(to, [...(by.get(to) ?? []), message.mail]);
    return by;
  };

  it('tells everyone behind a closed GitHub issue\'s item once, in the bell and by email, and a redelivery changes nothing', async () => {
    const board = await freshBoard();
    const [ann, bob, cy, dee, fay, gus, hal] = await Promise.all(['ann', 'bob', 'cy', 'dee', 'fay', 'gus', 'hal'].map(user));
    const visitor: CallOptions = { voter: `${engine}-loop-visitor` };
    const slow = await newPost(board, ann!, 'The board is slow');
    const duplicate = await newPost(board, dee!, 'Loading takes ages');
    const search = await newPost(board, cy!, 'Search is slow');
    const unrelated = await newPost(board, fay!, 'Dark mode');
    for (const who of [bob!, gus!, hal!, visitor]) await vote(slow, who);
    await vote(search, bob!);
    await ok('POST', `/posts/${duplicate.id}/merge`, { ...admin, body: { into: slow.id } });
    // gus stops following the idea, hal turns email off: both still hear in the bell.
    await ok('PUT', `/posts/${slow.id}/subscription`, { ...gus!, body: { subscribed: false } });
    await ok('PUT', '/me/email', { ...hal!, body: { emailOff: true } });
    // eve wrote in by email and has no account; fay wrote in too, with the address she signs in with.
    const fromEve = await feedback(board, 'Every page takes ten seconds to load, it is unbearable', { name: 'Eve', email: 'eve@mail.example' });
    const fromFay = await feedback(board, 'The board freezes when I scroll', { name: 'Fay', email: 'fay@people.example' });

    const item = await newItem(board, 'Add indexes for the five slowest queries');
    const other = await newItem(board, 'Refactor the settings page');
    await linkIdea(item.id, slow);
    await linkIdea(item.id, search);
    await linkFeedback(item.id, fromEve);
    await linkFeedback(item.id, fromFay);
    await linkIdea(other.id, unrelated);

    // Unsigned, badly signed or signed with another secret: 401, and nothing changes.
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const delivery = randomUUID();
    for (const secret of [null, 'not-the-secret-0123456789']) {
      const refused = await github('issues', closed(item.issueUrl), { delivery, secret });
      expect(refused.status).toBe(401);
      expect(refused.json.error.code).toBe('unauthorized');
    }
    const tampered = await app.request('/api/v1/channels/github', {
      method: 'POST',
      headers: {
        'X-GitHub-Event': 'issues',
        'X-GitHub-Delivery': delivery,
        'X-Hub-Signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(JSON.stringify(closed(other.issueUrl))).digest('hex')}`,
      },
      body: JSON.stringify(closed(item.issueUrl)),
    });
    expect(tampered.status).toBe(401);
    expect(warnings).toHaveBeenCalledTimes(3);
    warnings.mockRestore();
    expect(await itemState(item.id)).toEqual({ status: 'proposed', told: false });
    expect(await db.query('SELECT 1 FROM tracker_deliveries')).toHaveLength(0);
    expect(await fixedNews(bob!)).toEqual([]);

    // A ping when the webhook is made, and other events or actions: 200, nothing changes.
    expect(await github('ping', { zen: 'Keep it logically awesome.', hook_id: 1 })).toEqual({ status: 200, json: { done: [], redelivery: false } });
    expect(await github('issues', { ...closed(item.issueUrl), action: 'reopened' })).toEqual({ status: 200, json: { done: [], redelivery: false } });
    expect(await github('push', { ref: 'refs/heads/main' })).toEqual({ status: 200, json: { done: [], redelivery: false } });
    expect((await itemState(item.id)).status).toBe('proposed');

    const before = receiver.received.length;
    const answer = await github('issues', closed(item.issueUrl), { delivery });
    expect(answer).toEqual({ status: 200, json: { done: [item.id], redelivery: false } });
    expect(githubReceiptSchema.safeParse(answer.json).error).toBeUndefined();
    expect(await itemState(item.id)).toEqual({ status: 'done', told: true });
    expect((await itemState(other.id)).status).toBe('proposed');
    const [event] = await db.query<{ actor_id: string | null; payload: Record<string, unknown> }>(
      `SELECT actor_id, payload FROM domain_events WHERE type = 'backlog.status_changed' AND subject_id = $1`,
      [item.id],
    );
    expect(event).toEqual({ actor_id: null, payload: { board, title: item.title, from: 'proposed', to: 'done', tells: true } });

    // The mails: everyone behind it with an address, once each, but hal (email off) and gus (unfollowed).
    const mails = await mailsSince(before);
    expect([...mails.keys()].sort()).toEqual(
      ['ann@people.example', 'bob@people.example', 'cy@people.example', 'dee@people.example', 'eve@mail.example', 'fay@people.example'],
    );
    expect([...mails.values()].every((received) => received.length === 1)).toBe(true);
    const toBob = mails.get('bob@people.example')![0]!;
    expect(toBob.subject).toBe('Fixed: Add indexes for the five slowest queries');
    expect(toBob.text).toContain('What you reported has been fixed: "Add indexes for the five slowest queries" is done.');
    expect(toBob.text).toContain(`- The board is slow: ${PUBLIC_URL}/?board=${board}&post=${slow.id}`);
    expect(toBob.text).toContain(`- Search is slow: ${PUBLIC_URL}/?board=${board}&post=${search.id}`);
    expect(toBob.text).toContain('You get this because you asked for it.');
    const toEve = mails.get('eve@mail.example')![0]!;
    expect(toEve.text).toContain('- "Every page takes ten seconds to load, it is unbearable"');
    expect(toEve.text).not.toContain('The board is slow');
    expect(toEve.text).toContain('You get this because you reported it. Turn these emails off:');
    expect(mails.get('fay@people.example')![0]!.text).toContain('- "The board freezes when I scroll"');

    // The bell: the people with an identity, each once, after the worker's pages; the news names
    // the first of the item's ideas each asked for, none for fay, whose feedback alone backs it.
    const expectedPost: Array<[string, CallOptions, Post | null]> = [
      ['ann', ann!, slow], ['bob', bob!, slow], ['cy', cy!, search], ['dee', dee!, slow], ['gus', gus!, slow], ['hal', hal!, slow],
      ['visitor', visitor, slow], ['fay', fay!, null],
    ];
    for (const [name, who, post] of expectedPost) {
      const news = await fixedNews(who);
      expect(news, name).toHaveLength(1);
      expect(notificationSchema.safeParse(news[0]).error).toBeUndefined();
      expect(news[0]).toMatchObject({
        kind: 'fixed',
        backlogItem: { id: item.id, title: item.title },
        post: post && { id: post.id, board, title: post.title },
        status: null,
        readAt: null,
      });
    }
    const [told] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'fixed' AND backlog_item_id = $1`, [item.id]);
    expect(told!.n).toBe(expectedPost.length);

    // The same delivery again (GitHub's "Redeliver"), even after the item was reopened: nothing changes.
    await db.transaction((tx) => moveBacklogItem(tx, { itemId: item.id, to: 'in_progress', actorId: null }));
    expect(await github('issues', closed(item.issueUrl), { delivery })).toEqual({ status: 200, json: { done: [], redelivery: true } });
    expect((await itemState(item.id)).status).toBe('in_progress');
    // Closed again by a new delivery: done again, but nobody is told twice.
    const again = receiver.received.length;
    expect(await github('issues', closed(item.issueUrl))).toEqual({ status: 200, json: { done: [item.id], redelivery: false } });
    expect((await mailsSince(again)).size).toBe(0);
    expect(await fixedNews(bob!)).toHaveLength(1);
    // An issue closed as not planned fixed nothing.
    expect(await github('issues', closed(other.issueUrl, 'not_planned'))).toEqual({ status: 200, json: { done: [], redelivery: false } });
    expect((await itemState(other.id)).status).toBe('proposed');
  });

  it('leaves out the admin who moved the item, and the one-click of a mail about no idea turns email off', async () => {
    const board = await freshBoard();
    const [ivy, jo] = await Promise.all(['ivy', 'jo'].map(user));
    const idea = await newPost(board, ivy!, 'Exports time out');
    await vote(idea, jo!);
    const fromKim = await feedback(board, 'My export never finishes', { name: 'Kim', email: 'kim@mail.example' });
    const item = await newItem(board, 'Stream exports');
    await linkIdea(item.id, idea);
    await linkFeedback(item.id, fromKim);

    const before = receiver.received.length;
    // ivy asked for it and, as an admin of the host app, moves it to done herself.
    const ivyId = await userIdOf('ivy');
    await db.transaction((tx) => moveBacklogItem(tx, { itemId: item.id, to: 'done', actorId: ivyId }));
    const mails = await mailsSince(before);
    expect([...mails.keys()].sort()).toEqual(['jo@people.example', 'kim@mail.example']);
    expect(await fixedNews(ivy!)).toEqual([]);
    expect(await fixedNews(jo!)).toHaveLength(1);

    const toKim = mails.get('kim@mail.example')![0]!;
    const header = (name: string) => toKim.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '').replace(/\r?\n\s+/g, '');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<(https:[^>]+)>$/.exec(header('list-unsubscribe') ?? '')![1]!;
    const oneClick = await app.request(unsubscribe.slice(PUBLIC_URL.length), {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain('Email is off');
    const [kim] = await db.query<{ email_off: boolean }>(
      `SELECT u.email_off FROM backlog_evidence be JOIN users u ON u.id = be.user_id WHERE be.feedback_item_id = $1`,
      [fromKim.id],
    );
    expect(kim!.email_off).toBe(true);

    // With email off, the next item done mails her nothing.
    const second = await newItem(board, 'Export in the background');
    await linkFeedback(second.id, fromKim);
    const later = receiver.received.length;
    await db.transaction((tx) => moveBacklogItem(tx, { itemId: second.id, to: 'done', actorId: ivyId }));
    expect((await mailsSince(later)).size).toBe(0);
  });

  it('tells three people who reported slowness through the widget and by email, once each, when the linked issue closes', async () => {
    const board = await freshBoard();
    const [lea, max] = await Promise.all(['lea', 'max'].map(user));
    const slow = await newPost(board, lea!, 'The board is slow');
    const search = await newPost(board, max!, 'Search takes seconds');
    const message = [
      'From: Nia Customer <nia@customer.example>',
      'To: feedback@acme.example',
      'Subject: Everything is so slow',
      `Message-ID: <slow-${engine}@customer.example>`,
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Pages take ten seconds to open since last week.',
    ].join('\r\n');
    const mailed = await app.request(`/api/v1/channels/email?board=${board}`, {
      method: 'POST',
      headers: { 'Content-Type': 'message/rfc822', 'Sayso-Inbound-Secret': INBOUND_EMAIL_SECRET },
      body: message,
    });
    expect(mailed.status).toBe(201);
    const fromNia = ((await mailed.json()) as { item: FeedbackItem }).item;

    const issueUrl = `https://github.com/acme/app/issues/${++issues}`;
    const item = await ok('POST', `/boards/${board}/backlog`, {
      ...admin,
      body: { title: 'Add indexes for the five slowest queries', category: 'performance', nextStep: 'EXPLAIN the five slowest', trackerUrls: [issueUrl] },
    }, 201);
    await ok('POST', `/backlog/${item.id}/evidence`, { ...admin, body: { postIds: [slow.id, search.id], feedbackItemIds: [fromNia.id] } });
    expect((await ok('GET', `/backlog/${item.id}`, admin)).demand.people).toBe(3);

    const before = receiver.received.length;
    expect(await github('issues', closed(issueUrl))).toEqual({ status: 200, json: { done: [item.id], redelivery: false } });
    expect((await ok('GET', `/backlog/${item.id}`, admin)).status).toBe('done');
    const mails = await mailsSince(before);
    expect([...mails.keys()].sort()).toEqual(['lea@people.example', 'max@people.example', 'nia@customer.example']);
    expect([...mails.values()].every((received) => received.length === 1)).toBe(true);
    expect(mails.get('nia@customer.example')![0]!.text).toContain('Everything is so slow');
    for (const [who, post] of [[lea!, slow], [max!, search]] as const) {
      expect(await fixedNews(who)).toMatchObject([{ backlogItem: { id: item.id, title: item.title }, post: { id: post.id } }]);
    }

    // Reopened and closed again in the console: nobody hears twice.
    await ok('PATCH', `/backlog/${item.id}`, { ...admin, body: { status: 'in_progress' } });
    await ok('PATCH', `/backlog/${item.id}`, { ...admin, body: { status: 'done' } });
    expect((await mailsSince(receiver.received.length)).size).toBe(0);
    expect(await fixedNews(lea!)).toHaveLength(1);
  });

  it('refuses a GitHub webhook without a configured secret, a closed issue without a delivery id, and a body that is not JSON', async () => {
    const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const unconfigured = apiClient(createApp({ db, adminKeys: [ADMIN_KEY] }));
    const refusal = await expectError(unconfigured('POST', '/channels/github', { body: closed('https://github.com/acme/app/issues/1') }), 404, 'not_found');
    expect(refusal.message).toContain('SAYSO_GITHUB_WEBHOOK_SECRET');
    expect(refusal.details).toEqual({ setting: 'SAYSO_GITHUB_WEBHOOK_SECRET' });

    const board = await freshBoard();
    const item = await newItem(board, 'Cache the roadmap');
    const body = JSON.stringify(closed(item.issueUrl));
    const signature = `sha256=${createHmac('sha256', GITHUB_SECRET).update(body).digest('hex')}`;
    const undelivered = await app.request('/api/v1/channels/github', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-GitHub-Event': 'issues', 'X-Hub-Signature-256': signature },
      body,
    });
    expect(undelivered.status).toBe(400);
    expect(((await undelivered.json()) as { error: { message: string } }).error.message).toContain('X-GitHub-Delivery');
    const notJson = 'not json';
    const badBody = await app.request('/api/v1/channels/github', {
      method: 'POST',
      headers: { 'X-GitHub-Event': 'issues', 'X-GitHub-Delivery': randomUUID(), 'X-Hub-Signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(notJson).digest('hex')}` },
      body: notJson,
    });
    expect(badBody.status).toBe(400);
    expect((await github('issues', { action: 'closed', issue: { number: 3 } })).status).toBe(400);
    expect((await itemState(item.id)).status).toBe('proposed');
    warnings.mockRestore();
  });
});
