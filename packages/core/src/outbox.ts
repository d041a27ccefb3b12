import { atom, type ReadableAtom } from 'nanostores';
import { SaysoError, toSaysoError, type SaysoErrorCode } from './errors.js';
import { newIdempotencyKey } from './idempotency-key.js';
import type { Post, VoteResult } from './types.js';

interface OutboxEntryBase {
  /** Stable per intent: one idea, or the vote of one post (`vote:<postId>`, the latest wins). */
  id: string;
  /** Sent as the adapter's `idempotencyKey` on every attempt, so the change happens once. */
  idempotencyKey: string;
  /** ISO 8601; entries are sent oldest first. */
  createdAt: string;
  /** How many of its attempts failed in a way worth retrying. */
  attempts: number;
  /**
   * Why it is still waiting: the error of the last attempt (its own, or of an entry ahead of it
   * that stopped the flush), e.g. `network` when offline. Absent while nothing has failed, so a
   * UI tells a change that was shown as waiting from one that is simply being sent.
   */
  lastError?: { code: SaysoErrorCode; message: string };
}

/**
 * Every kind of change the outbox carries: what an entry of it holds (`params`), and what the
 * backend's answer adds to its settlement. A new kind is declared here (or, from another module,
 * by merging into this interface) and registered as an {@link OutboxKind}.
 */
export interface OutboxChanges {
  /** An idea waiting to be posted. */
  createPost: { params: { board: string; title: string; body: string }; answer: { post: Post } };
  /** The visitor's latest vote (or taking it back) on one post, waiting to be sent. */
  setVote: { params: { postId: string; voted: boolean }; answer: { result: VoteResult } };
}

export type OutboxChangeKind = keyof OutboxChanges;

/** A change the visitor made that the backend has not confirmed yet. */
export type OutboxEntry<K extends OutboxChangeKind = OutboxChangeKind> = {
  [Kind in K]: OutboxEntryBase & { kind: Kind; params: OutboxChanges[Kind]['params'] };
}[K];

/** An idea waiting to be posted. */
export type OutboxCreatePost = OutboxEntry<'createPost'>;

/** The visitor's latest vote (or taking it back) on one post, waiting to be sent. */
export type OutboxSetVote = OutboxEntry<'setVote'>;

/**
 * Where outbox entries are kept. In browsers an IndexedDB store, so entries survive a reload
 * and are shared by the tabs of one origin; {@link createMemoryOutboxStorage} elsewhere.
 */
export interface OutboxStorage {
  getAll(): Promise<OutboxEntry[]>;
  /** Adds the entry, or replaces the one with the same `id`. */
  put(entry: OutboxEntry): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * Runs `work` while holding the lock called `name`, waiting for any other holder first; resolves
 * when `work` is done. In browsers, `navigator.locks.request` (Web Locks) holds across the tabs
 * of an origin.
 */
export type OutboxLock = (name: string, work: () => Promise<void>) => Promise<void>;

/** How an entry left the outbox: sent (with the backend's answer) or refused for good. */
export type OutboxSettlement<K extends OutboxChangeKind = OutboxChangeKind> =
  | { [Kind in K]: { entry: OutboxEntry<Kind> } & OutboxChanges[Kind]['answer'] }[K]
  | { entry: OutboxEntry<K>; error: SaysoError };

/**
 * What one kind of change means: how it is sent and how its outcome shows. Registering one is all
 * a new kind of change needs; the outbox keeps, orders, retries and shares it like any other.
 */
export interface OutboxKind<K extends OutboxChangeKind = OutboxChangeKind> {
  kind: K;
  /**
   * The id of a change of this kind: a change replaces a waiting one with the same id (the vote
   * on one post: the latest wins). Default: every change is its own.
   */
  id?(params: OutboxChanges[K]['params']): string;
  /** Makes the backend call for an entry, repeating its `idempotencyKey` on every attempt. */
  send(entry: OutboxEntry<K>): Promise<OutboxChanges[K]['answer']>;
  /**
   * Shows how an entry left the outbox: sent by this client or, through the channel, by another
   * one over the same storage (another provider, another tab), so both show it alike.
   */
  settle(settlement: OutboxSettlement<K>): void;
}

/** One registration of each kind of change, whatever the kind. */
export type AnyOutboxKind = { [K in OutboxChangeKind]: OutboxKind<K> }[OutboxChangeKind];

/**
 * Tells the other clients over the same storage (another provider on the page, another tab)
 * that an entry left the outbox, so they show it as sent (or refused) too. In browsers a
 * `BroadcastChannel` named after the storage.
 */
export interface OutboxChannel {
  post(settlement: OutboxSettlement): void;
  /** Calls `listener` for each settlement another client posted; returns the unsubscribe function. */
  listen(listener: (settlement: OutboxSettlement) => void): () => void;
}

/** How a client keeps unconfirmed changes; see {@link createSaysoClient}. */
export interface OutboxOptions {
  /** Default: in memory, so changes survive a failing backend but not a reload. */
  storage?: OutboxStorage;
  /** Default: none, which is right for one page per storage (an in-memory one). */
  lock?: OutboxLock;
  /** Name of the lock; give every storage its own. Default `sayso-outbox`. */
  lockName?: string;
  /** Default: none, which is right when no other client shares the storage. */
  channel?: OutboxChannel;
  /**
   * Milliseconds to wait before trying again after `failures` failed rounds in a row. Default:
   * 1 s doubling up to 30 s, or longer when the backend asked to wait (`retryAfterSeconds`).
   */
  retryDelayMs?: (failures: number, error: SaysoError) => number;
}

/** The changes of one client that wait to be sent; shared by every element of that client. */
export interface Outbox {
  /** Entries not sent yet, oldest first, as last read from storage. */
  readonly $entries: ReadableAtom<OutboxEntry[]>;
  /**
   * Sends every waiting entry in order, stopping at the first that fails in a way worth
   * retrying (it is tried again later, with backoff). Never runs twice at once: a call during a
   * flush resolves when that flush, and one more round after it, are done.
   */
  flush(): Promise<void>;
  /**
   * Calls `listener` whenever an entry leaves the outbox, sent by this client or (through the
   * channel) by another one over the same storage; returns the unsubscribe function.
   */
  onSettled(listener: (settlement: OutboxSettlement) => void): () => void;
}

// Core is typed without the DOM or Node, but every runtime it runs in has these.
const runtime = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  structuredClone<T>(value: T): T;
};

