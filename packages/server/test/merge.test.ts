import type { Comment, MergeResult, NotificationPage, Page, Post, VoteResult } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { customerRequestSchema, mergeResultSchema, postPageSchema, postSchema } from '../src/schemas.js';
import { expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const ADMIN_KEY = 'merge-admin-key-0123456789abcdef';
const admin: CallOptions = { adminKey: ADMIN_KEY };

describe.each(ENGINES)('merging duplicates on %s', (engine) => {
  const { db, call, freshBoard, someone } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'merge' });

  /** An idea by `author`, voted for by `voters` too. */
  const idea = async (board: string, author: string, title: string, voters: string[] = []) => {
    const response = await call('POST', `/boards/${board}/posts`, { voter: author, body: { title } });
    expect(response.status).toBe(201);
    for (const voter of voters) await vote(response.json.id, voter);
    return response.json as Post;
  };
  const vote = async (postId: string, voter: string, method: 'POST' | 'DELETE' = 'POST') => {
    const response = await call(method, `/posts/${postId}/votes`, { voter });
    expect(response.status, response.text).toBe(200);
    return response.json as VoteResult;
  };
  const merge = (postId: string, into: string, options: CallOptions = admin) => call('POST', `/posts/${postId}/merge`, { ...options, body: { into } });
  const merged = async (postId: string, into: string) => {
    const response = await merge(postId, into);
    expect(response.status, response.text).toBe(200);
    expect(mergeResultSchema.safeParse(response.json).error).toBeUndefined();
    return response.json as MergeResult;
  };
  const unmerged = async (postId: string) => {
    const response = await call('POST', `/posts/${postId}/unmerge`, admin);
    expect(response.status, response.text).toBe(200);
    expect(mergeResultSchema.safeParse(response.json).error).toBeUndefined();
    return response.json as MergeResult;
  };
  const post = async (postId: string, voter?: string) => {
    const response = await call('GET', `/posts/${postId}`, voter ? { voter } : {});
    expect(response.status).toBe(200);
    expect(postSchema.safeParse(response.json).error).toBeUndefined();
    return response.json as Post;
  };
  const list = async (board: string, query = '') => {
    const response = await call('GET', `/boards/${board}/posts?limit=100${query}`);
    expect(response.status).toBe(200);
    expect(postPageSchema.safeParse(response.json).error).toBeUndefined();
    return (response.json as Page<Post>).items;
  };
  const comments = async (postId: string) => (await call('GET', `/posts/${postId}/comments?limit=100`)).json as Page<Comment>;
  const comment = async (postId: string, voter: string, body: string) => {
    const response = await call('POST', `/posts/${postId}/comments`, { voter, body: { body } });
    expect(response.status).toBe(201);
    return response.json as Comment;
  };
  const request = (postId: string, body: Record<string, unknown>) => call('POST', `/posts/${postId}/requests`, { ...admin, body });
  const notificationsOf = async (voter: string) => (await call('GET', '/notifications', { voter })).json as NotificationPage;
  /** Distinct people of a post's tree, counted from the rows: what peopleCount must equal. */
  const recount = async (postId: string) => {
    const [row] = await db().query<{ n: number }>(
      `SELECT count(DISTINCT user_id)::int AS n FROM (
         SELECT user_id FROM votes WHERE post_id IN (SELECT id FROM posts WHERE id = $1 OR canonical_id = $1)
         UNION ALL
         SELECT user_id FROM customer_requests WHERE post_id IN (SELECT id FROM posts WHERE id = $1 OR canonical_id = $1)
       ) AS people`,
      [postId],
    );
    return row!.n;
  };

  it('merges a duplicate: its people count once on the canonical, its link leads there, lists leave it out', async () => {
    const board = await freshBoard();
    const [alice, bob, carol, dave, eve] = ['alice', 'bob', 'carol', 'dave', 'eve'].map(someone) as [string, string, string, string, string];
    const duplicate = await idea(board, alice, 'Dark mode please', [bob, carol]);
    const canonical = await idea(board, dave, 'Dark theme', [bob, eve]);
    const moved = await comment(duplicate.id, carol, 'At night it hurts');
    await call('POST', `/boards/${board}/tags`, { ...admin, body: { name: 'Design' } });
    await call('PUT', `/posts/${duplicate.id}/tags/design`, admin);

    const result = await merged(duplicate.id, canonical.id);
    expect(result.duplicate).toMatchObject({ id: duplicate.id, status: 'merged', mergedInto: { id: canonical.id, title: 'Dark theme' }, peopleCount: 3 });
    // alice, bob, carol, dave, eve: bob voted for both and counts once.
    expect(result.canonical).toMatchObject({ id: canonical.id, voteCount: 3, peopleCount: 5, commentCount: 1, tags: [{ slug: 'design', name: 'Design' }] });
    expect(result.canonical.peopleCount).toBe(await recount(canonical.id));

    expect(await post(duplicate.id, carol)).toEqual({ ...(await post(canonical.id, carol)), mergedFrom: { id: duplicate.id, title: 'Dark mode please' } });
    expect((await post(canonical.id, carol)).voted).toBe(true);
    expect((await list(board)).map((p) => p.id)).toEqual([canonical.id]);
    expect(await list(board, '&status=merged')).toEqual([expect.objectContaining({ id: duplicate.id, mergedInto: { id: canonical.id, title: 'Dark theme' } })]);
    expect((await comments(canonical.id)).items).toEqual([{ ...moved, mergedFrom: { id: duplicate.id, title: 'Dark mode please' } }]);
    const [event] = await db().query<{ payload: Record<string, any>; actor: string }>(
      `SELECT e.payload, u.key AS actor FROM domain_events e JOIN users u ON u.id = e.actor_id WHERE e.type = 'post.merged' AND e.subject_id = $1`,
      [duplicate.id],
    );
    expect(event!.actor).toMatch(/^admin:/);
    expect(event!.payload).toMatchObject({
      duplicate: { id: duplicate.id },
      into: { id: canonical.id },
      canonical: { id: canonical.id },
      counts: { canonical: { before: { people: 3, votes: 3, comments: 0 }, after: { people: 5, votes: 3, comments: 1 } } },
    });
  });

  it('resolves chains: A into B, then B into C, A\'s people count on C', async () => {
    const board = await freshBoard();
    const [a1, a2, b1, c1] = ['a1', 'a2', 'b1', 'c1'].map(someone) as [string, string, string, string];
    const a = await idea(board, a1, 'Export to CSV', [a2]);
    const b = await idea(board, b1, 'CSV export');
    const c = await idea(board, c1, 'Export data');
    await merged(a.id, b.id);
    const result = await merged(b.id, c.id);
    expect(result.canonical.peopleCount).toBe(4);
    expect(result.duplicate).toMatchObject({ peopleCount: 3, mergedInto: { id: c.id } });
    expect(await post(a.id)).toMatchObject({ id: c.id, peopleCount: 4, mergedFrom: { id: a.id } });
    expect(await list(board, '&status=merged')).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: a.id, mergedInto: { id: c.id, title: 'Export data' } })]),
    );
    // A vote on A lands on C, the end of the chain.
    const newcomer = someone('newcomer');
    expect(await vote(a.id, newcomer)).toEqual({ postId: c.id, voted: true, voteCount: 2, peopleCount: 5 });
    expect(await recount(c.id)).toBe(5);
  });

  it('refuses merging into itself or its own duplicate, across boards, twice, unknown ideas and non-admins', async () => {
    const board = await freshBoard();
    const other = await freshBoard();
    const author = someone('author');
    const a = await idea(board, author, 'Offline mode');
    const b = await idea(board, author, 'Work offline');
    const elsewhere = await idea(other, author, 'Offline mode too');
    await expectError(merge(a.id, a.id), 400, 'invalid_input');
    await expectError(merge(a.id, elsewhere.id), 400, 'invalid_input');
    await merged(a.id, b.id);
    await expectError(merge(b.id, a.id), 400, 'invalid_input');
    await expectError(merge(a.id, b.id), 409, 'conflict');
    await expectError(merge('00000000-0000-4000-8000-000000000000', b.id), 404, 'not_found');
    await expectError(merge(b.id, '00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    await expectError(merge(b.id, 'not-an-id'), 400, 'invalid_input');
    await expectError(merge(b.id, elsewhere.id, { voter: author }), 403, 'forbidden');
    await expectError(merge(b.id, elsewhere.id, {}), 401, 'unauthorized');
    await expectError(call('POST', `/posts/${b.id}/unmerge`, admin), 409, 'conflict');
    await expectError(call('POST', `/posts/${b.id}/unmerge`, { voter: author }), 403, 'forbidden');
  });

  it('lets one of two admins merging the same idea at once win; the other gets 409 and counts stay exact', async () => {
    const board = await freshBoard();
    const voters = Array.from({ length: 5 }, (_, n) => someone(`voter-${n}`));
    const duplicate = await idea(board, someone('author'), 'Keyboard shortcuts', voters);
    const one = await idea(board, someone('author'), 'Hotkeys', voters.slice(0, 2));
    const two = await idea(board, someone('author'), 'Shortcut keys', voters.slice(3));
    const answers = await Promise.all([merge(duplicate.id, one.id), merge(duplicate.id, two.id)]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
    const winner = answers.find((answer) => answer.status === 200)!.json as MergeResult;
    const loser = winner.canonical.id === one.id ? two : one;
    expect(winner.canonical.peopleCount).toBe(await recount(winner.canonical.id));
    expect(winner.canonical.peopleCount).toBe(7); // the two authors and five voters
    expect((await post(loser.id)).peopleCount).toBe(3); // its author and two voters
    expect((await post(loser.id)).peopleCount).toBe(await recount(loser.id));
  });

  it('unmerge restores every count, voter, comment, tag and status exactly', async () => {
    const board = await freshBoard();
    const [alice, bob, carol, dave] = ['alice', 'bob', 'carol', 'dave'].map(someone) as [string, string, string, string];
    const below = await idea(board, dave, 'Sync over LAN');
    const duplicate = await idea(board, alice, 'Sync between devices', [bob]);
    const canonical = await idea(board, carol, 'Device sync', [bob]);
    await merged(below.id, duplicate.id);
    await call('PATCH', `/posts/${duplicate.id}`, { ...admin, body: { status: 'planned' } });
    await comment(duplicate.id, bob, 'Yes');
    await comment(canonical.id, alice, 'Also yes');
    for (const name of ['Sync', 'Mobile']) await call('POST', `/boards/${board}/tags`, { ...admin, body: { name } });
    await call('PUT', `/posts/${duplicate.id}/tags/sync`, admin);
    await call('PUT', `/posts/${duplicate.id}/tags/mobile`, admin);
    await call('PUT', `/posts/${canonical.id}/tags/mobile`, admin);
    await request(duplicate.id, { name: 'Ann of Initech', company: 'Initech' });

    const snapshot = async () => ({
      duplicate: await post(duplicate.id, bob),
      canonical: await post(canonical.id, bob),
      below: await post(below.id, dave),
      comments: [(await comments(duplicate.id)).items, (await comments(canonical.id)).items],
      lists: [await list(board), await list(board, '&status=merged')],
    });
    const before = await snapshot();
    expect(before.duplicate).toMatchObject({ peopleCount: 4, commentCount: 1, status: 'planned' });

    const result = await merged(duplicate.id, canonical.id);
    expect(result.canonical).toMatchObject({ peopleCount: 5, commentCount: 2, tags: [{ slug: 'mobile' }, { slug: 'sync' }] });
    expect(result.canonical.peopleCount).toBe(await recount(canonical.id));
    expect(await post(below.id)).toMatchObject({ id: canonical.id, mergedFrom: { id: below.id } });

    const undone = await unmerged(duplicate.id);
    // The answer is as the admin sees it, who voted for neither.
    expect(undone).toEqual({ duplicate: { ...before.duplicate, voted: false }, canonical: { ...before.canonical, voted: false } });
    expect(await snapshot()).toEqual(before);
    const [event] = await db().query<{ payload: Record<string, any> }>(`SELECT payload FROM domain_events WHERE type = 'post.unmerged' AND subject_id = $1`, [
      duplicate.id,
    ]);
    expect(event!.payload.counts.canonical).toEqual({ before: { people: 5, votes: 2, comments: 2 }, after: { people: 2, votes: 2, comments: 1 } });
  });

  it('counts a vote on a merged idea on its canonical; an unvote takes the visitor off the whole tree', async () => {
    const board = await freshBoard();
    const [alice, bob, carol, frank] = ['alice', 'bob', 'carol', 'frank'].map(someone) as [string, string, string, string];
    const duplicate = await idea(board, alice, 'Two-factor login', [bob]);
    const canonical = await idea(board, carol, '2FA', [bob]);
    await merged(duplicate.id, canonical.id);
    expect(await vote(duplicate.id, frank)).toEqual({ postId: canonical.id, voted: true, voteCount: 3, peopleCount: 4 });
    expect(await vote(duplicate.id, frank)).toEqual({ postId: canonical.id, voted: true, voteCount: 3, peopleCount: 4 });
    expect((await post(canonical.id, frank)).voted).toBe(true);
    // bob voted for both: taking his vote back takes both, and he no longer counts anywhere.
    expect(await vote(canonical.id, bob, 'DELETE')).toEqual({ postId: canonical.id, voted: false, voteCount: 2, peopleCount: 3 });
    expect((await post(canonical.id, bob)).voted).toBe(false);
    expect(await recount(canonical.id)).toBe(3);
    expect((await list(board, '&status=merged'))[0]).toMatchObject({ id: duplicate.id, voteCount: 1, peopleCount: 1 });
    // After an unmerge, frank's vote stays where it was counted.
    const undone = await unmerged(duplicate.id);
    expect(undone.duplicate).toMatchObject({ voteCount: 1, peopleCount: 1, mergedInto: null });
    expect(undone.canonical).toMatchObject({ voteCount: 2, peopleCount: 2 });
  });


  it('takes a vote on a canonical from someone whose vote on a merged idea counts there already as a repeat: nothing changes', async () => {
    const board = await freshBoard();
    const [dora, eve] = ['dora', 'eve'].map(someone) as [string, string];
    const canonical = await idea(board, dora, 'Calendar sync');
    const duplicate = await idea(board, eve, 'Sync with my calendar');
    await merged(duplicate.id, canonical.id);
    expect(await vote(canonical.id, eve)).toEqual({ postId: canonical.id, voted: true, voteCount: 1, peopleCount: 2 });
    // Had the repeat written a vote on the canonical, eve would count on both ideas after this.
    const undone = await unmerged(duplicate.id);
    expect(undone.canonical).toMatchObject({ voteCount: 1, peopleCount: 1 });
    expect(undone.duplicate).toMatchObject({ voteCount: 1, peopleCount: 1 });
  });
  it('puts a comment on a merged idea under its canonical', async () => {
    const board = await freshBoard();
    const author = someone('author');
    const duplicate = await idea(board, author, 'Emoji reactions');
    const canonical = await idea(board, author, 'Reactions');
    await merged(duplicate.id, canonical.id);
    const written = await comment(duplicate.id, author, 'Like Slack');
    expect(written).toMatchObject({ postId: canonical.id, mergedFrom: null });
    expect((await post(canonical.id)).commentCount).toBe(1);
  });

  it('records customer requests once per person, counts them, and counts a signed-in user once with their vote', async () => {
    const board = await freshBoard();
    const author = someone('author');
    const target = await idea(board, author, 'SAML single sign-on');
    const first = await request(target.id, { name: 'Ann', email: 'Ann@Initech.example', company: 'Initech', importance: 'blocker', sourceUrl: 'https://crm.example/1' });
    expect(first.status).toBe(201);
    expect(customerRequestSchema.safeParse(first.json).error).toBeUndefined();
    expect(first.json).toMatchObject({
      postId: target.id,
      person: { name: 'Ann', email: 'Ann@Initech.example' },
      company: 'Initech',
      importance: 'blocker',
      sourceUrl: 'https://crm.example/1',
      addedBy: { id: expect.any(String), name: null },
    });
    const again = await request(target.id, { name: 'Someone else', email: 'ann@initech.example' });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);
    expect((await request(target.id, { name: 'Bob Byname' })).status).toBe(201);
    expect((await post(target.id)).peopleCount).toBe(3);

    // A signed-in user whose email a request names is the same person as their vote.
    const [user] = await db().query<{ id: string }>(`INSERT INTO users (key, email) VALUES ($1, 'carla@acme.example') RETURNING id`, [`user:${someone('carla')}`]);
    await db().query('INSERT INTO votes (post_id, user_id) VALUES ($1, $2)', [target.id, user!.id]);
    await db().query('INSERT INTO post_people (post_id, user_id, refs) VALUES ($1, $2, 1)', [target.id, user!.id]);
    await db().query('UPDATE posts SET vote_count = vote_count + 1, people_count = people_count + 1 WHERE id = $1', [target.id]);
    expect((await request(target.id, { email: 'CARLA@acme.example' })).status).toBe(201);
    expect((await post(target.id)).peopleCount).toBe(4);
    expect(await recount(target.id)).toBe(4);

    await expectError(request(target.id, {}), 400, 'invalid_input');
    await expectError(request(target.id, { name: 'X', importance: 'urgent' }), 400, 'invalid_input');
    await expectError(request(target.id, { name: 'X', sourceUrl: 'javascript:alert(1)' }), 400, 'invalid_input');
    await expectError(request('00000000-0000-4000-8000-000000000000', { name: 'X' }), 404, 'not_found');
    await expectError(call('POST', `/posts/${target.id}/requests`, { voter: author, body: { name: 'X' } }), 403, 'forbidden');

    // A request on a merged idea counts on its canonical.
    const canonical = await idea(board, someone('author'), 'SSO');
    await merged(target.id, canonical.id);
    expect((await request(target.id, { name: 'Dan' })).status).toBe(201);
    expect((await post(canonical.id)).peopleCount).toBe(await recount(canonical.id));
    expect((await list(board, '&status=merged'))[0]).toMatchObject({ id: target.id, peopleCount: 5 });
  });

  it('tells the duplicate\'s people once, in-app, where their vote now counts; never the admin', async () => {
    const board = await freshBoard();
    const [alice, bob] = ['alice', 'bob'].map(someone) as [string, string];
    const duplicate = await idea(board, alice, 'Calendar view', [bob]);
    await comment(duplicate.id, bob, 'Please');
    const canonical = await idea(board, bob, 'Calendar');
    await merged(duplicate.id, canonical.id);
    for (const person of [alice, bob]) {
      const page = await notificationsOf(person);
      expect(page.items.filter((n) => n.kind === 'merged')).toEqual([
        {
          id: expect.any(String),
          kind: 'merged',
          post: { id: canonical.id, board, title: 'Calendar' },
          comment: null,
          mergedFrom: { id: duplicate.id, title: 'Calendar view' },
          changelog: null,
          status: null,
          note: null,
          backlogItem: null,
          createdAt: expect.any(String),
          readAt: null,
        },
      ]);
    }
    const [admins] = await db().query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE u.key LIKE 'admin:%' AND n.kind = 'merged'`,
    );
    expect(admins!.n).toBe(0);
  });

  it('tells the people of every merged idea and identified requesters when the canonical ships', async () => {
    const board = await freshBoard();
    const [alice, bob, carol] = ['alice', 'bob', 'carol'].map(someone) as [string, string, string];
    const duplicate = await idea(board, alice, 'Bulk edit', [bob]);
    const canonical = await idea(board, carol, 'Edit many at once');
    const signedIn = `user:${someone('dora')}`;
    await db().query(`INSERT INTO users (key, email) VALUES ($1, 'dora@globex.example')`, [signedIn]);
    await request(duplicate.id, { email: 'dora@globex.example' });
    await request(duplicate.id, { name: 'Ed, by phone' });
    await merged(duplicate.id, canonical.id);
    expect((await call('PATCH', `/posts/${canonical.id}`, { ...admin, body: { status: 'shipped' } })).status).toBe(200);
    const told = await db().query<{ key: string }>(
      `SELECT u.key FROM notifications n JOIN users u ON u.id = n.recipient_id WHERE n.post_id = $1 AND n.kind = 'shipped' ORDER BY u.key`,
      [canonical.id],
    );
    expect(told.map((row) => row.key)).toEqual([alice, bob, carol].map((name) => `visitor:${name}`).concat(signedIn).sort());
  });
});
