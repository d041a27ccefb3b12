import {
  SaysoError,
  createMemoryOutboxStorage,
  type OutboxChannel,
  type OutboxEntry,
  type OutboxOptions,
  type OutboxSettlement,
  type OutboxStorage,
  type SaysoErrorCode,
} from '@sayso/core';
import { createStore, del, set, values, type UseStore } from 'idb-keyval';
import { outboxDatabaseName } from './outbox-database.js';

/**
 * Outbox entries in IndexedDB (database `name`, object store `entries`, keyed by entry id), so
 * they survive a reload and every tab of the origin sees the same ones. Where IndexedDB is
 * missing or fails (server rendering, some private modes, a full disk), the entries are kept in
 * memory instead: changes still wait for the connection, only not across a reload.
 */
export function indexedDbOutboxStorage(name: string): OutboxStorage {
  const memory = createMemoryOutboxStorage();
  // Opened on first use, never while an element is created or rendered.
  let database: UseStore | null | undefined;
  const open = () => {
    if (database === undefined) {
      try {
        database = typeof indexedDB === 'undefined' ? null : createStore(name, 'entries');
      } catch {
        database = null;
      }
    }
    return database;
  };
  const either = async <T>(onDisk: (store: UseStore) => Promise<T>, inMemory: () => Promise<T>): Promise<T> => {
    const store = open();
    if (store) {
      try {
        return await onDisk(store);
      } catch {
        database = null;
      }
    }
    return inMemory();
  };
  return {
    getAll: () => either((store) => values<OutboxEntry>(store), memory.getAll),
    put: (entry) => either((store) => set(entry.id, entry, store), () => memory.put(entry)),
    delete: (id) => either((store) => del(id, store), () => memory.delete(id)),
  };
}

/** A settlement as it crosses a `BroadcastChannel`, which would drop a SaysoError's code. */
type SettlementMessage = Omit<OutboxSettlement, 'error'> & {
  error?: { code: SaysoErrorCode; message: string; details: Record<string, unknown> };
};

/**
 * Settlements told to every other client over the same outbox, in this page or another tab of
 * the origin, through a `BroadcastChannel` called `name`; `undefined` where there is none.
 */
export function broadcastOutboxChannel(name: string): OutboxChannel | undefined {
  if (typeof BroadcastChannel === 'undefined') return undefined;
  const channel = new BroadcastChannel(name);
  return {
    post: (settlement) => {
      const message: SettlementMessage =
        'error' in settlement
          ? { ...settlement, error: { code: settlement.error.code, message: settlement.error.message, details: { ...settlement.error.details } } }
          : settlement;
      channel.postMessage(message);
    },
    listen: (listener) => {
      const onMessage = ({ data }: MessageEvent<SettlementMessage>) => {
        const { error, ...rest } = data;
        listener((error ? { ...rest, error: new SaysoError(error.code, error.message, error.details) } : rest) as OutboxSettlement);
      };
      channel.addEventListener('message', onMessage);
      return () => channel.removeEventListener('message', onMessage);
    },
  };
}

/**
 * The outbox of a client talking to the Sayso server at `apiUrl`, shared by the tabs of this
 * origin: entries in IndexedDB, one flush at a time across tabs with Web Locks where the browser
 * has them (secure contexts), and what one client sent told to the others (BroadcastChannel).
 * Without Web Locks two tabs may both send an entry; the server answers the second from its
 * idempotency-key memory, so it still happens once.
 */
export function browserOutbox(apiUrl: string): OutboxOptions {
  const name = outboxDatabaseName(apiUrl);
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  const channel = broadcastOutboxChannel(name);
  return {
    storage: indexedDbOutboxStorage(name),
    lockName: name,
    ...(channel ? { channel } : {}),
    ...(locks
      ? {
          lock: async (lockName: string, work: () => Promise<void>) => {
            await locks.request(lockName, work);
          },
        }
      : {}),
  };
}

/**
 * Whether the browser says it has no network at all, as opposed to a server that cannot be
 * reached: both fail a request the same way, but the visitor should hear which one it is.
 */
export const browserIsOffline = (): boolean => globalThis.navigator?.onLine === false;
