import { beforeAll } from 'vitest';
import { createApp } from '../../src/app.js';
import type { Database } from '../../src/db/database.js';
import { createBoard } from '../../src/services/boards.js';
import { apiClient } from './api-client.js';
import type { Engine, testDatabases } from './databases.js';

/**
 * Inside a `describe` per engine: the app over a database of `engine` with one admin key, opened
 * before the tests, and boards and visitors no other test of the file has seen.
 */
export function useTestApp(databases: ReturnType<typeof testDatabases>, engine: Engine, options: { adminKey: string; boardPrefix: string; jwtSecret?: string; fanoutPageSize?: number }) {
  let opened: { db: Database; call: ReturnType<typeof apiClient> } | undefined;
  let boards = 0;
  let people = 0;
  beforeAll(async () => {
    const db = await databases.open(engine);
    opened = { db, call: apiClient(createApp({ db, adminKeys: [options.adminKey], jwtSecret: options.jwtSecret, fanoutPageSize: options.fanoutPageSize }), db) };
  });
  const app = () => {
    if (!opened) throw new Error('The test app is opened before the tests: use it inside one.');
    return opened;
  };
  return {
    db: () => app().db,
    call: ((...args) => app().call(...args)) as ReturnType<typeof apiClient>,
    freshBoard: async () => (await createBoard(app().db, { slug: `${engine}-${options.boardPrefix}-${++boards}` })).slug,
    /** A visitor no other test has seen. */
    someone: (name: string) => `${engine}-${name}-${++people}`,
  };
}
