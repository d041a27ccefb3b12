import { describe, expect, it } from 'vitest';
import type { SaysoAdapter, SaysoAdminApi } from '../adapter.js';
import { createSaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import type { DuplicateCandidate, FeedbackItem, InboxItem, Post } from '../types.js';
import { createDuplicatesView, createInboxView } from './triage.js';

const post = (id: string, peopleCount = 1) => ({ id, title: `Idea ${id}`, peopleCount }) as Post;
const pair = (a: string, b: string): DuplicateCandidate => ({ posts: [post(a), post(b)], score: 0.9, suggestedCanonical: a });
const item = (id: string, state: FeedbackItem['state'] = 'new') => ({ id, state, similar: [] }) as unknown as InboxItem;

/** A client whose adapter has only the admin methods given. */
const clientWith = (admin: Partial<SaysoAdminApi>) => createSaysoClient({ adapter: { admin } as unknown as SaysoAdapter });

describe('createDuplicatesView', () => {
  it('a merge takes every pair holding the duplicate out of the queue; undo unmerges and fetches the queue again', async () => {
    let queue = [pair('a', 'b'), pair('b', 'c'), pair('d', 'e')];
    const unmerged: string[] = [];
    const client = clientWith({
      listDuplicateCandidates: async () => queue,
      mergePost: async ({ postId, into }) => ({ duplicate: post(postId), canonical: post(into) }),
      unmergePost: async ({ postId }) => (unmerged.push(postId), { duplicate: post(postId), canonical: post('a') }),
    });
    const view = createDuplicatesView(client, { board: 'demo' });
    await view.load();
    expect(await view.merge({ postId: 'b', into: 'a' })).toBe(true);
    expect(view.$state.get().candidates.map((c) => c.posts.map((p) => p.id))).toEqual([['d', 'e']]);
    expect(view.$state.get().lastMerge?.duplicate.id).toBe('b');
    queue = [pair('a', 'b'), pair('d', 'e')];
    expect(await view.undoMerge()).toBe(true);
    expect(unmerged).toEqual(['b']);
    expect(view.$state.get()).toMatchObject({ lastMerge: null, candidates: queue });
  });

  it('keeps the queue and the failure when an action fails; drops a comparison of a pair closed meanwhile', async () => {
    let answer: (value: never) => void = () => {};
    const client = clientWith({
      listDuplicateCandidates: async () => [pair('a', 'b')],
      dismissDuplicateCandidate: async () => {
        throw new SaysoError('network', 'offline');
      },
      compareIdeas: () => new Promise((resolve) => (answer = resolve as never)),
    });
    const view = createDuplicatesView(client, { board: 'demo' });
    await view.load();
    expect(await view.dismiss(['a', 'b'])).toBe(false);
    expect(view.$state.get()).toMatchObject({ busy: false, actionError: { code: 'network' } });
    expect(view.$state.get().candidates).toHaveLength(1);
    const comparing = view.compare(['a', 'b']);
    view.close();
    answer({ ideas: [], sharedPeople: 0, sharedNames: [] } as never);
    await comparing;
    expect(view.$state.get().open).toBe(null);
  });

  it('says an adapter without the admin part is forbidden', async () => {
    const view = createDuplicatesView(createSaysoClient({ adapter: {} as SaysoAdapter }), { board: 'demo' });
    await view.load();
    expect(view.$state.get()).toMatchObject({ status: 'error', error: { code: 'forbidden' } });
  });
});

describe('createInboxView', () => {
  it('items an action moves out of the listed state leave the list; the others stay as they are now', async () => {
    const client = clientWith({
      listInbox: async () => ({ items: [item('1'), item('2'), item('3')], nextCursor: null }),
      linkFeedback: async ({ itemIds }) => itemIds.map((id) => item(id, 'linked')),
      archiveFeedback: async ({ itemIds, archived }) => itemIds.map((id) => item(id, archived ? 'archived' : 'new')),
    });
    const view = createInboxView(client, {});
    await view.load();
    expect(await view.link(['1'], 'p')).toBe(true);
    expect(view.$state.get().items.map((i) => i.id)).toEqual(['2', '3']);
    expect(await view.archive(['2'], false)).toBe(true);
    expect(view.$state.get().items.map((i) => i.id)).toEqual(['2', '3']);
    expect(await view.archive(['2', '3'])).toBe(true);
    expect(view.$state.get().items).toEqual([]);
  });
});
