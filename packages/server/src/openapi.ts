// The OpenAPI 3.1 document of the REST API, served at /api/v1/openapi.json. Request parts are
// the very zod schemas the routes validate with (schemas.ts), turned into JSON Schema 2020-12
// by zod's own z.toJSONSchema; responses use the response schemas next to them. A test
// compares the operations below with the routes the app answers, so a new route without
// documentation fails it.
import { z } from 'zod';
import {
  adminKeySchema,
  boardPolicyInput,
  boardSchema,
  commentDeletionSchema,
  commentPageSchema,
  commentSchema,
  editCommentInput,
  editPostInput,
  errorSchema,
  listCommentsQuery,
  listNotificationsQueryFields,
  markNotificationsReadInput,
  notificationPageSchema,
  notificationSchema,
  unreadCountSchema,
  listPostsQueryFields,
  newAdminKeyInput,
  newAdminKeySchema,
  newCommentInput,
  newPostInput,
  pathParams,
  postPageSchema,
  postSchema,
  similarPostsQuery,
  statusSchema,
  tagNameInput,
  tagSchema,
  visitorTokenSchema,
  voteResultSchema,
} from './schemas.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** Who may call an operation. */
type Access =
  | 'anyone'
  /** Any identity: a visitor token, a host-signed user token or an admin key. */
  | 'visitor'
  /** An admin key. */
  | 'admin';

/** One documented operation. Paths are Hono's, relative to /api/v1 (`:param`). */
export interface ApiOperation {
  method: Method;
  path: string;
  summary: string;
  description?: string;
  tag: 'identity' | 'boards' | 'posts' | 'votes' | 'comments' | 'notifications' | 'tags' | 'admin' | 'meta';
  access: Access;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** The success status and its schema (none: the document itself). */
  response: { status: 200 | 201; description: string; schema?: z.ZodType };
  /** Error statuses the operation may answer besides the ones every write shares. */
  errors: number[];
}

const boardListSchema = z.array(boardSchema);
const tagListSchema = z.array(tagSchema);
const postListSchema = z.array(postSchema);
const adminKeyListSchema = z.array(adminKeySchema);

// Named schemas, listed under components.schemas and referred to by $ref. Every response
// schema is one of them.
const components = z.registry<{ id: string }>();
const named: Array<[z.ZodType, string]> = [
  [statusSchema, 'Status'],
  [boardSchema, 'Board'],
  [boardListSchema, 'BoardList'],
  [tagListSchema, 'TagList'],
  [adminKeyListSchema, 'AdminKeyList'],
  [tagSchema, 'Tag'],
  [postSchema, 'Post'],
  [postPageSchema, 'PostPage'],
  [postListSchema, 'PostList'],
  [commentSchema, 'Comment'],
  [commentPageSchema, 'CommentPage'],
  [commentDeletionSchema, 'CommentDeletion'],
  [voteResultSchema, 'VoteResult'],
  [notificationSchema, 'Notification'],
  [notificationPageSchema, 'NotificationPage'],
  [unreadCountSchema, 'UnreadCount'],
  [adminKeySchema, 'AdminKey'],
  [visitorTokenSchema, 'VisitorToken'],
  [newAdminKeySchema, 'NewAdminKey'],
  [errorSchema, 'Error'],
];
for (const [schema, id] of named) components.add(schema, { id });

