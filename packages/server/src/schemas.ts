import {
  ADMIN_IDEA_COLUMNS,
  ANONYMOUS_POLICIES,
  BOARD_LIMITS,
  checkBoardFields,
  checkNewBoard,
  AUDIENCE_LIST_DEFAULT,
  type AnonymousPolicy,
  LIMITS,
  POST_SORTS,
  SAYSO_ERROR_CODES,
  SaysoError,
  checkChangelogEntry,
  BACKLOG_CATEGORIES,
  BACKLOG_LIMITS,
  BACKLOG_STATUSES,
  checkBacklogItem,
  checkCapacitySettings,
  type BacklogCategory,
  type BacklogStatus,
  checkSavedView,
  createdBound,
  decodeAdminIdeaCursor,
  type AdminIdeaColumn,
  checkCommentBody,
  checkPriorityFormula,
  checkPriorityInputs,
  checkCustomerRequest,
  checkNewPost,
  checkPostEdit,
  checkSearchQuery,
  checkTagName,
  decodeKeysetCursor,
  decodeOffsetCursor,
  FEEDBACK_SOURCE,
  type FeedbackSource,
  type InputProblem,
  type NotificationSelection,
  REQUEST_IMPORTANCES,
  type RequestImportance,
  WEBHOOK_EVENT_TYPES,
  type WebhookEventType,
} from '@sayso/core';
import { z } from '@hono/zod-openapi';
import { UUID } from './db/rows.js';
import { webhookUrlProblem } from './channels/webhook/address-policy.js';

// Request shapes, checked with zod. The text rules are core's own checkNewPost and
// checkCommentBody, so the server refuses exactly what the client-side forms refuse.

// PostgreSQL text cannot hold U+0000, so it is refused here with a clear message.
const text = (field: string) =>
  z.string({ error: `${field} must be a string.` }).refine((value) => !value.includes('\u0000'), {
    message: `${field} cannot contain the character U+0000.`,
  });

