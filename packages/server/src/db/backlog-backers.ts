import type { Queryable } from './database.js';
import { REQUEST_KEY_PREFIX, canonicalIdSql } from './people.js';
import { jsonOf } from './rows.js';
import { mailboxSql } from './subscriptions.js';

// The people behind a backlog item's evidence (migration 0021), whom its "done" tells: for each
// linked idea, the people of its canonical (votes and requests over its merge tree, post_people),
// and for each linked feedback item, its author (backlog_evidence.user_id). SQL only: the fan-out
// (db/deliveries.ts) pages through them, the email channel reads one person's part.

/** The evidence ideas of backlog item `item` whose canonical's people include person `user` (both SQL): rows `post_id`, `canonical_id`, `added_at`, `id`. */
const backedIdeasSql = (item: string, user: string) => `
  SELECT be.post_id, COALESCE(p.canonical_id, p.id) AS canonical_id, be.added_at, be.id
    FROM backlog_evidence be
    JOIN posts p ON p.id = be.post_id
    JOIN post_people pp ON pp.post_id = COALESCE(p.canonical_id, p.id) AND pp.user_id = ${user} AND pp.refs > 0
   WHERE be.item_id = ${item}`;

/** Whether person `user` stopped following canonical `canonical` (both SQL), as SQL: their mail is no longer about it. */
const unsubscribedSql = (canonical: string, user: string) =>
  `EXISTS (SELECT 1 FROM subscriptions s WHERE s.post_id = ${canonical} AND s.user_id = ${user} AND s.state = 'unsubscribed')`;

/**
 * The people of each linked idea's canonical (its post_people: voters, requests, merged ideas) for
 * the evidence rows `e` that `items` (an SQL condition on `e`) picks: columns `item_id`, `user_id`.
 * The canonical is looked up per evidence row by index, so the read does not grow with the board's ideas.
 */
export const ideaBackersSql = (items: string) => `
  SELECT e.item_id, pp.user_id
    FROM backlog_evidence e
    JOIN post_people pp ON pp.post_id = ${canonicalIdSql('e.post_id')} AND pp.refs > 0
   WHERE e.post_id IS NOT NULL AND ${items}`;

/** The people behind backlog item `item` (SQL), each once: column `user_id`. */
export const backersSql = (item: string) => `
  SELECT ideas.user_id FROM (${ideaBackersSql(`e.item_id = ${item}`)}) AS ideas
  UNION
  SELECT be.user_id FROM backlog_evidence be WHERE be.item_id = ${item} AND be.user_id IS NOT NULL`;

/** The first linked idea of backlog item `item` that person `user` is among the people of (both SQL), as SQL; NULL when only their feedback backs it. */
export const firstBackedIdeaSql = (item: string, user: string) =>
  `(SELECT backed.post_id FROM (${backedIdeasSql(item, user)}) AS backed ORDER BY backed.added_at, backed.id LIMIT 1)`;

/**
 * Where the news that backlog item `item` is done is mailed to the person of users row `u` (both
 * SQL), as SQL; NULL when nowhere. Their address as for any mail (db/subscriptions.ts mailboxSql),
 * or, for a person known only by feedback they sent (a `request:` row), the address that feedback
 * came from. Someone behind the item only through ideas they stopped following gets no mail.
 */
export const backerMailboxSql = (item: string, u: string) => `
  CASE WHEN ${u}.email_off THEN NULL
       WHEN EXISTS (SELECT 1 FROM backlog_evidence be WHERE be.item_id = ${item} AND be.user_id = ${u}.id)
         OR EXISTS (SELECT 1 FROM (${backedIdeasSql(item, `${u}.id`)}) AS backed WHERE NOT ${unsubscribedSql('backed.canonical_id', `${u}.id`)})
       THEN COALESCE(${mailboxSql(u)}, CASE WHEN ${u}.key LIKE '${REQUEST_KEY_PREFIX}%' THEN (
         SELECT f.author_email FROM backlog_evidence be JOIN feedback_items f ON f.id = be.feedback_item_id
          WHERE be.item_id = ${item} AND be.user_id = ${u}.id AND f.author_email IS NOT NULL
          ORDER BY be.added_at, be.id LIMIT 1) END)
  END`;

/** One person's part in a backlog item that is done: what the mail telling them says. */
export interface Backing {
  item: { id: string; title: string };
  name: string | null;
  /** Where the mail goes; `null`: nowhere (see {@link backerMailboxSql}). */
  mailbox: string | null;
  /** The linked ideas they asked for and still follow, oldest link first. */
  ideas: Array<{ id: string; title: string; board: string }>;
  /** The feedback they sent that is linked, oldest link first. */
  feedback: Array<{ title: string | null; text: string }>;
}

/** Person `userId`'s part in backlog item `itemId`, as it is now; `undefined` when either is gone. */
export async function backingOf(db: Queryable, itemId: string, userId: string): Promise<Backing | undefined> {
  const [row] = await db.query<Backing>(
    `SELECT json_build_object('id', bi.id, 'title', bi.title) AS item, u.name, ${backerMailboxSql('bi.id', 'u')} AS mailbox,
            COALESCE((SELECT json_agg(json_build_object('id', p.id, 'title', p.title, 'board', b.slug) ORDER BY backed.added_at, backed.id)
                        FROM (${backedIdeasSql('bi.id', 'u.id')}) AS backed
                        JOIN posts p ON p.id = backed.post_id JOIN boards b ON b.id = p.board_id
                       WHERE NOT ${unsubscribedSql('backed.canonical_id', 'u.id')}), '[]') AS ideas,
            COALESCE((SELECT json_agg(json_build_object('title', f.title, 'text', f.text) ORDER BY be.added_at, be.id)
                        FROM backlog_evidence be JOIN feedback_items f ON f.id = be.feedback_item_id
                       WHERE be.item_id = bi.id AND be.user_id = u.id), '[]') AS feedback
       FROM backlog_items bi CROSS JOIN users u
      WHERE bi.id = $1 AND u.id = $2`,
    [itemId, userId],
  );
  if (!row) return undefined;
  return { ...row, item: jsonOf(row.item), ideas: jsonOf(row.ideas), feedback: jsonOf(row.feedback) };
}
