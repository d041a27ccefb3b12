import type { LiveChange } from '@sayso/core';
import type { Database, Queryable } from '../db/database.js';
import { lastEventSequence } from '../db/duplicates.js';
import { eventsAfter, unreadCountsOf, type LoggedChange, type PublicPostEvent } from '../db/live-changes.js';

// Live changes (GET /events/stream, GET /events): one reader of the event log per process, which
// fans what it reads out to the streams connected to this process, in memory. Every process
// reads the same log, so a change made through any of them reaches every stream.
//
// The log is polled (every second, and at once after a write through this process) rather than
// woken by PostgreSQL's LISTEN/NOTIFY: polling works the same on PGlite and PostgreSQL, needs no
// connection held outside the pool nor a NOTIFY in every writing transaction, and costs one
// indexed query a second per process, however many streams are open. A change made through
// another process arrives within a second.

/** A public change of an idea, as the stream carries it. */
export type PostLiveChange = Extract<LiveChange, { type: 'post' }>;

/** One change and the log position it was read at: the stream's event id, the poll's item. */
export interface LiveEntry {
  id: number;
  change: LiveChange;
}

/** What the reader hands every listener each time it reads further. */
export interface LiveBatch {
  /** Public changes of ideas, on every board, one per idea and kind of change, in log order. */
  changes: LiveEntry[];
  /** How far the log is read. */
  last: number;
  /**
   * The unread counts of the listeners' people (a key absent has none), when what was read may
   * have changed a bell; `undefined` when it cannot have (only votes).
   */
  unread: ReadonlyMap<string, number> | undefined;
}

/** A connected stream. */
export interface LiveListener {
  /** The private key of who listens, for their bell; `null` without identity. */
  key: string | null;
  deliver(batch: LiveBatch): void;
}

/** What each kind of public event means to a board on screen. */
const CHANGE_OF: Record<PublicPostEvent, PostLiveChange['change']> = {
  'post.created': 'created',
  'post.edited': 'updated',
  'post.tagged': 'updated',
  'post.untagged': 'updated',
  'post.status_changed': 'status',
  'post.merged': 'merged',
  'post.unmerged': 'unmerged',
  'vote.added': 'votes',
  'vote.removed': 'votes',
  // A recorded request counts its person on the idea.
  'request.added': 'votes',
  // Feedback linked to an idea, or taken off it: its author counts there, or no longer.
  'feedback.linked': 'votes',
  'feedback.unlinked': 'votes',
  'feedback.archived': 'votes',
  // The idea's comment count.
  'comment.added': 'updated',
  'comment.edited': 'updated',
  'comment.deleted': 'updated',
};

/**
 * The public changes among `events`, one per idea and kind of change (a burst of votes is one
 * change), each at the position of its last event, in log order.
 */
export function liveChangesOf(events: readonly LoggedChange[]): LiveEntry[] {
  const latest = new Map<string, LiveEntry>();
  for (const event of events) {
    const change = CHANGE_OF[event.type as PublicPostEvent];
    if (!change || !event.board || !event.postId) continue;
    const key = `${event.postId} ${change}`;
    latest.delete(key);
    latest.set(key, { id: event.sequence, change: { type: 'post', board: event.board, postId: event.postId, change } });
  }
  return [...latest.values()];
}

/** Events read per query of the log. */
const PAGE = 1000;

/**
 * The public changes of `board` after `after`, up to `upTo` (a position the reader has reached),
 * a page of the log at a time: what a resumed stream missed, what a poll asks for. `last` is
 * where the page ends: `upTo`, or short of it when there is more to read.
 */
export async function boardChangesAfter(
  db: Queryable,
  params: { board: string; after: number; upTo: number },
): Promise<{ entries: LiveEntry[]; last: number }> {
  const page = await eventsAfter(db, { ...params, limit: PAGE });
  return { entries: liveChangesOf(page), last: page.length < PAGE ? params.upTo : page.at(-1)!.sequence };
}

/** How many notifications of `key` (a private user key) are unread. */
export async function unreadCountFor(db: Queryable, key: string): Promise<number> {
  return (await unreadCountsOf(db, [key])).get(key) ?? 0;
}

/**
 * How long a hole in the log's sequence is waited for. A hole is a transaction that took its
 * number and has not committed yet (its events will come) or that rolled back (they never will).
 */
export const HOLE_WAIT_MS = 3000;

/**
 * How far the log can be handed out, reading `sequences` after `from`: up to the first hole not
 * yet waited for {@link HOLE_WAIT_MS}, so that a change committed late is never skipped (and a
 * resumed stream neither loses nor repeats one). `holes` remembers since when each was seen.
 */