/** `POST /boards/:board/posts`: title trimmed, 3–140 characters; body up to 10 000. */
export const newPostInput = z
  .object(
    {
      title: text('title').describe(`${LIMITS.titleMin}–${LIMITS.titleMax} characters after trimming.`),
      body: text('body').default('').describe(`Markdown, up to ${LIMITS.bodyMax} characters.`),
    },
    { error: 'Send a JSON object.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkNewPost(input)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .transform((input) => ({ title: input.title.trim(), body: input.body }));

/** `POST /posts/:id/comments`: 1–5000 characters after trimming; stored trimmed. */
export const newCommentInput = z
  .object({ body: text('body').describe(`1–${LIMITS.commentMax} characters after trimming.`) }, { error: 'Send a JSON object.' })
  .superRefine((input, ctx) => {
    for (const problem of checkCommentBody(input.body)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .transform((input) => ({ body: input.body.trim() }));

/** `POST /posts/:id/team-comments`: a comment as the team, or an internal note. */
export const newTeamCommentInput = z
  .strictObject(
    {
      body: text('body').describe(`1–${LIMITS.commentMax} characters after trimming.`),
      internal: z.boolean().default(false).describe('An internal note: seen by admins only, counted nowhere visitors look, telling nobody.'),
    },
    { error: 'Send a JSON object with body and optionally internal.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkCommentBody(input.body)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  })
  .transform((input) => ({ ...input, body: input.body.trim() }));

const cursorText = z.string({ error: 'cursor must be a string.' }).max(300, 'The cursor is not one this server gave out.');

const cursor = cursorText.optional().transform((value, ctx) => {
  const offset = decodeOffsetCursor(value);
  if (offset === undefined) {
    ctx.addIssue({ code: 'custom', message: 'The cursor is not one this server gave out.' });
    return z.NEVER;
  }
  return offset;
});

const limitMessage = `limit must be a whole number from 1 to ${LIMITS.pageSizeMax}.`;
/** `?limit=`: how many to answer, 1 to the page size limit, `fallback` when not given. */
const limitOf = (fallback: number) =>
  z
    .string()
    .regex(/^[0-9]{1,6}$/, limitMessage)
    .transform(Number)
    .pipe(z.number().min(1, limitMessage).max(LIMITS.pageSizeMax, limitMessage))
    .default(fallback);
const limit = limitOf(LIMITS.pageSizeDefault).describe(`Page size, 1 to ${LIMITS.pageSizeMax} (default ${LIMITS.pageSizeDefault}).`);

/** A status key or tag slug in a query or path: short, printable text. */
const key = (field: string) =>
  text(field).pipe(z.string().min(1, `${field} cannot be empty.`).max(100, `${field} can have at most 100 characters.`));

/** The fields of the `GET /boards/:board/posts` query, as documented. */
const listPostsQueryFields = z.object({
  sort: z
    .enum(['shipped', 'priority', ...POST_SORTS] as [string, ...string[]], { error: 'sort must be one of top, new, trending, shipped, priority.' })
    .default('top')
    .describe(
      'top: most votes; new: newest first; trending: votes weighted toward recent ones; shipped: most recently shipped ' +
        'first (ideas never shipped by their creation), the changelog\'s order; priority (admins only): highest score ' +
        'under the board\'s priority formula first.',
    ),
  cursor: cursorText.optional().describe('nextCursor of the previous page, for the same sort; opaque.'),
  limit,
  status: key('status').optional().describe('Only posts in this status (a status key of the board).'),
  tag: key('tag').optional().describe('Only posts with this tag (a tag slug of the board).'),
  q: text('q')
    .superRefine((value, ctx) => {
      for (const problem of checkSearchQuery(value)) ctx.addIssue({ code: 'custom', message: problem.message });
    })
    .transform((value) => value.trim())
    .optional()
    .describe('Full-text search over title and body (PostgreSQL websearch syntax, English stemming), 1 to 200 characters.'),
});

/** A keyset cursor of this server (`null`: none, the first page); `undefined` when it is not one. */
const keysetAfter = (raw: string | undefined) => {
  const after = decodeKeysetCursor(raw);
  return after && !UUID.test(after.id) ? undefined : after;
};

/**
 * `GET /boards/:board/posts` query. The cursor belongs to its sort: a keyset position for
 * `new` and `shipped`, an offset for `top`, `trending` and `priority` (see db/posts.ts listPosts).
 */
export const listPostsQuery = listPostsQueryFields.transform((query, ctx) => {
  const { cursor: raw, ...rest } = query;
  if (query.sort === 'new' || query.sort === 'shipped') {
    const after = keysetAfter(raw);
    if (after === undefined) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: `The cursor is not one this server gave out for sort=${query.sort}.` });
      return z.NEVER;
    }
    return { ...rest, sort: query.sort as 'new' | 'shipped', after, offset: 0 };
  }
  const offset = decodeOffsetCursor(raw);
  if (offset === undefined) {
    ctx.addIssue({ code: 'custom', path: ['cursor'], message: `The cursor is not one this server gave out for sort=${query.sort}.` });
    return z.NEVER;
  }
  // Its own member, so a handler that branches on sort=priority narrows the rest to listPosts' sorts.
  if (query.sort === 'priority') return { ...rest, sort: 'priority' as const, after: null, offset };
  return { ...rest, sort: query.sort as 'top' | 'trending', after: null, offset };
});

/** `GET /notifications` query: keyset pages, newest first. */
const keysetCursor = cursorText.optional().describe('nextCursor of the previous page; opaque.');

/**
 * A keyset query's `cursor` as the position to read after (`null`: the first page); `undefined`,
 * with the issue said, for a cursor this server did not give out for `what`.
 */
function keysetPosition(cursor: string | undefined, what: string, ctx: z.RefinementCtx) {
  const after = keysetAfter(cursor);
  if (after === undefined) ctx.addIssue({ code: 'custom', path: ['cursor'], message: `The cursor is not one this server gave out for ${what}.` });
  return after;
}

export const listNotificationsQuery = z.object({ cursor: keysetCursor, limit }).transform(({ cursor, ...rest }, ctx) => {
  const after = keysetPosition(cursor, 'notifications', ctx);
  return after === undefined ? z.NEVER : { ...rest, after };
});

/** `POST /notifications/read`: some of the caller's notifications by id, or all of them. */
export const markNotificationsReadInput = z
  .strictObject(
    {
      ids: z
        .array(z.string({ error: 'Each id must be a string.' }).max(100, 'That is not a notification id.'), {
          error: 'ids must be an array of notification ids.',
        })
        .min(1, 'ids must list at least one notification.')
        .max(LIMITS.pageSizeMax, `ids can list at most ${LIMITS.pageSizeMax} notifications.`)
        .optional()
        .describe(`1 to ${LIMITS.pageSizeMax} ids of the caller's notifications; others are ignored.`),
      all: z.literal(true, { error: 'all must be true.' }).optional().describe('true: every notification of the caller.'),
    },
    { error: 'Send a JSON object with ids or all: true.' },
  )
  .superRefine((input, ctx) => {
    if ((input.ids === undefined) === (input.all === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['ids'], message: 'Send either ids or all: true.' });
    }
  })
  .transform((input): NotificationSelection => (input.ids ? { ids: input.ids } : { all: true }));

/** `GET /posts/:id/comments` query. */
export const listCommentsQuery = z.object({
  cursor: cursor.describe('nextCursor of the previous page; opaque.'),
  limit,
});

const similarLimitMessage = 'limit must be a whole number of at least 1.';

/** `GET /boards/:board/similar` query: what the visitor is typing, and how many ideas to return. */
export const similarPostsQuery = z.object({
  text: text('text')
    .pipe(z.string().max(LIMITS.similarTextMax, `text can have at most ${LIMITS.similarTextMax} characters.`))
    .describe(
      `A title, optionally followed by details; at most ${LIMITS.similarTextMax} characters. ` +
        `Shorter than ${LIMITS.similarTextMin} characters once trimmed, or without content words, finds nothing.`,
    ),
  limit: z
    .string()
    .regex(/^[0-9]{1,6}$/, similarLimitMessage)
    .transform(Number)
    .pipe(z.number().min(1, similarLimitMessage))
    .transform((value) => Math.min(value, LIMITS.similarMax))
    .default(LIMITS.similarDefault)
    .describe(`How many ideas at most (default ${LIMITS.similarDefault}); more than ${LIMITS.similarMax} counts as ${LIMITS.similarMax}.`),
});

/**
 * `PATCH /posts/:id`: a new title and/or body (author or admin), and/or a new status (admins
 * only). Unknown fields are refused, so a typo never passes for a no-op.
 */
export const editPostInput = z
  .strictObject(
    {
      title: text('title').optional().describe(`${LIMITS.titleMin}–${LIMITS.titleMax} characters after trimming; author or admin.`),
      body: text('body').optional().describe(`Markdown, up to ${LIMITS.bodyMax} characters; author or admin.`),
      status: key('status').optional().describe('A status key of the post\'s board; admins only.'),
      statusNote: text('statusNote')
        .max(LIMITS.commentMax, `statusNote can have at most ${LIMITS.commentMax} characters.`)
        .optional()
        .describe('With status: what the admin tells the idea\'s followers about the change, in the email they get.'),
      expected: z
        .strictObject({ title: z.string().optional(), body: z.string().optional(), status: z.string().optional() })
        .optional()
        .describe('The idea as the editor saw it (the fields the edit was made over): 409 conflict when any of them changed since.'),
    },
    { error: 'Send a JSON object with title, body and/or status.' },
  )
  .superRefine((input, ctx) => {
    if (input.statusNote !== undefined && input.status === undefined) {
      ctx.addIssue({ code: 'custom', path: ['statusNote'], message: 'statusNote goes with a status change.' });
    }
    if (input.status !== undefined && input.title === undefined && input.body === undefined) return;
    for (const problem of checkPostEdit(input)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .transform((input) => ({ ...input, ...(input.title === undefined ? {} : { title: input.title.trim() }) }));

/** `PATCH /comments/:id`: the new body, with the rules of a new comment. */
export const editCommentInput = newCommentInput;

/** `POST /boards/:board/tags`, `PATCH /boards/:board/tags/:tag`: a name of 1–40 characters. */
export const tagNameInput = z
  .object(
    { name: text('name').describe(`1–${LIMITS.tagNameMax} characters after trimming, with a letter or digit.`) },
    { error: 'Send a JSON object with a name.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkTagName(input.name)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: problem.message });
    }
  })
  .transform((input) => ({ name: input.name.trim() }));

/** `POST /admin/keys`: what the key is for, 1–100 characters. */
export const newAdminKeyInput = z
  .object(
    {
      label: text('label')
        .transform((value) => value.trim())
        .pipe(z.string().min(1, 'A key needs a label.').max(100, 'A label can have at most 100 characters.'))
        .describe('What the key is for, 1–100 characters after trimming.'),
    },
    { error: 'Send a JSON object with a label.' },
  );

const anonymousPolicy = z
  .enum(ANONYMOUS_POLICIES as [AnonymousPolicy, ...AnonymousPolicy[]], {
    error: `anonymous must be one of ${ANONYMOUS_POLICIES.join(', ')}.`,
  })
  .describe('`off`: visitors only read; `votes`: they may vote; `votes-and-posts`: vote, post and comment.');

const workflowStatusInput = z.object({
  id: z.string().optional().describe('An existing status\'s key, to keep it (renamed, moved, of another kind); left out for a new status.'),
  name: text('name').describe(`1–${BOARD_LIMITS.statusNameMax} characters after trimming, unique on the board.`),
  kind: z.enum(['open', 'active', 'done', 'declined', 'duplicate'], { error: 'kind must be open, active, done, declined or duplicate.' }),
});

const boardFields = {
  name: text('name').optional().describe(`1–${BOARD_LIMITS.nameMax} characters after trimming.`),
  description: text('description').optional().describe(`At most ${BOARD_LIMITS.descriptionMax} characters.`),
  anonymous: anonymousPolicy.optional(),
  statuses: z
    .array(workflowStatusInput)
    .optional()
    .describe(
      'The whole workflow in order: every existing status by `id`, new ones without (their key is made from the name). ' +
        'It keeps a status of kind `open` and one of kind `done`.',
    ),
};

/** Core's checks of a board's fields, as zod issues on their fields. */
const boardProblems = (problems: Array<{ field: string; message: string }>, ctx: z.RefinementCtx) => {
  for (const problem of problems) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
};

/** `PATCH /boards/:board`: the board's name, description, anonymous policy or workflow; fields left out stay. */
export const boardChangeInput = z
  .object(boardFields, { error: 'Send a JSON object with the fields to change.' })
  .superRefine((change, ctx) => boardProblems(checkBoardFields(change), ctx));

/** `POST /boards`: a new board. */
export const newBoardInput = z
  .object(
    {
      ...boardFields,
      slug: z.string({ error: 'slug must be a string.' }).describe('The board\'s address, 1–63 lowercase letters, digits or "-"; it never changes.'),
      name: text('name').describe(`1–${BOARD_LIMITS.nameMax} characters after trimming.`),
    },
    { error: 'Send a JSON object with a slug and a name.' },
  )
  .superRefine((board, ctx) => boardProblems(checkNewBoard(board), ctx));

// Path parameters. An id that is not a UUID names nothing: the routes answer it with 404 and
// this message (routes/operation.ts).
const idOf = (what: string, description: string) =>
  z
    .string()
    .regex(UUID, { error: (issue) => `There is no ${what} "${String(issue.input)}".` })
    .transform((id) => id.toLowerCase())
    .describe(description);

const boardSlug = z.string().describe('Board slug, e.g. `demo`.');
const tagSlug = z.string().describe('Tag slug, e.g. `mobile-app`.');

export const boardParams = z.object({ board: boardSlug });
export const boardTagParams = z.object({ board: boardSlug, tag: tagSlug });
export const postParams = z.object({ id: idOf('post', 'Post id (a UUID).') });
export const postTagParams = z.object({ id: idOf('post', 'Post id (a UUID).'), tag: tagSlug });
export const commentParams = z.object({ commentId: idOf('comment', 'Comment id (a UUID).') });
export const adminKeyParams = z.object({ keyId: idOf('admin key', 'Admin key id (a UUID).') });

// Responses, shaped exactly like the core types. They validate nothing at run time; they feed
// the OpenAPI document, and the tests check real responses against them.

const isoDate = z.string().describe('ISO 8601 timestamp.');

export const statusSchema = z.strictObject({
  id: z.string().describe('Stable key, unique within the board.'),
  name: z.string(),
  kind: z.enum(['open', 'active', 'done', 'declined', 'duplicate']),
  position: z.number().int(),
}).meta({ id: 'Status' });

/** `POST /visitors`: a new anonymous visitor's token. */
export const visitorTokenSchema = z.strictObject({
  visitorToken: z.string().describe('Send it as `X-Sayso-Visitor` on every request; keep it (e.g. in localStorage).'),
}).meta({ id: 'VisitorToken' });

export const boardSchema = z.strictObject({
  slug: z.string(),
  name: z.string(),
  description: z.string(),
  anonymous: z.enum(ANONYMOUS_POLICIES as [string, ...string[]]).describe('What visitors without a signed-in identity may do.'),
  statuses: z.array(statusSchema).describe('The workflow, ordered by position.'),
}).meta({ id: 'Board' });

export const authorSchema = z.strictObject({ id: z.string(), name: z.string().nullable() });

export const tagSchema = z.strictObject({
  slug: z.string().describe('Derived from the name at creation; stable across renames.'),
  name: z.string(),
}).meta({ id: 'Tag' });

export const postRefSchema = z.strictObject({ id: z.string(), title: z.string() }).meta({ id: 'PostRef' });

export const postSchema = z.strictObject({
  id: z.string(),
  board: z.string(),
  title: z.string(),
  body: z.string().describe('Markdown source as typed.'),
  status: z.string().describe('A status key of the board.'),
  voteCount: z.number().int().describe('Distinct voters of this idea itself.'),
  peopleCount: z
    .number()
    .int()
    .describe('Distinct people who want it: voters, recorded requests and the people of ideas merged into it, each once.'),
  commentCount: z.number().int().describe('Its comments and those of every idea merged into it.'),
  voted: z.boolean().describe('Whether the caller is among its people (voted for it or for an idea merged into it).'),
  author: authorSchema,
  tags: z.array(tagSchema),
  createdAt: isoDate,
  editedAt: isoDate.nullable().describe('When the title or body was last edited; null if never.'),
  shippedAt: isoDate
    .nullable()
    .describe('When the idea last moved into a done status from one that is not; null while it is not done.'),
  mergedInto: postRefSchema.nullable().describe('On a merged idea: the idea its people count on (end of the chain).'),
  mergedFrom: postRefSchema
    .nullable()
    .describe('Only in the answer to GET /posts/{id} asked for a merged idea: the idea asked for.'),
}).meta({ id: 'Post' });

export const commentSchema = z.strictObject({
  id: z.string(),
  postId: z.string(),
  body: z.string(),
  author: authorSchema,
  createdAt: isoDate,
  editedAt: isoDate.nullable(),
  mergedFrom: postRefSchema.nullable().describe('Listed under the idea it was merged into: the merged idea it was written under.'),
  team: z.literal(true).optional().describe('Written by an admin as the team; left out on other comments.'),
  internal: z.literal(true).optional().describe('An internal note of the team, listed to admins only; left out on other comments.'),
}).meta({ id: 'Comment' });

export const pageSchema = <T extends z.ZodType>(item: T) =>
  z.strictObject({ items: z.array(item), nextCursor: z.string().nullable().describe('Pass back as cursor; null on the last page.') });

export const postPageSchema = pageSchema(postSchema).meta({ id: 'PostPage' });
export const commentPageSchema = pageSchema(commentSchema).meta({ id: 'CommentPage' });

export const notificationSchema = z.strictObject({
  id: z.string(),
  kind: z
    .enum(['shipped', 'reply', 'merged', 'status', 'fixed'])
    .describe(
      'shipped: an idea the caller asked for shipped; reply: a new comment; merged: an idea the caller asked for was merged into post; status: it moved to a status its board tells of; fixed: engineering work backed by what the caller reported is done (backlogItem).',
    ),
  post: z
    .strictObject({ id: z.string(), board: z.string().describe('Board slug.'), title: z.string() })
    .nullable()
    .describe('The idea; for fixed, the first of the item\'s ideas the caller asked for, null when only their feedback backs it.'),
  comment: z.strictObject({ id: z.string(), author: authorSchema }).nullable().describe('The reply; null otherwise.'),
  mergedFrom: postRefSchema.nullable().describe('For merged: the idea the caller asked for; null otherwise.'),
  changelog: z
    .strictObject({ id: z.string(), title: z.string() })
    .nullable()
    .describe('For shipped by a published changelog entry: the entry; null otherwise.'),
  status: z.strictObject({ id: z.string(), name: z.string() }).nullable().describe('For shipped and status: the status the idea moved to.'),
  note: z.string().nullable().describe('For shipped and status: the admin\'s note on the change, if any.'),
  backlogItem: z.strictObject({ id: z.string(), title: z.string() }).nullable().describe('For fixed: the engineering item done; null otherwise.'),
  createdAt: isoDate,
  readAt: isoDate.nullable().describe('null while unread.'),
}).meta({ id: 'Notification' });

export const notificationPageSchema = pageSchema(notificationSchema).extend({
  unreadCount: z.number().int().describe('The caller\'s unread notifications over every page.'),
}).meta({ id: 'NotificationPage' });

export const unreadCountSchema = z.strictObject({ unreadCount: z.number().int() }).meta({ id: 'UnreadCount' });

/** A position in the event log, as the live changes name it (an SSE event id). */
const logPosition = z
  .string()
  .regex(/^\d{1,18}$/, 'A position in the event log is a whole number, as the last change read was numbered.')
  .transform(Number);

/** `GET /events/stream` and `GET /events`: which board to watch. */
const liveBoardQuery = {
  board: boardSlug.optional().describe('The board whose public changes are wanted; without it, only the caller\'s notifications.'),
};

export const liveStreamQuery = z.object(liveBoardQuery);

export const liveStreamHeaders = z.object({
  'last-event-id': logPosition
    .optional()
    .describe('The id of the last event received: the stream resumes after it, with nothing lost or repeated.'),
});

export const livePollQuery = z.object({
  ...liveBoardQuery,
  after: logPosition.optional().describe('`last` of the previous answer; without it, only the caller\'s unread count and where the log is.'),
});

export const liveChangeSchema = z
  .union([
    z.strictObject({ type: z.literal('notifications'), unreadCount: z.number().int().describe('The caller\'s unread notifications now.') }),
    z.strictObject({
      type: z.literal('post'),
      board: z.string(),
      postId: z.string(),
      change: z.enum(['created', 'updated', 'status', 'votes', 'merged', 'unmerged']),
    }),
  ])
  .meta({ id: 'LiveChange' });

export const livePollSchema = z
  .strictObject({
    items: z.array(z.strictObject({ id: z.string().describe('Its position in the event log.'), change: liveChangeSchema })),
    last: z.string().describe('Where the log was read up to: `after` of the next poll.'),
  })
  .meta({ id: 'LiveChanges' });

export const voteResultSchema = z.strictObject({
  postId: z.string().describe('The idea the vote counts on: the canonical when the idea voted on is merged.'),
  voted: z.boolean(),
  voteCount: z.number().int(),
  peopleCount: z.number().int(),
}).meta({ id: 'VoteResult' });

export const commentDeletionSchema = z.strictObject({
  commentId: z.string(),
  postId: z.string(),
  commentCount: z.number().int().describe('The post\'s comment count after the deletion.'),
}).meta({ id: 'CommentDeletion' });

export const adminKeySchema = z.strictObject({ id: z.string(), label: z.string(), createdAt: isoDate }).meta({ id: 'AdminKey' });

export const adminIdentitySchema = z
  .strictObject({
    via: z.enum(['admin_key', 'server_key', 'host_token']).describe('What proved the caller an admin.'),
    label: z.string().describe("A key's label, or the signed-in user's name (else email, else subject)."),
  })
  .meta({ id: 'AdminIdentity' });

export const newAdminKeySchema = adminKeySchema.extend({
  key: z.string().describe('The secret, shown this once; send it as `Authorization: Bearer <key>`.'),
}).meta({ id: 'NewAdminKey' });

export const boardListSchema = z.array(boardSchema).meta({ id: 'BoardList' });
export const tagListSchema = z.array(tagSchema).meta({ id: 'TagList' });
export const postListSchema = z.array(postSchema).meta({ id: 'PostList' });
export const adminKeyListSchema = z.array(adminKeySchema).meta({ id: 'AdminKeyList' });

/** `GET /openapi.json`: the document, any JSON object. */
export const documentSchema = z.record(z.string(), z.unknown());

export const errorSchema = z.strictObject({
  error: z.strictObject({
    code: z.enum(SAYSO_ERROR_CODES as [string, ...string[]]),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional().describe('e.g. problems: [{ field, message }], retryAfterSeconds.'),
  }),
}).meta({ id: 'Error' });

/** A zod failure as the API's `invalid_input`, naming every problem in `details.problems`. */
export function invalidInput(error: z.ZodError): SaysoError {
  const problems: InputProblem[] = error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
  return new SaysoError('invalid_input', problems.map((problem) => problem.message).join(' '), { problems });
}

// Merging duplicates and recording customer requests (issue 10).

/** `POST /posts/:id/merge`: the idea to merge into. */
export const mergeInput = z.object(
  {
    into: z
      .string({ error: 'into must be the id of an idea.' })
      .regex(UUID, 'into must be the id of an idea (a UUID).')
      .transform((id) => id.toLowerCase())
      .describe('The idea to merge into (its people then count on the end of its chain).'),
  },
  { error: 'Send a JSON object with into.' },
);

/** `POST /posts/:id/requests`: who asked, core's checkCustomerRequest rules. */
export const newCustomerRequestInput = z
  .strictObject(
    {
      name: text('name').optional().describe('Who asked; a name or an email is required.'),
      email: text('email').optional().describe('Their email; the same email on the same idea is recorded once.'),
      company: text('company').optional(),
      sourceUrl: text('sourceUrl').optional().describe('Where it was heard (an http(s) link to a ticket, a call note).'),
      note: text('note').optional(),
      importance: z
        .enum(REQUEST_IMPORTANCES as [RequestImportance, ...RequestImportance[]], {
          error: `importance must be one of ${REQUEST_IMPORTANCES.join(', ')}.`,
        })
        .optional()
        .describe('Default `important`.'),
    },
    { error: 'Send a JSON object with a name or an email.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkCustomerRequest(input)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  });

export const mergeResultSchema = z.strictObject({
  duplicate: postSchema.describe('The idea merged or unmerged; while merged, its mergedInto names the canonical.'),
  canonical: postSchema.describe('The idea its people count on while merged (the end of the chain).'),
}).meta({ id: 'MergeResult' });

export const customerRequestSchema = z.strictObject({
  id: z.string(),
  postId: z.string().describe('The idea it was recorded on.'),
  person: z.strictObject({ name: z.string().nullable(), email: z.string().nullable() }),
  company: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  note: z.string().nullable(),
  importance: z.enum(REQUEST_IMPORTANCES as [RequestImportance, ...RequestImportance[]]),
  addedBy: authorSchema.describe('The admin who recorded it.'),
  createdAt: isoDate,
}).meta({ id: 'CustomerRequest' });

/** Weights of a priority formula: finite numbers of at least 0 (core's checkPriorityFormula). */
const weight = (field: string) => z.number({ error: `${field} must be a number of at least 0.` });

/** `PUT /boards/:board/priority`: both weights of the board's formula. */
export const priorityFormulaInput = z
  .strictObject(
    {
      peopleWeight: weight('peopleWeight').describe('What each distinct person asking adds to the score.'),
      mrrWeight: weight('mrrWeight').describe('What each unit of MRR of the companies asking adds (each company once).'),
    },
    { error: 'Send a JSON object with peopleWeight and mrrWeight.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkPriorityFormula(input)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

/** `PUT /posts/:id/priority`: impact and/or effort; a field left out stays as it is. */
export const priorityInputsInput = z
  .strictObject(
    {
      impact: z.number({ error: 'Impact must be a number of at least 0.' }).optional().describe('At least 0, e.g. 0.25 (minimal) to 3 (massive); default 1.'),
      effort: z.number({ error: 'Effort must be a number above 0.' }).optional().describe('Above 0, in any unit the team keeps to (e.g. person-weeks); default 1.'),
      expected: z
        .strictObject({ impact: z.number().optional(), effort: z.number().optional() })
        .optional()
        .describe('Impact and effort as the admin saw them (defaults included): 409 conflict when they changed since.'),
    },
    { error: 'Send a JSON object with impact and/or effort.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkPriorityInputs(input)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });

export const priorityFormulaSchema = z.strictObject({
  peopleWeight: z.number(),
  mrrWeight: z.number(),
}).describe('score = (people × peopleWeight + MRR × mrrWeight) × impact ÷ effort').meta({ id: 'PriorityFormula' });

const evidenceSchema = z.array(z.strictObject({
  source: z.string().describe('widget, api, email, slack, csv or webhook:<tool>.'),
  people: z.number().int().describe('Distinct authors (by email, else name) of the items from this source.'),
  items: z.number().int(),
})).describe('The feedback linked to the idea and its merged ideas, per source, most people first.');

export const demandHistorySchema = z.strictObject({
  postId: z.string().describe('The idea the history is of: the canonical one when a merged idea was asked for.'),
  days: z.array(z.strictObject({
    date: z.string().describe('YYYY-MM-DD, UTC.'),
    added: z.number().int().describe('People who first wanted the idea that day (a vote, a request, feedback linked).'),
    total: z.number().int().describe('Its people up to and including that day.'),
  })).describe('Days with new people, oldest first; the last total is the idea\'s people count.'),
}).meta({ id: 'DemandHistory' });

/** Core's customerValue of some people: their companies (each once) and plans. */
const customerValueSchema = z.strictObject({
  companies: z.array(z.strictObject({ name: z.string(), mrr: z.number(), people: z.number().int() })),
  mrr: z.number().describe('Each company\'s MRR once.'),
  segments: z.array(z.strictObject({ plan: z.string().nullable(), people: z.number().int(), companies: z.number().int(), mrr: z.number() })),
});

export const demandSchema = z.strictObject({
  postId: z.string().describe('The idea the demand is of: the canonical one when a merged idea was asked for.'),
  people: z.strictObject({
    total: z.number().int(),
    direct: z.number().int().describe('Voters and recorded requesters of the idea itself.'),
    viaMerged: z.number().int().describe('People of the ideas merged into it, at any depth.'),
    inBoth: z.number().int().describe('Counted in both direct and viaMerged; total = direct + viaMerged − inBoth.'),
  }),
  merged: z.array(postRefSchema.extend({ people: z.number().int().describe('The merged idea\'s own distinct people.') })),
  requests: z.array(customerRequestSchema).nullable().describe('Admins only, oldest first; null for others.'),
  customers: customerValueSchema.nullable().describe('Admins only: from identity traits (company, mrr, plan) and requests; null for others.'),
  priority: z.strictObject({
    score: z.number(),
    formula: z.string(),
    terms: z.array(z.strictObject({
      name: z.enum(['people', 'mrr', 'impact', 'effort']),
      value: z.number(),
      weight: z.number().nullable(),
      contribution: z.number(),
    })),
  }).nullable().describe('Admins only: the score under the board\'s formula and each of its terms; null for others.'),
  evidence: evidenceSchema,
}).meta({ id: 'Demand' });

export const postHistorySchema = z.strictObject({
  items: z.array(z.strictObject({
    id: z.string(),
    type: z.string().describe('The domain event, e.g. post.created, post.status_changed, post.merged, post.unmerged.'),
    actor: authorSchema.nullable().describe('null for the system (seeds).'),
    occurredAt: isoDate,
    details: z.record(z.string(), z.unknown()).describe('What the event recorded; for a merge, both ideas and the counts moved.'),
  })).describe('Oldest first.'),
}).meta({ id: 'PostHistory' });

/** `GET /boards/:board/duplicates` query: how many pairs at most. */
export const duplicatesQuery = z.object({
  limit: limit.describe(`How many pairs at most, 1 to ${LIMITS.pageSizeMax} (default ${LIMITS.pageSizeDefault}).`),
});

/** `POST /duplicates/dismissals`: the two ideas an admin says are not duplicates. */
export const duplicateDismissalInput = z
  .strictObject(
    {
      postIds: z
        .tuple([z.uuid('postIds must be two post ids.'), z.uuid('postIds must be two post ids.')], { error: 'postIds must be two post ids.' })
        .describe('The two ideas of the pair, in any order.'),
    },
    { error: 'The body must be a JSON object.' },
  )
  .meta({ id: 'DuplicateDismissal' });

export const duplicateCandidateSchema = z
  .strictObject({
    posts: z.tuple([postSchema, postSchema]).describe('The two ideas, the suggested canonical first.'),
    score: z.number().min(0).max(1).describe('How similar the two are, 0–1, higher is closer.'),
    suggestedCanonical: z.string().describe('The idea to keep (more people, then more comments, then older): `posts[0].id`.'),
  })
  .meta({ id: 'DuplicateCandidate' });

/** `GET /posts/:id/compare/:other`: the two ideas. */
export const comparedPostsParams = z.object({
  id: idOf('post', 'The first idea (a UUID).'),
  other: idOf('post', 'The second idea (a UUID).'),
});

const comparedIdeaSchema = z.strictObject({
  post: postSchema,
  onlyHere: z.number().int().describe('Its people who are not among the other idea\'s.'),
  evidence: evidenceSchema,
});

export const ideaComparisonSchema = z
  .strictObject({
    ideas: z.tuple([comparedIdeaSchema, comparedIdeaSchema]).describe('Both ideas, in the order asked.'),
    sharedPeople: z.number().int().describe('People among both ideas\' people (votes and requests, merged ideas\' included), each once.'),
    sharedNames: z.array(z.string()).describe(`The shared people's names where known, alphabetical, at most ${LIMITS.comparedNamesMax}.`),
  })
  .meta({ id: 'IdeaComparison' });

export const duplicateCandidateListSchema = z
  .strictObject({ items: z.array(duplicateCandidateSchema) })
  .meta({ id: 'DuplicateCandidateList' });

/** `?dryRun=true`: answer who would be told, change nothing. */
/** `?dryRun=true|false`, false when absent; `meaning` says what a dry run answers. */
const dryRunFlag = (meaning: string) =>
  z
    .enum(['true', 'false'], { error: 'dryRun must be true or false.' })
    .optional()
    .transform((value) => value === 'true')
    .describe(meaning);

export const dryRunQuery = z.object({
  dryRun: dryRunFlag('true: change nothing and answer who would be told (a NotificationAudience) instead of the idea.'),
  limit: limitOf(AUDIENCE_LIST_DEFAULT).describe(
    `With dryRun: how many people to list at most, 1 to ${LIMITS.pageSizeMax} (default ${AUDIENCE_LIST_DEFAULT}).`,
  ),
});

const subscriptionReason = z.enum(['author', 'vote', 'comment', 'request', 'explicit']);
const statusKindSchema = z.enum(['open', 'active', 'done', 'declined', 'duplicate']);

export const subscriptionSchema = z
  .strictObject({
    postId: z.string().describe('The idea followed: the canonical of a merged idea.'),
    subscribed: z.boolean(),
    reason: subscriptionReason.nullable().describe('Why they follow it; null when they do not.'),
    emailPending: z.boolean().describe('An address the visitor left still waits for its confirmation link to be followed.'),
  })
  .meta({ id: 'Subscription' });

/** `PUT /posts/:id/subscription`. */
export const setSubscriptionInput = z
  .strictObject(
    {
      subscribed: z.boolean({ error: 'subscribed must be true or false.' }),
      email: z
        .email({ error: 'email must be an email address.' })
        .max(254, 'email can have at most 254 characters.')
        .optional()
        .describe('Anonymous visitors only: where to tell them. A confirmation link is sent to it first, and nothing else until it is followed.'),
    },
    { error: 'Send a JSON object with subscribed (and, from an anonymous visitor, email).' },
  )
  .meta({ id: 'SubscriptionChange' });

export const emailPreferencesSchema = z
  .strictObject({
    email: z.string().nullable().describe('Where mail goes: the host\'s address for a signed-in user, or the one a visitor left.'),
    confirmed: z.boolean().describe('The address may be written to.'),
    emailOff: z.boolean().describe('Email is turned off entirely (the in-app bell still works).'),
    mayLeaveAddress: z
      .boolean()
      .describe('The caller may leave an address with PUT /posts/{id}/subscription: anonymous visitors may; a signed-in user\'s mail goes to the address their sign-in gives.'),
  })
  .meta({ id: 'EmailPreferences' });

/** `PUT /me/email`. */
export const setEmailPreferencesInput = z
  .strictObject({ emailOff: z.boolean({ error: 'emailOff must be true or false.' }) }, { error: 'Send a JSON object with emailOff.' })
  .meta({ id: 'EmailPreferencesChange' });

export const notificationAudienceSchema = z
  .strictObject({
    counts: z.strictObject({ in_app: z.number().int(), email: z.number().int(), webhook: z.number().int() }),
    people: z.array(
      z.strictObject({
        person: z.strictObject({ id: z.string(), name: z.string().nullable(), email: z.string().nullable() }),
        channels: z.array(z.enum(['in_app', 'email'])),
        reasons: z.array(subscriptionReason),
      }),
    ),
    truncated: z.boolean().describe('More people than listed.'),
  })
  .meta({ id: 'NotificationAudience' });

export const boardNotificationSettingsSchema = z
  .strictObject({
    notifyKinds: z
      .array(statusKindSchema)
      .describe('The status kinds whose statuses tell an idea\'s followers: `done` always, `active` when chosen.'),
  })
  .meta({ id: 'BoardNotificationSettings' });

/** `PUT /boards/:board/notifications`. */
export const boardNotificationSettingsInput = z
  .strictObject(
    {
      notifyKinds: z
        .array(z.enum(['done', 'active'], { error: 'notifyKinds may hold done and active.' }), { error: 'notifyKinds must be a list.' })
        .refine((kinds) => kinds.includes('done'), 'notifyKinds must hold done: shipping always tells.')
        .transform((kinds) => [...new Set(kinds)].sort() as Array<'active' | 'done'>),
    },
    { error: 'Send a JSON object with notifyKinds.' },
  )
  .meta({ id: 'BoardNotificationSettingsChange' });
// Webhook endpoints (issue 11).

/** The longest endpoint URL accepted. */
const WEBHOOK_URL_MAX = 2048;

const webhookUrl = text('url')
  .transform((value) => value.trim())
  .pipe(z.string().max(WEBHOOK_URL_MAX, `url can have at most ${WEBHOOK_URL_MAX} characters.`))
  .superRefine((value, ctx) => {
    const problem = webhookUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe('An absolute https:// or http:// URL whose host resolves to public addresses only (unless the server sets SAYSO_WEBHOOK_ALLOW_PRIVATE=true).');

const webhookEvents = z
  .array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]], { error: `Each event must be one of ${WEBHOOK_EVENT_TYPES.join(', ')}.` }), {
    error: 'events must be an array of event types.',
  })
  .min(1, 'events must name at least one event type.')
  .transform((events) => WEBHOOK_EVENT_TYPES.filter((type) => events.includes(type)))
  .describe(`The event types to call it for, any of ${WEBHOOK_EVENT_TYPES.join(', ')}.`);

/** `POST /webhooks`: where to call and for which events. */
export const newWebhookEndpointInput = z.strictObject(
  { url: webhookUrl, events: webhookEvents },
  { error: 'Send a JSON object with url and events.' },
);

/** `PATCH /webhooks/:endpointId`: any of url, events, active. */
export const webhookEndpointChangesInput = z
  .strictObject(
    {
      url: webhookUrl.optional(),
      events: webhookEvents.optional(),
      active: z.boolean({ error: 'active must be true or false.' }).optional().describe('false pauses the endpoint: nothing is sent to it.'),
    },
    { error: 'Send a JSON object with url, events or active.' },
  )
  .superRefine((input, ctx) => {
    if (input.url === undefined && input.events === undefined && input.active === undefined) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: 'Send at least one of url, events, active.' });
    }
  });

export const webhookEndpointParams = z.object({ endpointId: idOf('webhook endpoint', 'Webhook endpoint id (a UUID).') });

export const webhookEndpointSchema = z.strictObject({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES as [WebhookEventType, ...WebhookEventType[]])),
  active: z.boolean(),
  createdAt: isoDate,
}).meta({ id: 'WebhookEndpoint' });

export const createdWebhookEndpointSchema = webhookEndpointSchema.extend({
  secret: z.string().describe('`whsec_…`, shown this once: the receiver checks `Sayso-Signature` with it (docs/webhooks.md).'),
}).meta({ id: 'CreatedWebhookEndpoint' });

export const webhookEndpointListSchema = z.array(webhookEndpointSchema).meta({ id: 'WebhookEndpointList' });

export const deliveryParams = z.object({ id: idOf('delivery', 'Delivery id (a UUID).') });

const DELIVERY_CHANNELS = ['in_app', 'email', 'webhook'] as const;
const DELIVERY_STATUSES = ['pending', 'sending', 'sent', 'failed', 'dead'] as const;

export const deliverySchema = z.strictObject({
  id: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  status: z.enum(DELIVERY_STATUSES).describe('pending, sending, sent, failed (waits for its next try) or dead (given up).'),
  event: z.strictObject({ type: z.string().describe('The domain event, e.g. post.status_changed.'), occurredAt: isoDate }),
  post: postRefSchema.nullable(),
  person: authorSchema.extend({ email: z.string().nullable() }).nullable().describe('For in_app and email.'),
  endpoint: z.strictObject({ id: z.string(), url: z.string() }).nullable().describe('For webhook.'),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  responseStatus: z.number().int().nullable().describe('For webhook: the HTTP status the endpoint answered.'),
  createdAt: isoDate,
  sentAt: isoDate.nullable(),
  nextAttemptAt: isoDate.nullable(),
}).meta({ id: 'Delivery' });

export const deliveryPageSchema = pageSchema(deliverySchema).meta({ id: 'DeliveryPage' });

/** `GET /deliveries`: the filters, each optional, and a keyset page. */
export const listDeliveriesQuery = z
  .object({
    postId: idOf('idea', 'Only deliveries about this idea.').optional(),
    personId: idOf('person', 'Only deliveries to this person (`person.id` of a delivery).').optional(),
    endpointId: idOf('webhook endpoint', 'Only calls to this webhook endpoint.').optional(),
    status: z.enum(DELIVERY_STATUSES, { error: `status must be one of ${DELIVERY_STATUSES.join(', ')}.` }).optional(),
    channel: z.enum(DELIVERY_CHANNELS, { error: `channel must be one of ${DELIVERY_CHANNELS.join(', ')}.` }).optional(),
    cursor: keysetCursor,
    limit,
  })
  .transform(({ cursor, ...rest }, ctx) => {
    const after = keysetPosition(cursor, 'the delivery log', ctx);
    return after === undefined ? z.NEVER : { ...rest, after };
  });

export const changelogEntrySchema = z
  .strictObject({
    id: z.string(),
    board: z.string().describe('Board slug.'),
    title: z.string(),
    body: z.string().describe('Markdown.'),
    posts: z.array(postRefSchema).describe('The ideas it ships, as they are now, in the admin\'s order.'),
    publishedAt: isoDate.nullable().describe('null for a draft (drafts are listed to admins only).'),
    createdAt: isoDate,
  })
  .meta({ id: 'ChangelogEntry' });

export const changelogPageSchema = pageSchema(changelogEntrySchema).meta({ id: 'ChangelogPage' });

export const changelogEntryParams = z.object({ entryId: idOf('changelog entry', 'Changelog entry id (a UUID).') });

export const listChangelogQuery = z.object({ cursor: keysetCursor, limit }).transform(({ cursor, ...rest }, ctx) => {
  const after = keysetPosition(cursor, 'the changelog', ctx);
  return after === undefined ? z.NEVER : { ...rest, after };
});

const changelogFields = {
  title: text('title').describe(`${LIMITS.titleMin}–${LIMITS.titleMax} characters after trimming.`),
  body: text('body').describe(`Markdown, up to ${LIMITS.changelogBodyMax} characters.`),
  postIds: z
    .array(z.string({ error: 'postIds must list idea ids.' }), { error: 'postIds must list idea ids.' })
    .max(LIMITS.pageSizeMax, `An entry ships at most ${LIMITS.pageSizeMax} ideas.`)
    .describe('The ideas it ships: ideas of its board (a merged idea counts as the idea it was merged into).'),
};

/** Core's checkChangelogEntry over the fields given; the title is stored trimmed. */
const checkedEntry = <T extends { title?: string; body?: string }>(input: T, ctx: z.RefinementCtx) => {
  for (const problem of checkChangelogEntry(input)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
};
const trimmedTitle = <T extends { title?: string }>(input: T): T => (input.title === undefined ? input : { ...input, title: input.title.trim() });

/** `POST /boards/:board/changelog`: a draft. */
export const newChangelogEntryInput = z
  .strictObject(
    { title: changelogFields.title, body: changelogFields.body.optional(), postIds: changelogFields.postIds.optional() },
    { error: 'Send a JSON object with title (and body, postIds).' },
  )
  .superRefine(checkedEntry)
  .transform(trimmedTitle);

/** `PATCH /changelog/:entryId`: any of the fields. */
export const changelogEntryChangesInput = z
  .strictObject(
    { title: changelogFields.title.optional(), body: changelogFields.body.optional(), postIds: changelogFields.postIds.optional() },
    { error: 'Send a JSON object with title, body or postIds.' },
  )
  .superRefine(checkedEntry)
  .transform(trimmedTitle);

// Feedback and the inbox (issue 12).

const feedbackAuthorSchema = z.strictObject({ name: z.string().nullable(), email: z.string().nullable(), company: z.string().nullable() });
const feedbackAttachmentSchema = z.strictObject({ name: z.string(), contentType: z.string(), size: z.number().int() });

export const feedbackItemSchema = z
  .strictObject({
    id: z.string(),
    board: z.string().describe('The board it is triaged on.'),
    source: z.string().describe('widget, api, email, slack, csv or webhook:<tool>.'),
    sourceId: z.string().nullable().describe('Its id in its source, when it has one.'),
    title: z.string().nullable(),
    text: z.string().describe('The words themselves, quoted replies and signatures taken out.'),
    author: feedbackAuthorSchema,
    link: z.string().nullable().describe('Back to where it was said.'),
    attachments: z.array(feedbackAttachmentSchema).describe('Named, never stored.'),
    state: z.enum(['new', 'linked', 'archived']),
    filtered: z.enum(['auto_reply', 'bulk']).nullable().describe('Kept out of the inbox, and why.'),
    postId: z.string().nullable().describe('The idea it is evidence for (state linked).'),
    public: z.boolean().describe('Shown to visitors on its idea.'),
    receivedAt: isoDate,
    createdAt: isoDate,
  })
  .meta({ id: 'FeedbackItem' });

export const inboxItemSchema = feedbackItemSchema
  .extend({ similar: z.array(postSchema).describe('Up to 3 ideas of its board most like it, most similar first.') })
  .meta({ id: 'InboxItem' });
export const inboxPageSchema = pageSchema(inboxItemSchema).meta({ id: 'InboxPage' });
export const feedbackPageSchema = pageSchema(feedbackItemSchema).meta({ id: 'FeedbackPage' });
export const feedbackItemsSchema = z.strictObject({ items: z.array(feedbackItemSchema).describe('In the order asked for.') }).meta({ id: 'FeedbackItems' });
export const postFromFeedbackSchema = z.strictObject({ post: postSchema, item: feedbackItemSchema }).meta({ id: 'PostFromFeedback' });

const optionalText = (field: string) => text(field).nullable().optional();

/** `POST /feedback`: checked in full by core's checkNewFeedbackItem (services/feedback.ts). */
export const newFeedbackInput = z.object(
  {
    board: z.string({ error: 'board must be a board slug.' }).optional().describe('Board slug; default: the first board.'),
    sourceId: optionalText('sourceId').describe('Its id in your system: the same id again creates nothing.'),
    title: optionalText('title'),
    text: text('text').describe(`1–${LIMITS.feedbackTextMax} characters after trimming.`),
    author: z
      .object({ name: optionalText('author.name'), email: optionalText('author.email'), company: optionalText('author.company') }, { error: 'author must be an object.' })
      .optional(),
    link: optionalText('link').describe('http(s) link back to where it was said.'),
    attachments: z
      .array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int().min(0) }), { error: 'attachments must list {name, contentType, size}.' })
      .max(50, 'At most 50 attachments.')
      .optional(),
    filtered: z.enum(['auto_reply', 'bulk'], { error: 'filtered must be auto_reply or bulk.' }).nullable().optional(),
    receivedAt: z.string({ error: 'receivedAt must be an ISO 8601 date and time.' }).optional().describe('ISO 8601; default: now.'),
  },
  { error: 'Send a JSON object with text.' },
);

/** `GET /inbox`: the filters, each optional, and a keyset page. */
export const inboxQuery = z
  .object({
    source: z
      .string()
      .regex(FEEDBACK_SOURCE, 'source must be widget, api, email, slack, csv or webhook:<name>.')
      .transform((value) => value as FeedbackSource)
      .optional()
      .describe('Only items from this source.'),
    state: z.enum(['new', 'linked', 'archived'], { error: 'state must be one of new, linked, archived.' }).default('new').describe('Default new.'),
    board: key('board').optional().describe('Only items of this board (slug).'),
    q: text('q')
      .transform((value) => value.trim())
      .pipe(z.string().min(1, 'q cannot be empty.').max(200, 'q can have at most 200 characters.'))
      .optional()
      .describe('Words the item\'s title, text or author contains (case-insensitive).'),
    filtered: z
      .enum(['true', 'false'], { error: 'filtered must be true or false.' })
      .transform((value) => value === 'true')
      .default(false)
      .describe('true: only the items kept out (auto-replies, bulk mail); default: only the others.'),
    cursor: keysetCursor,
    limit,
  })
  .transform(({ cursor, ...rest }, ctx) => {
    const after = keysetPosition(cursor, 'the inbox', ctx);
    return after === undefined ? z.NEVER : { ...rest, after };
  });

export const postFeedbackQuery = z.object({ cursor: keysetCursor, limit }).transform(({ cursor, ...rest }, ctx) => {
  const after = keysetPosition(cursor, 'this idea\'s feedback', ctx);
  return after === undefined ? z.NEVER : { ...rest, after };
});

export const feedbackItemParams = z.object({ id: idOf('feedback item', 'Feedback item id (a UUID).') });
export const ingestionKeyParams = z.object({ keyId: idOf('ingestion key', 'Ingestion key id (a UUID).') });

const itemIds = z
  .array(z.string().regex(UUID, { error: (issue) => `There is no feedback item "${String(issue.input)}".` }), { error: 'itemIds must list feedback item ids.' })
  .min(1, 'itemIds must name at least one item.')
  .max(LIMITS.pageSizeMax, `At most ${LIMITS.pageSizeMax} items at once.`)
  .transform((ids) => [...new Set(ids.map((id) => id.toLowerCase()))])
  .describe(`1 to ${LIMITS.pageSizeMax} feedback item ids; all change or none.`);

export const linkFeedbackInput = z.object(
  { itemIds, postId: z.string().regex(UUID, { error: (issue) => `There is no post "${String(issue.input)}".` }).transform((id) => id.toLowerCase()) },
  { error: 'Send a JSON object with itemIds and postId.' },
);
export const unlinkFeedbackInput = z.object({ itemIds }, { error: 'Send a JSON object with itemIds.' });
export const archiveFeedbackInput = z.object(
  { itemIds, archived: z.boolean({ error: 'archived must be true or false.' }).default(true).describe('false: back to new.') },
  { error: 'Send a JSON object with itemIds.' },
);
export const feedbackVisibilityInput = z.object({ public: z.boolean({ error: 'public must be true or false.' }) }, { error: 'Send a JSON object with public.' });

/** `POST /feedback/{id}/idea`: the idea's title and body default to the item's (checked like any new idea). */
export const ideaFromFeedbackInput = z
  .object(
    {
      board: key('board').optional().describe('Board slug; default: the item\'s board.'),
      title: text('title').optional().describe(`Default: the item's title, else its first words; ${LIMITS.titleMin}–${LIMITS.titleMax} characters.`),
      body: text('body').optional().describe('Default: the item\'s text.'),
    },
    { error: 'Send a JSON object.' },
  )
  .default({});

export const ingestionKeySchema = adminKeySchema.extend({}).meta({ id: 'IngestionKey' });
export const newIngestionKeySchema = newAdminKeySchema.extend({
  key: z.string().describe('The secret (`sik_…`), shown this once; send it as `Authorization: Bearer <key>` to POST /feedback.'),
}).meta({ id: 'NewIngestionKey' });
export const ingestionKeyListSchema = z.array(ingestionKeySchema).meta({ id: 'IngestionKeyList' });

/** What an inbound channel answers its sender: the item kept (`null` when the call held no feedback), and whether it is new. */
export const channelReceiptSchema = z.strictObject({
  item: feedbackItemSchema.nullable(),
  created: z.boolean().describe('false for a redelivery (the first item is answered) or a call that held no feedback.'),
}).meta({ id: 'ChannelReceipt' });

export const githubReceiptSchema = z.strictObject({
  done: z
    .array(z.string())
    .describe('The backlog items this delivery moved to done (their people are told); empty for a ping, any other event or action, or a redelivery.'),
  redelivery: z.boolean().describe('true when this X-GitHub-Delivery was applied before: nothing changed.'),
}).meta({ id: 'GitHubReceipt' });

/** `POST /channels/*` query: the board feedback lands on, and the inbound email channel's secret. */
export const channelQuery = z.object({
  board: boardSlug.optional().describe('The board the feedback lands on; default the first board.'),
});
export const emailChannelQuery = channelQuery.extend({
  secret: z.string().optional().describe('SAYSO_INBOUND_EMAIL_SECRET, for relays that cannot send the Sayso-Inbound-Secret header.'),
});
export const webhookChannelParams = z.object({
  source: z
    .string()
    .regex(/^[a-z0-9][a-z0-9_-]{0,39}$/, { error: (issue) => `There is no channel "webhook/${String(issue.input)}": name a source in lower-case letters, digits, - and _.` })
    .describe('The sending tool, lower case (`typeform`, `hubspot`): the items\' source is `webhook:<source>`.'),
});

// CSV imports of feedback (issue 12).

const columnName = (field: string, what: string) =>
  z.string({ error: `map.${field} must name the column that holds ${what}.` }).min(1, `map.${field} cannot be empty.`).max(200, `map.${field} can have at most 200 characters.`).describe(`The column (its header) that holds ${what}.`);

export const feedbackImportQuery = z.object({
  board: boardSlug.optional().describe('Board slug the feedback lands on (default: the first board).'),
  dryRun: dryRunFlag('true: read and check every row and answer the same report, storing no feedback.'),
  'map.text': columnName('text', 'the feedback\'s words (required)'),
  'map.title': columnName('title', 'a title').optional(),
  'map.email': columnName('email', 'the author\'s email').optional(),
  'map.name': columnName('name', 'the author\'s name').optional(),
  'map.company': columnName('company', 'the author\'s company').optional(),
  'map.date': columnName('date', 'when it was received (ISO 8601 best; default: now)').optional(),
  'map.sourceId': columnName('sourceId', 'its id in the tool it comes from, which dedupes it (default: its content dedupes it)').optional(),
});

export const feedbackImportListQuery = z.object({ limit });

export const feedbackImportParams = z.object({ importId: idOf('feedback import', 'Feedback import id (a UUID).') });

export const feedbackImportSchema = z.strictObject({
  id: z.string(),
  dryRun: z.boolean(),
  state: z.enum(['running', 'done', 'failed']).describe('running while the file streams in; failed when it could not be read (nothing stored).'),
  rows: z.number().int().describe('Rows read so far, the header aside.'),
  created: z.number().int().describe('Items created; while running or in a dry run, the rows that would be.'),
  duplicates: z.number().int().describe('Rows whose feedback is already there (same source id, else same content), or earlier in the file.'),
  rejected: z.number().int().describe('Rows not imported: no text, a bad email, an unreadable date, a field too long.'),
  rejections: z.array(z.strictObject({ row: z.number().int().describe('As a spreadsheet numbers it: the header is row 1.'), reason: z.string() }))
    .describe('The first 100 rejected rows.'),
  error: z.string().optional().describe('Why a failed import stopped.'),
  startedAt: isoDate,
  finishedAt: isoDate.nullable(),
}).meta({ id: 'FeedbackImport' });

// ideas — the admins' list of every board's ideas, and its saved views (routes/admin-ideas.ts)

const instantBound = (field: 'createdFrom' | 'createdTo', bound: 'from' | 'to', description: string) =>
  text(field)
    .transform((value, ctx) => {
      const at = createdBound(value, bound);
      if (at === undefined) ctx.addIssue({ code: 'custom', message: `${field} must be a date (2026-01-31) or an ISO 8601 instant.` });
      return at ?? z.NEVER;
    })
    .optional()
    .describe(description);

/** `GET /admin/ideas`: filters, the sort, and a cursor of that sort. */
export const adminIdeasQuery = z
  .object({
    board: key('board').optional().describe('Only ideas of this board (slug).'),
    status: key('status').optional().describe('Only ideas in this status (a status key).'),
    tag: key('tag').optional().describe('Only ideas with this tag (a tag slug).'),
    source: z
      .string()
      .regex(FEEDBACK_SOURCE, 'source must be widget, api, email, slack, csv or webhook:<name>.')
      .transform((value) => value as FeedbackSource)
      .optional()
      .describe('Only ideas with evidence from this channel (theirs or their merged ideas\'.'),
    hasDuplicates: z
      .enum(['true', 'false'], { error: 'hasDuplicates must be true or false.' })
      .transform((value) => value === 'true')
      .optional()
      .describe('true: only ideas in an open duplicate candidate pair; false: only ideas in none.'),
    minPeople: z
      .string()
      .regex(/^[0-9]{1,9}$/, 'minPeople must be a whole number, 0 or more.')
      .transform(Number)
      .optional()
      .describe('Only ideas with at least this many people.'),
    createdFrom: instantBound('createdFrom', 'from', 'Created at or after (ISO date or instant).'),
    createdTo: instantBound('createdTo', 'to', 'Created before (an ISO instant; a date alone takes in that whole day, UTC).'),
    q: text('q')
      .superRefine((value, ctx) => {
        for (const problem of checkSearchQuery(value)) ctx.addIssue({ code: 'custom', message: problem.message });
      })
      .transform((value) => value.trim())
      .optional()
      .describe('Full-text search over title and body, as a board\'s search.'),
    sort: z
      .enum(ADMIN_IDEA_COLUMNS as unknown as [AdminIdeaColumn, ...AdminIdeaColumn[]], { error: `sort must be one of ${ADMIN_IDEA_COLUMNS.join(', ')}.` })
      .default('people')
      .describe('The column sorted by (default people).'),
    direction: z.enum(['asc', 'desc'], { error: 'direction must be asc or desc.' }).default('desc').describe('Default desc; ties are ordered by id the same way.'),
    cursor: cursorText.optional().describe('nextCursor of the previous page, for the same sort and direction; opaque.'),
    limit: limitOf(50).describe(`Page size, 1 to ${LIMITS.pageSizeMax} (default 50).`),
  })
  .transform(({ sort: column, direction, cursor, ...rest }, ctx) => {
    const sort = { column, direction };
    const after = decodeAdminIdeaCursor(cursor, sort);
    if (after === undefined || (after && !UUID.test(after.id))) {
      ctx.addIssue({ code: 'custom', path: ['cursor'], message: `The cursor is not one this server gave out for sort=${column}&direction=${direction}.` });
      return z.NEVER;
    }
    return { ...rest, sort, after };
  });

export const adminIdeaRowSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  board: z.string(),
  status: z.string().describe('A status key of its board.'),
  peopleCount: z.number().int().describe('Distinct people who want it, its merged ideas\' included.'),
  mrr: z.number().describe('Monthly revenue of the customers behind it.'),
  priority: z.number().describe('Its priority score under its board\'s formula.'),
  evidenceCount: z.number().int().describe('Feedback items linked to it or to ideas merged into it.'),
  tags: z.array(tagSchema),
  createdAt: isoDate,
  lastActivityAt: isoDate.describe('When it or anything on it last changed (edits, status, votes, comments, requests, evidence, merges).'),
}).meta({ id: 'AdminIdeaRow' });

