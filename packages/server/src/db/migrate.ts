import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_PRIORITY_FORMULA, DEFAULT_PRIORITY_INPUTS } from '@sayso/core';
import type { Database } from './database.js';
import { syncPriorityDefaults } from './priority.js';

/** The folder of numbered SQL files, `0001_initial.sql` and on. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** One SQL file of the schema's history. */
export interface Migration {
  /** The number the file starts with, e.g. `0001`. */
  version: string;
  name: string;
  sql: string;
}

// Any constant works, as long as nothing else in the database takes the same advisory lock.
const MIGRATION_LOCK = 7_236_451_901;

/** Reads the migration files of `dir` in order of their numbers. */
export function readMigrations(dir: string = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[\w-]+\.sql$/.test(file))
    .sort()
    .map((file) => ({
      version: file.slice(0, 4),
      name: file.slice(5, -4),
      sql: readFileSync(join(dir, file), 'utf8'),
    }));
}

/**
 * Brings the schema up to date, and what it keeps of core's defaults, and returns the versions it
 * applied (none when it already was).
 *
 * Everything happens in one transaction that first takes a transaction-scoped advisory lock, so
 * two processes starting at once against the same PostgreSQL apply each migration exactly once:
 * the second waits, then finds the work done. A failing migration leaves nothing behind.
 */
export async function migrate(db: Database, migrations: Migration[] = readMigrations()): Promise<string[]> {
  return db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version    text PRIMARY KEY,
         name       text NOT NULL,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const done = new Set(
      (await tx.query<{ version: string }>('SELECT version FROM schema_migrations')).map((row) => row.version),
    );
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [
        migration.version,
        migration.name,
      ]);
      applied.push(migration.version);
    }
    // Stored scores read core's defaults from the database (migration 0011): bring them up to date too.
    const [defaults] = await tx.query<{ stored: boolean }>("SELECT to_regclass('priority_defaults') IS NOT NULL AS stored");
    if (defaults!.stored) await syncPriorityDefaults(tx, DEFAULT_PRIORITY_FORMULA, DEFAULT_PRIORITY_INPUTS);
    return applied;
  });
}
