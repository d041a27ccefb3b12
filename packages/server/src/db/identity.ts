import type { Queryable } from './database.js';

// Users (every identity that acted: visitors, host users, admins) and the deployment's secrets.

/**
 * Who is asking, as the services need to know: the private key of their users row (`visitor:…`,
 * `user:…` or `admin:…`, see asker.ts) and whether they may triage.
 */
export interface Actor {
  key: string;
  admin: boolean;
}

/** The users key of a host's signed-in user: `user:<sub>`. */
export const userKey = (sub: string) => `user:${sub}`;

/** Whether the users row of a key can have identity traits (a company, an MRR): only a host's signed-in user's. */
export const mayHaveTraits = (key: string) => key.startsWith(userKey(''));

/**
 * Stores what a host's signed token says about its user (`user:<sub>`): name, email and traits,
 * from the verified claims only. The row is rewritten only when a claim changed, so the
 * requests of a signed-in user do not each write. Answers the row's id when it was created or
 * changed (`undefined` when it already was as the claims say), and the ideas (canonicals) whose
 * people include the user when their traits changed: their customer MRR may have moved.
 */
export async function upsertIdentifiedUser(
  db: Queryable,
  user: { key: string; name: string | null; email: string | null; traits: Readonly<Record<string, unknown>> },
): Promise<{ writtenId: string | undefined; revalue: string[] }> {
  const rows = await db.query<{ id: string; post_id: string | null }>(
    `WITH before AS (SELECT traits FROM users WHERE key = $1),
     written AS (
       INSERT INTO users AS u (key, name, email, traits, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())
       ON CONFLICT (key) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, traits = EXCLUDED.traits, updated_at = now()
       WHERE u.name IS DISTINCT FROM EXCLUDED.name OR u.email IS DISTINCT FROM EXCLUDED.email
          OR u.traits IS DISTINCT FROM EXCLUDED.traits
       RETURNING id, traits
     )
     SELECT w.id, pp.post_id FROM written w
       LEFT JOIN (post_people pp JOIN posts p ON p.id = pp.post_id AND p.canonical_id IS NULL)
         ON pp.user_id = w.id AND pp.refs > 0 AND w.traits IS DISTINCT FROM (SELECT traits FROM before)`,
    [user.key, user.name, user.email, JSON.stringify(user.traits)],
  );
  return { writtenId: rows[0]?.id, revalue: rows.flatMap((row) => (row.post_id === null ? [] : [row.post_id])) };
}

/**
 * A secret of this deployment by name, created on first use: the first process inserts 32
 * random bytes and every process, now or later, reads the same row.
 */
export async function serverSecret(db: Queryable, name: string, fresh: Uint8Array): Promise<Uint8Array> {
  await db.query('INSERT INTO server_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [name, fresh]);
  const [row] = await db.query<{ secret: Uint8Array }>('SELECT secret FROM server_secrets WHERE name = $1', [name]);
  if (!row) throw new Error(`the server secret "${name}" could not be stored`);
  return new Uint8Array(row.secret);
}

/** The users row of a private key, created on first use; returns its id. */
export async function ensureUser(db: Queryable, voterKey: string): Promise<string> {
  // One round trip, known key or new: the insert does nothing for a known key (no row is
  // written) and the select finds it; for a new key the insert returns the row it created. An
  // admin key's user is named by the key's label, so history and requests say who did what.
  for (let attempt = 0; attempt < 3; attempt++) {
    const [row] = await db.query<{ id: string }>(
      `WITH created AS (
         INSERT INTO users (key, name)
         VALUES ($1, (SELECT label FROM admin_keys WHERE $1 LIKE 'admin:key:%' AND id::text = substr($1, 11)))
         ON CONFLICT (key) DO NOTHING RETURNING id
       )
       SELECT id FROM created UNION ALL SELECT id FROM users WHERE key = $1 LIMIT 1`,
      [voterKey],
    );
    if (row) return row.id;
    // Another request created the same key after this statement's snapshot was taken: read again.
  }
  throw new Error(`could not create the user of a visitor key`);
}

/** The users row of a private key, without creating one: reading never makes a visitor. */
export async function findUserId(db: Queryable, key: string | null): Promise<string | undefined> {
  if (key === null) return undefined;
  const [row] = await db.query<{ id: string }>('SELECT id FROM users WHERE key = $1', [key]);
  return row?.id;
}
