import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

/** Runs SQL: the part of a {@link Database} a transaction also offers. */
export interface Queryable {
  /** Runs one statement with `$1`-style parameters and returns its rows. */
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs a script of one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/**
 * The one database interface the server uses, implemented over PGlite (embedded) and over a
 * `pg` pool (PostgreSQL). Both run exactly the same SQL.
 */
export interface Database extends Queryable {
  /** Which engine is underneath; for logs and tests, never for choosing SQL. */
  readonly kind: 'pglite' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** PostgreSQL's code for a statement it rolled back to break a deadlock. */
const DEADLOCK_DETECTED = '40P01';

/**
 * Runs a single statement sent outside any transaction (`statement`), again when PostgreSQL chose
 * it to break a deadlock: the statement was rolled back whole, so running it again is safe, as the
 * PostgreSQL manual advises. Rare; a statement that locks a row and updates it under contention
 * can meet another waiting for the same row (the vote, db/votes.ts).
 */
export async function retryingDeadlock<T>(statement: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await statement();
    } catch (error) {
      const deadlocked = (error as { code?: unknown } | null)?.code === DEADLOCK_DETECTED;
      if (!deadlocked || attempt >= attempts) throw error;
    }
  }
}

/** Where the data lives: a PostgreSQL URL, or a PGlite directory (in memory when neither). */
export interface OpenDatabaseOptions {
  /** `postgres://…`; when set, the other options are ignored. */
  url?: string;
  /** A directory for PGlite's files; created when missing. */
  dataDir?: string;
}

/** Opens PostgreSQL when `url` is given, otherwise PGlite on disk (`dataDir`) or in memory. */
export async function openDatabase(options: OpenDatabaseOptions = {}): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  return openPGlite(options.dataDir);
}

async function openPGlite(dataDir?: string): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const lite = dataDir ? new PGlite(dataDir) : new PGlite();
  await lite.waitReady;
  const over = (target: Pick<PGlite, 'query' | 'exec'>): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await target.query<T>(sql, [...params])).rows,
    exec: async (sql) => {
      await target.exec(sql);
    },
  });
  return {
    kind: 'pglite',
    ...over(lite),
    // PGlite has one connection; its transaction() queues every other query until it ends.
    transaction: (fn) => lite.transaction((tx) => fn(over(tx))),
    close: () => lite.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => {});
  const over = (target: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T>(sql: string, params: readonly unknown[] = []) =>
      (await target.query(sql, [...params])).rows as T[],
    exec: async (sql) => {
      await target.query(sql);
    },
  });
  // Fail now, with the driver's message, rather than on the first request.
  await pool.query('SELECT 1');
  return {
    kind: 'postgres',
    ...over(pool),
    transaction: async (fn) => {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await fn(over(client));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        // A connection that cannot even roll back is dropped rather than handed out again.
        await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
        throw error;
      } finally {
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
