// The bell told like email (issue 11): an idea's followers hear of its shipping once each, a page
// of them by user id in the change's transaction and the rest from the delivery worker, every
// notice logged as a sent `in_app` delivery; a changelog entry tells each follower of its ideas
// once. The page size is lowered for the test, so an audience of a few pages needs a dozen people.
import type { ChangelogEntry, Delivery, NotificationAudience, NotificationPage, Page, Post } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { changelogEntrySchema, deliveryPageSchema, notificationAudienceSchema } from '../src/schemas.js';
import { createDeliveryWorker } from '../src/services/delivery-worker.js';
import type { CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const ADMIN_KEY = 'bell-admin-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const PAGE = 4;

describe.each(ENGINES)('the bell on %s', (engine) => {
  const { db, call, freshBoard, someone } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'bell', fanoutPageSize: PAGE });

  const ok = async <T>(method: string, path: string, options: CallOptions = {}, status = 200) => {
    const response = await call(method, path, options);
    expect(response.status, JSON.stringify(response.json)).toBe(status);
    return response.json as T;
  };
  const newPost = (board: string, voter: string, title: string) => ok<Post>('POST', `/boards/${board}/posts`, { voter, body: { title } }, 201);
  const drain = () => createDeliveryWorker({ db: db(), channels: [], fanoutPageSize: PAGE }).drain();
  /** Per visitor key: how many notifications and how many in_app deliveries about the idea. */
  const toldAbout = async (postIds: string[]) =>
    db().query<{ key: string; notices: number; deliveries: number }>(
      `SELECT u.key,
              (SELECT count(*) FROM notifications n WHERE n.recipient_id = u.id AND n.post_id = ANY($1::uuid[]))::int AS notices,
              (SELECT count(*) FROM deliveries d WHERE d.user_id = u.id AND d.channel = 'in_app' AND d.status = 'sent'
                  AND d.sent_at IS NOT NULL AND d.post_id = ANY($1::uuid[]))::int AS deliveries
         FROM users u
        WHERE EXISTS (SELECT 1 FROM notifications n WHERE n.recipient_id = u.id AND n.post_id = ANY($1::uuid[]))
           OR EXISTS (SELECT 1 FROM deliveries d WHERE d.user_id = u.id AND d.channel = 'in_app' AND d.post_id = ANY($1::uuid[]))
        ORDER BY u.key`,
      [postIds],
    );

  it('tells an audience of several pages once each: the first page at once, the rest from the worker, never twice', async () => {
    const board = await freshBoard();
    const author = someone('author');
    const post = await newPost(board, author, 'Offline mode');
    const voters = Array.from({ length: 10 }, (_, n) => someone(`voter-${n}`));
    for (const voter of voters) await ok('POST', `/posts/${post.id}/votes`, { voter });
    const quitter = someone('quitter');
    await ok('POST', `/posts/${post.id}/votes`, { voter: quitter });
    await ok('PUT', `/posts/${post.id}/subscription`, { voter: quitter, body: { subscribed: false } });
    const followers = [author, ...voters].map((name) => `visitor:${name}`).sort();

    // The dry run counts everyone in SQL and lists as many as asked.
    const preview = await ok<NotificationAudience>('PATCH', `/posts/${post.id}?dryRun=true&limit=3`, { ...admin, body: { status: 'shipped' } });
    expect(notificationAudienceSchema.safeParse(preview).error).toBeUndefined();
    expect(preview.counts).toEqual({ in_app: 11, email: 0, webhook: 0 });
    expect(preview.people).toHaveLength(3);
    expect(preview.truncated).toBe(true);
    expect(await toldAbout([post.id])).toEqual([]);

    await ok('PATCH', `/posts/${post.id}`, { ...admin, body: { status: 'shipped', statusNote: 'In 5.0' } });
    // One page in the request's transaction; the rest waits for the worker, where the page ended.
    expect(await toldAbout([post.id])).toHaveLength(PAGE);
    const [fanout] = await db().query<{ after_user_id: string; done_at: string | null }>(
      `SELECT f.after_user_id, f.done_at FROM delivery_fanouts f JOIN domain_events e ON e.sequence = f.event_sequence
        WHERE f.channel = 'in_app' AND e.subject_id = $1`,
      [post.id],
    );
    expect(fanout).toMatchObject({ after_user_id: expect.any(String), done_at: null });

    await drain();
    const told = await toldAbout([post.id]);
    expect(told.map((row) => row.key)).toEqual(followers);
    expect(told.every((row) => row.notices === 1 && row.deliveries === 1)).toBe(true);
    const page = await ok<NotificationPage>('GET', '/notifications', { voter: voters[9]! });
    expect(page.items).toEqual([
      expect.objectContaining({ kind: 'shipped', post: { id: post.id, board, title: 'Offline mode' }, status: { id: 'shipped', name: 'Shipped' }, note: 'In 5.0', changelog: null }),
    ]);

    // The worker again, and a fan-out expanded again from the start (its pages redone), tell nobody twice.
    await drain();
    await db().query(`UPDATE delivery_fanouts SET after_user_id = NULL, done_at = NULL WHERE channel = 'in_app'`);
    await drain();
    expect(await toldAbout([post.id])).toEqual(told);

    // The log lists the bell's deliveries per idea, a page at a time.
    const first = await ok<Page<Delivery>>('GET', `/deliveries?postId=${post.id}&channel=in_app&limit=7`, admin);
    expect(deliveryPageSchema.safeParse(first).error).toBeUndefined();
    const rest = await ok<Page<Delivery>>('GET', `/deliveries?postId=${post.id}&channel=in_app&limit=7&cursor=${encodeURIComponent(first.nextCursor!)}`, admin);
    expect(rest.nextCursor).toBeNull();
    expect(new Set([...first.items, ...rest.items].map((delivery) => delivery.person!.id)).size).toBe(11);
  });

  it('tells every follower of a changelog entry\'s ideas once, with the entry, and not of each idea\'s move', async () => {
    const board = await freshBoard();
    const [ann, bo] = [someone('ann'), someone('bo')];
    const search = await newPost(board, ann, 'Search');
    const sync = await newPost(board, bo, 'Sync');
    const both = Array.from({ length: 6 }, (_, n) => someone(`both-${n}`));
    for (const voter of both) {
      await ok('POST', `/posts/${search.id}/votes`, { voter });
      await ok('POST', `/posts/${sync.id}/votes`, { voter });
    }
    const draft = await ok<ChangelogEntry>('POST', `/boards/${board}/changelog`, { ...admin, body: { title: 'March', postIds: [sync.id, search.id] } }, 201);
    expect(changelogEntrySchema.safeParse(draft).error).toBeUndefined();
    const preview = await ok<NotificationAudience>('POST', `/changelog/${draft.id}/publish?dryRun=true`, admin);
    expect(preview.counts.in_app).toBe(8);
    expect(preview.people.find((member) => member.person.id)?.reasons.length).toBeGreaterThan(0);

    await ok<ChangelogEntry>('POST', `/changelog/${draft.id}/publish`, admin);
    await drain();
    const told = await toldAbout([search.id, sync.id]);
    expect(told.map((row) => row.key)).toEqual([ann, bo, ...both].map((name) => `visitor:${name}`).sort());
    expect(told.every((row) => row.notices === 1 && row.deliveries === 1)).toBe(true);
    // About the first of the entry's ideas each follows: Sync, except for Ann, who follows only Search.
    const newsOf = async (voter: string) => (await ok<NotificationPage>('GET', '/notifications', { voter })).items;
    expect(await newsOf(ann)).toEqual([expect.objectContaining({ kind: 'shipped', post: expect.objectContaining({ id: search.id }), changelog: { id: draft.id, title: 'March' } })]);
    expect(await newsOf(both[0]!)).toEqual([expect.objectContaining({ kind: 'shipped', post: expect.objectContaining({ id: sync.id }), changelog: { id: draft.id, title: 'March' } })]);
    // The ideas' own moves were recorded, quietly.
    const moves = await db().query<{ tells: boolean; ships: boolean }>(
      `SELECT (payload->>'tells')::boolean AS tells, (payload->>'ships')::boolean AS ships FROM domain_events
        WHERE type = 'post.status_changed' AND subject_id = ANY($1::uuid[])`,
      [[search.id, sync.id]],
    );
    expect(moves).toEqual([{ tells: false, ships: true }, { tells: false, ships: true }]);
  });
});
