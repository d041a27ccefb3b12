import type { DeliveryChannel } from '@sayso/core';
import type { DeliveryChannelSender, DeliveryOutcome } from '../channels/channel.js';
import type { Database } from '../db/database.js';
import { FANOUT_PAGE_SIZE, claimDeliveries, expandFanoutPage, recordDelivery, type DeliveryJob, type DeliveryRecord } from '../db/deliveries.js';

/** How the delivery worker paces itself; every field has a default. */
export interface DeliveryWorkerOptions {
  db: Database;
  channels: readonly DeliveryChannelSender[];
  /** How often it looks for work other processes made, or retries fell due (default 1000 ms). */
  pollMs?: number;
  /** Deliveries claimed and sent at once (default 20). */
  batchSize?: number;
  /**
   * How long a claim holds (default 60 s): longer than a channel may take to send one (email and
   * webhook calls time out before it), since a row still `sending` after it is sent again.
   */
  claimMs?: number;
  /** Tries before a delivery is `dead` (default 8). */
  maxAttempts?: number;
  /** The wait before the next try after `attempts` tries (default 2^(attempts-1) minutes: 1, 2, 4 … 64). */
  retryDelayMs?: (attempts: number) => number;
  /** People per fan-out page, each page its own transaction (default 500). */
  fanoutPageSize?: number;
}

/** The delivery worker of one process: {@link createDeliveryWorker}. */
export interface DeliveryWorker {
  /** Starts polling; the first round runs at once. */
  start(): void;
  /** Runs a round now (or right after the one running): after a commit that made deliveries. */
  kick(): void;
  /** Runs rounds until nothing is due; for tests and benchmarks. */
  drain(): Promise<void>;
  /** Stops polling, waits for the round in flight and closes the channels. */
  stop(): Promise<void>;
}

const MINUTE = 60_000;

/**
 * The per-process worker of the outbox. Each round expands open fan-outs a page at a time and
 * sends what is due: it claims a batch (marked `sending` with a deadline, committed before
 * anything is sent, SKIP LOCKED so processes share the work), hands each to its channel, and
 * records `sent`, `failed` with the next try after a backoff, or `dead` after the last try. A
 * process killed mid-send leaves its rows `sending`; once their claim runs out, any process
 * claims them again. So a message is sent at least once, and twice only when the process dies
 * between the receiver's acceptance and the commit of `sent` (a window of one statement).
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { db } = options;
  const pollMs = options.pollMs ?? 1000;
  const batchSize = options.batchSize ?? 20;
  const claimMs = options.claimMs ?? MINUTE;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryDelayMs = options.retryDelayMs ?? ((attempts: number) => 2 ** (attempts - 1) * MINUTE);
  const fanoutPageSize = options.fanoutPageSize ?? FANOUT_PAGE_SIZE;
  const senders = new Map<DeliveryChannel, DeliveryChannelSender>(options.channels.map((sender) => [sender.channel, sender]));
  const channels = [...senders.keys()];

  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let round: Promise<void> | undefined;
  let again = false;

  const recordOf = (job: DeliveryJob, outcome: DeliveryOutcome): DeliveryRecord => {
    const response = { responseStatus: outcome.responseStatus, responseExcerpt: outcome.responseExcerpt };
    if (outcome.ok) return { status: 'sent', ...response };
    if (outcome.permanent || job.attempts >= maxAttempts) return { status: 'dead', error: outcome.error, ...response };
    return { status: 'failed', error: outcome.error, retryInMs: retryDelayMs(job.attempts), ...response };
  };

  async function deliver(job: DeliveryJob): Promise<void> {
    const sender = senders.get(job.channel)!;
    const outcome = await sender.send(job).catch((error: unknown): DeliveryOutcome => ({ ok: false, error: String(error) }));
    await recordDelivery(db, job.id, recordOf(job, outcome));
  }

  /** One step: a fan-out page and a batch of sends; whether there was anything to do. */
  async function step(): Promise<boolean> {
    const expanded = await db.transaction((tx) => expandFanoutPage(tx, fanoutPageSize));
    const jobs = channels.length > 0 ? await claimDeliveries(db, { channels, limit: batchSize, claimMs }) : [];
    await Promise.all(jobs.map(deliver));
    return expanded !== undefined || jobs.length > 0;
  }

  async function runRounds(): Promise<void> {
    do {
      again = false;
      while (!stopped && (await step()));
    } while (again && !stopped);
  }

  function run(): Promise<void> {
    if (round) {
      again = true;
      return round;
    }
    round = runRounds()
      .catch((error: unknown) => console.error('[sayso] deliveries:', error))
      .finally(() => (round = undefined));
    return round;
  }

  return {
    start() {
      stopped = false;
      timer ??= setInterval(() => void run(), pollMs);
      // The worker alone must not keep a process alive that has nothing else to do.
      timer.unref();
      void run();
    },
    kick() {
      if (!stopped) void run();
    },
    // A round already running takes this call as a kick and runs again before it ends.
    drain: () => run(),
    async stop() {
      stopped = true;
      clearInterval(timer);
      timer = undefined;
      await round;
      await Promise.all(options.channels.map((sender) => sender.close?.()));
    },
  };
}
