import { postOrder } from '@sayso/core';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/db/database.js';
import { listPosts, recountPosts } from '../src/db/posts.js';
import { createBoard } from '../src/services/boards.js';
import { addComment, deleteComment } from '../src/services/comments.js';
import { createPost } from '../src/services/posts.js';
import { setVote } from '../src/services/votes.js';
import { ENGINES, testDatabases } from './support/databases.js';

const databases = testDatabases();

/** Every post of a board whose stored counts differ from a count of its rows. */
const driftedCounts = (db: Database, board: string) =>
  db.query<{ id: string; vote_count: number; votes: number; comment_count: number; comments: number }>(
    `SELECT p.id, p.vote_count, p.comment_count,
            (SELECT count(*)::int FROM votes v WHERE v.post_id = p.id) AS votes,
            (SELECT count(*)::int FROM comments c WHERE c.post_id = p.id) AS comments
       FROM posts p JOIN boards b ON b.id = p.board_id
      WHERE b.slug = $1
        AND (p.vote_count <> (SELECT count(*) FROM votes v WHERE v.post_id = p.id)
          OR p.comment_count <> (SELECT count(*) FROM comments c WHERE c.post_id = p.id))`,
    [board],
  );

const operation = fc.record({
  kind: fc.constantFrom('vote', 'unvote', 'comment', 'uncomment'),
  voter: fc.integer({ min: 0, max: 7 }),
  post: fc.integer({ min: 0, max: 2 }),
});

describe.each(ENGINES)('post counts on %s', (engine) => {
  let db: Database;
  let boards = 0;
  beforeAll(async () => {
    db = await databases.open(engine);
  });

  it('equal a recount of the rows after random concurrent votes, unvotes, comments and deletions', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 40 }), async (operations) => {
        const { slug } = await createBoard(db, { slug: `${engine}-counts-${++boards}` });
        const posts = await Promise.all(
          [0, 1, 2].map((n) => createPost(db, { board: slug, title: `Counted idea ${n}`, body: '', voter: `author-${n}` })),
        );
        // Comments to delete exist before the storm, so deletions race the other changes.
        const doomed = await Promise.all(
          operations.map((op) => addComment(db, { postId: posts[op.post]!.id, body: 'Soon gone', voter: `voter-${op.voter}` })),
        );
        await Promise.all(
          operations.map((op, n) => {
            const postId = posts[op.post]!.id;
            const voter = `voter-${op.voter}`;
            if (op.kind === 'vote' || op.kind === 'unvote') return setVote(db, { postId, voter, voted: op.kind === 'vote' });
            if (op.kind === 'comment') return addComment(db, { postId, body: 'Me too', voter });
            return deleteComment(db, { commentId: doomed[n]!.id, actor: { key: voter, admin: true } });
          }),
        );
        expect(await driftedCounts(db, slug)).toEqual([]);
      }),
      { numRuns: 8 },
    );
  });

  it('pages trending exactly as core orders every post, with and without a search', async () => {
    const { slug } = await createBoard(db, { slug: `${engine}-trending` });
    // 240 ideas, about one an hour, in whole seconds (as the client compares them), with vote
    // rows from 60 voters in uneven numbers: ideas a day or two old with many votes outrank newer
    // ones, so a window of ideas to score that is any narrower than the bound allows misses some.
    // Ages off the whole hours: at whole hours votes / (hours + 2)^1.5 ties exactly (1 vote at
    // 2 h, 8 at 14 h), and a tie broken by seconds flips while the pages are read.
    await db.query(`INSERT INTO users (key) SELECT 'trend-voter-' || n FROM generate_series(1, 60) AS n`);
    await db.query(
      `INSERT INTO posts (board_id, title, status_key, author_id, created_at)
       SELECT b.id, 'Idea ' || n || CASE WHEN n % 3 = 0 THEN ' export' ELSE ' import' END, 'open', u.id,
              date_trunc('second', now()) - make_interval(secs => n * 3600 + (n * 7919) % 2400 + 600)
         FROM boards b, users u, generate_series(1, 240) AS n
        WHERE b.slug = $1 AND u.key = 'trend-voter-1'`,
      [slug],
    );
    await db.query(
      `INSERT INTO votes (post_id, user_id)
       SELECT p.id, u.id FROM posts p JOIN boards b ON b.id = p.board_id, users u
        WHERE b.slug = $1 AND u.key LIKE 'trend-voter-%'
          AND abs(hashtext(p.id::text || u.key)) % 100 < abs(hashtext(p.id::text)) % 100 - 30`,
      [slug],
    );
    const [board] = await db.query<{ id: string }>('SELECT id FROM boards WHERE slug = $1', [slug]);
    await recountPosts(db, board!.id);
    expect(await driftedCounts(db, slug)).toEqual([]);

    for (const q of [undefined, 'export']) {
      const all = await listPosts(db, { board: slug, sort: 'new', limit: 1000, viewer: null, q });
      expect(all.items.length).toBe(q ? 80 : 240);
      let seen = 0;
      for (let offset = 0; ; offset += 7) {
        const page = await listPosts(db, { board: slug, sort: 'trending', offset, limit: 7, viewer: null, q });
        // Each page against core's order at the time it was read: scores move with the clock.
        const expected = [...all.items].sort(postOrder('trending', new Date())).slice(offset, offset + 7);
        expect(page.items.map((p) => p.id)).toEqual(expected.map((p) => p.id));
        seen += page.items.length;
        if (!page.hasMore) break;
      }
      expect(seen).toBe(all.items.length);
    }
  });
});