/** Every route of the API, in the order the README lists them. */
export const API_OPERATIONS: readonly ApiOperation[] = [
  {
    method: 'get', path: '/openapi.json', tag: 'meta', access: 'anyone', errors: [],
    summary: 'This document',
    response: { status: 200, description: 'The OpenAPI 3.1 document of the API.' },
  },
  {
    method: 'post', path: '/visitors', tag: 'identity', access: 'anyone', errors: [],
    summary: 'A new anonymous visitor',
    description:
      'No body. Answers a token signed with the server\'s own secret; send it as `X-Sayso-Visitor` to vote (and post, ' +
      'as the board\'s `anonymous` policy allows) as this visitor. An unsigned id is never an identity.',
    response: { status: 201, description: 'The new visitor\'s token.', schema: visitorTokenSchema },
  },
  {
    method: 'get', path: '/boards', tag: 'boards', access: 'anyone', errors: [],
    summary: 'List boards with their workflows',
    response: { status: 200, description: 'Every board, oldest first.', schema: boardListSchema },
  },
  {
    method: 'get', path: '/boards/:board', tag: 'boards', access: 'anyone', errors: [404],
    summary: 'One board: name, description, anonymous policy, ordered statuses',
    response: { status: 200, description: 'The board.', schema: boardSchema },
  },
  {
    method: 'patch', path: '/boards/:board', tag: 'admin', access: 'admin', errors: [400, 401, 403, 404],
    summary: 'Change what anonymous visitors may do on a board',
    body: boardPolicyInput,
    response: { status: 200, description: 'The board.', schema: boardSchema },
  },
  {
    method: 'get', path: '/boards/:board/posts', tag: 'posts', access: 'anyone', errors: [400, 404],
    summary: 'One page of a board\'s ideas, sorted, filtered, searched',
    description:
      'Cursors are opaque and belong to their sort. `new` pages by keyset, so ideas added between pages never repeat; ' +
      '`top` and `trending` page by offset, as their order moves with every vote anyway.',
    query: listPostsQueryFields,
    response: { status: 200, description: 'A page of ideas.', schema: postPageSchema },
  },
  {
    method: 'post', path: '/boards/:board/posts', tag: 'posts', access: 'visitor', errors: [400, 401, 404, 409],
    summary: 'Submit an idea; the author\'s vote counts',
    body: newPostInput,
    response: { status: 201, description: 'The new idea, in the board\'s first open status.', schema: postSchema },
  },
  {
    method: 'get', path: '/boards/:board/similar', tag: 'posts', access: 'anyone', errors: [400, 404],
    summary: 'Ideas similar to a text being typed, best first',
    description:
      'For the idea form: ideas of the board that say what `text` says, ranked by the core similarity engine ' +
      '(stems, word pairs and character trigrams; typo tolerant). Ideas closed as duplicates are left out, and so are ' +
      'weak matches, so there may be fewer than `limit`, or none.',
    query: similarPostsQuery,
    response: { status: 200, description: 'Up to `limit` ideas, `voted` for the caller.', schema: postListSchema },
  },
  {
    method: 'get', path: '/posts/:id', tag: 'posts', access: 'anyone', errors: [404],
    summary: 'One idea',
    response: { status: 200, description: 'The idea, `voted` for the caller.', schema: postSchema },
  },
  {
    method: 'patch', path: '/posts/:id', tag: 'posts', access: 'visitor', errors: [400, 401, 403, 404],
    summary: 'Edit an idea (author or admin); change its status (admin)',
    description:
      'title and body: the author or an admin. status: admins only (403 for anyone else); a change is recorded ' +
      'as a status_changed event. An unknown status key is 400.',
    body: editPostInput,
    response: { status: 200, description: 'The idea after the change.', schema: postSchema },
  },
  {
    method: 'post', path: '/posts/:id/votes', tag: 'votes', access: 'visitor', errors: [401, 404],
    summary: 'Vote; idempotent',
    response: { status: 200, description: 'The caller\'s vote and the exact count.', schema: voteResultSchema },
  },
  {
    method: 'delete', path: '/posts/:id/votes', tag: 'votes', access: 'visitor', errors: [401, 404],
    summary: 'Take a vote back; idempotent',
    response: { status: 200, description: 'The caller\'s vote and the exact count.', schema: voteResultSchema },
  },
  {
    method: 'get', path: '/posts/:id/comments', tag: 'comments', access: 'anyone', errors: [400, 404],
    summary: 'One page of an idea\'s comments, oldest first',
    query: listCommentsQuery,
    response: { status: 200, description: 'A page of comments.', schema: commentPageSchema },
  },
  {
    method: 'post', path: '/posts/:id/comments', tag: 'comments', access: 'visitor', errors: [400, 401, 404],
    summary: 'Comment on an idea',
    body: newCommentInput,
    response: { status: 201, description: 'The new comment.', schema: commentSchema },
  },
  {
    method: 'patch', path: '/comments/:commentId', tag: 'comments', access: 'visitor', errors: [400, 401, 403, 404],
    summary: 'Edit a comment (author or admin)',
    body: editCommentInput,
    response: { status: 200, description: 'The comment after the change.', schema: commentSchema },
  },
  {
    method: 'delete', path: '/comments/:commentId', tag: 'comments', access: 'visitor', errors: [401, 403, 404],
    summary: 'Delete a comment for good (author or admin)',
    response: { status: 200, description: 'The idea\'s exact comment count afterwards.', schema: commentDeletionSchema },
  },
  {
    method: 'get', path: '/notifications', tag: 'notifications', access: 'anyone', errors: [400, 401],
    summary: 'The caller\'s notifications, newest first, and their unread count',
    description:
      'An idea moved into a done status notifies its author and every voter once (`shipped`); a comment notifies the ' +
      'idea\'s author and earlier commenters (`reply`). Nobody is notified of what they did. Only ever the caller\'s own; ' +
      'a caller without identity has none. Keyset pages: notifications added between pages never repeat.',
    query: listNotificationsQueryFields,
    response: { status: 200, description: 'A page of notifications and the unread count over all pages.', schema: notificationPageSchema },
  },
  {
    method: 'post', path: '/notifications/read', tag: 'notifications', access: 'anyone', errors: [400, 401],
    summary: 'Mark the caller\'s notifications read, by id or all',
    description: 'Ids of anyone else\'s notifications, or unknown ones, change nothing. Repeating it changes nothing.',
    body: markNotificationsReadInput,
    response: { status: 200, description: 'The caller\'s unread count afterwards.', schema: unreadCountSchema },
  },
  {
    method: 'get', path: '/boards/:board/tags', tag: 'tags', access: 'anyone', errors: [404],
    summary: 'A board\'s tags, by name',
    response: { status: 200, description: 'The tags.', schema: tagListSchema },
  },
  {
    method: 'post', path: '/boards/:board/tags', tag: 'tags', access: 'admin', errors: [400, 401, 403, 404, 409],
    summary: 'Create a tag; its slug comes from the name',
    body: tagNameInput,
    response: { status: 201, description: 'The new tag.', schema: tagSchema },
  },
  {
    method: 'patch', path: '/boards/:board/tags/:tag', tag: 'tags', access: 'admin', errors: [400, 401, 403, 404, 409],
    summary: 'Rename a tag; the slug stays',
    body: tagNameInput,
    response: { status: 200, description: 'The renamed tag.', schema: tagSchema },
  },
  {
    method: 'delete', path: '/boards/:board/tags/:tag', tag: 'tags', access: 'admin', errors: [401, 403, 404],
    summary: 'Delete a tag, taking it off every idea',
    response: { status: 200, description: 'The deleted tag.', schema: tagSchema },
  },
  {
    method: 'put', path: '/posts/:id/tags/:tag', tag: 'tags', access: 'admin', errors: [401, 403, 404],
    summary: 'Put a tag on an idea; idempotent',
    response: { status: 200, description: 'The idea with its tags.', schema: postSchema },
  },
  {
    method: 'delete', path: '/posts/:id/tags/:tag', tag: 'tags', access: 'admin', errors: [401, 403, 404],
    summary: 'Take a tag off an idea; idempotent',
    response: { status: 200, description: 'The idea with its tags.', schema: postSchema },
  },
  {
    method: 'get', path: '/admin/keys', tag: 'admin', access: 'admin', errors: [401, 403],
    summary: 'List active admin keys, without their secrets',
    response: { status: 200, description: 'Active keys, oldest first.', schema: adminKeyListSchema },
  },
  {
    method: 'post', path: '/admin/keys', tag: 'admin', access: 'admin', errors: [400, 401, 403],
    summary: 'Create an admin key; the key is shown only in this answer',
    body: newAdminKeyInput,
    response: { status: 201, description: 'The key, once; only its SHA-256 is stored.', schema: newAdminKeySchema },
  },
  {
    method: 'delete', path: '/admin/keys/:keyId', tag: 'admin', access: 'admin', errors: [401, 403, 404],
    summary: 'Revoke an admin key',
    response: { status: 200, description: 'The revoked key.', schema: adminKeySchema },
  },
];

