// Issue 3: a fast-check fuzz of paths, query strings, headers and bodies against every route of
// the API never yields a 5xx, and every answer is well formed: 4xx answers carry
// `{ error: { code, message, details? } }` with a core error code, 2xx answers are JSON.
//
// The routes are not listed here: they come from the app itself (its OpenAPI document, plus
// anything `app.routes` answers under /api/v1 that the document would miss), so a route added
// later is fuzzed without touching this file.
//
// Identity is kept to what survives the move to server-issued visitor tokens and signed JWTs:
// an admin key given to createApp (an admin acts as a user everywhere), no credentials at all,
// and garbage in Authorization, X-Sayso-Visitor and X-Sayso-Voter.
//
// Set SAYSO_FUZZ_SEED to replay a run; SAYSO_FUZZ_RUNS scales the number of requests.
import { SAYSO_ERROR_CODES } from '@sayso/core';
import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { API_PREFIX, createApp } from '../src/app.js';
import type { Database } from '../src/db/database.js';
import { createBoard } from '../src/services/boards.js';
import { seedDemo } from '../src/seed/demo.js';
import { testDatabases, type Engine } from './support/databases.js';

const databases = testDatabases();

const ADMIN_KEY = 'fuzz-admin-key-0123456789abcdef';
const FUZZ_BOARD = 'fuzz-board';
const SEED = Number(process.env.SAYSO_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const SCALE = Number(process.env.SAYSO_FUZZ_RUNS ?? 1);
/** Requests per route: PGlite in memory, then a shorter pass on PostgreSQL. */
const RUNS: Record<Engine, number> = { pglite: Math.round(200 * SCALE), postgres: Math.round(30 * SCALE) };
/** Requests with a random method on a random route (405/404 paths, HEAD, OPTIONS). */
const STRAY_RUNS: Record<Engine, number> = { pglite: Math.round(400 * SCALE), postgres: Math.round(60 * SCALE) };

const ERROR_CODES = new Set<string>(SAYSO_ERROR_CODES);
const HOSTILE_HEADERS = ['Authorization', 'X-Sayso-Visitor', 'X-Sayso-Voter', 'Idempotency-Key', 'Content-Type'] as const;

// --- Routes, from the app itself -------------------------------------------------------------

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

interface FuzzRoute {
  method: Method;
  /** OpenAPI style, relative to /api/v1: `/posts/{id}`. */
  path: string;
  params: string[];
  /** Query parameters the route documents (others are fuzzed too). */
  query: string[];
  /** Top-level properties of the documented JSON body (with their enum values, if any). */
  bodyProps: Record<string, string[] | null> | null;
}

interface OpenApiOperation {
  parameters?: Array<{ name: string; in: string }>;
  requestBody?: { content?: Record<string, { schema?: { properties?: Record<string, { enum?: unknown[] }> } }> };
}

async function discoverRoutes(app: ReturnType<typeof createApp>): Promise<FuzzRoute[]> {
  const response = await app.request(`${API_PREFIX}/openapi.json`);
  if (response.status !== 200) throw new Error(`GET ${API_PREFIX}/openapi.json answered ${response.status}`);
  const doc = (await response.json()) as { paths?: Record<string, Record<string, OpenApiOperation>> };
  const routes = new Map<string, FuzzRoute>();
  for (const [path, operations] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(operations)) {
      const upper = method.toUpperCase() as Method;
      if (!['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(upper)) continue;
      const schema = op.requestBody?.content?.['application/json']?.schema;
      routes.set(`${upper} ${path}`, {
        method: upper,
        path,
        params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: (op.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name),
        bodyProps: op.requestBody
          ? Object.fromEntries(
              Object.entries(schema?.properties ?? {}).map(([name, prop]) => [
                name,
                Array.isArray(prop.enum) ? prop.enum.filter((v): v is string => typeof v === 'string') : null,
              ]),
            )
          : null,
      });
    }
  }
  // Whatever Hono answers that the document misses is fuzzed too, with generic bodies.
  for (const route of app.routes) {
    if (route.method === 'ALL' || !route.path.startsWith(`${API_PREFIX}/`) || route.path.includes('*')) continue;
    const path = route.path.slice(API_PREFIX.length).replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
    const key = `${route.method} ${path}`;
    if (routes.has(key) || !['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(route.method)) continue;
    routes.set(key, {
      method: route.method as Method,
      path,
      params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
      query: [],
      bodyProps: route.method === 'GET' ? null : {},
    });
  }
  return [...routes.values()].sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
}

// --- Fixtures: real ids to mix into the garbage ------------------------------------------------

interface Fixtures {
  boards: string[];
  posts: string[];
  comments: string[];
  tags: string[];
  statuses: string[];
  keyIds: string[];
  cursors: string[];
  /** One consistent set: the fuzz board, its post, a comment on it, a tag on it, a key. */
  consistent: Record<string, string>;
  /** A real visitor token, when the app issues them (`POST /visitors`); else none. */
  visitorTokens: string[];
}

/** Calls the app as the admin, for setting up; fails on anything but 2xx (or a status allowed). */
const adminCaller =
  (app: ReturnType<typeof createApp>) =>
  async (method: string, path: string, body?: unknown, allow: number[] = []): Promise<any> => {
    const response = await app.request(`${API_PREFIX}${path}`, {
      method,
      headers: { Authorization: `Bearer ${ADMIN_KEY}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as any;
    if (response.status >= 300 && !allow.includes(response.status)) {
      throw new Error(`fuzz setup: ${method} ${path} answered ${response.status} ${JSON.stringify(json)}`);
    }
    return json;
  };

async function seed(db: Database, app: ReturnType<typeof createApp>, routes: FuzzRoute[]): Promise<Fixtures> {
  await seedDemo(db);
  await createBoard(db, { slug: FUZZ_BOARD, name: 'Fuzz board' });
  const call = adminCaller(app);
  const post = await call('POST', `/boards/${FUZZ_BOARD}/posts`, { title: 'Fuzz target', body: 'Seeded by the fuzz test.' });
  const comment = await call('POST', `/posts/${post.id}/comments`, { body: 'A comment to fuzz.' });
  const tag = await call('POST', `/boards/${FUZZ_BOARD}/tags`, { name: 'Fuzz tag' });
  await call('PUT', `/posts/${post.id}/tags/${tag.slug}`);
  const key = await call('POST', '/admin/keys', { label: 'fuzz' });
  const top = await call('GET', '/boards/demo/posts?limit=3');
  const fresh = await call('GET', '/boards/demo/posts?sort=new&limit=3');
  const demoPosts = top.items.map((p: { id: string }) => p.id) as string[];
  const demoComments = await call('GET', `/posts/${demoPosts[0]}/comments?limit=2`);
  const demoTags = await call('GET', '/boards/demo/tags');
  const board = await call('GET', '/boards/demo');
  // Anonymous visitors get server-issued tokens where the app has a route for them.
  const visitorTokens: string[] = [];
  if (routes.some((route) => route.method === 'POST' && route.path === '/visitors')) {
    const response = await app.request(`${API_PREFIX}/visitors`, { method: 'POST' });
    const issued = Object.values((await response.json()) as Record<string, unknown>).find((v) => typeof v === 'string');
    if (response.status < 300 && typeof issued === 'string') visitorTokens.push(issued);
  }
  return {
    boards: ['demo', FUZZ_BOARD],
    posts: [post.id, ...demoPosts],
    comments: [comment.id, ...demoComments.items.map((c: { id: string }) => c.id)],
    tags: [tag.slug, ...demoTags.map((t: { slug: string }) => t.slug)],
    statuses: board.statuses.map((s: { id: string }) => s.id),
    keyIds: [key.id],
    cursors: [top.nextCursor, fresh.nextCursor, demoComments.nextCursor].filter((c): c is string => typeof c === 'string'),
    visitorTokens,
    consistent: { board: FUZZ_BOARD, id: post.id, commentId: comment.id, tag: tag.slug, keyId: key.id },
  };
}

/**
 * Puts back what earlier fuzzing deleted (the tag, the comment, the key), so every route meets
 * live ids: the tag again, a new comment and a new key, added to the pools.
 */
async function replenish(app: ReturnType<typeof createApp>, fx: Fixtures): Promise<void> {
  const call = adminCaller(app);
  const postId = fx.consistent.id!;
  await call('POST', `/boards/${FUZZ_BOARD}/tags`, { name: 'Fuzz tag' }, [409]);
  await call('PUT', `/posts/${postId}/tags/${fx.consistent.tag}`, undefined, [404]);
  const comment = await call('POST', `/posts/${postId}/comments`, { body: 'Another comment to fuzz.' });
  const key = await call('POST', '/admin/keys', { label: 'fuzz' });
  fx.consistent.commentId = comment.id;
  fx.consistent.keyId = key.id;
  fx.comments.push(comment.id);
  fx.keyIds.push(key.id);
}

// --- Arbitraries ---------------------------------------------------------------------------

const byteString = (maxLength: number) =>
  fc.string({
    unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7f }), fc.integer({ min: 0x80, max: 0xff }), fc.constant(9)).map((c) => String.fromCharCode(c)),
    maxLength,
  });

/** Strings to break things with: unicode, NUL, lone surrogates, traversal, encodings, length. */
const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '', ' ', '..', '.', '../..', '%00', '\u0000', 'a\u0000b', '%', '%zz', '%2e%2e', '%2F', '%C3%28', '%FF',
      '\uD800', '\uDFFF', 'ａｂｃ', '🙂', '\u202E', '\uFEFF', 'null', 'undefined', 'NaN', '-1', '0', '1e309',
      '99999999999999999999999999', "'; DROP TABLE posts; --", '$1', '\\', '"', '<script>', '*', '?', '#', '&', '+',
      '00000000-0000-0000-0000-000000000000', 'ffffffff-ffff-ffff-ffff-ffffffffffff', 'DEMO', ' demo', 'demo ',
    ),
  },
  { weight: 2, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 12_000 }).map((n) => 'a'.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.integer({ min: 50, max: 3000 })).map(([s, n]) => s.repeat(n)) },
);

/** Percent-encodes UTF-8 (lone surrogates become U+FFFD) without throwing like encodeURIComponent. */
const encode = (value: string) =>
  [...new TextEncoder().encode(value)]
    .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
    .join('');

/** A value placed in a URL: percent-encoded, raw (may add segments or a query), or random bytes. */
const urlPart = (value: fc.Arbitrary<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: value.map(encode) },
    { weight: 2, arbitrary: value.map((v) => v.replace(/[\u0000-\u001f#]/g, (c) => encode(c))) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 12 }).map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')) },
  );

function paramValue(name: string, fx: Fixtures): fc.Arbitrary<string> {
  const pools: Record<string, string[]> = {
    board: fx.boards,
    id: fx.posts,
    commentId: fx.comments,
    tag: fx.tags,
    keyId: fx.keyIds,
  };
  const valid = pools[name] ?? [...fx.boards, ...fx.posts, ...fx.comments, ...fx.tags, ...fx.keyIds];
  const all = [...fx.posts, ...fx.comments, ...fx.keyIds, ...fx.boards, ...fx.tags];
  return fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...valid) },
    { weight: 1, arbitrary: fc.constantFrom(...valid).map((v) => v.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...all) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...valid), hostileString).map(([v, h]) => v + h) },
    { weight: 4, arbitrary: hostileString },
  );
}

const QUERY_KEYS = ['sort', 'cursor', 'limit', 'status', 'tag', 'q', 'offset'];

function queryValue(key: string, fx: Fixtures): fc.Arbitrary<string> {
  const known: Record<string, fc.Arbitrary<string>> = {
    sort: fc.constantFrom('top', 'new', 'trending', 'TOP', 'old', ''),
    cursor: fc.oneof(
      fc.constantFrom(...fx.cursors),
      fc.constantFrom(...fx.cursors).map((c) => c.slice(0, -1)),
      fc.base64String({ maxLength: 60 }),
      fc.constantFrom('MA', 'LTE', 'OTk5OTk5OTk5OTk5OTk5OTk5OTk5', 'eyJ0IjoiIiwiaWQiOiIifQ', 'bnVsbA', 'e30'),
      fc.integer().map((n) => Buffer.from(String(n)).toString('base64url')),
      fc.jsonValue().map((v) => Buffer.from(JSON.stringify(v) ?? '').toString('base64url')),
      fc.tuple(fc.string(), fc.string({ maxLength: 40 })).map(([t, id]) => Buffer.from(JSON.stringify({ t, id })).toString('base64url')),
      // Well-formed cursors with values at the edges: offsets up to 36^10, impossible dates.
      fc.stringMatching(/^o[0-9a-z]{1,10}$/),
      fc.constantFrom('ozzzzzzzzzz', 'o0', 'o-1'),
      fc
        .tuple(
          fc.oneof(fc.stringMatching(/^[0-9]{14}$/), fc.constantFrom('00000101000000', '99991231235959', '20240230000000', '20241301000000', '20240101246060', '29990101000000')),
          fc.stringMatching(/^[0-9]{0,9}$/),
          fc.oneof(fc.uuid(), fc.constantFrom(...fx.posts), fc.stringMatching(/^[A-Za-z0-9_-]{1,100}$/)),
        )
        .map(([at, fraction, id]) => `k${at}${fraction}.${id}`),
    ),
    limit: fc.oneof(
      fc.constantFrom('0', '1', '20', '100', '101', '-1', '1.5', '1e2', ' 5', '0x10', '999999', '9999999', '18446744073709551616'),
      fc.integer().map(String),
    ),
    offset: fc.oneof(fc.integer().map(String), fc.constantFrom('1e400', '-0')),
    status: fc.constantFrom(...fx.statuses, 'nope'),
    tag: fc.constantFrom(...fx.tags, 'nope'),
    q: fc.oneof(
      fc.constantFrom('dark', 'dark mode', '"dark mode"', '-dark', 'or', 'dark or light', '!!!', ':*', '&|!', '(', ')', '\\', "'", 'a:b', '<->', '""', '-', 'the'),
      fc.array(fc.constantFrom('dark', 'or', 'and', '-', '"', '(', ')', '!', '&', '|', ':*', '<->', ' ', 'the', 'é'), { maxLength: 12 }).map((words) => words.join('')),
    ),
  };
  return fc.oneof({ weight: 3, arbitrary: known[key] ?? hostileString }, { weight: 2, arbitrary: hostileString });
}

function queryString(route: FuzzRoute, fx: Fixtures): fc.Arbitrary<string> {
  const keys = [...new Set([...route.query, ...QUERY_KEYS])];
  // Built once per key (no chain): building arbitraries per generated value is slow.
  const known = fc.oneof(...keys.map((key) => fc.tuple(fc.constant(key), urlPart(queryValue(key, fx)))));
  const pair = fc.oneof(
    { weight: 5, arbitrary: known },
    { weight: 1, arbitrary: fc.tuple(urlPart(hostileString), urlPart(hostileString)) },
  );
  return fc.oneof(
    { weight: 2, arbitrary: fc.constant('') },
    { weight: 8, arbitrary: fc.array(pair, { minLength: 1, maxLength: 6 }).map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`) },
    { weight: 1, arbitrary: fc.constantFrom('?', '?&&', '?sort', '?limit&limit=', '?=', '?%', '?sort=top&sort=new&sort=trending', '?limit=1&limit=2') },
  );
}

/** A JSON value of the wrong sort, or a huge/odd number, as JSON text. */
const oddJsonText = fc.oneof(
  fc.constantFrom('null', 'true', '0', '-0', '1e400', '-1e400', '123456789012345678901234567890', '1.7976931348623157e308', '[]', '{}', '""', '"\\u0000"', '"\\ud800"', '[[[[[]]]]]'),
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
);

function propertyValue(prop: string, values: string[] | null, fx: Fixtures): fc.Arbitrary<string> {
  const plausible: fc.Arbitrary<string> = values?.length
    ? fc.constantFrom(...values)
    : prop === 'status'
      ? fc.constantFrom(...fx.statuses)
      : fc.oneof(
          fc.string({ unit: fc.constantFrom('a', 'b', ' ', 'é', '1', '-'), minLength: 1, maxLength: 60 }),
          fc.constantFrom('Dark mode', 'A reasonable title', '  padded  ', 'Fuzz tag', 'Mobile app'),
        );
  return fc.oneof(
    { weight: 8, arbitrary: plausible.map((s) => JSON.stringify(s)) },
    { weight: 2, arbitrary: hostileString.map((s) => JSON.stringify(s)) },
    { weight: 2, arbitrary: oddJsonText },
  );
}

/** A request body as text, or bytes (invalid UTF-8), or nothing. */
type Body = string | Uint8Array | undefined;

function body(route: FuzzRoute, fx: Fixtures): fc.Arbitrary<Body> {
  const props = Object.keys(route.bodyProps ?? {});
  const valuesOf = (name: string) => (route.bodyProps && Object.hasOwn(route.bodyProps, name) ? route.bodyProps[name]! : null);
  const names = [...props, 'body', 'title', 'name', 'label', 'status', '__proto__', 'constructor', 'extra'];
  const entry = fc.oneof(...names.map((k) => propertyValue(k, valuesOf(k), fx).map((v) => `${JSON.stringify(k)}:${v}`)));
  const shaped = fc.array(entry, { maxLength: 4 }).map((entries) => `{${entries.join(',')}}`);
  const validShaped = props.length
    ? fc
        .tuple(...props.map((p) => fc.option(propertyValue(p, valuesOf(p), fx), { freq: 4, nil: undefined }).map((v) => [p, v] as const)))
        .map((entries) => `{${entries.filter(([, v]) => v !== undefined).map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`)
    : shaped;
  const documented = route.bodyProps !== null;
  return fc.oneof(
    { weight: documented ? 10 : 1, arbitrary: validShaped },
    { weight: documented ? 4 : 1, arbitrary: shaped },
    { weight: documented ? 2 : 4, arbitrary: fc.constant(undefined) },
    { weight: 2, arbitrary: fc.json({ maxDepth: 3 }) },
    {
      weight: 2,
      arbitrary: fc.anything({ maxDepth: 3 }).map((v) => {
        try {
          return JSON.stringify(v) ?? '';
        } catch {
          return String(v);
        }
      }),
    },
    { weight: 1, arbitrary: oddJsonText },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 20_000 }).map((n) => '['.repeat(n) + ']'.repeat(n)) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 5_000 }).map((n) => `${'{"title":'.repeat(n)}"x"${'}'.repeat(n)}`) },
    {
      weight: 2,
      arbitrary: fc.oneof(
        fc.string({ maxLength: 40 }),
        fc.constantFrom('', '{', '{"title": "a', '{"title":}', "{'title':'x'}", '\uFEFF{"title":"Dark mode"}', 'title=Dark+mode', '{"title":"x"}garbage', '[1,]', 'NaN', 'Infinity'),
      ),
    },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom('{"title":"', '{"body":"', '{"name":"', '{"label":"'), fc.uint8Array({ minLength: 1, maxLength: 16 })).map(([head, bytes]) => new Uint8Array([...Buffer.from(head), ...bytes, ...Buffer.from('"}')])) },
    // Now and then an oversize body (64 KB is the default limit), inside valid JSON.
    { weight: 1, arbitrary: fc.integer({ min: 60_000, max: 70_000 }).map((n) => JSON.stringify({ title: 'Oversize', body: 'x'.repeat(n), name: 'x', label: 'x' })) },
  );
}

