import {
  SaysoError,
  checkChangelogEntry,
  newestFirst,
  type ChangelogEntry,
  type NewChangelogEntry,
  type SaysoAdapter,
  type SaysoAdminApi,
} from '@sayso/core';
import { canonicalPost, nextTime, refOf, statusKindOf, type StoredChangelogEntry } from './data.js';
import { audienceAnswer, audienceOf } from './follows.js';
import { notify } from './notifications.js';
import { keysetPage } from './paging.js';
import { makeStatusMove, planStatusMove } from './status.js';
import { invalid, refuse, type MemoryVisitor } from './visitor.js';

/** Changelog entries: written as drafts by admins, published to ship their ideas and tell everyone who asked. */
export function changelogOperations(visitor: MemoryVisitor): Pick<SaysoAdapter, 'listChangelogEntries'> {
  const { data, isAdmin, settle, commit, boardOf } = visitor;
  return {
    listChangelogEntries: ({ board, cursor, limit }) =>
      settle(() => {
        boardOf(board);
        const entries = [...data.changelog.values()].filter((entry) => entry.board === board && (isAdmin || entry.publishedAt !== null));
        const position = (entry: ChangelogEntry) => ({ at: entry.publishedAt ?? entry.createdAt, id: entry.id });
        const views = entries.map((entry) => entryView(visitor, entry)).sort((a, b) => newestFirst(position(a), position(b)));
        return keysetPage(views, position, cursor, limit, 'changelog');
      }),
  };
}

/** An entry as read: its ideas as they are now (a deleted idea drops out). */
function entryView({ data }: Pick<MemoryVisitor, 'data'>, entry: StoredChangelogEntry): ChangelogEntry {
  const { postIds, ...rest } = entry;
  return { ...rest, posts: postIds.flatMap((id) => (data.posts.has(id) ? [refOf(data.posts.get(id)!)] : [])) };
}

export function changelogAdminOperations(
  visitor: MemoryVisitor,
): Pick<SaysoAdminApi, 'createChangelogEntry' | 'updateChangelogEntry' | 'deleteChangelogEntry' | 'publishChangelogEntry' | 'previewChangelogEntry'> {
  const { data, voterId, settle, commit, boardOf, postOf } = visitor;

  const entryOf = (entryId: string) => {
    const entry = data.changelog.get(entryId);
    if (!entry) throw new SaysoError('not_found', `No changelog entry "${entryId}".`);
    return entry;
  };
  /** The ideas an entry ships, checked: ideas of its board, each once, by their canonical. */
  const shippedIdeas = (board: string, postIds: string[] | undefined) => {
    if (postIds === undefined) return undefined;
    if (!Array.isArray(postIds)) throw invalid('postIds must list ideas.', { field: 'postIds' });
    const posts = postIds.map((id) => canonicalPost(data, postOf(id)));
    if (posts.some((post) => post.board !== board)) throw invalid('A changelog entry ships ideas of its own board.', { field: 'postIds' });
    return [...new Set(posts.map((post) => post.id))];
  };
  /** The ideas of a published entry, and who hears of it: everyone following any of them, once. */
  const publication = (entry: StoredChangelogEntry) => {
    const posts = entry.postIds.map((id) => canonicalPost(data, postOf(id)));
    return { posts, audience: audienceOf(data, posts, voterId) };
  };

  return {
    createChangelogEntry: ({ board, title, body, postIds }) =>
      commit(() => {
        boardOf(board);
        refuse(checkChangelogEntry({ title: title ?? '', body }));
        const entry: StoredChangelogEntry = {
          id: `changelog-${data.changelog.size + 1}`,
          board,
          title: title.trim(),
          body: body ?? '',
          postIds: shippedIdeas(board, postIds) ?? [],
          publishedAt: null,
          createdAt: nextTime(data),
        };
        data.changelog.set(entry.id, entry);
        return entryView(visitor, entry);
      }),

    updateChangelogEntry: ({ entryId, title, body, postIds }: { entryId: string } & Partial<NewChangelogEntry>) =>
      commit(() => {
        const entry = entryOf(entryId);
        refuse(checkChangelogEntry({ title, body }));
        const ideas = shippedIdeas(entry.board, postIds);
        if (ideas && entry.publishedAt !== null) throw new SaysoError('conflict', 'A published entry keeps the ideas it shipped.');
        Object.assign(entry, { title: title?.trim() ?? entry.title, body: body ?? entry.body, postIds: ideas ?? entry.postIds });
        return entryView(visitor, entry);
      }),

    deleteChangelogEntry: ({ entryId }) =>
      commit(() => {
        if (entryOf(entryId).publishedAt !== null) throw new SaysoError('conflict', 'A published entry stays: edit it instead.');
        data.changelog.delete(entryId);
      }),

    previewChangelogEntry: ({ entryId, limit }) => settle(() => audienceAnswer(visitor, publication(entryOf(entryId)).audience, 'changelog.published', limit)),

    publishChangelogEntry: ({ entryId }) =>
      commit(() => {
        const entry = entryOf(entryId);
        if (entry.publishedAt !== null) throw new SaysoError('conflict', 'This entry is published already.');
        const { posts, audience } = publication(entry);
        const done = boardOf(entry.board).statuses.find((status) => status.kind === 'done');
        if (!done && posts.length > 0) throw new SaysoError('conflict', `The board "${entry.board}" has no status of kind done to ship into.`);
        for (const post of posts) {
          if (statusKindOf(data, post.board, post.status) === 'done') continue;
          makeStatusMove(visitor, post, done!.id, planStatusMove(visitor, post, done!.id));
        }
        entry.publishedAt = nextTime(data);
        // One message per person, about the first of the entry's ideas they asked for.
        const shipped = done && { id: done.id, name: done.name };
        for (const [person, { postId }] of audience) {
          notify(visitor, [person], { kind: 'shipped', postId, commentId: null, mergedFromId: null, changelogId: entry.id, status: shipped ?? null });
        }
        return entryView(visitor, entry);
      }),
  };
}
