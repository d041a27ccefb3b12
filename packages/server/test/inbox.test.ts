// Issue 12, the triage inbox over HTTP: the API channel (POST /feedback) with ingestion keys that
// may do nothing else, redeliveries answered with the first item, the inbox's filters and keyset
// pages with similar ideas, and the triage actions (link, unlink, archive, restore, an idea from an
// item, public items on an idea): each one transaction, all items or none, the linked authors
// counted among the idea's people and taken off again exactly.
import type { Demand, FeedbackItem, InboxItem, Page, Post } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { feedbackItemSchema, feedbackPageSchema, inboxPageSchema } from '../src/schemas.js';
import { receiveFeedback } from '../src/services/feedback.js';
import { expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const ADMIN_KEY = 'inbox-admin-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };
const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(ENGINES)('the inbox on %s', (engine) => {
  const { db, call, freshBoard, someone } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'inbox' });

  const ok = async <T>(method: string, path: string, options: CallOptions = {}, status = 200) => {
    const response = await call(method, path, options);
    expect(response.status, JSON.stringify(response.json)).toBe(status);
    return response.json as T;
  };
  const send = (board: string, body: Record<string, unknown>, who: CallOptions = admin, status = 201) =>
    ok<FeedbackItem>('POST', '/feedback', { ...who, body: { board, ...body } }, status);
  const inbox = (query: string) => ok<Page<InboxItem>>('GET', `/inbox?${query}`, admin);
  const submit = (board: string, title: string, voter = someone('author')) =>
    ok<Post>('POST', `/boards/${board}/posts`, { voter, body: { title } }, 201);
  const demand = (postId: string) => ok<Demand>('GET', `/posts/${postId}/demand`, admin);
  const act = (path: string, body: Record<string, unknown>) => ok<{ items: FeedbackItem[] }>('POST', path, { ...admin, body });
  const eventCount = async (type: string, ids: string[]) =>
    (await db().query<{ n: number }>('SELECT count(*)::int AS n FROM domain_events WHERE type = $1 AND subject_id = ANY($2::uuid[])', [type, ids]))[0]!.n;

  it('takes feedback from an admin or an ingestion key, which may do nothing else, and answers a redelivery with the first item', async () => {
    const board = await freshBoard();
    const created = await ok<{ id: string; key: string; label: string }>('POST', '/ingestion-keys', { ...admin, body: { label: 'Zapier' } }, 201);
    expect(created.key).toMatch(/^sik_[A-Za-z0-9_-]{43}$/);
    expect(await ok('GET', '/ingestion-keys', admin)).toContainEqual({ id: created.id, label: 'Zapier', createdAt: expect.any(String) });
    const ingestion: CallOptions = { adminKey: created.key };

    const item = await send(board, { sourceId: 'ticket-1', title: 'PDF', text: '  Export to PDF please  ', author: { name: 'Ann', email: 'ANN@Example.com' } }, ingestion);
    expect(feedbackItemSchema.safeParse(item).error).toBeUndefined();
    expect(item).toMatchObject({ board, source: 'api', sourceId: 'ticket-1', text: 'Export to PDF please', state: 'new', postId: null, public: false });
    expect(item.author).toEqual({ name: 'Ann', email: 'ann@example.com', company: null });
    // Redelivered, by source id and, without one, by author and words: nothing new.
    expect(await send(board, { sourceId: 'ticket-1', text: 'Changed words' }, ingestion, 200)).toEqual(item);
    const loose = await send(board, { text: 'No id here', author: { email: 'bo@example.com' } });
    expect(await send(board, { text: 'No id here ', author: { email: 'BO@example.com' } }, admin, 200)).toEqual(loose);
    expect(await eventCount('feedback.received', [item.id, loose.id])).toBe(2);

    // Everywhere else the ingestion key is refused, even where anyone may read.
    await expectError(call('GET', `/boards/${board}`, ingestion), 403, 'forbidden');
    await expectError(call('GET', '/inbox', ingestion), 403, 'forbidden');
    await expectError(call('POST', `/boards/${board}/posts`, { ...ingestion, body: { title: 'Not from a key' } }), 403, 'forbidden');
    await expectError(call('POST', '/ingestion-keys', { ...ingestion, body: { label: 'Another' } }), 403, 'forbidden');
    // Nobody else may post feedback.
    await expectError(call('POST', '/feedback', { body: { board, text: 'Anonymous' } }), 401, 'unauthorized');
    await expectError(call('POST', '/feedback', { voter: someone('visitor'), body: { board, text: 'A visitor' } }), 403, 'forbidden');
    // Bad input says which field; an unknown board is 404.
    const problems = (await expectError(call('POST', '/feedback', { ...admin, body: { board, text: '  ', link: 'ftp://x' } }), 400, 'invalid_input')).details?.problems;
    expect(problems).toEqual([expect.objectContaining({ field: 'text' }), expect.objectContaining({ field: 'link' })]);
    await expectError(call('POST', '/feedback', { ...admin, body: { board, text: 'Hi', author: { email: 'not-an-address' } } }), 400, 'invalid_input');
    await expectError(call('POST', '/feedback', { ...admin, body: { board: 'no-such-board', text: 'Hi' } }), 404, 'not_found');

    expect(await ok('DELETE', `/ingestion-keys/${created.id}`, admin)).toMatchObject({ id: created.id });
    await expectError(call('POST', '/feedback', { ...ingestion, body: { board, text: 'After revocation' } }), 401, 'unauthorized');
    await expectError(call('DELETE', `/ingestion-keys/${created.id}`, admin), 404, 'not_found');
    expect(await eventCount('ingestion_key.revoked', [created.id])).toBe(1);
  });

  it('filters the inbox and pages it newest received first, items kept out only when asked for', async () => {
    const board = await freshBoard();
    const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 12, minute)).toISOString();
    const items: FeedbackItem[] = [];
    for (let n = 0; n < 5; n++) items.push(await send(board, { text: `Feedback number ${n}`, receivedAt: at(n), author: { company: n === 3 ? 'Globex' : null } }));
    const { item: mail } = await receiveFeedback(db(), { source: 'email', item: { board, text: 'By mail', receivedAt: at(10) }, actor: null });
    const { item: autoReply } = await receiveFeedback(db(), { source: 'email', item: { board, text: 'Out of office', filtered: 'auto_reply', receivedAt: at(11) }, actor: null });

    const newest = [mail, ...[...items].reverse()].map((item) => item.id);
    const first = await inbox(`board=${board}&limit=2`);
    expect(inboxPageSchema.safeParse(first).error).toBeUndefined();
    const seen = [...first.items];
    let cursor = first.nextCursor;
    while (cursor) {
      const page = await inbox(`board=${board}&limit=2&cursor=${encodeURIComponent(cursor)}`);
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((item) => item.id)).toEqual(newest);
    expect((await inbox(`board=${board}&source=email`)).items.map((item) => item.id)).toEqual([mail.id]);
    expect((await inbox(`board=${board}&filtered=true`)).items.map((item) => item.id)).toEqual([autoReply.id]);
    expect((await inbox(`board=${board}&q=GLOBEX`)).items.map((item) => item.id)).toEqual([items[3]!.id]);
    expect((await inbox(`board=${board}&q=${encodeURIComponent('number 4')}`)).items.map((item) => item.id)).toEqual([items[4]!.id]);
    expect((await inbox(`board=${board}&q=%25`)).items).toEqual([]);
    expect((await inbox(`board=${board}&state=archived`)).items).toEqual([]);

    await expectError(call('GET', '/inbox?state=done', admin), 400, 'invalid_input');
    await expectError(call('GET', '/inbox?source=fax', admin), 400, 'invalid_input');
    await expectError(call('GET', '/inbox?cursor=nonsense', admin), 400, 'invalid_input');
    await expectError(call('GET', '/inbox?board=no-such-board', admin), 404, 'not_found');
    await expectError(call('GET', '/inbox', { voter: someone('visitor') }), 403, 'forbidden');
  });

  it('suggests up to 3 similar ideas of the item\'s board, and keeps a widget idea\'s words as a linked item', async () => {
    const board = await freshBoard();
    const idea = await submit(board, 'Export notes as PDF');
    await submit(board, 'Dark mode for the editor');
    const item = await send(board, { text: 'Could we export our notes to PDF? Sales keeps asking.' });
    await expect
      .poll(async () => (await inbox(`board=${board}`)).items.find((each) => each.id === item.id)?.similar.map((post) => post.id), { timeout: 10_000 })
      .toEqual([idea.id]);

    const widget = (await inbox(`board=${board}&source=widget&state=linked`)).items;
    expect(widget.map((each) => [each.postId, each.sourceId, each.title])).toEqual([
      [expect.any(String), expect.any(String), 'Dark mode for the editor'],
      [idea.id, idea.id, 'Export notes as PDF'],
    ]);
    expect((await demand(idea.id)).evidence).toEqual([{ source: 'widget', people: 1, items: 1 }]);
  });

  it('links feedback as evidence, its authors among the idea\'s people, and unlinks it exactly', async () => {
    const board = await freshBoard();
    const idea = await submit(board, 'Offline mode');
    const before = await demand(idea.id);
    const carol = await send(board, { text: 'Offline please', author: { name: 'Carol', email: 'carol@example.com', company: 'Initech' }, link: 'https://help.example/1' });
    const bob = await send(board, { text: 'Need it on the train', author: { name: 'Bob' } });
    const nobody = await send(board, { text: 'Works without network?' });
    const ids = [carol.id, bob.id, nobody.id];
    const [{ last }] = (await db().query<{ last: string }>('SELECT max(sequence)::text AS last FROM domain_events')) as [{ last: string }];

    const linked = (await act('/inbox/link', { itemIds: ids, postId: idea.id })).items;
    expect(linked.map((item) => [item.id, item.state, item.postId])).toEqual(ids.map((id) => [id, 'linked', idea.id]));
    const after = await demand(idea.id);
    expect(after.people.total).toBe(before.people.total + 2);
    expect(after.evidence).toEqual([
      { source: 'api', people: 3, items: 3 },
      { source: 'widget', people: 1, items: 1 },
    ]);
    // Made in one transaction: one creation time, in no particular order.
    expect(after.requests!.map((request) => [request.person.email ?? request.person.name, request.note, request.sourceUrl]).sort()).toEqual([
      ['Bob', 'via api', null],
      ['carol@example.com', 'via api', 'https://help.example/1'],
    ]);
    // The authors follow the idea, to be told when it ships.
    const followers = await db().query<{ email: string | null }>(
      `SELECT r.email FROM subscriptions s JOIN customer_requests r ON r.user_id = s.user_id AND r.post_id = s.post_id
        WHERE s.post_id = $1 AND s.reason = 'request'`,
      [idea.id],
    );
    expect(followers.map((row) => row.email).sort()).toEqual(['carol@example.com', null]);
    expect(await eventCount('feedback.linked', ids)).toBe(3);
    // Boards on screen hear that the idea's people changed (one change for the burst).
    const live = await ok<{ items: Array<{ change: unknown }> }>('GET', `/events?board=${board}&after=${last}`);
    expect(live.items.map((item) => item.change)).toEqual([{ type: 'post', board, postId: idea.id, change: 'votes' }]);
    // The inbox's default view shows what is still to triage.
    expect((await inbox(`board=${board}`)).items).toEqual([]);
    // Linked again to the same idea: nothing changes, nothing recorded.
    await act('/inbox/link', { itemIds: [carol.id], postId: idea.id });
    expect(await eventCount('feedback.linked', ids)).toBe(3);

    const unlinked = (await act('/inbox/unlink', { itemIds: ids })).items;
    expect(unlinked.map((item) => [item.state, item.postId])).toEqual(ids.map(() => ['new', null]));
    expect(await demand(idea.id)).toEqual(before);
    expect(await eventCount('feedback.unlinked', ids)).toBe(3);
  });

  it('keeps a request an admin typed, shares one request between items of one author, and links a merged idea\'s canonical', async () => {
    const board = await freshBoard();
    const idea = await submit(board, 'Calendar sync');
    const twin = await submit(board, 'Sync with my calendar');
    await ok('POST', `/posts/${idea.id}/requests`, { ...admin, body: { email: 'dan@example.com', name: 'Dan' } }, 201);
    const typed = await demand(idea.id);
    const dan = await send(board, { text: 'Calendar sync!', author: { email: 'dan@example.com' } });
    const eve1 = await send(board, { text: 'Google calendar', author: { email: 'eve@example.com' } });
    const eve2 = await send(board, { text: 'And Outlook', author: { email: 'eve@example.com' } });
    await act('/inbox/link', { itemIds: [dan.id, eve1.id, eve2.id], postId: idea.id });
    expect((await demand(idea.id)).people.total).toBe(typed.people.total + 1);
    await act('/inbox/unlink', { itemIds: [eve1.id] });
    expect((await demand(idea.id)).people.total).toBe(typed.people.total + 1);
    await act('/inbox/unlink', { itemIds: [dan.id, eve2.id] });
    expect(await demand(idea.id)).toEqual(typed);

    await ok('POST', `/posts/${twin.id}/merge`, { ...admin, body: { into: idea.id } });
    const onTwin = (await act('/inbox/link', { itemIds: [eve1.id], postId: twin.id })).items;
    expect(onTwin[0]!.postId).toBe(idea.id);
    // Moved to another idea: its author leaves the first.
    const other = await submit(board, 'Something else');
    const people = (await demand(idea.id)).people.total;
    expect((await act('/inbox/link', { itemIds: [eve1.id], postId: other.id })).items[0]!.postId).toBe(other.id);
    expect((await demand(idea.id)).people.total).toBe(people - 1);
    expect((await demand(other.id)).people.total).toBe(2);
  });

  it('archives (unlinking first) and restores, and changes all items or none', async () => {
    const board = await freshBoard();
    const idea = await submit(board, 'Bulk export');
    const before = await demand(idea.id);
    const one = await send(board, { text: 'Bulk export please', author: { name: 'Fay' } });
    const two = await send(board, { text: 'Spam spam spam' });
    await act('/inbox/link', { itemIds: [one.id], postId: idea.id });

    const archived = (await act('/inbox/archive', { itemIds: [one.id, two.id] })).items;
    expect(archived.map((item) => [item.state, item.postId])).toEqual([['archived', null], ['archived', null]]);
    expect(await demand(idea.id)).toEqual(before);
    expect((await inbox(`board=${board}&state=archived`)).items.map((item) => item.id).sort()).toEqual([one.id, two.id].sort());
    expect((await act('/inbox/archive', { itemIds: [two.id], archived: false })).items[0]!.state).toBe('new');
    expect([await eventCount('feedback.archived', [one.id, two.id]), await eventCount('feedback.restored', [one.id, two.id])]).toEqual([2, 1]);

    // One unknown item: nothing changes.
    await expectError(call('POST', '/inbox/link', { ...admin, body: { itemIds: [two.id, MISSING], postId: idea.id } }), 404, 'not_found');
    await expectError(call('POST', '/inbox/archive', { ...admin, body: { itemIds: [two.id, MISSING] } }), 404, 'not_found');
    const unchanged = await ok<Page<InboxItem>>('GET', `/inbox?board=${board}`, admin);
    expect(unchanged.items.map((item) => [item.id, item.state])).toEqual([[two.id, 'new']]);
    await expectError(call('POST', '/inbox/link', { ...admin, body: { itemIds: [two.id], postId: MISSING } }), 404, 'not_found');
    expect((await inbox(`board=${board}`)).items.map((item) => item.state)).toEqual(['new']);

    const tooMany = Array.from({ length: 101 }, () => two.id);
    await expectError(call('POST', '/inbox/archive', { ...admin, body: { itemIds: tooMany } }), 400, 'invalid_input');
    await expectError(call('POST', '/inbox/archive', { ...admin, body: { itemIds: [] } }), 400, 'invalid_input');
    await expectError(call('POST', '/inbox/unlink', { ...admin, body: { itemIds: ['nope'] } }), 400, 'invalid_input');
    await expectError(call('POST', '/inbox/link', { ...admin, body: { itemIds: [two.id] } }), 400, 'invalid_input');
    await expectError(call('POST', '/inbox/archive', { voter: someone('visitor'), body: { itemIds: [two.id] } }), 403, 'forbidden');
  });

  it('makes an idea from an item, and shows visitors only the items made public, without addresses', async () => {
    const board = await freshBoard();
    const item = await send(board, { title: 'Two-factor sign-in', text: 'We need 2FA for SOC 2.', author: { name: 'Gus', email: 'gus@example.com' } });
    const made = await ok<{ post: Post; item: FeedbackItem }>('POST', `/feedback/${item.id}/idea`, { ...admin, body: {} }, 201);
    expect(made.post).toMatchObject({ board, title: 'Two-factor sign-in', body: 'We need 2FA for SOC 2.', peopleCount: 1, voteCount: 0 });
    expect(made.item).toMatchObject({ id: item.id, state: 'linked', postId: made.post.id });
    expect((await demand(made.post.id)).requests!.map((request) => request.person.email)).toEqual(['gus@example.com']);
    await expectError(call('POST', `/feedback/${item.id}/idea`, { ...admin, body: { title: 'x' } }), 400, 'invalid_input');
    await expectError(call('POST', `/feedback/${MISSING}/idea`, { ...admin, body: {} }), 404, 'not_found');
    await expectError(call('POST', `/feedback/${item.id}/idea`, { ...admin, body: { board: 'no-such-board' } }), 404, 'not_found');

    const hidden = await send(board, { text: 'Keep this internal', author: { name: 'Hal', email: 'hal@example.com' } });
    await act('/inbox/link', { itemIds: [hidden.id], postId: made.post.id });
    const visitor = { voter: someone('visitor') };
    const path = `/posts/${made.post.id}/feedback`;
    expect((await ok<Page<FeedbackItem>>('GET', path, visitor)).items).toEqual([]);
    const all = await ok<Page<FeedbackItem>>('GET', path, admin);
    expect(feedbackPageSchema.safeParse(all).error).toBeUndefined();
    expect(all.items.map((each) => each.id)).toEqual([hidden.id, item.id]);

    expect(await ok<FeedbackItem>('PUT', `/feedback/${item.id}/public`, { ...admin, body: { public: true } })).toMatchObject({ public: true });
    const shown = await ok<Page<FeedbackItem>>('GET', path, visitor);
    expect(shown.items.map((each) => [each.id, each.author])).toEqual([[item.id, { name: 'Gus', email: null, company: null }]]);
    const paged = await ok<Page<FeedbackItem>>('GET', `${path}?limit=1`, admin);
    expect(paged.nextCursor).not.toBeNull();
    await ok('PUT', `/feedback/${item.id}/public`, { ...admin, body: { public: true } });
    expect(await eventCount('feedback.visibility_changed', [item.id])).toBe(1);

    await expectError(call('PUT', `/feedback/${item.id}/public`, { ...visitor, body: { public: false } }), 403, 'forbidden');
    await expectError(call('PUT', `/feedback/${item.id}/public`, { ...admin, body: { public: 'yes' } }), 400, 'invalid_input');
    await expectError(call('PUT', `/feedback/${MISSING}/public`, { ...admin, body: { public: true } }), 404, 'not_found');
    await expectError(call('GET', `/posts/${MISSING}/feedback`, visitor), 404, 'not_found');
  });
});