export const adminIdeaPageSchema = pageSchema(adminIdeaRowSchema).meta({ id: 'AdminIdeaPage' });

export const savedViewSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  params: z.record(z.string(), z.string()).describe('The ideas list\'s address parameters, as the console keeps them.'),
  createdAt: isoDate,
}).meta({ id: 'SavedView' });

export const savedViewsSchema = z.strictObject({ items: z.array(savedViewSchema).describe('By name.') }).meta({ id: 'SavedViews' });

/** `POST /admin/views`: checked by core's checkSavedView. */
export const newSavedViewInput = z
  .object({ name: text('name'), params: z.record(z.string(), text('params')) }, { error: 'Send a JSON object with name and params.' })
  .superRefine((input, ctx) => {
    for (const problem of checkSavedView(input)) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  })
  .transform((input) => ({ name: input.name.trim(), params: input.params }));

export const savedViewParams = z.object({ viewId: idOf('saved view', 'Saved view id (a UUID).') });

// backlog — the engineering backlog and capacity (issue 14, routes/backlog.ts)

const categoryEnum = z.enum(BACKLOG_CATEGORIES as unknown as [BacklogCategory, ...BacklogCategory[]], {
  error: `category must be one of ${BACKLOG_CATEGORIES.join(', ')}.`,
});
const statusEnum = z.enum(BACKLOG_STATUSES as unknown as [BacklogStatus, ...BacklogStatus[]], {
  error: `status must be one of ${BACKLOG_STATUSES.join(', ')}.`,
});

