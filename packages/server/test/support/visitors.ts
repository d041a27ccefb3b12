import type { Queryable } from '../../src/db/database.js';
import { visitorSecretOf } from '../../src/asker.js';
import { signVisitorToken } from '../../src/identity/tokens.js';

/** The header anonymous visitors send their token in. */
export const VISITOR = 'X-Sayso-Visitor';

const secrets = new WeakMap<object, Promise<Uint8Array>>();
const tokens = new Map<string, string>();

/**
 * A valid visitor token for a named test visitor on this database: signed with the secret the
 * server keeps there, for subject `name`, so the same name is the same visitor (`visitor:<name>`)
 * in every app and server over the database.
 */
export async function visitorToken(db: Queryable, name: string): Promise<string> {
  let secret = secrets.get(db);
  if (!secret) secrets.set(db, (secret = visitorSecretOf(db)));
  const bytes = await secret;
  const cacheKey = `${Buffer.from(bytes).toString('hex')}\n${name}`;
  let token = tokens.get(cacheKey);
  if (!token) tokens.set(cacheKey, (token = await signVisitorToken(name, bytes)));
  return token;
}

/** `{ 'X-Sayso-Visitor': token }` for a named test visitor. */
export async function visitorHeaders(db: Queryable, name: string): Promise<Record<string, string>> {
  return { [VISITOR]: await visitorToken(db, name) };
}