const ERROR_MEANINGS: Record<number, string> = {
  400: 'Invalid input (`invalid_input`), with `details.problems` naming each field.',
  401: 'No identity; an invalid visitor token, sign-in token or admin key; or sign-in required by the board\'s anonymous policy (`unauthorized`). An expired sign-in token is `token_expired`.',
  403: 'Known caller, not allowed (`forbidden`).',
  404: 'No such board, post, comment, tag, key or route (`not_found`).',
  409: 'Clashes with the current state (`conflict`).',
  413: 'Body over the size limit (`invalid_input`).',
  429: 'Too many writes (`rate_limited`); see Retry-After.',
};

/** What every write may also answer (body limit, rate limit). */
const WRITE_ERRORS = [413, 429];

const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

/** A request part as JSON Schema: what a client sends, before defaults and transforms. */
function jsonSchema(schema: z.ZodType): Record<string, unknown> {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    target: 'draft-2020-12',
    io: 'input',
    unrepresentable: 'any',
  }) as Record<string, unknown>;
  return rest;
}

/** A response schema, always a named component. */
function responseSchema(schema: z.ZodType): Record<string, unknown> {
  const id = components.get(schema)?.id;
  if (!id) throw new Error('openapi: every response schema must be a named component');
  return { $ref: `#/components/schemas/${id}` };
}