export const backlogItemParams = z.object({ itemId: idOf('backlog item', 'Backlog item id (a UUID).') });
export const backlogEvidenceParams = z.object({
  itemId: idOf('backlog item', 'Backlog item id (a UUID).'),
  evidenceId: idOf('piece of evidence', 'Evidence id (a UUID), as GET /backlog/{itemId}/evidence lists it.'),
});

/** The fields of an item, each optional here; a new item needs title and category (core's checkBacklogItem). */
const backlogFields = {
  title: text('title').optional().describe(`1–${BACKLOG_LIMITS.titleMax} characters after trimming.`),
  description: text('description').optional().describe(`Markdown, up to ${BACKLOG_LIMITS.descriptionMax} characters.`),
  nextStep: text('nextStep').optional().describe(`The concrete next thing to do, up to ${BACKLOG_LIMITS.nextStepMax} characters; empty: the item is flagged vague.`),
  category: categoryEnum.optional(),
  status: statusEnum.optional().describe('Default proposed. Moving to done tells everyone behind the evidence, once ever.'),
  estimate: z.number({ error: 'estimate must be a number above 0, or null.' }).nullable().optional().describe('Above 0, in the board\'s estimate unit; null: not estimated.'),
  risk: z.number({ error: 'risk must be 0, 1, 2 or 3.' }).int('risk must be 0, 1, 2 or 3.').optional().describe('0 none … 3 high; weighs in the priority of security_compliance items only.'),
  owner: text('owner').nullable().optional().describe(`Who drives it, up to ${BACKLOG_LIMITS.ownerMax} characters; null: nobody yet.`),
  trackerUrls: z.array(text('trackerUrls'), { error: 'trackerUrls must list URLs.' }).optional().describe(`Issue links (GitHub, GitLab, Jira, Linear…), at most ${BACKLOG_LIMITS.trackerUrls}.`),
  public: z.boolean({ error: 'public must be true or false.' }).optional().describe('Shown read-only on the public roadmap.'),
};

