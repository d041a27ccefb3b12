import type { LiveChange, SaysoAdapter } from '@sayso/core';
import { unreadCountOf } from './notifications.js';
import type { MemoryVisitor } from './visitor.js';

// watch() in memory: after every call of any adapter over the same data, each watcher compares
// what its visitor sees of the board and of their bell with what it saw before, and reports the
// differences as the server's stream would (so stories and element tests show live changes).

/** What a visitor of a board sees of one idea, in the parts a live change names. */
interface SeenIdea {
  status: string;
  mergedInto: string | null;
  people: string;
  text: string;
}

function ideasOn(visitor: MemoryVisitor, board: string | undefined): Map<string, SeenIdea> {
  const seen = new Map<string, SeenIdea>();
  if (board === undefined) return seen;
  for (const post of visitor.data.posts.values()) {
    if (post.board !== board) continue;
    const idea = visitor.view(post);
    seen.set(post.id, {
      status: idea.status,
      mergedInto: post.mergedInto,
      people: `${idea.voteCount} ${idea.peopleCount}`,
      text: JSON.stringify([idea.title, idea.body, idea.commentCount, idea.tags.map((tag) => tag.slug)]),
    });
  }
  return seen;
}

/** The changes from `before` to `after`, as the server names them. */
function changesBetween(board: string, before: Map<string, SeenIdea>, after: Map<string, SeenIdea>): LiveChange[] {
  const changes: LiveChange[] = [];
  for (const [postId, now] of after) {
    const said = (change: Extract<LiveChange, { type: 'post' }>['change']) => changes.push({ type: 'post', board, postId, change });
    const then = before.get(postId);
    if (!then) {
      said('created');
      continue;
    }
    // A merge moves the idea to a duplicate status: one change says both.
    if (then.mergedInto !== now.mergedInto) said(now.mergedInto === null ? 'unmerged' : 'merged');
    else if (then.status !== now.status) said('status');
    if (then.people !== now.people) said('votes');
    if (then.text !== now.text) said('updated');
  }
  return changes;
}

export function liveOperations(visitor: MemoryVisitor): Required<Pick<SaysoAdapter, 'watch'>> {
  return {
    watch: ({ board, onChange }) => {
      let ideas = ideasOn(visitor, board);
      let unread = unreadCountOf(visitor);
      const watcher = () => {
        const now = ideasOn(visitor, board);
        if (board !== undefined) changesBetween(board, ideas, now).forEach(onChange);
        ideas = now;
        const count = unreadCountOf(visitor);
        if (count !== unread) onChange({ type: 'notifications', unreadCount: (unread = count) });
      };
      visitor.data.watchers.add(watcher);
      return () => void visitor.data.watchers.delete(watcher);
    },
  };
}