export function readableEnd(from: number, sequences: readonly number[], holes: Map<number, number>, now: number): number {
  let end = from;
  for (const sequence of sequences) {
    if (sequence !== end + 1) {
      const since = holes.get(end + 1) ?? now;
      holes.set(end + 1, since);
      if (now - since < HOLE_WAIT_MS) break;
    }
    end = sequence;
  }
  for (const hole of holes.keys()) if (hole <= end) holes.delete(hole);
  return end;
}

/** Time between two reads of the log, for changes made through other processes. */
export const LIVE_POLL_MS = 1000;

/**
 * How long a read after a write through this process waits for more writes: a burst of votes is
 * a few reads, not one per vote.
 */
const KICK_DELAY_MS = 100;

/** Events that never change anyone's bell: votes tell nobody. */
const SILENT_FOR_BELLS = new Set(['vote.added', 'vote.removed']);

/** How long the reader keeps going with no stream open, for clients that poll GET /events. */
const IDLE_MS = 30_000;

/** How often a stream sends a comment line, so proxies and load balancers keep it open. */
export const HEARTBEAT_MS = 15_000;

export interface LiveChanges {
  /** How often each stream sends a heartbeat. */
  readonly heartbeatMs: number;
  /** How many streams listen now. */
  readonly listeners: number;
  /**
   * Starts reading the log if it was not, and adds `listener`: it gets every batch read after
   * `position`, until `stop` is called.
   */
  listen(listener: LiveListener): Promise<{ position: number; stop(): void }>;
  /** How far the log is read (starting to read it if it was not). */
  position(): Promise<number>;
  /** Reads the log now: after a write through this process. */
  kick(): void;
  /** Stops reading (a server that closes). */
  stop(): Promise<void>;
}

/**
 * The process's reader of the log, running while a stream is open or a client polled in the last
 * half minute. Each read is one query of the log and, when it moved past more than votes and
 * someone identified listens, one query of their unread counts: at most two queries however many
 * streams are open.
 */
export function createLiveChanges(db: Database, options: { pollMs?: number; heartbeatMs?: number } = {}): LiveChanges {
  const listeners = new Set<LiveListener>();
  const holes = new Map<number, number>();
  let cursor: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let lastAsked = 0;
  let reading: Promise<void> | undefined;
  let readAgain = false;
  let kicked: ReturnType<typeof setTimeout> | undefined;

  function start(): Promise<number> {
    lastAsked = Date.now();
    if (cursor) return cursor;
    // The first read starts at the end of the log: what came before is read by whoever asks for it.
    cursor = lastEventSequence(db).catch((error: unknown) => {
      cursor = undefined;
      throw error;
    });
    timer = setInterval(tick, options.pollMs ?? LIVE_POLL_MS);
    timer.unref();
    return cursor;
  }

  function halt() {
    clearTimeout(kicked);
    kicked = undefined;
    clearInterval(timer);
    timer = undefined;
    cursor = undefined;
    holes.clear();
  }

  function tick() {
    if (listeners.size === 0 && Date.now() - lastAsked > IDLE_MS) return halt();
    read();
  }

  function read() {
    if (!cursor) return;
    if (reading) {
      readAgain = true;
      return;
    }
    reading = readOnce()
      .catch((error: unknown) => {
        if (cursor) console.error('[sayso] live changes:', error);
      })
      .finally(() => {
        reading = undefined;
        if (readAgain) {
          readAgain = false;
          read();
        }
      });
  }

  async function readOnce() {
    const reading = cursor;
    if (!reading) return;
    let from = await reading;
    for (;;) {
      const page = await eventsAfter(db, { after: from, limit: PAGE });
      const end = readableEnd(from, page.map((event) => event.sequence), holes, Date.now());
      if (end === from || cursor !== reading) return;
      const events = page.filter((event) => event.sequence <= end);
      const keys = [...new Set([...listeners].flatMap((listener) => (listener.key ? [listener.key] : [])))];
      const bellsMayHaveChanged = events.some((event) => !SILENT_FOR_BELLS.has(event.type));
      const batch: LiveBatch = {
        changes: liveChangesOf(events),
        last: end,
        unread: bellsMayHaveChanged ? await unreadCountsOf(db, keys) : undefined,
      };
      if (cursor !== reading) return;
      from = end;
      cursor = Promise.resolve(end);
      for (const listener of listeners) listener.deliver(batch);
      if (page.length < PAGE || end < page.at(-1)!.sequence) return;
    }
  }

  return {
    heartbeatMs: options.heartbeatMs ?? HEARTBEAT_MS,
    get listeners() {
      return listeners.size;
    },
    async listen(listener) {
      // Added when the position is known, with nothing read in between: no batch is missed or doubled.
      const position = await start();
      listeners.add(listener);
      return { position: await (cursor ?? position), stop: () => void listeners.delete(listener) };
    },
    position: start,
    kick: () => {
      kicked ??= setTimeout(() => {
        kicked = undefined;
        read();
      }, KICK_DELAY_MS);
    },
    async stop() {
      halt();
      listeners.clear();
      await reading;
    },
  };
}