type BacklogFieldsInput = { [K in keyof typeof backlogFields]?: z.infer<(typeof backlogFields)[K]> };

const backlogItemProblems = (partial: boolean) => (input: BacklogFieldsInput, ctx: z.RefinementCtx) => {
  for (const problem of checkBacklogItem(input as Parameters<typeof checkBacklogItem>[0], { partial })) {
    ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  }
};

/** `POST /boards/{board}/backlog`: title and category required. */
export const newBacklogItemInput = z
  .strictObject(backlogFields, { error: 'Send a JSON object with title and category.' })
  .superRefine(backlogItemProblems(false))
  .transform((input) => input as typeof input & { title: string; category: BacklogCategory; risk?: 0 | 1 | 2 | 3 });

/** `PATCH /backlog/{itemId}`: any of the fields; those left out stay. */
export const backlogItemChangesInput = z
  .strictObject(
    {
      ...backlogFields,
      expected: z
        .strictObject({ updatedAt: z.string({ error: 'expected.updatedAt must be the item\'s updatedAt.' }) })
        .optional()
        .describe('The item as the editor saw it: 409 conflict when it changed since (its updatedAt moved).'),
    },
    { error: 'Send a JSON object with the fields to change.' },
  )
  .superRefine(backlogItemProblems(true))
  .transform((input) => input as typeof input & { risk?: 0 | 1 | 2 | 3 });

