// Loaded by <sayso-provider> only when something first needs its client (an element inside asks
// for it, the host calls `getClient()`, or an earlier visit left changes waiting), so a page that
// shows nothing but a launcher does not download the client, the HTTP adapter and the outbox
// before anyone clicks.
import { createHttpAdapter, type HttpAdapterOptions } from '@sayso/adapter-http';
import { createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { browserOutbox } from '../../internal/browser-outbox.js';

/** What a provider makes its client from: a host's adapter, or the URL of a Sayso server. */
export type ClientSource =
  | { adapter: SaysoAdapter }
  | { url: string; token: string | undefined; getToken: HttpAdapterOptions['getToken'] | undefined };

/**
 * A client of its own for `source`. A server's client keeps its outbox in IndexedDB, shared by
 * the origin's tabs; an adapter's keeps it in memory, since only the host knows who that adapter
 * acts for.
 */
export function clientFor(source: ClientSource): SaysoClient {
  if ('adapter' in source) return createSaysoClient({ adapter: source.adapter });
  const { url, token, getToken } = source;
  return createSaysoClient({ adapter: createHttpAdapter({ baseUrl: url, token, getToken }), outbox: browserOutbox(url) });
}
