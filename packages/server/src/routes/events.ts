import { SaysoError, type LiveChange } from '@sayso/core';
import type { Context } from 'hono';
import { streamSSE, type SSEStreamingApi } from 'hono/streaming';
import type { AppEnv } from '../app-env.js';
import { liveChangeSchema, livePollQuery, livePollSchema, liveStreamHeaders, liveStreamQuery } from '../schemas.js';
import { HEARTBEAT_MS, boardChangesAfter, unreadCountFor, type LiveBatch, type LiveEntry } from '../services/live-changes.js';
import { anyone } from './access.js';
import { operation, router } from './operation.js';

// Live changes: what a board's visitors see change (ideas created, edited, voted on, moved,
// merged) and the caller's own unread count, read from the event log by the process's one reader
// (services/live-changes.ts). Only what any visitor of the board could see is sent: the idea and
// the kind of change, never who made it; the unread count is the caller's own.

/** The reconnection delay the stream asks browsers to wait (the SSE `retry:` field). */
const RETRY_MS = 2000;

const LIVE_DESCRIPTION =
  'Each change is `{ type: "post", board, postId, change }` (`created`, `updated`, `status`, `votes`, `merged`, `unmerged`: ' +
  're-read the idea or the list) or `{ type: "notifications", unreadCount }` (the caller\'s bell). Ids are positions in the ' +
  'event log; a burst of changes of one idea is one change, at the position of its last.';

const stream = operation({
  method: 'get', path: '/events/stream', tag: 'events', access: anyone, errors: [400, 404],
  summary: 'Live changes of a board and of the caller\'s notifications, as server-sent events',
  description:
    `${LIVE_DESCRIPTION} The stream opens with \`retry:\` and a \`ready\` event whose id is where it starts (after what ` +
    'Last-Event-ID resumed), then the caller\'s unread count when they have an identity; it sends a comment line every ' +
    `${HEARTBEAT_MS / 1000} s. Send the same credentials as to every other route (a fetch stream: EventSource cannot send ` +
    'headers). Behind a proxy that buffers responses, poll `GET /events` instead.',
  request: { query: liveStreamQuery, headers: liveStreamHeaders },
  response: {
    status: 200,
    mediaType: 'text/event-stream',
    description: 'Not cached, not buffered (`X-Accel-Buffering: no`); each event\'s id is its position in the event log.',
    schema: liveChangeSchema,
  },
});

const poll = operation({
  method: 'get', path: '/events', tag: 'events', access: anyone, errors: [400, 404],
  summary: 'Live changes since a position in the event log, for clients that poll',
  description:
    `${LIVE_DESCRIPTION} The same changes as the stream, for a client whose stream is buffered: send \`last\` back as ` +
    '`after` every few seconds. The caller\'s unread count comes with every answer when they have an identity.',
  request: { query: livePollQuery },
  response: { status: 200, description: 'The changes after `after`, oldest first, and where to go on from.', schema: livePollSchema },
});

/** A board named must exist; every board is public, so any caller may watch it. */
async function assertBoardExists(c: Context<AppEnv>, board: string | undefined): Promise<void> {
  if (board !== undefined && (await c.var.boardPolicies.ofBoard(board)) === undefined) {
    throw new SaysoError('not_found', `There is no board "${board}".`);
  }
}

const send = (sse: SSEStreamingApi, entry: LiveEntry) => sse.writeSSE({ id: String(entry.id), data: JSON.stringify(entry.change) });

const bell = (id: number, unreadCount: number): LiveEntry => ({ id, change: { type: 'notifications', unreadCount } });

const onBoard = (board: string | undefined) => (entry: LiveEntry) => board !== undefined && (entry.change as Extract<LiveChange, { type: 'post' }>).board === board;

export const eventRoutes = () =>
  router()
    .openapi(stream, async (c) => {
      const { board } = c.req.valid('query');
      const resumeAfter = c.req.valid('header')['last-event-id'];
      await assertBoardExists(c, board);
      const { db, liveChanges } = c.var;
      const key = c.var.caller.key;
      c.header('X-Accel-Buffering', 'no');
      const events = streamSSE(c, async (sse) => {
        const batches: LiveBatch[] = [];
        let wake = () => {};
        const listening = await liveChanges.listen({
          key,
          deliver: (batch) => {
            batches.push(batch);
            wake();
          },
        });
        sse.onAbort(() => {
          listening.stop();
          wake();
        });
        const heartbeat = setInterval(() => void sse.write(': keep-alive\n\n'), liveChanges.heartbeatMs);
        try {
          await sse.write(`retry: ${RETRY_MS}\n\n`);
          // What was missed: up to where this stream's batches start, so nothing comes twice.
          let after = resumeAfter ?? listening.position;
          while (board !== undefined && after < listening.position && !sse.aborted) {
            const page = await boardChangesAfter(db, { board, after, upTo: listening.position });
            for (const entry of page.entries) await send(sse, entry);
            after = page.last;
          }
          // Another process's reader may be a moment ahead of this one's: what the client has
          // already received from it is not sent again.
          const received = Math.max(resumeAfter ?? 0, listening.position);
          await sse.writeSSE({ event: 'ready', id: String(received), data: '{}' });
          let unread = key ? await unreadCountFor(db, key) : undefined;
          if (key) await send(sse, bell(received, unread!));
          while (!sse.aborted) {
            const batch = batches.shift();
            if (!batch) {
              await new Promise<void>((resolve) => (wake = resolve));
              continue;
            }
            for (const entry of batch.changes.filter(onBoard(board))) if (entry.id > received) await send(sse, entry);
            if (key && batch.unread) {
              const now = batch.unread.get(key) ?? 0;
              if (now !== unread) await send(sse, bell(Math.max(batch.last, received), (unread = now)));
            }
          }
        } finally {
          clearInterval(heartbeat);
          listening.stop();
        }
      });
      // The typed answers of @hono/zod-openapi are JSON ones; the document says text/event-stream.
      return events as never;
    })
    .openapi(poll, async (c) => {
      const { board, after } = c.req.valid('query');
      await assertBoardExists(c, board);
      const { db, liveChanges } = c.var;
      const key = c.var.caller.key;
      const upTo = await liveChanges.position();
      let page = { entries: [] as LiveEntry[], last: Math.max(upTo, after ?? 0) };
      if (board !== undefined && after !== undefined && after < upTo) page = await boardChangesAfter(db, { board, after, upTo });
      const items = key ? [...page.entries, bell(page.last, await unreadCountFor(db, key))] : page.entries;
      return c.json({ items: items.map((item) => ({ id: String(item.id), change: item.change })), last: String(page.last) }, 200);
    });
