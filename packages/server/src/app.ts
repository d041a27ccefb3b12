import { serveStatic } from '@hono/node-server/serve-static';
import {
  HTTP_STATUS_BY_ERROR_CODE,
  SaysoError,
  encodeOffsetCursor,
  errorCodeForHttpStatus,
  type Page,
  type SaysoErrorCode,
} from '@sayso/core';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Database } from './db/database.js';
import * as queries from './db/queries.js';
import { createRateLimiter, type RateLimitOptions } from './rate-limit.js';
import { listCommentsQuery, listPostsQuery, newCommentInput, newPostInput, parseInput } from './schemas.js';

/** A folder of files served under a URL prefix, e.g. the example host page at `/`. */
export interface StaticRoute {
  /** URL prefix, e.g. `/` or `/assets`. */
  prefix: string;
  /** Directory on disk; `index.html` answers for the folder itself. */
  dir: string;
}

/** What {@link createApp} needs. */
export interface AppOptions {
  db: Database;
  /** Served after the API, in order; a file missing in one folder is looked up in the next. */
  staticRoutes?: StaticRoute[];
  /** Largest request body accepted, in bytes (default 64 KB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Writes (POST, DELETE) allowed per visitor and window; unlimited when absent. */
  rateLimit?: RateLimitOptions;
}

type AppEnv = { Variables: { voter: string | null } };

/** The prefix of every API route. */
export const API_PREFIX = '/api/v1';

/** The header carrying the visitor's private, opaque id (until signed tokens replace it). */
export const VOTER_HEADER = 'X-Sayso-Voter';

/** What a voter id may look like: 8–128 letters, digits, `-` or `_`. */
export const VOTER_ID_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

const statusOf = (code: SaysoErrorCode) => HTTP_STATUS_BY_ERROR_CODE[code] as ContentfulStatusCode;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The JSON every error response carries. */
export interface ErrorBody {
  error: { code: SaysoErrorCode; message: string; details?: Readonly<Record<string, unknown>> };
}

const errorBody = (code: SaysoErrorCode, message: string, details?: Readonly<Record<string, unknown>>): ErrorBody => ({
  error: details && Object.keys(details).length > 0 ? { code, message, details } : { code, message },
});

/** A post id from the path; a malformed one is simply a post that does not exist. */
function postIdParam(c: Context<AppEnv>): string {
  const id = c.req.param('id') ?? '';
  if (!UUID.test(id)) throw new SaysoError('not_found', `There is no post "${id}".`);
  return id.toLowerCase();
}

function requireVoter(c: Context<AppEnv>): string {
  const voter = c.get('voter');
  if (!voter) {
    throw new SaysoError(
      'unauthorized',
      `Send an ${VOTER_HEADER} header: an id of 8 to 128 letters, digits, "-" or "_".`,
    );
  }
  return voter;
}

async function readJson(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SaysoError('invalid_input', 'The request body is not valid JSON.');
  }
}

const page = <T>(slice: queries.Slice<T>, offset: number, limit: number): Page<T> => ({
  items: slice.items,
  nextCursor: slice.hasMore ? encodeOffsetCursor(offset + limit) : null,
});

/**
 * The reference server as a Hono app: the REST API under `/api/v1`, then any static folders.
 * Responses are shaped exactly like the core types; errors are always
 * `{ "error": { "code", "message", "details"? } }`.
 */
