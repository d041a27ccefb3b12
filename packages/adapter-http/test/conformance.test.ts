import { runAdapterSuite, runMergeProperty } from '@sayso/core/testing';
import { createBoard, migrate, openDatabase, startServer, type Database } from '@sayso/server';
import { afterAll } from 'vitest';
import { startPostgres, type TestPostgres } from '../../server/test/support/postgres.js';
import { createHttpAdapter } from '../src/index.js';
import { memoryStorage } from './storage.js';

let cluster: TestPostgres | undefined;
afterAll(async () => {
  await cluster?.stop();
});

const ADMIN_KEY = 'suite-admin-key-0123456789abcdef';

/** The real server on a free port, over the given database, with one admin key. */
async function fixture(db: Database) {
  await migrate(db);
  // Webhook endpoints on this machine are loopback addresses: allowed as SAYSO_WEBHOOK_ALLOW_PRIVATE does.
  const server = await startServer({ port: 0, hostname: '127.0.0.1', db, adminKeys: [ADMIN_KEY], webhookPolicy: { allowPrivate: true } });
  let boards = 0;
  // Each visitor id of the suite is one browser: its own storage, so its own visitor token.
  const browsers = new Map<string, ReturnType<typeof memoryStorage>>();
  const storageOf = (voterId: string) => {
    let storage = browsers.get(voterId);
    if (!storage) browsers.set(voterId, (storage = memoryStorage()));
    return storage;
  };
  return {
    createBoard: async () => (await createBoard(db, { slug: `suite-${++boards}`, name: `Suite board ${boards}` })).slug,
    adapterFor: (voterId: string) => createHttpAdapter({ baseUrl: server.url, visitorStorage: storageOf(voterId) }),
    adminAdapter: () => createHttpAdapter({ baseUrl: server.url, adminKey: ADMIN_KEY }),
    close: async () => {
      await server.close();
      await db.close();
    },
  };
}

/** The server offers every part of the contract. */
const capabilities = { admin: true, notifications: true, realtime: true };

const onPGlite = async () => fixture(await openDatabase());
const onPostgres = async () => {
  cluster ??= await startPostgres();
  return fixture(await openDatabase({ url: await cluster.createDatabase() }));
};

runAdapterSuite('http, server on PGlite', onPGlite, capabilities);
runAdapterSuite('http, server on PostgreSQL', onPostgres, capabilities);

// Random sequences of votes, merges, unmerges and requests against the server's SQL, on both
// engines: fewer runs than in memory, each step being a few HTTP requests.
const propertyOptions = { numRuns: 30, timeoutMs: 180_000 };
runMergeProperty('http, server on PGlite', onPGlite, propertyOptions);
runMergeProperty('http, server on PostgreSQL', onPostgres, propertyOptions);
