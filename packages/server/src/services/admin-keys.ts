import { createHash, randomBytes } from 'node:crypto';
import { insertAdminKey, revokeAdminKeyRow, type AdminKeyInfo, type KeyTable } from '../db/admin-keys.js';
import type { Database } from '../db/database.js';
import type { DomainEventType, EventSubject } from '../db/events.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { record } from './record.js';

/** SHA-256 of a key, hex: the only form in which API keys are stored. */
export function hashAdminKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** What tells the kinds of key apart: where they are kept, how they begin, what their events say. */
const KINDS = {
  admin: { table: 'admin_keys', prefix: 'sayso_admin_', subject: 'admin_key' },
  ingestion: { table: 'ingestion_keys', prefix: 'sik_', subject: 'ingestion_key' },
} as const satisfies Record<string, { table: KeyTable; prefix: string; subject: EventSubject['type'] }>;

/** The kinds of API key: `admin` may do anything; `ingestion` may only post feedback. */
export type KeyKind = keyof typeof KINDS;

/** What an ingestion key begins with, so the caller is told apart from an admin key before any lookup. */
export const INGESTION_KEY_PREFIX = KINDS.ingestion.prefix;

/** A new random key: its kind's prefix and 43 base64url characters (256 bits). */
export function generateAdminKey(kind: KeyKind = 'admin'): string {
  return `${KINDS[kind].prefix}${randomBytes(32).toString('base64url')}`;
}

/** Creates a key and records `<kind>_key.created` (never the key); the key is in this answer only. */
export async function createAdminKey(
  db: Database,
  params: { label: string; actor: Actor; kind?: KeyKind },
): Promise<AdminKeyInfo & { key: string }> {
  const kind = KINDS[params.kind ?? 'admin'];
  const key = generateAdminKey(params.kind);
  return db.transaction(async (tx) => {
    const stored = await insertAdminKey(tx, { label: params.label, keyHash: hashAdminKey(key), table: kind.table });
    const actorId = await ensureUser(tx, params.actor.key);
    const type = `${kind.subject}.created` as DomainEventType;
    await record(tx, { type, subject: { type: kind.subject, id: stored.id }, actorId, payload: { label: stored.label } });
    return { ...stored, key };
  });
}

/** Revokes a key and records `<kind>_key.revoked`; `not_found` for an unknown or revoked key. */
export async function revokeAdminKey(db: Database, params: { id: string; actor: Actor; kind?: KeyKind }): Promise<AdminKeyInfo> {
  const kind = KINDS[params.kind ?? 'admin'];
  return db.transaction(async (tx) => {
    const revoked = await revokeAdminKeyRow(tx, params.id, kind.table);
    const actorId = await ensureUser(tx, params.actor.key);
    const type = `${kind.subject}.revoked` as DomainEventType;
    await record(tx, { type, subject: { type: kind.subject, id: revoked.id }, actorId, payload: { label: revoked.label } });
    return revoked;
  });
}
