// Issue 9: every service records its domain event in the transaction of its change. A change
// whose event cannot be written is not made; a refused change, or a replayed Idempotency-Key,
// records nothing; sequence numbers only grow.
import type { Comment, Post, Tag } from '@sayso/core';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { apiClient, expectError, type ApiAnswer, type CallOptions } from './support/api-client.js';
import { testDatabases } from './support/databases.js';

const databases = testDatabases();
const ADMIN_KEY = 'events-admin-key-0123456789abcdef';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const ALICE = 'events-alice';
const BOB = 'events-bob';

interface RecordedEvent {
  sequence: string;
  type: string;
  subject_type: string;
  subject_id: string;
  actor: string | null;
}

/** What the changes of the API touch, each table as one hash: equal before and after means nothing changed. */
const STATE_TABLES = [
  'boards', 'posts', 'votes', 'comments', 'tags', 'post_tags', 'admin_keys', 'notifications', 'subscriptions', 'delivery_fanouts', 'deliveries',
  'webhook_endpoints', 'changelog_entries', 'changelog_entry_posts', 'backlog_items', 'backlog_evidence', 'backlog_settings',
];

describe('domain events', () => {
  let db: Database;
  let call: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    db = await databases.open('pglite');
    call = apiClient(createApp({ db, adminKeys: [ADMIN_KEY] }), db);
    // A switch for the tests: inserting an event of a listed type fails, as a full disk or a
    // lost connection would, in the middle of the change's transaction.
    await db.exec(`
      CREATE TABLE refused_event_types (type text PRIMARY KEY);
      CREATE FUNCTION refuse_listed_events() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM refused_event_types WHERE type = NEW.type) THEN
          RAISE EXCEPTION 'the event log refused %', NEW.type;
        END IF;
        RETURN NEW;
      END $$;
      CREATE TRIGGER refuse_listed_events BEFORE INSERT ON domain_events
        FOR EACH ROW EXECUTE FUNCTION refuse_listed_events();`);
  });

  const lastSequence = async () =>
    (await db.query<{ s: string }>('SELECT COALESCE(max(sequence), 0)::text AS s FROM domain_events'))[0]!.s;

  const eventsAfter = (sequence: string) =>
    db.query<RecordedEvent>(
      `SELECT e.sequence::text AS sequence, e.type, e.subject_type, e.subject_id::text AS subject_id, u.key AS actor
         FROM domain_events e LEFT JOIN users u ON u.id = e.actor_id
        WHERE e.sequence > $1::bigint ORDER BY e.sequence`,
      [sequence],
    );

  const state = async () => {
    const hashes: Record<string, string> = {};
    for (const table of STATE_TABLES) {
      const [row] = await db.query<{ h: string }>(
        `SELECT md5(COALESCE(string_agg(t::text, ',' ORDER BY t::text), '')) AS h FROM ${table} t`,
      );
      hashes[table] = row!.h;
    }
    return hashes;
  };

  /**
   * Makes a change twice: first with its event refused, which must leave every table as it was
   * and record nothing; then for real, which must record exactly that one event.
   */
  const change = async (
    expected: { type: string; subject_type: string; actor: RegExp | string },
    request: () => Promise<ApiAnswer>,
  ): Promise<ApiAnswer & { event: RecordedEvent }> => {
    await db.query('INSERT INTO refused_event_types (type) VALUES ($1)', [expected.type]);
    const before = await state();
    const sequence = await lastSequence();
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await request()).status, `${expected.type} with its event refused`).toBe(500);
    } finally {
      quiet.mockRestore();
      await db.query('DELETE FROM refused_event_types');
    }
    expect(await state(), `${expected.type} left a change without its event`).toEqual(before);
    expect(await eventsAfter(sequence)).toEqual([]);

    const answer = await request();
    expect(answer.status, expected.type).toBeLessThan(300);
    const events = await eventsAfter(sequence);
    expect(events, expected.type).toEqual([
      { sequence: expect.any(String), type: expected.type, subject_type: expected.subject_type, subject_id: expect.any(String), actor: expect.stringMatching(expected.actor) },
    ]);
    return { ...answer, event: events[0]! };
  };

  it('records exactly its event for every change, in the change\'s transaction', async () => {
    const board = (await createBoard(db, { slug: 'events' })).slug;
    const alice = { voter: ALICE };
    const bob = { voter: BOB };

    const created = await change({ type: 'post.created', subject_type: 'post', actor: `visitor:${ALICE}` }, () =>
      call('POST', `/boards/${board}/posts`, { ...alice, body: { title: 'An idea with a history' } }),
    );
    const post = created.json as Post;
    expect(created.event.subject_id).toBe(post.id);
    const path = `/posts/${post.id}`;

    await change({ type: 'vote.added', subject_type: 'post', actor: `visitor:${BOB}` }, () => call('POST', `${path}/votes`, bob));
    await change({ type: 'vote.removed', subject_type: 'post', actor: `visitor:${BOB}` }, () => call('DELETE', `${path}/votes`, bob));
    await change({ type: 'post.edited', subject_type: 'post', actor: `visitor:${ALICE}` }, () =>
      call('PATCH', path, { ...alice, body: { body: 'With details' } }),
    );
    await change({ type: 'post.status_changed', subject_type: 'post', actor: /^admin:env:/ }, () =>
      call('PATCH', path, { ...admin, body: { status: 'planned' } }),
    );
    await change({ type: 'post.priority_changed', subject_type: 'post', actor: /^admin:env:/ }, () =>
      call('PUT', `${path}/priority`, { ...admin, body: { impact: 2 } }),
    );

    const added = await change({ type: 'comment.added', subject_type: 'comment', actor: `visitor:${BOB}` }, () =>
      call('POST', `${path}/comments`, { ...bob, body: { body: 'Yes please' } }),
    );
    const comment = added.json as Comment;
    expect(added.event.subject_id).toBe(comment.id);
    await change({ type: 'comment.edited', subject_type: 'comment', actor: `visitor:${BOB}` }, () =>
      call('PATCH', `/comments/${comment.id}`, { ...bob, body: { body: 'Yes please!' } }),
    );
    // Alice was told of Bob's comment; reading it is a change of hers.
    await change({ type: 'notifications.read', subject_type: 'user', actor: `visitor:${ALICE}` }, () =>
      call('POST', '/notifications/read', { ...alice, body: { all: true } }),
    );
    await change({ type: 'comment.deleted', subject_type: 'comment', actor: `visitor:${BOB}` }, () =>
      call('DELETE', `/comments/${comment.id}`, bob),
    );

    const tag = (
      await change({ type: 'tag.created', subject_type: 'tag', actor: /^admin:env:/ }, () =>
        call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Mobile' } }),
      )
    ).json as Tag;
    await change({ type: 'tag.renamed', subject_type: 'tag', actor: /^admin:env:/ }, () =>
      call('PATCH', `/boards/${board}/tags/${tag.slug}`, { ...admin, body: { name: 'Mobile app' } }),
    );
    await change({ type: 'post.tagged', subject_type: 'post', actor: /^admin:env:/ }, () => call('PUT', `${path}/tags/${tag.slug}`, admin));
    await change({ type: 'post.untagged', subject_type: 'post', actor: /^admin:env:/ }, () => call('DELETE', `${path}/tags/${tag.slug}`, admin));
    await change({ type: 'tag.deleted', subject_type: 'tag', actor: /^admin:env:/ }, () =>
      call('DELETE', `/boards/${board}/tags/${tag.slug}`, admin),
    );

    await change({ type: 'board.policy_changed', subject_type: 'board', actor: /^admin:env:/ }, () =>
      call('PATCH', `/boards/${board}`, { ...admin, body: { anonymous: 'votes' } }),
    );
    await change({ type: 'board.priority_changed', subject_type: 'board', actor: /^admin:env:/ }, () =>
      call('PUT', `/boards/${board}/priority`, { ...admin, body: { peopleWeight: 2, mrrWeight: 0 } }),
    );
    await change({ type: 'board.notifications_changed', subject_type: 'board', actor: /^admin:env:/ }, () =>
      call('PUT', `/boards/${board}/notifications`, { ...admin, body: { notifyKinds: ['done', 'active'] } }),
    );
    await change({ type: 'subscription.changed', subject_type: 'post', actor: `visitor:${BOB}` }, () =>
      call('PUT', `${path}/subscription`, { ...bob, body: { subscribed: false } }),
    );
    await change({ type: 'email.preferences_changed', subject_type: 'user', actor: `visitor:${BOB}` }, () =>
      call('PUT', '/me/email', { ...bob, body: { emailOff: true } }),
    );
    const key = await change({ type: 'admin_key.created', subject_type: 'admin_key', actor: /^admin:env:/ }, () =>
      call('POST', '/admin/keys', { ...admin, body: { label: 'events' } }),
    );
    expect(JSON.stringify(await eventsAfter('0'))).not.toContain(key.json.key);
    await change({ type: 'admin_key.revoked', subject_type: 'admin_key', actor: /^admin:env:/ }, () =>
      call('DELETE', `/admin/keys/${key.json.id}`, admin),
    );

    const view = await change({ type: 'saved_view.created', subject_type: 'saved_view', actor: /^admin:env:/ }, () =>
      call('POST', '/admin/views', { ...admin, body: { name: 'Planned', params: { status: 'planned' } } }),
    );
    await change({ type: 'saved_view.deleted', subject_type: 'saved_view', actor: /^admin:env:/ }, () =>
      call('DELETE', `/admin/views/${view.json.id}`, admin),
    );

    const item = await change({ type: 'backlog.created', subject_type: 'backlog_item', actor: /^admin:env:/ }, () =>
      call('POST', `/boards/${board}/backlog`, { ...admin, body: { title: 'Retire the old queue', category: 'infrastructure' } }),
    );
    const itemPath = `/backlog/${item.json.id}`;
    expect(item.event.subject_id).toBe(item.json.id);
    await change({ type: 'backlog.updated', subject_type: 'backlog_item', actor: /^admin:env:/ }, () =>
      call('PATCH', itemPath, { ...admin, body: { nextStep: 'Drain it' } }),
    );
    await change({ type: 'backlog.status_changed', subject_type: 'backlog_item', actor: /^admin:env:/ }, () =>
      call('PATCH', itemPath, { ...admin, body: { status: 'planned' } }),
    );
    const linked = await change({ type: 'backlog.evidence_linked', subject_type: 'backlog_item', actor: /^admin:env:/ }, () =>
      call('POST', `${itemPath}/evidence`, { ...admin, body: { postIds: [post.id] } }),
    );
    expect(linked.json.demand.ideas).toBe(1);
    const [evidence] = (await call('GET', `${itemPath}/evidence`, admin)).json.items;
    await change({ type: 'backlog.evidence_unlinked', subject_type: 'backlog_item', actor: /^admin:env:/ }, () =>
      call('DELETE', `${itemPath}/evidence/${evidence.id}`, admin),
    );
    await change({ type: 'backlog.settings_changed', subject_type: 'board', actor: /^admin:env:/ }, () =>
      call('PUT', `/boards/${board}/capacity`, { ...admin, body: { engineeringTarget: 25 } }),
    );
    await change({ type: 'backlog.deleted', subject_type: 'backlog_item', actor: /^admin:env:/ }, () => call('DELETE', itemPath, admin));

    const endpoint = await change({ type: 'webhook.created', subject_type: 'webhook_endpoint', actor: /^admin:env:/ }, () =>
      call('POST', '/webhooks', { ...admin, body: { url: 'https://93.184.215.14/hook', events: ['idea.merged'] } }),
    );
    expect(JSON.stringify(await eventsAfter('0'))).not.toContain(endpoint.json.secret);
    await change({ type: 'webhook.updated', subject_type: 'webhook_endpoint', actor: /^admin:env:/ }, () =>
      call('PATCH', `/webhooks/${endpoint.json.id}`, { ...admin, body: { active: false } }),
    );
    await change({ type: 'webhook.deleted', subject_type: 'webhook_endpoint', actor: /^admin:env:/ }, () =>
      call('DELETE', `/webhooks/${endpoint.json.id}`, admin),
    );

    const entryPath = (id: string) => `/changelog/${id}`;
    const draft = (
      await change({ type: 'changelog.created', subject_type: 'changelog_entry', actor: /^admin:env:/ }, () =>
        call('POST', `/boards/${board}/changelog`, { ...admin, body: { title: 'Draft to drop', postIds: [post.id] } }),
      )
    ).json as { id: string };
    await change({ type: 'changelog.updated', subject_type: 'changelog_entry', actor: /^admin:env:/ }, () =>
      call('PATCH', entryPath(draft.id), { ...admin, body: { body: 'Reworded' } }),
    );
    await change({ type: 'changelog.deleted', subject_type: 'changelog_entry', actor: /^admin:env:/ }, () =>
      call('DELETE', entryPath(draft.id), admin),
    );
    // An entry shipping no idea records its publication alone (ideas it ships record their moves too).
    const note = (await call('POST', `/boards/${board}/changelog`, { ...admin, body: { title: 'A note' } })).json as { id: string };
    await change({ type: 'changelog.published', subject_type: 'changelog_entry', actor: /^admin:env:/ }, () =>
      call('POST', `${entryPath(note.id)}/publish`, admin),
    );

    // A new idea makes a delivery to an endpoint that asked for it; replaying it is a change.
    const listening = (await call('POST', '/webhooks', { ...admin, body: { url: 'https://93.184.215.14/new', events: ['idea.created'] } })).json;
    // The board lets visitors only vote by now: the admin posts.
    expect((await call('POST', `/boards/${board}/posts`, { ...admin, body: { title: 'Tell the hooks' } })).status).toBe(201);
    const [delivery] = await db.query<{ id: string }>('SELECT id FROM deliveries WHERE endpoint_id = $1', [listening.id]);
    await change({ type: 'delivery.replayed', subject_type: 'delivery', actor: /^admin:env:/ }, () =>
      call('POST', `/deliveries/${delivery!.id}/replay`, admin),
    );
    await call('DELETE', `/webhooks/${listening.id}`, admin);
  });

  it('tells the people of a shipped idea from its event, in its transaction', async () => {
    const board = (await createBoard(db, { slug: 'events-shipping' })).slug;
    const post = (await call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'Ship me' } })).json as Post;
    await call('POST', `/posts/${post.id}/votes`, { voter: BOB });
    const shipped = await change({ type: 'post.status_changed', subject_type: 'post', actor: /^admin:env:/ }, () =>
      call('PATCH', `/posts/${post.id}`, { ...admin, body: { status: 'shipped' } }),
    );
    expect(shipped.json.shippedAt).toEqual(expect.any(String));
    const told = await db.query<{ key: string }>(
      `SELECT u.key FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE n.post_id = $1 AND n.kind = 'shipped' ORDER BY u.key`,
      [post.id],
    );
    expect(told.map((row) => row.key)).toEqual([`visitor:${ALICE}`, `visitor:${BOB}`]);
  });

  it('records nothing for a refused change or one that changes nothing', async () => {
    const board = (await createBoard(db, { slug: 'events-refused' })).slug;
    const post = (await call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'Refusals' } })).json as Post;
    const path = `/posts/${post.id}`;
    await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Taken' } });
    const sequence = await lastSequence();
    await expectError(call('PATCH', path, { ...admin, body: { status: 'no-such-status' } }), 400, 'invalid_input');
    // The title is valid and comes first: it is rolled back with the refused status.
    await expectError(call('PATCH', path, { ...admin, body: { title: 'A new title', status: 'no-such-status' } }), 400, 'invalid_input');
    await expectError(call('PATCH', path, { voter: BOB, body: { title: 'Not yours' } }), 403, 'forbidden');
    await expectError(call('PATCH', path, { voter: ALICE, body: { status: 'planned' } }), 403, 'forbidden');
    await expectError(call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'TAKEN' } }), 409, 'conflict');
    await expectError(call('DELETE', `/boards/${board}/tags/no-such-tag`, admin), 404, 'not_found');
    // Already so: the vote of the author, the same status, the same text.
    expect((await call('POST', `${path}/votes`, { voter: ALICE })).status).toBe(200);
    expect((await call('PATCH', path, { ...admin, body: { status: 'open' } })).status).toBe(200);
    expect((await call('PATCH', path, { voter: ALICE, body: { title: 'Refusals' } })).status).toBe(200);
    expect((await call('DELETE', `${path}/votes`, { voter: BOB })).status).toBe(200);
    expect(await eventsAfter(sequence)).toEqual([]);
    expect((await call('GET', path)).json).toMatchObject({ title: 'Refusals', status: 'open' });
  });

  it('records nothing for a replayed Idempotency-Key', async () => {
    const board = (await createBoard(db, { slug: 'events-replay' })).slug;
    const sequence = await lastSequence();
    const submit = () =>
      call('POST', `/boards/${board}/posts`, { voter: ALICE, idempotencyKey: 'events-replay-1', body: { title: 'Sent twice' } });
    const first = await submit();
    const again = await submit();
    expect(again.headers.get('Idempotent-Replayed')).toBe('true');
    expect(again.json).toEqual(first.json);
    const vote = () => call('POST', `/posts/${first.json.id}/votes`, { voter: BOB, idempotencyKey: 'events-replay-2' });
    await vote();
    expect((await vote()).headers.get('Idempotent-Replayed')).toBe('true');
    expect((await eventsAfter(sequence)).map((event) => event.type)).toEqual(['post.created', 'vote.added']);
  });

  it('numbers events in the order they happened, each after the last', async () => {
    const events = await eventsAfter('0');
    expect(events.length).toBeGreaterThan(20);
    const sequences = events.map((event) => BigInt(event.sequence));
    for (let n = 1; n < sequences.length; n++) expect(sequences[n]! > sequences[n - 1]!).toBe(true);
    const board = (await createBoard(db, { slug: 'events-order' })).slug;
    const last = await lastSequence();
    const post = (await call('POST', `/boards/${board}/posts`, { voter: ALICE, body: { title: 'Next in line' } })).json as Post;
    const [next] = await eventsAfter(last);
    expect(next).toMatchObject({ type: 'post.created', subject_id: post.id });
    expect(BigInt(next!.sequence)).toBeGreaterThan(BigInt(last));
  });
});
