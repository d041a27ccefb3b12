import { createStore, keys } from 'idb-keyval';

/**
 * The IndexedDB database (and Web Lock, and BroadcastChannel) of the outbox of clients talking to
 * the Sayso server at `apiUrl`: one per server, whatever relative form the URL was given in.
 */
export function outboxDatabaseName(apiUrl: string): string {
  const base = typeof location === 'undefined' ? undefined : location.href;
  return `sayso-outbox:${base ? new URL(apiUrl, base).href : apiUrl}`;
}

/**
 * Whether an earlier visit left votes or ideas waiting in the outbox for `apiUrl`. Small on
 * purpose (no client, no adapter): a page asks it when it loads, before anyone opens Sayso, to
 * send what waits without downloading the client for nothing. It does not create the database
 * where the browser can tell it does not exist; any failure reads as "nothing waits".
 */
export async function hasWaitingChanges(apiUrl: string): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false;
  const name = outboxDatabaseName(apiUrl);
  try {
    if ('databases' in indexedDB && !(await indexedDB.databases()).some((database) => database.name === name)) return false;
    return (await keys(createStore(name, 'entries'))).length > 0;
  } catch {
    return false;
  }
}
