import { createHash, randomBytes } from 'node:crypto';
import { insertAdminKey, revokeAdminKeyRow, type AdminKeyInfo } from '../db/admin-keys.js';
import type { Database } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { record } from './record.js';

/** SHA-256 of a key, hex: the only form in which admin keys are stored. */
export function hashAdminKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random admin key: `sayso_admin_` and 43 base64url characters (256 bits). */
export function generateAdminKey(): string {
  return `sayso_admin_${randomBytes(32).toString('base64url')}`;
}

/** Creates an admin key and records `admin_key.created` (never the key); the key is in this answer only. */
export async function createAdminKey(db: Database, params: { label: string; actor: Actor }): Promise<AdminKeyInfo & { key: string }> {
  const key = generateAdminKey();
  return db.transaction(async (tx) => {
    const stored = await insertAdminKey(tx, { label: params.label, keyHash: hashAdminKey(key) });
    const actorId = await ensureUser(tx, params.actor.key);
    await record(tx, { type: 'admin_key.created', subject: { type: 'admin_key', id: stored.id }, actorId, payload: { label: stored.label } });
    return { ...stored, key };
  });
}

/** Revokes an admin key and records `admin_key.revoked`; `not_found` for an unknown or revoked key. */
export async function revokeAdminKey(db: Database, params: { id: string; actor: Actor }): Promise<AdminKeyInfo> {
  return db.transaction(async (tx) => {
    const revoked = await revokeAdminKeyRow(tx, params.id);
    const actorId = await ensureUser(tx, params.actor.key);
    await record(tx, { type: 'admin_key.revoked', subject: { type: 'admin_key', id: revoked.id }, actorId, payload: { label: revoked.label } });
    return revoked;
  });
}