/** Entries kept in memory, copied on the way in and out as a real store does. */
export function createMemoryOutboxStorage(): OutboxStorage {
  const entries = new Map<string, OutboxEntry>();
  return {
    getAll: async () => [...entries.values()].map((entry) => runtime.structuredClone(entry)),
    put: async (entry) => void entries.set(entry.id, runtime.structuredClone(entry)),
    delete: async (id) => void entries.delete(id),
  };
}

/**
 * Whether a failed send is worth trying again as it is: no answer, a failing or overloaded
 * backend, or the same idempotency key still being processed by an attempt the browser gave up on.
 */
export function isRetryableSendError(error: SaysoError): boolean {
  return error.retryable || (error.code === 'conflict' && error.details.retryAfterSeconds !== undefined);
}

const defaultRetryDelayMs = (failures: number, error: SaysoError) => {
  const asked = Number(error.details.retryAfterSeconds ?? 0) * 1000;
  return Math.max(asked, Math.min(30_000, 1000 * 2 ** (failures - 1)));
};

const oldestFirst = (a: OutboxEntry, b: OutboxEntry) =>
  a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;

/**
 * The outbox machinery: storage, order, one flush at a time, backoff. What an entry means is up
 * to its registered {@link OutboxKind}, which makes the adapter call and shows the answer when the
 * entry settles, so answers that another client got (through the channel) show alike.
 *
 * Exactly once rests on the idempotency key, which every attempt of an entry repeats: an attempt
 * whose answer was lost is answered from the backend's memory of the key (the reference server
 * keeps keys 24 hours). The lock only saves duplicate requests between tabs.
 */
