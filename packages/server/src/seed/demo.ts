import { insertBacklogItem, insertEvidence } from '../db/backlog.js';
import type { Database, Queryable } from '../db/database.js';
import { appendEvent } from '../db/events.js';
import { recountPosts } from '../db/posts.js';
import { insertBoard } from '../services/boards.js';
import { DEMO_BACKLOG, DEMO_BOARD, DEMO_IDEAS, type DemoIdea } from './demo-ideas.js';

// Seed users' keys contain ':', which no X-Sayso-Voter header may hold, so nobody can act as them.
const VOTER_KEY_PREFIX = 'seed:voter:';
const SEED_LOCK = 7_236_451_902;
const DAY = 86_400_000;

/** The status steps an idea went through to reach its current status. */
const PATH: Record<DemoIdea['status'], string[]> = {
  open: [],
  'under-review': ['under-review'],
  planned: ['under-review', 'planned'],
  'in-progress': ['planned', 'in-progress'],
  shipped: ['planned', 'in-progress', 'shipped'],
  declined: ['under-review', 'declined'],
};

async function userFor(tx: Queryable, key: string, name: string | null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO users (key, name) VALUES ($1, $2)
     ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
    [key, name],
  );
  return row!.id;
}

/**
 * Creates the `demo` board ("Acme Notes") with about 30 ideas, real vote rows from synthetic
 * users, a few comments and status history, spread over the last 90 days, and a small engineering
 * backlog backed by some of those ideas. Does nothing when
 * the board exists; safe to call from several processes at once. Returns whether it seeded.
 */
export async function seedDemo(db: Database, now: Date = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK]);
    const [existing] = await tx.query('SELECT 1 FROM boards WHERE slug = $1', [DEMO_BOARD.slug]);
    if (existing) return false;

    await insertBoard(tx, DEMO_BOARD);
    const [board] = await tx.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [DEMO_BOARD.slug]);
    const maxVotes = Math.max(...DEMO_IDEAS.map((idea) => idea.votes));
    await tx.query(
      `INSERT INTO users (key)
       SELECT $1 || lpad(n::text, 4, '0') FROM generate_series(1, $2::int) AS n
       ON CONFLICT (key) DO NOTHING`,
      [VOTER_KEY_PREFIX, maxVotes],
    );

    for (const [index, idea] of DEMO_IDEAS.entries()) {
      // A little time of day, so ideas of the same day do not share a timestamp.
      const createdAt = new Date(now.getTime() - idea.daysAgo * DAY - ((index * 7919) % 600) * 60_000);
      const authorId = await userFor(tx, `seed:author:${idea.author ?? index}`, idea.author ?? null);
      const [post] = await tx.query<{ id: string }>(
        `INSERT INTO posts (board_id, title, body, status_key, author_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [board!.id, idea.title, idea.body, idea.status, authorId, createdAt.toISOString()],
      );
      const postId = post!.id;
      await tx.query('INSERT INTO votes (post_id, user_id, created_at) VALUES ($1, $2, $3)', [
        postId,
        authorId,
        createdAt.toISOString(),
      ]);
      // The other voters, each at a random moment between the idea's creation and now.
      await tx.query(
        `INSERT INTO votes (post_id, user_id, created_at)
         SELECT $1, id, $2::timestamptz + random() * ($3::timestamptz - $2::timestamptz)
           FROM users WHERE key LIKE $4 || '%' ORDER BY key LIMIT $5`,
        [postId, createdAt.toISOString(), now.toISOString(), VOTER_KEY_PREFIX, idea.votes - 1],
      );
      // The idea's history, dated, in the event log (post_events is its view).
      const subject = { type: 'post', id: postId } as const;
      await appendEvent(tx, { type: 'post.created', subject, actorId: authorId, payload: { to: 'open' }, occurredAt: createdAt.toISOString() });
      const steps = PATH[idea.status];
      let from = 'open';
      for (const [step, to] of steps.entries()) {
        const at = new Date(createdAt.getTime() + ((now.getTime() - createdAt.getTime()) * (step + 1)) / (steps.length + 1));
        await appendEvent(tx, { type: 'post.status_changed', subject, actorId: null, payload: { from, to }, occurredAt: at.toISOString() });
        from = to;
      }
      await tx.query(
        `UPDATE posts p SET shipped_at = e.created_at
           FROM statuses s, post_events e
          WHERE p.id = $1 AND s.board_id = p.board_id AND s.key = p.status_key AND s.kind = 'done'
            AND e.post_id = p.id AND e.to_status = p.status_key`,
        [postId],
      );
      for (const [n, comment] of (idea.comments ?? []).entries()) {
        const commenter = await userFor(
          tx,
          `seed:author:${comment.author ?? `${index}-${n}`}`,
          comment.author ?? null,
        );
        const at = new Date(createdAt.getTime() + ((now.getTime() - createdAt.getTime()) * (n + 1)) / ((idea.comments?.length ?? 0) + 2));
        await tx.query('INSERT INTO comments (post_id, author_id, body, created_at) VALUES ($1, $2, $3, $4)', [
          postId,
          commenter,
          comment.body,
          at.toISOString(),
        ]);
      }
    }
    await recountPosts(tx, board!.id);
    await seedBacklog(tx, board!.id, now);
    return true;
  });
}

/**
 * The demo backlog: items linked to the ideas they would fix, one public, one done ten days ago
 * (so capacity shows some engineering work). Written as it stands, without telling anyone: a done
 * item is marked told, so moving it again tells nobody either.
 */
async function seedBacklog(tx: Queryable, boardId: string, now: Date): Promise<void> {
  const ideas = new Map(
    (await tx.query<{ id: string; title: string }>('SELECT id, title FROM posts WHERE board_id = $1', [boardId])).map((idea) => [idea.title, idea.id]),
  );
  const teamId = await userFor(tx, 'seed:author:Acme team', 'Acme team');
  for (const { evidence, doneDaysAgo, ...item } of DEMO_BACKLOG) {
    const itemId = await insertBacklogItem(tx, { ...item, boardId, createdBy: teamId });
    for (const title of evidence) await insertEvidence(tx, { itemId, postId: ideas.get(title)!, addedBy: teamId });
    if (doneDaysAgo !== undefined) {
      const doneAt = new Date(now.getTime() - doneDaysAgo * DAY).toISOString();
      await tx.query('UPDATE backlog_items SET done_at = $2, told_at = $2, updated_at = $2 WHERE id = $1', [itemId, doneAt]);
    }
    await appendEvent(tx, { type: 'backlog.created', subject: { type: 'backlog_item', id: itemId }, actorId: teamId, payload: { board: DEMO_BOARD.slug, title: item.title, category: item.category } });
  }
}
