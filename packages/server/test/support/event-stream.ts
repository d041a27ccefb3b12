import { createParser, type EventSourceMessage } from 'eventsource-parser';

/** A server-sent event stream read over real HTTP with fetch, as a browser's adapter reads it. */
export interface EventStream {
  response: Response;
  /** Every event received so far, in order. */
  events: EventSourceMessage[];
  /** Comment lines (heartbeats) received so far. */
  comments: string[];
  /** The `retry:` hint, once received. */
  retry: number | undefined;
  /** Resolves with the first event from index `from` on that `matches`; rejects after `timeoutMs`. */
  next(matches: (event: EventSourceMessage) => boolean, options?: { from?: number; timeoutMs?: number }): Promise<EventSourceMessage>;
  close(): void;
}

/** Opens `url` as a stream of server-sent events with `headers`. */
export async function openEventStream(url: string, headers: Record<string, string> = {}): Promise<EventStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers: { Accept: 'text/event-stream', ...headers }, signal: controller.signal });
  const waiting = new Set<() => void>();
  const stream: EventStream = {
    response,
    events: [],
    comments: [],
    retry: undefined,
    next: (matches, options = {}) =>
      new Promise((resolve, reject) => {
        const look = () => {
          const found = stream.events.slice(options.from ?? 0).find(matches);
          if (!found) return false;
          waiting.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const check = () => void look();
        const timer = setTimeout(() => {
          waiting.delete(check);
          reject(new Error(`no matching event within ${options.timeoutMs ?? 5000} ms; got ${JSON.stringify(stream.events)}`));
        }, options.timeoutMs ?? 5000);
        if (!look()) waiting.add(check);
      }),
    close: () => controller.abort(),
  };
  const parser = createParser({
    onEvent: (event) => {
      stream.events.push(event);
      for (const check of [...waiting]) check();
    },
    onComment: (comment) => stream.comments.push(comment),
    onRetry: (retry) => (stream.retry = retry),
  });
  if (response.ok && response.body) {
    void (async () => {
      const decoder = new TextDecoder();
      try {
        for await (const chunk of response.body!) parser.feed(decoder.decode(chunk as Uint8Array, { stream: true }));
      } catch {
        // Aborted by close().
      }
    })();
  }
  return stream;
}

/** The changes (data of unnamed events) a stream received. */
export const changesOf = (stream: EventStream) =>
  stream.events.filter((event) => event.event === undefined).map((event) => ({ id: event.id, ...JSON.parse(event.data) }));
