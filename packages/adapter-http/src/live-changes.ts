import type { LiveChange } from '@sayso/core';
import { createParser } from 'eventsource-parser';

// watch() of the HTTP adapter: the server's stream of live changes (GET /events/stream), read
// with fetch rather than EventSource, which cannot send the credential headers every other
// request carries. A dropped stream is opened again after a growing pause, resuming after the
// last change received (Last-Event-ID); a stream that yields nothing at all (a proxy that
// buffers responses) gives way to polling GET /events, and the stream is tried again now and
// then (the page may have moved to a network without that proxy).

/** The pace of watch(); the defaults suit a browser, tests shorten them. */
export interface LiveTiming {
  /** A stream that has sent nothing this long after it was asked for is taken as buffered: poll instead. Default 5 s. */
  bufferedAfterMs?: number;
  /** A stream silent this long (the server sends a heartbeat every 15 s) is taken as dead and opened again. Default 40 s. */
  silentAfterMs?: number;
  /** Time between two polls of GET /events. Default 5 s. */
  pollMs?: number;
  /** First pause before opening a dropped stream again; it doubles up to 30 s. Default 1 s. */
  retryMs?: number;
  /** While polling, the stream is tried again this often. Default 5 min. */
  streamAgainAfterMs?: number;
}

/** `GET /events` as the server answers it. */
export interface LivePoll {
  items: { id: string; change: LiveChange }[];
  last: string;
}

/** What {@link watchLiveChanges} needs of the adapter: the two requests, with its credentials. */
export interface LiveTransport {
  /** Opens the stream, resuming after `lastEventId` when given. */
  open(lastEventId: string | undefined, signal: AbortSignal): Promise<Response>;
  poll(after: string | undefined): Promise<LivePoll>;
}

const MAX_RETRY_MS = 30_000;

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), { once: true });
  });

/** Why a stream was given up. */
type StreamEnd = 'buffered' | 'dropped' | 'refreshed';

/**
 * Calls `onChange` with each live change until the returned function is called. The caller's
 * unread count is passed on only when it differs from the last one passed (the server sends it
 * again on each connection). `refresh` opens the stream again at once (the caller's identity changed).
 */
export function watchLiveChanges(
  transport: LiveTransport,
  onChange: (change: LiveChange) => void,
  timing: LiveTiming = {},
): { stop: () => void; refresh: () => void } {
  const bufferedAfterMs = timing.bufferedAfterMs ?? 5000;
  const silentAfterMs = timing.silentAfterMs ?? 40_000;
  const pollMs = timing.pollMs ?? 5000;
  const retryMs = timing.retryMs ?? 1000;
  const streamAgainAfterMs = timing.streamAgainAfterMs ?? 5 * 60_000;
  const stopped = new AbortController();
  let current: AbortController | undefined;
  let lastId: string | undefined;
  let unread: number | undefined;
  let refreshed = false;

  function pass(id: string, change: LiveChange) {
    lastId = id;
    if (change.type === 'notifications') {
      if (change.unreadCount === unread) return;
      unread = change.unreadCount;
    }
    onChange(change);
  }

  /** Reads one stream until it ends; says why, and whether it delivered anything. */
  async function readStream(): Promise<{ end: StreamEnd; heard: boolean }> {
    const connection = new AbortController();
    current = connection;
    const abort = () => connection.abort();
    stopped.signal.addEventListener('abort', abort, { once: true });
    let heard = false;
    let end = 'dropped' as StreamEnd;
    // Nothing within bufferedAfterMs: held by a proxy. Later, silence means a dead connection.
    let silence = setTimeout(() => ((end = 'buffered'), connection.abort()), bufferedAfterMs);
    const parser = createParser({
      onEvent: (event) => {
        if (event.id === undefined) return;
        if (event.event === 'ready') lastId = event.id;
        else if (event.event === undefined) pass(event.id, JSON.parse(event.data) as LiveChange);
      },
    });
    try {
      const response = await transport.open(lastId, connection.signal);
      if (!response.ok || !response.body) return { end, heard };
      const decoder = new TextDecoder();
      // A reader rather than `for await`: Safari's streams are not async iterable.
      const reader = response.body.getReader();
      for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
        heard = true;
        clearTimeout(silence);
        silence = setTimeout(() => connection.abort(), silentAfterMs);
        parser.feed(decoder.decode(chunk.value, { stream: true }));
      }
    } catch {
      // Refused, unreachable or aborted: the caller decides what next.
    } finally {
      clearTimeout(silence);
      stopped.signal.removeEventListener('abort', abort);
      if (refreshed) {
        refreshed = false;
        end = 'refreshed';
      }
    }
    return { end: heard && end === 'buffered' ? 'dropped' : end, heard };
  }

  /** Polls GET /events for `ms`, then hands back to the stream. */
  async function pollFor(ms: number) {
    const until = Date.now() + ms;
    let pause = pollMs;
    while (!stopped.signal.aborted && Date.now() < until) {
      try {
        const answer = await transport.poll(lastId);
        for (const item of answer.items) pass(item.id, item.change);
        lastId = answer.last;
        pause = pollMs;
      } catch {
        pause = Math.min(pause * 2, MAX_RETRY_MS);
      }
      await sleep(pause, stopped.signal);
    }
  }

  void (async () => {
    let pause = retryMs;
    while (!stopped.signal.aborted) {
      const { end, heard } = await readStream();
      if (stopped.signal.aborted) return;
      if (end === 'buffered') {
        await pollFor(streamAgainAfterMs);
        continue;
      }
      if (end === 'refreshed') continue;
      pause = heard ? retryMs : Math.min(pause * 2, MAX_RETRY_MS);
      // Spread out, so that clients dropped together do not all come back at once.
      await sleep(pause * (0.5 + Math.random() / 2), stopped.signal);
    }
  })();

  return {
    stop: () => stopped.abort(),
    refresh: () => {
      if (!current || current.signal.aborted) return;
      refreshed = true;
      current.abort();
    },
  };
}
