import { SaysoError, type AdminIdentity } from '@sayso/core';
import type { Queryable } from './database.js';
import { iso } from './rows.js';

// API keys: admin keys, and ingestion keys that may only post feedback (migration 0016). Only a
// key's SHA-256 is stored; the caller hashes. Both kinds are one shape in their own table.

/** Which kind of key, named by its table. */
export type KeyTable = 'admin_keys' | 'ingestion_keys';

const KEY_NAMES: Record<KeyTable, string> = { admin_keys: 'admin key', ingestion_keys: 'ingestion key' };

/** A key as listed: never the key itself. */
export interface AdminKeyInfo {
  id: string;
  label: string;
  createdAt: string;
}

interface AdminKeyRow {
  id: string;
  label: string;
  created_at: Date | string;
}

const toAdminKey = (row: AdminKeyRow): AdminKeyInfo => ({ id: row.id, label: row.label, createdAt: iso(row.created_at) });

/** Stores a new key by its hash. */
export async function insertAdminKey(db: Queryable, params: { label: string; keyHash: string; table?: KeyTable }): Promise<AdminKeyInfo> {
  const [row] = await db.query<AdminKeyRow>(
    `INSERT INTO ${params.table ?? 'admin_keys'} (label, key_hash) VALUES ($1, $2) RETURNING id, label, created_at`,
    [params.label, params.keyHash],
  );
  return toAdminKey(row!);
}

/** The keys not revoked, oldest first. */
export async function listAdminKeys(db: Queryable, table: KeyTable = 'admin_keys'): Promise<AdminKeyInfo[]> {
  const rows = await db.query<AdminKeyRow>(`SELECT id, label, created_at FROM ${table} WHERE revoked_at IS NULL ORDER BY created_at, id`);
  return rows.map(toAdminKey);
}

/** Revokes a key; `not_found` when there is no such key or it already was revoked. */
export async function revokeAdminKeyRow(db: Queryable, id: string, table: KeyTable = 'admin_keys'): Promise<AdminKeyInfo> {
  const [row] = await db.query<AdminKeyRow>(
    `UPDATE ${table} SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id, label, created_at`,
    [id],
  );
  if (!row) throw new SaysoError('not_found', `There is no active ${KEY_NAMES[table]} "${id}".`);
  return toAdminKey(row);
}

/** The id of the active key with this hash, if any. */
export async function findAdminKeyId(db: Queryable, keyHash: string, table: KeyTable = 'admin_keys'): Promise<string | undefined> {
  const [row] = await db.query<{ id: string }>(`SELECT id FROM ${table} WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]);
  return row?.id;
}

/**
 * Who an admin caller is, by their private key (asker.ts): a stored key by its label, a key
 * from the environment, or a host user granted admin by their name, else address, else subject.
 */
export async function adminIdentityOf(db: Queryable, actorKey: string): Promise<AdminIdentity> {
  if (actorKey.startsWith('admin:key:')) {
    const [row] = await db.query<{ label: string }>('SELECT label FROM admin_keys WHERE id = $1', [actorKey.slice('admin:key:'.length)]);
    return { via: 'admin_key', label: row?.label ?? 'Admin key' };
  }
  if (actorKey.startsWith('admin:env:')) return { via: 'server_key', label: 'Server admin key (SAYSO_ADMIN_KEY)' };
  const [user] = await db.query<{ name: string | null; email: string | null }>('SELECT name, email FROM users WHERE key = $1', [actorKey]);
  return { via: 'host_token', label: user?.name ?? user?.email ?? actorKey.slice('user:'.length) };
}