const uuidList = (field: string, what: string) =>
  z
    .array(z.string().regex(UUID, { error: (issue) => `There is no ${what} "${String(issue.input)}".` }), { error: `${field} must list ${what} ids.` })
    .max(LIMITS.pageSizeMax, `At most ${LIMITS.pageSizeMax} ${what}s at once.`)
    .transform((ids) => ids.map((id) => id.toLowerCase()))
    .optional();

/** `POST /backlog/{itemId}/evidence`: ideas and/or feedback items. */
export const linkBacklogEvidenceInput = z
  .strictObject(
    {
      postIds: uuidList('postIds', 'idea').describe('Ideas of any board; a merged idea links as itself and counts with its canonical\'s people.'),
      feedbackItemIds: uuidList('feedbackItemIds', 'feedback item').describe('Feedback items; each counts with its author.'),
    },
    { error: 'Send a JSON object with postIds and/or feedbackItemIds.' },
  )
  .refine((input) => (input.postIds?.length ?? 0) + (input.feedbackItemIds?.length ?? 0) > 0, {
    message: 'Name at least one idea (postIds) or feedback item (feedbackItemIds).',
    path: ['postIds'],
  });

const flag = (field: string, description: string) =>
  z.enum(['true', 'false'], { error: `${field} must be true or false.` }).transform((value) => value === 'true').optional().describe(description);

