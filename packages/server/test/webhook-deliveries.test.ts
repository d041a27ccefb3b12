// Issue 11: webhook deliveries, from domain events through the outbox and its delivery worker to a
// real HTTP receiver on loopback: one call per event and endpoint that asked for it, the
// documented payloads, the body fixed per event, signed calls the documented verifier accepts,
// and an admin's replay.
import { randomUUID } from 'node:crypto';
import type { FeedbackItem, Post } from '@sayso/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createWebhookChannel } from '../src/channels/webhook/webhook-channel.js';
import { verifyWebhookSignature } from '../src/channels/webhook/signature.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { record } from '../src/services/record.js';
import { createDeliveryWorker, type DeliveryWorker } from '../src/services/delivery-worker.js';
import { apiClient, expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { startWebhookReceiver, type ReceivedCall } from './support/webhook-receiver.js';

const databases = testDatabases();
const ADMIN_KEY = 'webhook-deliveries-admin-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const MISSING = '00000000-0000-4000-8000-000000000000';
const receiver = await startWebhookReceiver();

describe.each(ENGINES)('webhook deliveries on %s', (engine) => {
  let db: Database;
  let call: ReturnType<typeof apiClient>;
  let worker: DeliveryWorker;
  /** The signature's clock: each send a second later, so every signature is new. */
  let clock = Date.parse('2030-01-01T00:00:00Z');

  beforeAll(async () => {
    db = await databases.open(engine);
    const policy = { allowPrivate: true };
    call = apiClient(createApp({ db, adminKeys: [ADMIN_KEY], webhookPolicy: policy }), db);
    const channel = createWebhookChannel(db, { policy, now: () => new Date((clock += 1000)) });
    worker = createDeliveryWorker({ db, channels: [channel] });
  });

  const bodyOf = (received: ReceivedCall) => JSON.parse(received.body);

  /** Runs the delivery worker until nothing is due; the calls it made, in the order of their events. */
  const deliverPending = async (): Promise<ReceivedCall[]> => {
    const before = receiver.calls.length;
    await worker.drain();
    // The worker sends a batch at once: calls arrive in any order.
    return receiver.calls.slice(before).sort((a, b) => Number(bodyOf(a).id) - Number(bodyOf(b).id));
  };

  /** The calls to one endpoint's path of those {@link deliverPending} made (endpoints of other tests get events too). */
  const deliverPendingTo = async (path: string) => (await deliverPending()).filter((received) => received.path === path);

  const register = async (path: string, events: string[]) => {
    const created = await call('POST', '/webhooks', { ...admin, body: { url: receiver.url(path), events } });
    expect(created.status).toBe(201);
    return created.json as { id: string; secret: string };
  };


  it('calls every endpoint that asked, once per event, signed, with the documented payloads', async () => {
    const board = (await createBoard(db, { slug: `${engine}-hooks` })).slug;
    const everything = await register(`/${engine}/all`, ['idea.created', 'idea.status_changed', 'idea.merged', 'comment.added', 'changelog.published', 'feedback.received']);
    const mergesOnly = await register(`/${engine}/merges`, ['idea.merged']);
    const paused = await register(`/${engine}/paused`, ['idea.created']);
    await call('PATCH', `/webhooks/${paused.id}`, { ...admin, body: { active: false } });

    const idea = (await call('POST', `/boards/${board}/posts`, { voter: `${engine}-alice`, body: { title: 'Dark mode' } })).json as Post;
    const twin = (await call('POST', `/boards/${board}/posts`, { voter: `${engine}-bob`, body: { title: 'Night theme' } })).json as Post;
    await call('PATCH', `/posts/${idea.id}`, { ...admin, body: { status: 'planned' } });
    const comment = (await call('POST', `/posts/${idea.id}/comments`, { voter: `${engine}-bob`, body: { body: 'Yes, *please*' } })).json;
    // A customer request an admin records is no webhook event; feedback a channel receives is.
    await call('POST', `/posts/${idea.id}/requests`, { ...admin, body: { name: 'Ada', company: 'Acme', importance: 'blocker' } });
    const author = { name: 'Ada', email: 'ada@acme.example', company: 'Acme' };
    const feedback = (await call('POST', '/feedback', { ...admin, body: { board, text: 'Dark mode, please', author } })).json as FeedbackItem;
    expect((await call('POST', `/posts/${twin.id}/merge`, { ...admin, body: { into: idea.id } })).status).toBe(200);
    // Not an event any endpoint can ask for.
    await call('POST', `/posts/${idea.id}/votes`, { voter: `${engine}-carol` });

    const calls = await deliverPending();
    const toAll = calls.filter((received) => received.path === `/${engine}/all`);
    expect(toAll.map((received) => received.headers['sayso-event'])).toEqual([
      'idea.created', 'idea.created', 'idea.status_changed', 'comment.added', 'feedback.received', 'idea.merged',
    ]);
    expect(calls.filter((received) => received.path === `/${engine}/merges`).map((received) => received.headers['sayso-event'])).toEqual(['idea.merged']);
    expect(calls.filter((received) => received.path === `/${engine}/paused`)).toEqual([]);
    for (const received of calls) {
      const secret = received.path.endsWith('/all') ? everything.secret : mergesOnly.secret;
      const header = received.headers['sayso-signature'] as string;
      expect(verifyWebhookSignature({ body: received.body, header, secret, now: new Date(clock) })).toBe(true);
      expect(bodyOf(received).type).toBe(received.headers['sayso-event']);
      expect(received.headers['sayso-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    }
    // Each delivery has its own id; the same event has the same body and id at every endpoint.
    expect(new Set(calls.map((received) => received.headers['sayso-delivery'])).size).toBe(calls.length);
    expect(calls.find((received) => received.path.endsWith('/merges'))!.body).toBe(toAll[5]!.body);

    const envelope = { id: expect.stringMatching(/^\d+$/), createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) };
    const dark = { id: idea.id, board, title: 'Dark mode' };
    expect(toAll.map(bodyOf)).toEqual([
      { ...envelope, type: 'idea.created', data: { idea: { ...dark, status: 'open' } } },
      { ...envelope, type: 'idea.created', data: { idea: { id: twin.id, board, title: 'Night theme', status: 'open' } } },
      { ...envelope, type: 'idea.status_changed', data: { idea: { ...dark, status: 'planned' }, from: 'open', to: 'planned', shipped: false, note: null } },
      {
        ...envelope,
        type: 'comment.added',
        data: { idea: { ...dark, status: 'planned' }, comment: { id: comment.id, body: 'Yes, *please*', author: { id: comment.author.id, name: comment.author.name } } },
      },
      {
        ...envelope,
        type: 'feedback.received',
        data: {
          feedback: {
            id: feedback.id, board, source: 'api', title: null, text: 'Dark mode, please', author: { name: 'Ada', company: 'Acme' }, link: null,
            receivedAt: feedback.receivedAt,
          },
        },
      },
      {
        ...envelope,
        type: 'idea.merged',
        data: { board, duplicate: { id: twin.id, title: 'Night theme' }, into: { id: idea.id, title: 'Dark mode' }, canonical: { id: idea.id, title: 'Dark mode' } },
      },
    ]);
    // Nothing is left to send.
    expect(await deliverPending()).toEqual([]);
  });

  it('calls for a published changelog entry with the entry and the ideas it ships, in its order', async () => {
    const board = (await createBoard(db, { slug: `${engine}-changelog` })).slug;
    const endpoint = await register(`/${engine}/changelog`, ['changelog.published']);
    const search = (await call('POST', `/boards/${board}/posts`, { voter: `${engine}-gus`, body: { title: 'Search' } })).json as Post;
    const sync = (await call('POST', `/boards/${board}/posts`, { voter: `${engine}-gus`, body: { title: 'Sync' } })).json as Post;
    const [{ id: boardId }] = (await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [board])) as [{ id: string }];
    const entryId = randomUUID();
    // What the changelog's publish records, in its transaction (its routes are another piece of work).
    await db.transaction((tx) =>
      record(tx, {
        type: 'changelog.published',
        subject: { type: 'board', id: boardId },
        actorId: null,
        payload: { entryId, title: 'March release', body: '**Faster** everything', postIds: [sync.id, search.id] },
      }),
    );
    const calls = await deliverPendingTo(`/${engine}/changelog`);
    expect(calls.map((received) => received.headers['sayso-event'])).toEqual(['changelog.published']);
    expect(verifyWebhookSignature({ body: calls[0]!.body, header: calls[0]!.headers['sayso-signature'] as string, secret: endpoint.secret, now: new Date(clock) })).toBe(true);
    expect(bodyOf(calls[0]!)).toEqual({
      id: expect.stringMatching(/^\d+$/),
      type: 'changelog.published',
      createdAt: expect.any(String),
      data: {
        entry: { id: entryId, title: 'March release', body: '**Faster** everything' },
        ideas: [
          { id: sync.id, board, title: 'Sync', status: 'open' },
          { id: search.id, board, title: 'Search', status: 'open' },
        ],
      },
    });
  });

  it('counts the endpoints a status change would call in its dry run, and calls none', async () => {
    const board = (await createBoard(db, { slug: `${engine}-dry-runs` })).slug;
    await register(`/${engine}/dry-runs`, ['idea.status_changed']);
    const idea = (await call('POST', `/boards/${board}/posts`, { voter: `${engine}-fay`, body: { title: 'Offline mode' } })).json as Post;
    await deliverPending();
    const endpoints = (await call('GET', '/webhooks', admin)).json as Array<{ active: boolean; events: string[] }>;
    const listening = endpoints.filter((endpoint) => endpoint.active && endpoint.events.includes('idea.status_changed')).length;
    expect(listening).toBeGreaterThan(0);
    for (const status of ['planned', 'shipped']) {
      const preview = await call('PATCH', `/posts/${idea.id}?dryRun=true`, { ...admin, body: { status } });
      expect(preview.status, status).toBe(200);
      expect(preview.json.counts.webhook, status).toBe(listening);
    }
    expect((await call('PATCH', `/posts/${idea.id}?dryRun=true`, { ...admin, body: { status: 'open' } })).json.counts.webhook).toBe(0);
    expect(await deliverPending()).toEqual([]);
  });

  it('replays a delivery as a new one: the same body, a new signature and delivery id', async () => {
    const board = (await createBoard(db, { slug: `${engine}-replays` })).slug;
    const endpoint = await register(`/${engine}/replays`, ['idea.created']);
    const idea = (await call('POST', `/boards/${board}/posts`, { voter: `${engine}-dora`, body: { title: 'Export to CSV' } })).json as Post;
    const [first] = await deliverPendingTo(`/${engine}/replays`);
    const [original] = await db.query<{ id: string }>('SELECT id FROM deliveries WHERE endpoint_id = $1', [endpoint.id]);
    expect(first!.headers['sayso-delivery']).toBe(original!.id);

    // The idea changes meanwhile; the call it made stays what it was.
    await call('PATCH', `/posts/${idea.id}`, { voter: `${engine}-dora`, body: { title: 'Export to CSV and Excel' } });
    const replayed = await call('POST', `/deliveries/${original!.id}/replay`, admin);
    expect(replayed.status).toBe(201);
    expect(replayed.json).toEqual({
      id: expect.any(String),
      channel: 'webhook',
      status: 'pending',
      event: { type: 'post.created', occurredAt: expect.any(String) },
      post: { id: idea.id, title: 'Export to CSV and Excel' },
      person: null,
      endpoint: { id: endpoint.id, url: receiver.url(`/${engine}/replays`) },
      attempts: 0,
      lastError: null,
      responseStatus: null,
      createdAt: expect.any(String),
      sentAt: null,
      nextAttemptAt: expect.any(String),
    });
    expect(replayed.json.id).not.toBe(original!.id);
    const [row] = await db.query<{ replay_of: string }>('SELECT replay_of FROM deliveries WHERE id = $1', [replayed.json.id]);
    expect(row!.replay_of).toBe(original!.id);
    const [event] = await db.query<{ payload: Record<string, unknown> }>(
      `SELECT payload FROM domain_events WHERE type = 'delivery.replayed' AND subject_id = $1`,
      [replayed.json.id],
    );
    expect(event!.payload).toEqual({ replayOf: original!.id, endpointId: endpoint.id });

    const [again] = await deliverPendingTo(`/${engine}/replays`);
    expect(again!.body).toBe(first!.body);
    expect(bodyOf(again!).data.idea.title).toBe('Export to CSV');
    expect(again!.headers['sayso-delivery']).toBe(replayed.json.id);
    expect(again!.headers['sayso-signature']).not.toBe(first!.headers['sayso-signature']);
    expect(verifyWebhookSignature({ body: again!.body, header: again!.headers['sayso-signature'] as string, secret: endpoint.secret, now: new Date(clock) })).toBe(true);
  });

  it('refuses to replay what it cannot: not a webhook, a paused or removed endpoint, an unknown id; admins only', async () => {
    const board = (await createBoard(db, { slug: `${engine}-refusals` })).slug;
    const endpoint = await register(`/${engine}/refusals`, ['idea.created']);
    await call('POST', `/boards/${board}/posts`, { voter: `${engine}-erin`, body: { title: 'Keyboard shortcuts' } });
    const [delivery] = await db.query<{ id: string; event_sequence: string }>('SELECT id, event_sequence::text AS event_sequence FROM deliveries WHERE endpoint_id = $1', [endpoint.id]);
    const path = `/deliveries/${delivery!.id}/replay`;

    await expectError(call('POST', path), 401, 'unauthorized');
    await expectError(call('POST', path, { voter: `${engine}-erin` }), 403, 'forbidden');
    await expectError(call('POST', `/deliveries/${MISSING}/replay`, admin), 404, 'not_found');
    await expectError(call('POST', '/deliveries/not-an-id/replay', admin), 404, 'not_found');
    const [email] = await db.query<{ id: string }>(
      `INSERT INTO deliveries (event_sequence, channel, user_id, dedupe_key)
       SELECT $1::bigint, 'email', id, $1 || ':email:' || id FROM users LIMIT 1 RETURNING id`,
      [delivery!.event_sequence],
    );
    await expectError(call('POST', `/deliveries/${email!.id}/replay`, admin), 400, 'invalid_input');

    await call('PATCH', `/webhooks/${endpoint.id}`, { ...admin, body: { active: false } });
    expect((await expectError(call('POST', path, admin), 409, 'conflict')).message).toMatch(/paused/);
    // A paused endpoint is not called: its pending delivery fails for good.
    expect(await deliverPendingTo(`/${engine}/refusals`)).toEqual([]);
    const [dead] = await db.query<{ status: string; last_error: string }>('SELECT status, last_error FROM deliveries WHERE id = $1', [delivery!.id]);
    expect(dead).toEqual({ status: 'dead', last_error: 'The webhook endpoint is paused.' });

    await call('DELETE', `/webhooks/${endpoint.id}`, admin);
    expect((await expectError(call('POST', path, admin), 409, 'conflict')).message).toMatch(/removed/);
    expect(await db.query('SELECT id FROM deliveries WHERE replay_of = $1', [delivery!.id])).toEqual([]);
  });
});
