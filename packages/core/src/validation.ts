import { LIMITS, type NewPost } from './types.js';

/** One reason user input was refused, tied to the field a form should mark. */
export interface InputProblem {
  field: string;
  message: string;
}

/**
 * Checks an idea before it is sent, with the same limits the server enforces,
 * so a form can say what is wrong without a round trip.
 */
export function checkNewPost(input: NewPost): InputProblem[] {
  const problems: InputProblem[] = [];
  const title = input.title.trim();
  if (title.length < LIMITS.titleMin) {
    problems.push({ field: 'title', message: `Title needs at least ${LIMITS.titleMin} characters.` });
  } else if (title.length > LIMITS.titleMax) {
    problems.push({ field: 'title', message: `Title can have at most ${LIMITS.titleMax} characters.` });
  }
  if (input.body.length > LIMITS.bodyMax) {
    problems.push({ field: 'body', message: `Details can have at most ${LIMITS.bodyMax} characters.` });
  }
  return problems;
}

/** Checks a comment body with the server's limits. */
export function checkCommentBody(body: string): InputProblem[] {
  const text = body.trim();
  if (!text) return [{ field: 'body', message: 'A comment cannot be empty.' }];
  if (text.length > LIMITS.commentMax) {
    return [{ field: 'body', message: `A comment can have at most ${LIMITS.commentMax} characters.` }];
  }
  return [];
}