const backlogFilterFields = {
  category: categoryEnum.optional().describe('Only items of this category.'),
  status: statusEnum.optional().describe('Only items in this status.'),
  vague: flag('vague', 'true: only items without a next step; false: only those with one.'),
  stale: flag('stale', 'true: only open items untouched for longer than the board\'s staleDays (the pruning list).'),
  q: text('q').max(200, 'q can have at most 200 characters.').optional().describe('Words the title, description or next step contains (each of them, case-insensitive).'),
};

/** `GET /boards/{board}/backlog`: the filters, each optional. */
export const backlogQuery = z.object(backlogFilterFields);

/** `GET /boards/{board}/backlog/export`: the format and the filters. */
export const backlogExportQuery = z.object({
  format: z.enum(['csv', 'json'], { error: 'format must be csv or json.' }).default('csv').describe('csv (default; spreadsheet-safe cells) or json.'),
  ...backlogFilterFields,
});

/** `GET /backlog/{itemId}/suggestions`. */
export const backlogSuggestionsQuery = z.object({ limit: limitOf(5).describe(`How many ideas and how many feedback items, 1 to ${LIMITS.pageSizeMax} (default 5).`) });

export const backlogItemSchema = z
  .strictObject({
    id: z.string(),
    board: z.string(),
    title: z.string(),
    description: z.string(),
    nextStep: z.string(),
    category: categoryEnum,
    status: statusEnum,
    estimate: z.number().nullable(),
    risk: z.number().int(),
    owner: z.string().nullable(),
    trackerUrls: z.array(z.string()),
    public: z.boolean(),
    demand: z.strictObject({
      people: z.number().int().describe('Distinct people behind all its evidence: every linked idea\'s people (merged ideas and requests included) and every linked feedback item\'s author, each once.'),
      customers: customerValueSchema,
      ideas: z.number().int(),
      feedback: z.number().int(),
    }),
    priority: z.strictObject({
      score: z.number(),
      formula: z.string().describe('With the weights written in: (people × w + MRR × w + risk × w) ÷ effort.'),
      terms: z.array(z.strictObject({
        name: z.enum(['people', 'mrr', 'risk', 'effort']),
        value: z.number(),
        weight: z.number().nullable(),
        contribution: z.number(),
      })),
    }),
    vague: z.boolean().describe('No next step written.'),
    stale: z.boolean().describe('Open and untouched for longer than the board\'s staleDays.'),
    createdAt: isoDate,
    updatedAt: isoDate.describe('Last change of text, status or evidence; send it back as expected.updatedAt.'),
    doneAt: isoDate.nullable(),
  })
  .meta({ id: 'BacklogItem' });

