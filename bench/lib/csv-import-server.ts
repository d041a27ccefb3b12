// The server of bench/csv-import.ts, in a process of its own so that its memory is measured
// alone: opens the database it is given (PGlite in memory when none), migrates it, serves the API
// on 127.0.0.1 with one admin key and one board, and answers each message with its RSS.
import { createBoard, migrate, openDatabase, startServer } from '@sayso/server';

export const BENCH_ADMIN_KEY = 'csv-import-bench-admin-key-0123456789';

/** What the server process sends: where it listens, then its RSS each time it is asked. */
export type ServerReply = { url: string } | { rss: number };

if (process.send) {
  const db = await openDatabase(process.env.BENCH_DATABASE_URL ? { url: process.env.BENCH_DATABASE_URL } : {});
  await migrate(db);
  await createBoard(db, { slug: 'bench' });
  const server = await startServer({ port: 0, hostname: '127.0.0.1', db, adminKeys: [BENCH_ADMIN_KEY] });
  process.on('message', () => process.send!({ rss: process.memoryUsage().rss } satisfies ServerReply));
  process.send({ url: server.url } satisfies ServerReply);
}
