#!/usr/bin/env -S node --import tsx
// The runnable server: `pnpm --filter @sayso/server start`.
//   PORT            where to listen (default 8787)
//   DATABASE_URL    PostgreSQL to use; when unset, embedded PGlite on disk:
//   SAYSO_DATA_DIR  PGlite's folder (default ./.sayso-data, relative to the working directory)
//   SAYSO_STATIC    comma-separated prefix=dir pairs of static folders, e.g. /=examples/vanilla
//   SAYSO_WRITES_PER_MINUTE  writes allowed per visitor and minute (default 120; 0: no limit)
import { resolve } from 'node:path';
import type { StaticRoute } from './app.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import { seedDemo } from './seed/demo.js';
import { startServer } from './server.js';

function parseStatic(value: string | undefined): StaticRoute[] {
  if (!value?.trim()) return [];
  return value.split(',').map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`SAYSO_STATIC: "${pair}" is not a prefix=dir pair`);
    return { prefix: pair.slice(0, at).trim(), dir: resolve(pair.slice(at + 1).trim()) };
  });
}

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT: "${process.env.PORT}" is not a port`);
const url = process.env.DATABASE_URL || undefined;
const dataDir = resolve(process.env.SAYSO_DATA_DIR || '.sayso-data');
const staticRoutes = parseStatic(process.env.SAYSO_STATIC);
const writesPerMinute = Number(process.env.SAYSO_WRITES_PER_MINUTE ?? 120);

const db = await openDatabase(url ? { url } : { dataDir });
const applied = await migrate(db);
if (applied.length > 0) console.log(`[sayso] applied migrations ${applied.join(', ')}`);
if (await seedDemo(db)) console.log('[sayso] seeded the demo board');
const server = await startServer({
  port,
  db,
  staticRoutes,
  rateLimit: writesPerMinute > 0 ? { max: writesPerMinute, windowMs: 60_000 } : undefined,
});

console.log(`[sayso] data: ${url ? `PostgreSQL at ${new URL(url).host}${new URL(url).pathname}` : `PGlite in ${dataDir}`}`);
for (const route of staticRoutes) console.log(`[sayso] serving ${route.dir} at ${route.prefix}`);
console.log(`[sayso] listening on ${server.url} (API at ${server.url}/api/v1)`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[sayso] ${signal}: shutting down`);
  try {
    await server.close();
    await db.close();
    process.exit(0);
  } catch (error) {
    console.error('[sayso] shutdown failed', error);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
