import { afterAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrate } from '../../src/db/migrate.js';
import { startPostgres, type TestPostgres } from './postgres.js';

/** The two engines every database test runs on. */
export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/**
 * Opens fresh, migrated databases of either engine for one test file: PGlite in memory, or a
 * new database in a throwaway PostgreSQL cluster started on first use and stopped after the
 * file. Every database opened is closed after the file too.
 */
export function testDatabases() {
  let cluster: Promise<TestPostgres> | undefined;
  const opened: Database[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((db) => db.close().catch(() => {})));
    if (cluster) await (await cluster).stop();
  });
  return {
    /** A new database URL in the file's PostgreSQL cluster. */
    async postgresUrl(): Promise<string> {
      cluster ??= startPostgres();
      return (await cluster).createDatabase();
    },
    async open(engine: Engine, options: { migrate?: boolean } = {}): Promise<Database> {
      const db = await openDatabase(engine === 'postgres' ? { url: await this.postgresUrl() } : {});
      opened.push(db);
      if (options.migrate !== false) await migrate(db);
      return db;
    },
  };
}
