import {
  SaysoError,
  assertMayMerge,
  duplicateStatus,
  newIdeaStatus,
  noticeRecipients,
  type MergeResult,
  type PostHistoryEntry,
  type SaysoAdminApi,
} from '@sayso/core';
import { canonicalPost, mergeTree, nextTime, refOf, setMergedInto, type MemoryEvent, type StoredPost } from './data.js';
import { notify } from './notifications.js';
import type { MemoryVisitor } from './visitor.js';

/** The admin's merge operations: merge, unmerge, and the history that records both. */
export function mergeOperations(visitor: MemoryVisitor): Pick<SaysoAdminApi, 'mergePost' | 'unmergePost' | 'listPostHistory'> {
  const { data, voterId, settle, commit, view, boardOf, postOf } = visitor;
  const result = (duplicate: StoredPost, canonical: StoredPost): MergeResult => ({ duplicate: view(duplicate), canonical: view(canonical) });

  const historyEntry = (event: MemoryEvent, index: number): PostHistoryEntry => {
    const base = { id: `event-${index + 1}`, actor: visitor.actorOf(event.actor), occurredAt: event.at };
    switch (event.kind) {
      case 'status_changed':
        return { ...base, type: 'post.status_changed', details: { from: event.from, to: event.to } };
      case 'edited':
        return { ...base, type: 'post.edited', details: {} };
      case 'merged':
      case 'unmerged': {
        const ideaOf = (id: string) => refOf(postOf(id));
        return { ...base, type: `post.${event.kind}`, details: { duplicate: ideaOf(event.postId), into: ideaOf(event.into), people: event.people } };
      }
    }
  };

  return {
    mergePost: ({ postId, into }) =>
      commit(() => {
        const duplicate = postOf(postId);
        const target = postOf(into);
        const canonical = canonicalPost(data, target);
        assertMayMerge(duplicate, target, canonical);
        const status = duplicateStatus(boardOf(duplicate.board).statuses);
        const people = mergeTree(data, duplicate).flatMap((idea) => [...idea.voters]);
        const at = nextTime(data);
        data.events.push({ postId, kind: 'merged', into, people: view(duplicate).peopleCount, actor: voterId, at });
        // Its tags go onto the canonical, as the server does; those the canonical lacked come off on unmerge.
        const slugs = new Set([...duplicate.tagSlugs].filter((slug) => !canonical.tagSlugs.has(slug)));
        for (const slug of slugs) canonical.tagSlugs.add(slug);
        Object.assign(duplicate, { statusBeforeMerge: duplicate.status, status: status.id, tagsAddedByMerge: { onto: canonical.id, slugs } });
        setMergedInto(data, duplicate, into);
        notify(visitor, noticeRecipients({ people, actor: voterId }), { kind: 'merged', postId: canonical.id, commentId: null, mergedFromId: postId });
        return result(duplicate, canonical);
      }),

    unmergePost: ({ postId }) =>
      commit(() => {
        const duplicate = postOf(postId);
        if (duplicate.mergedInto === null) throw new SaysoError('conflict', 'This idea is not merged.');
        const canonical = canonicalPost(data, duplicate);
        data.events.push({ postId, kind: 'unmerged', into: duplicate.mergedInto, people: view(duplicate).peopleCount, actor: voterId, at: nextTime(data) });
        const status = duplicate.statusBeforeMerge ?? newIdeaStatus(boardOf(duplicate.board).statuses)?.id ?? duplicate.status;
        const added = duplicate.tagsAddedByMerge;
        if (added) for (const slug of added.slugs) data.posts.get(added.onto)?.tagSlugs.delete(slug);
        Object.assign(duplicate, { statusBeforeMerge: null, status, tagsAddedByMerge: null });
        setMergedInto(data, duplicate, null);
        return result(duplicate, canonical);
      }),

    listPostHistory: ({ postId }) =>
      settle(() => {
        const post = postOf(postId);
        const created: PostHistoryEntry = {
          id: 'created',
          type: 'post.created',
          actor: post.author,
          occurredAt: post.createdAt,
          details: { title: post.title },
        };
        const involved = (event: MemoryEvent) => event.postId === postId || ((event.kind === 'merged' || event.kind === 'unmerged') && event.into === postId);
        return [created, ...data.events.flatMap((event, index) => (involved(event) ? [historyEntry(event, index)] : []))];
      }),
  };
}