const jwtLike = fc
  .tuple(fc.jsonValue({ maxDepth: 1 }), fc.jsonValue({ maxDepth: 2 }), fc.base64String({ maxLength: 20 }))
  .map(([h, p, s]) => [h, p].map((x) => Buffer.from(JSON.stringify(x) ?? '').toString('base64url')).join('.') + `.${s}`);
/** Plausible JWTs that are not signed with any secret of the server (or not signed at all). */
const algNoneJwt = fc
  .tuple(
    fc.constantFrom('none', 'HS256', 'HS512', 'RS256', 'ES256'),
    fc.record(
      {
        sub: fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.constant(null)),
        exp: fc.oneof(fc.integer(), fc.double(), fc.constant(1e300), fc.constant('soon')),
        iat: fc.integer(),
        name: fc.string({ unit: 'binary', maxLength: 20 }),
        admin: fc.boolean(),
      },
      { requiredKeys: [] },
    ),
    fc.oneof(fc.constant(''), fc.base64String({ maxLength: 43 }).map((b) => b.replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_'))),
  )
  .map(([alg, p, sig]) => `${Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url')}.${Buffer.from(JSON.stringify(p)).toString('base64url')}.${sig}`);

function headers(route: FuzzRoute, fx: Fixtures): fc.Arbitrary<Record<string, string>> {
  return fc.oneof({ weight: 3, arbitrary: cleanHeaders(route, fx) }, { weight: 2, arbitrary: hostileHeaders(route, fx) });
}

/** What a well-behaved client sends: an admin key (or a visitor token, or nothing), JSON. */
function cleanHeaders(route: FuzzRoute, fx: Fixtures): fc.Arbitrary<Record<string, string>> {
  const credentials = fc.oneof(
    { weight: 6, arbitrary: fc.constant<Record<string, string>>({ Authorization: `Bearer ${ADMIN_KEY}` }) },
    { weight: fx.visitorTokens.length ? 2 : 0, arbitrary: fc.constantFrom(...fx.visitorTokens, '').map((t): Record<string, string> => ({ 'X-Sayso-Visitor': t })) },
    { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
  );
  const idempotencyKey = fc.oneof(
    { weight: 4, arbitrary: fc.constant<Record<string, string>>({}) },
    { weight: route.method === 'GET' ? 0 : 1, arbitrary: fc.oneof(fc.constantFrom('k1', 'k2'), fc.stringMatching(/^[a-z0-9]{1,16}$/)).map((k): Record<string, string> => ({ 'Idempotency-Key': k })) },
  );
  const type: Record<string, string> = route.method === 'GET' ? {} : { 'Content-Type': 'application/json' };
  return fc.tuple(credentials, idempotencyKey).map(([c, k]) => ({ ...c, ...k, ...type }));
}

type Who = 'admin' | 'anonymous' | 'garbage';

/** Garbage in every identity header, Idempotency-Key and Content-Type, mixed with valid ones. */
function hostileHeaders(route: FuzzRoute, fx: Fixtures): fc.Arbitrary<Record<string, string>> {
  /** The header `present` times in `present + absent`. */
  const optional = (value: fc.Arbitrary<string>, present: number, absent: number) =>
    fc.oneof({ weight: absent, arbitrary: fc.constant(undefined) }, { weight: present, arbitrary: value });
  const garbageAuth = fc.oneof(
    byteString(60),
    byteString(60).map((s) => `Bearer ${s}`),
    jwtLike.map((t) => `Bearer ${t}`),
    algNoneJwt.map((t) => `Bearer ${t}`),
    fc.integer({ min: 500, max: 9000 }).map((n) => `Bearer ${'k'.repeat(n)}`),
    fc.constantFrom('Bearer', 'Bearer ', 'bearer ' + ADMIN_KEY + 'x', `Bearer ${ADMIN_KEY.slice(1)}`, `Basic ${Buffer.from('admin:admin').toString('base64')}`, `Bearer ${ADMIN_KEY} ${ADMIN_KEY}`, 'Bearer sayso_admin_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'),
  );
  const who = fc.constantFrom<Who>('admin', 'admin', 'admin', 'anonymous', 'garbage', 'garbage');
  const visitor = fc.oneof(
    byteString(40),
    jwtLike,
    fc.constantFrom('v1.', 'fuzz-voter-0001', '', `Bearer ${ADMIN_KEY}`),
    // Real tokens, cut short, doubled or with one character changed.
    ...fx.visitorTokens.map((token) =>
      fc.oneof(
        fc.constant(token),
        fc.integer({ min: 0, max: token.length - 1 }).map((n) => token.slice(0, n)),
        fc.constant(`${token}${token}`),
        fc.tuple(fc.integer({ min: 0, max: token.length - 1 }), fc.constantFrom('A', '.', '-', '_', '=')).map(([i, ch]) => token.slice(0, i) + ch + token.slice(i + 1)),
      ),
    ),
  );
  const voter = fc.oneof(byteString(40), fc.constantFrom('fuzz-voter-0001', 'admin:env:x', 'short', 'x'.repeat(129)));
  const idemKey = fc.oneof(fc.constantFrom('k1', 'k2', 'same-key'), byteString(20), fc.integer({ min: 256, max: 400 }).map((n) => 'i'.repeat(n)));
  const contentType = fc.oneof(
    fc.constantFrom('application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1', '*/*'),
    byteString(40),
  );
  const wantsBody = route.method !== 'GET';
  return fc
    .tuple(
      who,
      garbageAuth,
      optional(visitor, 1, 2),
      optional(voter, 1, 2),
      optional(idemKey, 1, route.method === 'GET' ? 5 : 2),
      optional(contentType, wantsBody ? 4 : 1, wantsBody ? 1 : 3),
    )
    .map(([w, garbage, visitorHeader, voterHeader, key, type]) => {
      const h: Record<string, string> = {};
      if (w === 'admin') h.Authorization = `Bearer ${ADMIN_KEY}`;
      if (w === 'garbage') h.Authorization = garbage;
      if (visitorHeader !== undefined) h['X-Sayso-Visitor'] = visitorHeader;
      if (voterHeader !== undefined) h['X-Sayso-Voter'] = voterHeader;
      if (key !== undefined) h['Idempotency-Key'] = key;
      if (type !== undefined) h['Content-Type'] = type;
      return h;
    });
}

// --- One request, and what every answer must look like ----------------------------------------

interface FuzzRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: Body;
}

const short = (text: string, max = 240) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

/** How a request is shown in fast-check's counterexample and in failure messages. */
function show(request: FuzzRequest): string {
  const body =
    request.body === undefined
      ? '(none)'
      : typeof request.body === 'string'
        ? JSON.stringify(short(request.body))
        : `bytes ${Buffer.from(request.body).toString('hex')}`;
  return `${request.method} ${short(request.url, 400)}\n  headers: ${short(JSON.stringify(request.headers), 600)}\n  body: ${body}`;
}

function fuzzRequest(method: string, path: string, query: string, h: Record<string, string>, b: Body): FuzzRequest {
  const request: FuzzRequest = {
    method,
    url: `${API_PREFIX}${path}${query}`,
    headers: h,
    body: method === 'GET' || method === 'HEAD' ? undefined : b,
  };
  Object.defineProperty(request, fc.toStringMethod, { value: () => show(request), enumerable: false });
  return request;
}

function requestFor(route: FuzzRoute, fx: Fixtures): fc.Arbitrary<FuzzRequest> {
  return fc
    .record({
      params: fc.oneof(
        { weight: 3, arbitrary: fc.tuple(...route.params.map((name) => urlPart(paramValue(name, fx)))) },
        { weight: 1, arbitrary: fc.constant(route.params.map((name) => encode(fx.consistent[name] ?? FUZZ_BOARD))) },
      ),
      query: queryString(route, fx),
      headers: headers(route, fx),
      body: body(route, fx),
    })
    .map(({ params, query, headers: h, body: b }) => {
      let index = 0;
      const path = route.path.replace(/\{\w+\}/g, () => params[index++] ?? '');
      return fuzzRequest(route.method, path, query, h, b);
    });
}

/** Runs requests against one app and checks each answer; records 5xx errors the app logged. */
function fuzzer(appOf: () => ReturnType<typeof createApp>) {
  const logged: unknown[][] = [];
  let spy: ReturnType<typeof vi.spyOn> | undefined;
  const stats = { requests: 0, byStatus: new Map<number, number>(), byRoute: new Map<string, Map<number, number>>() };

  beforeAll(() => {
    spy = vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
      logged.push(args);
    });
  });
  afterAll(() => spy?.mockRestore());

  async function check(request: FuzzRequest, route = 'stray'): Promise<void> {
    logged.length = 0;
    stats.requests++;
    const response = await appOf().request(request.url, { method: request.method, headers: request.headers, body: request.body });
    // A live stream (GET /events/stream) never ends: its answer is judged by its type, then let go.
    if (response.status === 200 && /^text\/event-stream\b/.test(response.headers.get('content-type') ?? '')) {
      await response.body?.cancel();
      return;
    }
    const text = await response.text();
    stats.byStatus.set(response.status, (stats.byStatus.get(response.status) ?? 0) + 1);
    const perRoute = stats.byRoute.get(route) ?? new Map<number, number>();
    stats.byRoute.set(route, perRoute.set(response.status, (perRoute.get(response.status) ?? 0) + 1));
    const fail = (why: string): never => {
      const errors = logged
        .map((args) => args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
        .join('\n');
      throw new Error(
        `${why}\n${show(request)}\n  -> ${response.status} ${short(text, 600)}${errors ? `\n  server log:\n${errors}` : ''}\n  (SAYSO_FUZZ_SEED=${SEED})`,
      );
    };
    if (response.status >= 500) fail(`a ${response.status} answer`);
    if (!(response.status >= 200 && response.status < 300) && !(response.status >= 400 && response.status < 500)) {
      fail(`an unexpected status ${response.status}`);
    }
    if (request.method === 'HEAD' || (request.method === 'OPTIONS' && response.status === 204)) return;
    if (response.status === 204) {
      if (text !== '') fail('a 204 answer with a body');
      return;
    }
    // A download (the backlog's CSV export) is an attachment: judged by its file parsing.
    if (response.status === 200 && /^attachment;/.test(response.headers.get('content-disposition') ?? '') && /^text\/csv\b/.test(response.headers.get('content-type') ?? '')) {
      try {
        parseCsv(text);
      } catch {
        fail('a CSV download that does not parse');
      }
      return;
    }
    if (!/^application\/json\b/.test(response.headers.get('content-type') ?? '')) fail('an answer that is not application/json');
    let json: any;
    try {
      json = JSON.parse(text);
    } catch {
      fail('an answer that is not valid JSON');
    }
    if (response.status >= 400) {
      const error = json?.error;
      const wellFormed =
        json !== null &&
        typeof json === 'object' &&
        Object.keys(json).length === 1 &&
        error !== null &&
        typeof error === 'object' &&
        typeof error.code === 'string' &&
        ERROR_CODES.has(error.code) &&
        typeof error.message === 'string' &&
        Object.keys(error).every((k) => ['code', 'message', 'details'].includes(k)) &&
        (error.details === undefined || (typeof error.details === 'object' && error.details !== null));
      if (!wellFormed) fail('a 4xx answer not shaped { error: { code, message, details? } } with a core error code');
    }
  }

  return { check, stats };
}

