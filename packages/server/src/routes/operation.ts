import { OpenAPIHono, createRoute, z, type RouteConfig } from '@hono/zod-openapi';
import { SaysoError } from '@sayso/core';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { errorSchema, invalidInput } from '../schemas.js';
import type { Access } from './access.js';

// One declaration per operation: method, path, request schemas, who may call it, the success
// answer and the errors it may give. Validation, the access check and the OpenAPI document all
// come from it (createRoute of @hono/zod-openapi).

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The document's tags, one per resource. */
export type OperationTag =
  | 'identity' | 'boards' | 'posts' | 'votes' | 'comments' | 'notifications' | 'events' | 'tags' | 'changelog' | 'webhooks' | 'deliveries' | 'channels' | 'feedback' | 'backlog' | 'admin' | 'meta';

/** Error statuses an operation names; 413 and 429 are added to every write. */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409;

const ERROR_MEANINGS: Record<ErrorStatus | 413 | 429, string> = {
  400: 'Invalid input (`invalid_input`), with `details.problems` naming each field.',
  401: 'No identity; an invalid visitor token, sign-in token or admin key; or sign-in required by the board\'s anonymous policy (`unauthorized`). An expired sign-in token is `token_expired`.',
  403: 'Known caller, not allowed (`forbidden`).',
  404: 'No such board, post, comment, tag, key or route (`not_found`).',
  409: 'Clashes with the current state (`conflict`).',
  413: 'Body over the size limit (`invalid_input`).',
  429: 'Too many writes (`rate_limited`); see Retry-After.',
};

/** What every write may also answer (body limit, rate limit). */
const WRITE_ERRORS = [413, 429] as const;

type JsonContent<S extends z.ZodType> = { 'application/json': { schema: S } };

/** A required JSON request body. */
export const jsonBody = <S extends z.ZodType>(schema: S) => ({ required: true, content: { 'application/json': { schema } } as JsonContent<S> });

/** An operation as declared in routes/<resource>.ts. */
export interface OperationSpec<M extends Method, P extends string, Req extends RouteConfig['request'], St extends 200 | 201 | 204, S extends z.ZodType, Again extends 200 = never> {
  method: M;
  /** OpenAPI style, relative to /api/v1: `/posts/{id}`. */
  path: P;
  tag: OperationTag;
  summary: string;
  description?: string;
  access: Access;
  request?: Req;
  /**
   * 204 answers have no body, so no schema; a create that is idempotent names the status of a
   * repeat (same schema). `mediaType` is JSON unless the answer is a stream of server-sent
   * events, whose `schema` is then each event's data, or a file (CSV, or JSON by a query).
   */
  response: St extends 204
    ? { status: St; description: string }
    : { status: St; description: string; schema: S; repeat?: { status: Again; description: string }; mediaType?: 'text/event-stream' | 'text/csv' };
  /** Error statuses besides the ones its access and every write share. */
  errors: ErrorStatus[];
}

/** camelCase of method and path: `getBoardsBoardPosts`. */
const operationId = (method: string, path: string) =>
  `${method}${path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`;

/** One operation's route: what `router.openapi(route, handler)` wires and documents. */
export function operation<M extends Method, P extends string, Req extends RouteConfig['request'], St extends 200 | 201 | 204, S extends z.ZodType = z.ZodNever, Again extends 200 = never>(
  spec: OperationSpec<M, P, Req, St, S, Again>,
) {
  const errors = [...new Set([...spec.errors, ...spec.access.errors, ...(spec.method === 'get' ? [] : WRITE_ERRORS)])].sort();
  const errorResponses = Object.fromEntries(
    errors.map((status) => [status, { description: ERROR_MEANINGS[status], content: { 'application/json': { schema: errorSchema } } }]),
  );
  const { status, description } = spec.response;
  const mediaType = ('mediaType' in spec.response && spec.response.mediaType) || 'application/json';
  const answer = (text: string) =>
    'schema' in spec.response ? { description: text, content: { [mediaType]: { schema: spec.response.schema } } } : { description: text };
  const repeat = 'repeat' in spec.response ? spec.response.repeat : undefined;
  const success = {
    ...(repeat ? { [repeat.status]: answer(repeat.description) } : {}),
    [status]: answer(description),
  } as { [K in St | Again]: K extends 204 ? { description: string } : { description: string; content: JsonContent<S> } };
  return createRoute({
    method: spec.method,
    path: spec.path,
    operationId: operationId(spec.method, spec.path),
    tags: [spec.tag],
    summary: spec.summary,
    ...(spec.description ? { description: spec.description } : {}),
    security: spec.access.security,
    // A path naming nothing is 404 before anything else is asked of the caller.
    middleware: spec.request?.params ? [paramsExist(spec.request.params), spec.access.check] : [spec.access.check],
    request: spec.request as Req,
    responses: { ...errorResponses, ...success },
    // Read back by docs/api.md.
    'x-access': spec.access.name,
  });
}

/** A path parameter that does not fit names a thing that does not exist. */
const noSuchThing = (error: z.ZodError) => new SaysoError('not_found', error.issues[0]?.message ?? 'There is no such thing.');

const paramsExist =
  (params: z.ZodType): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    const result = params.safeParse(c.req.param());
    if (!result.success) throw noSuchThing(result.error);
    await next();
  };

/**
 * Validation failures, as every error: a path parameter that does not fit names a thing that
 * does not exist (404), anything else is `invalid_input` naming each field.
 */
const refuseInvalid = (result: { target: string; success: boolean; error?: z.ZodError }) => {
  if (result.success || !result.error) return;
  if (result.target === 'param') throw noSuchThing(result.error);
  throw invalidInput(result.error);
};

/** A router of operations; mounted into the API with `route()`, whose validation hook it shares. */
export const router = () => new OpenAPIHono<AppEnv>({ defaultHook: refuseInvalid });
