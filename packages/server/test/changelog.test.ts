// Changelog entries over HTTP (issue 11), what the conformance suite does not reach: keyset pages of
// published entries newest first with drafts for admins only, refusals naming their field, a
// published entry keeping its ideas, and a board without a done status.
import type { ChangelogEntry, NotificationAudience, Page, Post } from '@sayso/core';
import { describe, expect, it } from 'vitest';
import { changelogPageSchema } from '../src/schemas.js';
import { createBoard } from '../src/services/boards.js';
import { expectError, type CallOptions } from './support/api-client.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { useTestApp } from './support/test-app.js';

const databases = testDatabases();
const ADMIN_KEY = 'changelog-admin-key-0123456789';
const admin: CallOptions = { adminKey: ADMIN_KEY };

describe.each(ENGINES)('changelog on %s', (engine) => {
  const { db, call, freshBoard, someone } = useTestApp(databases, engine, { adminKey: ADMIN_KEY, boardPrefix: 'changelog' });

  const ok = async <T>(method: string, path: string, options: CallOptions = {}, status = 200) => {
    const response = await call(method, path, options);
    expect(response.status, JSON.stringify(response.json)).toBe(status);
    return response.json as T;
  };
  const draft = (board: string, body: Record<string, unknown>) => ok<ChangelogEntry>('POST', `/boards/${board}/changelog`, { ...admin, body }, 201);
  const fieldOf = async (path: string, method: string, body: unknown) =>
    (await expectError(call(method, path, { ...admin, body }), 400, 'invalid_input')).details?.problems;

  it('pages published entries newest first for everyone, and drafts for admins only', async () => {
    const board = await freshBoard();
    const titles = ['First release', 'Second release', 'Third release'];
    for (const title of titles) await ok('POST', `/changelog/${(await draft(board, { title })).id}/publish`, admin);
    const unpublished = await draft(board, { title: 'Still a draft' });

    const reader = { voter: someone('reader') };
    const first = await ok<Page<ChangelogEntry>>('GET', `/boards/${board}/changelog?limit=2`, reader);
    expect(changelogPageSchema.safeParse(first).error).toBeUndefined();
    const rest = await ok<Page<ChangelogEntry>>('GET', `/boards/${board}/changelog?limit=2&cursor=${encodeURIComponent(first.nextCursor!)}`, reader);
    expect([...first.items, ...rest.items].map((entry) => entry.title)).toEqual([...titles].reverse());
    expect(rest.nextCursor).toBeNull();
    const forAdmin = await ok<Page<ChangelogEntry>>('GET', `/boards/${board}/changelog`, admin);
    expect(forAdmin.items.map((entry) => entry.id)).toContain(unpublished.id);
    await expectError(call('GET', `/boards/${board}/changelog?cursor=nonsense`), 400, 'invalid_input');
  });

  it('refuses bad input naming the field, keeps a published entry\'s ideas, and ships nowhere without a done status', async () => {
    const board = await freshBoard();
    const idea = await ok<Post>('POST', `/boards/${board}/posts`, { voter: someone('ann'), body: { title: 'Keyboard shortcuts' } }, 201);
    const path = `/boards/${board}/changelog`;
    expect(await fieldOf(path, 'POST', { title: 'Long', body: 'x'.repeat(20_001) })).toEqual([expect.objectContaining({ field: 'body' })]);
    expect(await fieldOf(path, 'POST', { title: 'Shortcuts', postIds: ['not-an-idea'] })).toEqual([expect.objectContaining({ field: 'postIds' })]);
    expect(await fieldOf(path, 'POST', { title: 'Shortcuts', postIds: 'all' })).toEqual([expect.objectContaining({ field: 'postIds' })]);
    await expectError(call('POST', path, { voter: someone('visitor'), body: { title: 'Not mine to write' } }), 403, 'forbidden');

    const entry = await draft(board, { title: '  Shortcuts  ', postIds: [idea.id, idea.id] });
    expect(entry).toMatchObject({ title: 'Shortcuts', posts: [{ id: idea.id, title: 'Keyboard shortcuts' }] });
    const audience = await ok<NotificationAudience>('POST', `/changelog/${entry.id}/publish?dryRun=true&limit=1`, admin);
    expect(audience).toEqual({ counts: { in_app: 1, email: 0, webhook: 0 }, people: [expect.objectContaining({ channels: ['in_app'], reasons: ['author'] })], truncated: false });
    await ok('POST', `/changelog/${entry.id}/publish`, admin);
    await expectError(call('PATCH', `/changelog/${entry.id}`, { ...admin, body: { postIds: [] } }), 409, 'conflict');
    expect(await ok<ChangelogEntry>('PATCH', `/changelog/${entry.id}`, { ...admin, body: { body: 'Press ?' } })).toMatchObject({ body: 'Press ?' });

    const noDone = (await createBoard(db(), { slug: `${engine}-changelog-no-done`, statuses: [{ id: 'open', name: 'Open', kind: 'open', position: 0 }] })).slug;
    const stuck = await ok<Post>('POST', `/boards/${noDone}/posts`, { voter: someone('bo'), body: { title: 'Never done' } }, 201);
    const orphan = await draft(noDone, { title: 'Nowhere to ship', postIds: [stuck.id] });
    await expectError(call('POST', `/changelog/${orphan.id}/publish`, admin), 409, 'conflict');
    expect((await ok<Page<ChangelogEntry>>('GET', `/boards/${noDone}/changelog`, admin)).items[0]!.publishedAt).toBeNull();
  });
});