// --- The fuzz, on each engine ----------------------------------------------------------------

const routeName = (route: FuzzRoute) => `${route.method} ${route.path}`;

/** The app and fixtures of one engine, made in beforeAll; routes are discovered from the app. */
async function setUp(engine: Engine) {
  const db = await databases.open(engine);
  const app = createApp({ db, adminKeys: [ADMIN_KEY] });
  const routes = await discoverRoutes(app);
  const fixtures = await seed(db, app, routes);
  return { app, fixtures, routes };
}

// Routes are discovered before the tests are declared, so each gets its own test; PGlite in
// memory is cheap enough to open at collection time.
const pglite = await setUp('pglite');

describe.each([
  ['pglite', pglite] as const,
  ['postgres', undefined] as const,
])('fuzzing every route on %s', (engine, ready) => {
  let env: Awaited<ReturnType<typeof setUp>> | undefined = ready;
  const started = Date.now();

  beforeAll(async () => {
    env ??= await setUp(engine);
  });
  beforeEach(() => replenish(env!.app, env!.fixtures));

  const checker = fuzzer(() => env!.app);

  afterAll(() => {
    const statuses = [...checker.stats.byStatus.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    if (process.env.SAYSO_FUZZ_VERBOSE) {
      for (const [route, counts] of checker.stats.byRoute) {
        console.log(`[fuzz]   ${route}: ${[...counts.entries()].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ')}`);
      }
    }
    console.log(`[fuzz] ${engine}: ${checker.stats.requests} requests in ${((Date.now() - started) / 1000).toFixed(1)} s (${statuses}), seed ${SEED}`);
  });

  it('finds the routes in the app', () => {
    expect(env!.routes.length).toBeGreaterThan(0);
    // Every route the app answers under /api/v1 is among them.
    expect(env!.routes.map(routeName)).toContain('GET /boards/{board}/posts');
  });

  for (const [index, route] of pglite.routes.entries()) {
    it(`${routeName(route)} never answers 5xx or a malformed body`, async () => {
      await fc.assert(
        fc.asyncProperty(requestFor(route, env!.fixtures), (request) => checker.check(request, routeName(route))),
        { numRuns: RUNS[engine], seed: SEED + index, endOnFailure: false },
      );
    });
  }

  it('random methods on random routes (404, HEAD, OPTIONS) stay well formed', async () => {
    const stray = fc
      .tuple(
        fc.oneof(...env!.routes.map((route) => requestFor({ ...route, method: 'POST' }, env!.fixtures))),
        fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'),
        fc.boolean(),
      )
      .map(([request, method, trailing]) => {
        const [path = '', ...query] = request.url.slice(API_PREFIX.length).split('?');
        return fuzzRequest(method, path + (trailing ? '/' : ''), query.length ? `?${query.join('?')}` : '', request.headers, request.body);
      });
    await fc.assert(fc.asyncProperty(stray, (request) => checker.check(request)), { numRuns: STRAY_RUNS[engine], seed: SEED - 1 });
  });
});