export const backlogItemsSchema = z.strictObject({ items: z.array(backlogItemSchema).describe('Ranked: priority, then people, then oldest.') }).meta({ id: 'BacklogItems' });

export const backlogEvidenceSchema = z
  .strictObject({
    id: z.string(),
    itemId: z.string(),
    post: z
      .strictObject({ id: z.string(), title: z.string(), board: z.string(), people: z.number().int().describe('Its canonical\'s people.'), status: z.string() })
      .nullable(),
    feedback: z
      .strictObject({
        id: z.string(),
        source: z.string(),
        title: z.string().nullable(),
        text: z.string(),
        authorName: z.string().nullable(),
        authorEmail: z.string().nullable(),
        authorCompany: z.string().nullable(),
      })
      .nullable(),
    addedAt: isoDate,
  })
  .meta({ id: 'BacklogEvidence' });

export const backlogEvidenceListSchema = z.strictObject({ items: z.array(backlogEvidenceSchema).describe('Newest linked first.') }).meta({ id: 'BacklogEvidenceList' });

export const backlogSuggestionsSchema = z
  .strictObject({
    ideas: z.array(z.strictObject({ id: z.string(), title: z.string(), people: z.number().int(), score: z.number().describe('0–1.') })),
    feedback: z.array(z.strictObject({ id: z.string(), source: z.string(), title: z.string().nullable(), text: z.string(), score: z.number().describe('0–1.') })),
  })
  .meta({ id: 'BacklogSuggestions' });

const capacitySettingsFields = {
  engineeringTarget: z.number({ error: 'engineeringTarget must be a number.' }).describe('Target share of all effort for engineering work, 0–100 %.'),
  categoryMinimums: z.record(z.string(), z.number({ error: 'Each category minimum must be a number.' }), { error: 'categoryMinimums must map categories to shares.' })
    .describe('Minimum share per category, % of all effort; together at most 100.'),
  windowWeeks: z.number({ error: 'windowWeeks must be a whole number.' }).describe('Weeks the actual shares look back, 1–52.'),
  staleDays: z.number({ error: 'staleDays must be a whole number.' }).describe('Open items untouched for longer are stale, 1–3650.'),
  riskWeight: z.number({ error: 'riskWeight must be a number.' }).describe('Weight of a security item\'s risk (0–3) in its priority, at least 0.'),
  estimateUnit: z.enum(['points', 'days'], { error: 'estimateUnit must be points or days.' }),
};

/** `PUT /boards/{board}/capacity`: any of the settings; those left out stay (core's checkCapacitySettings). */
export const capacitySettingsInput = z
  .strictObject(
    Object.fromEntries(Object.entries(capacitySettingsFields).map(([field, schema]) => [field, schema.optional()])) as {
      [K in keyof typeof capacitySettingsFields]: z.ZodOptional<(typeof capacitySettingsFields)[K]>;
    },
    { error: 'Send a JSON object with the settings to change.' },
  )
  .superRefine((input, ctx) => {
    for (const problem of checkCapacitySettings(input as Parameters<typeof checkCapacitySettings>[0])) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .transform((input) => input as Parameters<typeof checkCapacitySettings>[0]);

export const capacityReportSchema = z
  .strictObject({
    board: z.string(),
    settings: z.strictObject(capacitySettingsFields),
    from: isoDate.describe('Start of the window.'),
    to: isoDate,
    ideaEffort: z.number().describe('Effort of ideas shipped in the window (1 each without one).'),
    engineeringEffort: z.number().describe('Effort of backlog items done in the window (1 each without an estimate).'),
    engineeringActual: z.number().describe('Engineering\'s share of all effort done, %.'),
    engineeringTarget: z.number(),
    engineeringGap: z.number().describe('actual − target; negative: below target.'),
    categories: z.array(z.strictObject({
      category: categoryEnum,
      effort: z.number(),
      actual: z.number(),
      target: z.number().nullable(),
      gap: z.number().nullable(),
    })),
    unestimated: z.number().int().describe('Work done in the window without an estimate (counted as 1).'),
  })
  .meta({ id: 'CapacityReport' });

export const publicBacklogSchema = z
  .strictObject({
    items: z.array(z.strictObject({ id: z.string(), title: z.string(), category: categoryEnum, status: statusEnum, people: z.number().int() }))
      .describe('In progress, planned, proposed, then done (newest first), each by rank.'),
  })
  .meta({ id: 'PublicBacklog' });
