// The webhook delivery benchmark of issue 11: 10 endpoints ask for `idea.created`, 1,000 ideas
// are created (10,000 deliveries, made in the ideas' transactions), then the server's delivery
// worker and webhook channel send them to a local HTTP receiver that checks every signature. It
// prints how long the 10,000 calls took, that each delivery arrived once, and the process's memory
// meanwhile, on PGlite (in memory) and PostgreSQL.
//
//   npm run bench:webhooks              10,000 deliveries on each engine
//   npm run bench:webhooks -- --smoke   200 deliveries: proves the script works
//
// Each call opens its own connection (the channel pins it to the address it checked), batches of
// 20 at once; the receiver runs in the same process.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  createBoard,
  createDeliveryWorker,
  createPost,
  createWebhookChannel,
  createWebhookEndpoint,
  migrate,
  verifyWebhookSignature,
  type Database,
} from '@sayso/server';
import { giveUpAfter, mb, onEachEngine, sampleRss, smokeRequested } from './lib/delivery-bench.js';

const SMOKE = smokeRequested('webhooks.ts');
const ENDPOINTS = SMOKE ? 2 : 10;
const IDEAS = SMOKE ? 100 : 1000;
const DELIVERIES = ENDPOINTS * IDEAS;
const DEADLINE_MS = SMOKE ? 120_000 : 1_800_000;
giveUpAfter(DEADLINE_MS);

const policy = { allowPrivate: true };
const admin = { key: 'admin:bench', admin: true };

/** A local webhook receiver that checks each call's signature and counts distinct deliveries. */
async function countingReceiver(secrets: Map<string, string>) {
  const deliveries = new Set<string>();
  let calls = 0;
  let badSignatures = 0;
  const waiters: Array<() => void> = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      calls++;
      const secret = secrets.get(request.url ?? '') ?? '';
      const valid = verifyWebhookSignature({ body: Buffer.concat(chunks).toString('utf8'), header: request.headers['sayso-signature'] as string, secret });
      if (!valid) badSignatures++;
      deliveries.add(request.headers['sayso-delivery'] as string);
      response.end('ok');
      waiters.splice(0).forEach((wake) => wake());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    counts: () => ({ calls, distinct: deliveries.size, badSignatures }),
    async until(count: number) {
      while (deliveries.size < count) await new Promise<void>((wake) => waiters.push(wake));
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function run(engine: 'pglite' | 'postgres', db: Database) {
  await migrate(db);
  const secrets = new Map<string, string>();
  const receiver = await countingReceiver(secrets);
  for (let n = 0; n < ENDPOINTS; n++) {
    const path = `/hook-${n}`;
    const endpoint = await createWebhookEndpoint(db, { url: receiver.url(path), events: ['idea.created'], actor: admin, policy });
    secrets.set(path, endpoint.secret);
  }
  const board = (await createBoard(db, { slug: 'webhooks' })).slug;
  const writing = performance.now();
  for (let n = 0; n < IDEAS; n++) await createPost(db, { board, title: `Idea number ${n}`, body: '', voter: `visitor:bench-${n % 50}` });
  const perIdeaMs = (performance.now() - writing) / IDEAS;

  const worker = createDeliveryWorker({ db, channels: [createWebhookChannel(db, { policy })] });
  const memory = sampleRss();
  const started = performance.now();
  worker.start();
  await receiver.until(DELIVERIES);
  const allMs = performance.now() - started;
  const rss = memory.stop();
  await worker.stop();
  await receiver.close();
  const [counts] = await db.query<{ sent: number; other: number }>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'sent')::int AS other FROM deliveries WHERE channel = 'webhook'`,
  );
  const received = receiver.counts();
  console.log(
    `${engine.padEnd(8)} ${ENDPOINTS} endpoints × ${IDEAS} ideas: creating an idea ${perIdeaMs.toFixed(1)} ms; ` +
      `all ${received.distinct} deliveries received after ${(allMs / 1000).toFixed(1)} s (${((DELIVERIES / allMs) * 1000).toFixed(0)}/s), ` +
      `${received.calls} calls, ${received.badSignatures} bad signatures; deliveries sent ${counts!.sent}, other ${counts!.other}; ` +
      `RSS ${mb(rss.before)} before, peak ${mb(rss.peak)}`,
  );
  if (received.calls !== DELIVERIES || received.badSignatures > 0 || counts!.sent !== DELIVERIES) process.exitCode = 1;
}

await onEachEngine(run);