function operationObject(op: ApiOperation) {
  const pathNames = [...op.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  const parameters: unknown[] = pathNames.map((name) => {
    const schema = pathParams[name as keyof typeof pathParams];
    if (!schema) throw new Error(`openapi: no schema for the path parameter ${name}`);
    return { name, in: 'path', required: true, description: schema.description, schema: jsonSchema(schema) };
  });
  if (op.query) {
    const shape = op.query.shape as Record<string, z.ZodType>;
    for (const [name, schema] of Object.entries(shape)) {
      const converted = jsonSchema(schema);
      const { description, ...rest } = converted;
      parameters.push({ name, in: 'query', required: false, ...(description ? { description } : {}), schema: rest });
    }
  }
  const errors = [...new Set([...op.errors, ...(op.method === 'get' ? [] : WRITE_ERRORS)])].sort();
  const responses: Record<string, unknown> = {
    [op.response.status]: {
      description: op.response.description,
      content: { 'application/json': { schema: op.response.schema ? responseSchema(op.response.schema) : { type: 'object' } } },
    },
  };
  for (const status of errors) {
    responses[status] = {
      description: ERROR_MEANINGS[status] ?? 'Refused.',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }
  return {
    operationId: `${op.method}${op.path.replace(/[^A-Za-z0-9]+(\w)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase())}`,
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    tags: [op.tag],
    ...(op.access === 'admin'
      ? { security: [{ adminKey: [] }] }
      : op.access === 'visitor'
        ? { security: [{ visitorToken: [] }, { userToken: [] }, { adminKey: [] }] }
        : op.path === '/visitors' || op.path === '/openapi.json'
          ? {}
          : { security: [{}, { visitorToken: [] }, { userToken: [] }, { adminKey: [] }] }),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(op.body
      ? { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(op.body) } } } }
      : {}),
    responses,
  };
}

let built: Record<string, unknown> | undefined;

/** The OpenAPI 3.1 document of `/api/v1`; built once, on first use. */
export function openApiDocument(): Record<string, unknown> {
  if (built) return built;
  const paths: Record<string, Record<string, unknown>> = {};
  for (const op of API_OPERATIONS) {
    (paths[toOpenApiPath(op.path)] ??= {})[op.method] = operationObject(op);
  }
  const { schemas } = z.toJSONSchema(components, {
    target: 'draft-2020-12',
    io: 'output',
    unrepresentable: 'any',
    uri: (id) => `#/components/schemas/${id}`,
  }) as { schemas: Record<string, Record<string, unknown>> };
  for (const schema of Object.values(schemas)) {
    delete schema.$schema;
    delete schema.$id;
  }
  built = {
    openapi: '3.1.0',
    info: {
      title: 'Sayso API',
      version: '1',
      description:
        'The reference Sayso server. JSON in and out; errors are always `{ "error": { "code", "message", "details"? } }`.',
      license: { name: 'MIT', identifier: 'MIT' },
    },
    servers: [{ url: '/api/v1' }],
    tags: [
      { name: 'identity', description: 'Anonymous visitors get a token from `POST /visitors`.' },
      { name: 'boards' },
      { name: 'posts' },
      { name: 'votes' },
      { name: 'comments' },
      { name: 'notifications', description: '"Your request shipped" and replies, for the caller only.' },
      { name: 'tags' },
      { name: 'admin', description: 'Needs `Authorization: Bearer <admin key>`.' },
      { name: 'meta' },
    ],
    paths,
    components: {
      schemas,
      securitySchemes: {
        adminKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'An admin key: one of SAYSO_ADMIN_KEY, or one created with POST /admin/keys.',
        },
        userToken: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A user of the host app: an HS256 JWT it signed with SAYSO_JWT_SECRET, claims `sub` (required), `email`, ' +
            '`name`, `traits`; `exp` required, at most 24 hours after `iat`. Expired: 401 `token_expired`.',
        },
        visitorToken: {
          type: 'apiKey',
          in: 'header',
          name: 'X-Sayso-Visitor',
          description: 'An anonymous visitor: the token from POST /visitors.',
        },
      },
    },
  };
  return built;
}
