// The delivery benchmark of issue 11: an idea followed by 10,000 people with an address ships;
// how long the status change's request takes (it writes one fan-out row, whatever the audience),
// how long until the 10,000th email was accepted by a local SMTP receiver, and the process's
// memory meanwhile, on PGlite (in memory) and PostgreSQL.
//
//   npm run bench:deliveries              10,000 followers on each engine
//   npm run bench:deliveries -- --smoke   500 followers: proves the script works
// (both run `node --import tsx deliveries.ts` in bench/)
//
// The server's own delivery worker and email channel send (a pool of 5 SMTP connections, batches
// of 20); the receiver (smtp-server, counting, not parsing) runs in the same process.
import { performance } from 'node:perf_hooks';
import {
  createBoard,
  createDeliveryWorker,
  createEmailChannel,
  createPost,
  migrate,
  updatePost,
  type Database,
} from '@sayso/server';
import { SMTPServer } from 'smtp-server';
import { giveUpAfter, mb, onEachEngine, sampleRss, smokeRequested } from './lib/delivery-bench.js';

const SMOKE = smokeRequested('deliveries.ts');
const FOLLOWERS = SMOKE ? 500 : 10_000;
const DEADLINE_MS = SMOKE ? 120_000 : 1_800_000;
giveUpAfter(DEADLINE_MS);

/** A local SMTP receiver that only counts what it accepts. */
async function countingReceiver() {
  let accepted = 0;
  const waiters: Array<() => void> = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, _session, callback) {
      stream.on('end', () => {
        accepted++;
        callback();
        waiters.splice(0).forEach((wake) => wake());
      });
      stream.resume();
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.server.address() as { port: number };
  return {
    url: `smtp://127.0.0.1:${port}`,
    accepted: () => accepted,
    async until(count: number) {
      while (accepted < count) await new Promise<void>((wake) => waiters.push(wake));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function run(engine: 'pglite' | 'postgres', db: Database) {
  await migrate(db);
  const receiver = await countingReceiver();
  const board = (await createBoard(db, { slug: 'deliveries' })).slug;
  const post = await createPost(db, { board, title: 'Ship to everyone', body: '', voter: 'seed:author' });
  // The followers, written in bulk: host users with an address, each subscribed by a vote.
  await db.query(
    `INSERT INTO users (key, name, email) SELECT 'user:follower-' || n, 'Follower ' || n, 'follower-' || n || '@people.example'
       FROM generate_series(1, $1) AS n`,
    [FOLLOWERS],
  );
  await db.query(
    `INSERT INTO subscriptions (post_id, user_id, state, reason)
     SELECT $1, id, 'subscribed', 'vote' FROM users WHERE key LIKE 'user:follower-%'`,
    [post.id],
  );
  const email = createEmailChannel(db, { smtpUrl: receiver.url, from: 'bench@feedback.example', publicUrl: 'https://feedback.example' });
  const worker = createDeliveryWorker({ db, channels: [email] });
  worker.start();

  const memory = sampleRss();
  const started = performance.now();
  await updatePost(db, { postId: post.id, actor: { key: 'admin:bench', admin: true }, status: 'shipped' });
  const requestMs = performance.now() - started;
  worker.kick();
  await receiver.until(FOLLOWERS);
  const allMs = performance.now() - started;
  const rss = memory.stop();
  await worker.stop();
  await receiver.close();
  const [counts] = await db.query<{ sent: number; other: number }>(
    `SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status <> 'sent')::int AS other FROM deliveries`,
  );
  console.log(
    `${engine.padEnd(8)} ${FOLLOWERS} followers: status change ${requestMs.toFixed(0)} ms; ` +
      `all ${receiver.accepted()} emails accepted after ${(allMs / 1000).toFixed(1)} s (${((FOLLOWERS / allMs) * 1000).toFixed(0)}/s); ` +
      `deliveries sent ${counts!.sent}, other ${counts!.other}; RSS ${mb(rss.before)} before, peak ${mb(rss.peak)}`,
  );
}

await onEachEngine(run);