export function createOutbox(options: OutboxOptions = {}): Outbox & {
  /** Teaches the outbox a kind of change; entries of kinds it does not know wait, unsent. */
  register(kind: AnyOutboxKind): void;
  /** Stores an entry (replacing one with the same id); it is sent by the next flush. */
  enqueue(entry: OutboxEntry): Promise<void>;
  /**
   * Writes a change first, so not even an unloaded page loses it, then sends the outbox.
   * Resolves with the backend's answer to it; rejects with its refusal, or with an error for
   * which `wasQueued(error)` is true while it waits to be sent.
   */
  submit<K extends OutboxChangeKind>(kind: K, params: OutboxChanges[K]['params']): Promise<OutboxChanges[K]['answer']>;
} {
  const storage = options.storage ?? createMemoryOutboxStorage();
  const lockName = options.lockName ?? 'sayso-outbox';
  const retryDelayMs = options.retryDelayMs ?? defaultRetryDelayMs;
  const $entries = atom<OutboxEntry[]>([]);
  const listeners = new Set<(settlement: OutboxSettlement) => void>();
  const kinds = new Map<OutboxChangeKind, AnyOutboxKind>();
  let running: Promise<void> | undefined;
  let again = false;
  let failures = 0;
  let retryTimer: unknown;

  const read = async () => {
    const entries = (await storage.getAll()).sort(oldestFirst);
    $entries.set(entries);
    return entries;
  };

  /** The stored entry with `entry`'s id, when it is still the same attempt (same key). */
  const stillStored = async (entry: OutboxEntry) =>
    (await storage.getAll()).find((e) => e.id === entry.id && e.idempotencyKey === entry.idempotencyKey);

  /** Takes a settled entry out, unless a newer intent with the same id replaced it meanwhile. */
  const remove = async (entry: OutboxEntry) => {
    if (!(await stillStored(entry))) return;
    await storage.delete(entry.id);
    $entries.set($entries.get().filter((e) => e.id !== entry.id));
  };

  const tell = (settlement: OutboxSettlement) => {
    (kinds.get(settlement.entry.kind) as OutboxKind | undefined)?.settle(settlement);
    for (const listener of [...listeners]) listener(settlement);
  };

  const settle = (settlement: OutboxSettlement) => {
    tell(settlement);
    options.channel?.post(settlement);
  };

  const retryLater = (error: SaysoError) => {
    failures++;
    runtime.clearTimeout(retryTimer);
    retryTimer = runtime.setTimeout(() => void flush(), retryDelayMs(failures, error));
    // A pending retry must not keep a Node process (a test, a server-side client) alive.
    (retryTimer as { unref?: () => void }).unref?.();
  };

  const round = async () => {
    const entries = await read();
    for (const [index, entry] of entries.entries()) {
      // Left by a version of the page that knew more kinds: it waits for a client that knows it.
      const kind = kinds.get(entry.kind) as OutboxKind | undefined;
      if (!kind) continue;
      try {
        const sent = await kind.send(entry);
        await remove(entry);
        failures = 0;
        settle({ entry, ...sent } as OutboxSettlement);
      } catch (caught) {
        const error = toSaysoError(caught);
        if (isRetryableSendError(error)) {
          // The entries behind it wait for the same reason (usually: offline); order is kept.
          const lastError = { code: error.code, message: error.message };
          for (const waiting of entries.slice(index)) {
            const attempts = waiting === entry ? entry.attempts + 1 : waiting.attempts;
            if (await stillStored(waiting)) await storage.put({ ...waiting, attempts, lastError });
          }
          retryLater(error);
          break;
        }
        await remove(entry);
        settle({ entry, error });
      }
    }
    await read();
  };

  const flush = (): Promise<void> => {
    if (running) {
      again = true;
      return running;
    }
    runtime.clearTimeout(retryTimer);
    running = (async () => {
      do {
        again = false;
        await (options.lock ? options.lock(lockName, round) : round());
      } while (again);
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  const enqueue = async (entry: OutboxEntry) => {
    await storage.put(entry);
    $entries.set([...$entries.get().filter((e) => e.id !== entry.id), entry].sort(oldestFirst));
  };

  // Another client sent (or lost) an entry of the shared storage: show the storage as it is now.
  options.channel?.listen((settlement) => {
    void read().then(() => tell(settlement), () => tell(settlement));
  });

  const onSettled: Outbox['onSettled'] = (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  };

  const register = (kind: AnyOutboxKind) => void kinds.set(kind.kind, kind);

  // Creation times strictly increase, so two changes within a millisecond keep their order.
  let lastCreatedAt = 0;

  const submit = async <K extends OutboxChangeKind>(kindName: K, params: OutboxChanges[K]['params']) => {
    const kind = kinds.get(kindName) as OutboxKind<K> | undefined;
    if (!kind) throw new Error(`The outbox has no kind of change called ${kindName}.`);
    const idempotencyKey = newIdempotencyKey();
    lastCreatedAt = Math.max(Date.now(), lastCreatedAt + 1);
    const entry = {
      id: kind.id?.(params) ?? `${kindName}:${idempotencyKey}`,
      idempotencyKey,
      createdAt: new Date(lastCreatedAt).toISOString(),
      attempts: 0,
      kind: kindName,
      params,
    } as OutboxEntry;
    let settled: OutboxSettlement | undefined;
    const stop = onSettled((settlement) => {
      if (settlement.entry.idempotencyKey === idempotencyKey) settled = settlement;
    });
    try {
      await enqueue(entry);
      await flush();
    } finally {
      stop();
    }
    if (!settled) {
      const reason = $entries.get().find((e) => e.idempotencyKey === idempotencyKey)?.lastError;
      throw queuedError(new SaysoError(reason?.code ?? 'network', reason?.message ?? 'The change waits to be sent.'));
    }
    if ('error' in settled) throw settled.error;
    const { entry: _sent, ...answer } = settled;
    return answer as OutboxChanges[K]['answer'];
  };

  return { $entries, flush, onSettled, enqueue, register, submit };
}

/** Marks a send failure whose change waits in the outbox, to be sent later. */
export function queuedError(error: SaysoError): SaysoError {
  return new SaysoError(error.code, error.message, { ...error.details, queued: true });
}

/**
 * Whether a failed `setVote` or `submitIdea` kept the change in the outbox: it was not made yet
 * (the backend could not be reached, or failed) but will be sent when it can, exactly once.
 * Show it as waiting, not as an error.
 */
export function wasQueued(error: unknown): boolean {
  return error instanceof SaysoError && error.details.queued === true;
}
