import {
  LIMITS,
  SaysoError,
  checkCommentBody,
  checkNewPost,
  decodeOffsetCursor,
  type InputProblem,
} from '@sayso/core';
import { z } from 'zod';

// Request shapes, checked with zod. The text rules are core's own checkNewPost and
// checkCommentBody, so the server refuses exactly what the client-side forms refuse.

// PostgreSQL text cannot hold U+0000, so it is refused here with a clear message.
const text = (field: string) =>
  z.string({ error: `${field} must be a string.` }).refine((value) => !value.includes('\u0000'), {
    message: `${field} cannot contain the character U+0000.`,
  });

/** `POST /boards/:board/posts`: title trimmed, 3–140 characters; body up to 10 000. */
export const newPostInput = z
  .object({ title: text('title'), body: text('body').default('') }, { error: 'Send a JSON object.' })
  .superRefine((input, ctx) => {
    for (const problem of checkNewPost(input)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .transform((input) => ({ title: input.title.trim(), body: input.body }));

/** `POST /posts/:id/comments`: 1–5000 characters after trimming; stored trimmed. */
export const newCommentInput = z
  .object({ body: text('body') }, { error: 'Send a JSON object.' })
  .superRefine((input, ctx) => {
    for (const problem of checkCommentBody(input.body)) {
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
    }
  })
  .transform((input) => ({ body: input.body.trim() }));

const cursor = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const offset = decodeOffsetCursor(value);
    if (offset === undefined) {
      ctx.addIssue({ code: 'custom', message: 'The cursor is not one this server gave out.' });
      return z.NEVER;
    }
    return offset;
  });

const limitMessage = `limit must be a whole number from 1 to ${LIMITS.pageSizeMax}.`;
const limit = z
  .string()
  .regex(/^[0-9]{1,6}$/, limitMessage)
  .transform(Number)
  .pipe(z.number().min(1, limitMessage).max(LIMITS.pageSizeMax, limitMessage))
  .default(LIMITS.pageSizeDefault);

/** `GET /boards/:board/posts` query. */
export const listPostsQuery = z.object({
  sort: z.enum(['top', 'new', 'trending'], { error: 'sort must be one of top, new, trending.' }).default('top'),
  cursor,
  limit,
});

/** `GET /posts/:id/comments` query. */
export const listCommentsQuery = z.object({ cursor, limit });

/** Parses input with a schema, or throws `invalid_input` naming every problem. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems: InputProblem[] = result.error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || 'body',
    message: issue.message,
  }));
  throw new SaysoError('invalid_input', problems.map((problem) => problem.message).join(' '), { problems });
}