export function createApp(options: AppOptions): Hono<AppEnv> {
  const { db } = options;
  const app = new Hono<AppEnv>();
  const maxSize = options.maxBodyBytes ?? 64 * 1024;

  // Boards are embedded in other sites: any origin may call the API. No cookies are used, so
  // a wildcard origin exposes nothing.
  app.use(
    `${API_PREFIX}/*`,
    cors({ origin: '*', allowHeaders: ['Content-Type', VOTER_HEADER], exposeHeaders: ['Retry-After'], maxAge: 600 }),
  );
  app.use(
    `${API_PREFIX}/*`,
    bodyLimit({
      maxSize,
      onError: (c) =>
        c.json(errorBody('invalid_input', `The request body is larger than ${maxSize} bytes.`, { maxBytes: maxSize }), 413),
    }),
  );
  app.use(`${API_PREFIX}/*`, async (c, next) => {
    const raw = c.req.header(VOTER_HEADER);
    c.set('voter', raw !== undefined && VOTER_ID_PATTERN.test(raw) ? raw : null);
    await next();
  });
  if (options.rateLimit) {
    const limiter = createRateLimiter(options.rateLimit);
    app.use(`${API_PREFIX}/*`, async (c, next) => {
      const voter = c.get('voter');
      if (voter && (c.req.method === 'POST' || c.req.method === 'DELETE')) {
        const wait = limiter.hit(voter);
        if (wait !== undefined) {
          c.header('Retry-After', String(wait));
          throw new SaysoError('rate_limited', `Too many changes at once; try again in ${wait} s.`, {
            retryAfterSeconds: wait,
          });
        }
      }
      await next();
    });
  }

  app.get(`${API_PREFIX}/boards`, async (c) => c.json(await queries.listBoards(db)));

  app.get(`${API_PREFIX}/boards/:board/posts`, async (c) => {
    const query = parseInput(listPostsQuery, c.req.query());
    const slice = await queries.listPosts(db, {
      board: c.req.param('board'),
      sort: query.sort,
      offset: query.cursor,
      limit: query.limit,
      viewer: c.get('voter'),
    });
    return c.json(page(slice, query.cursor, query.limit));
  });

  app.post(`${API_PREFIX}/boards/:board/posts`, async (c) => {
    const voter = requireVoter(c);
    const input = parseInput(newPostInput, await readJson(c));
    const post = await queries.createPost(db, { board: c.req.param('board'), ...input, voter });
    return c.json(post, 201);
  });

  app.get(`${API_PREFIX}/posts/:id`, async (c) => {
    const postId = postIdParam(c);
    const post = await queries.findPost(db, postId, c.get('voter'));
    if (!post) throw new SaysoError('not_found', `There is no post "${postId}".`);
    return c.json(post);
  });

  app.post(`${API_PREFIX}/posts/:id/votes`, async (c) => {
    const postId = postIdParam(c);
    return c.json(await queries.setVote(db, { postId, voter: requireVoter(c), voted: true }));
  });

  app.delete(`${API_PREFIX}/posts/:id/votes`, async (c) => {
    const postId = postIdParam(c);
    return c.json(await queries.setVote(db, { postId, voter: requireVoter(c), voted: false }));
  });

  app.get(`${API_PREFIX}/posts/:id/comments`, async (c) => {
    const postId = postIdParam(c);
    const query = parseInput(listCommentsQuery, c.req.query());
    const slice = await queries.listComments(db, { postId, offset: query.cursor, limit: query.limit });
    return c.json(page(slice, query.cursor, query.limit));
  });

  app.post(`${API_PREFIX}/posts/:id/comments`, async (c) => {
    const postId = postIdParam(c);
    const voter = requireVoter(c);
    const input = parseInput(newCommentInput, await readJson(c));
    return c.json(await queries.addComment(db, { postId, body: input.body, voter }), 201);
  });

  for (const route of options.staticRoutes ?? []) {
    const prefix = route.prefix.replace(/\/+$/, '');
    app.use(
      `${prefix}/*`,
      serveStatic({
        root: route.dir,
        rewriteRequestPath: (path) => (prefix && path.startsWith(prefix) ? path.slice(prefix.length) || '/' : path),
      }),
    );
  }

  app.notFound((c) => c.json(errorBody('not_found', `There is no route ${c.req.method} ${c.req.path}.`), 404));

  app.onError((error, c) => {
    if (error instanceof SaysoError) return c.json(errorBody(error.code, error.message, error.details), statusOf(error.code));
    if (error instanceof HTTPException) {
      const status = error.status as ContentfulStatusCode;
      return c.json(errorBody(errorCodeForHttpStatus(status), error.message || 'The request was refused.'), status);
    }
    // PostgreSQL's class 22 "data exception" (a NUL character in text, a value out of range)
    // means the input could not be stored: the request is at fault, not the server.
    const sqlState = (error as { code?: unknown }).code;
    if (typeof sqlState === 'string' && /^22[0-9A-Z]{3}$/.test(sqlState)) {
      return c.json(errorBody('invalid_input', 'The request holds a value that cannot be stored.'), 400);
    }
    console.error('[sayso] unexpected error on', c.req.method, c.req.path, error);
    return c.json(errorBody('server', 'Something went wrong on our side; please try again.'), 500);
  });

  return app;
}
