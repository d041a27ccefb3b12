import { LIMITS, type NewFeedbackItem, type NewPost } from './types.js';

/** One reason user input was refused, tied to the field a form should mark. */
export interface InputProblem {
  field: string;
  /** What is wrong, in English. */
  message: string;
  /**
   * The rule broken, for a UI that says it in the visitor's language: `required` (empty),
   * `too_short` (fewer than `limit` characters), `too_long` (more than `limit`). Absent for
   * other problems; show `message` then.
   */
  rule?: 'required' | 'too_short' | 'too_long';
  /** The character limit of a `too_short` or `too_long` problem. */
  limit?: number;
}

/**
 * Checks an idea before it is sent, with the same limits the server enforces,
 * so a form can say what is wrong without a round trip.
 */
export function checkNewPost(input: NewPost): InputProblem[] {
  const problems: InputProblem[] = [];
  const title = input.title.trim();
  if (title.length < LIMITS.titleMin) {
    problems.push({ field: 'title', message: `Title needs at least ${LIMITS.titleMin} characters.`, rule: 'too_short', limit: LIMITS.titleMin });
  } else if (title.length > LIMITS.titleMax) {
    problems.push({ field: 'title', message: `Title can have at most ${LIMITS.titleMax} characters.`, rule: 'too_long', limit: LIMITS.titleMax });
  }
  if (input.body.length > LIMITS.bodyMax) {
    problems.push({ field: 'body', message: `Details can have at most ${LIMITS.bodyMax} characters.`, rule: 'too_long', limit: LIMITS.bodyMax });
  }
  return problems;
}

/** Checks a comment body with the server's limits. */
export function checkCommentBody(body: string): InputProblem[] {
  const text = body.trim();
  if (!text) return [{ field: 'body', message: 'A comment cannot be empty.', rule: 'required' }];
  if (text.length > LIMITS.commentMax) {
    return [{ field: 'body', message: `A comment can have at most ${LIMITS.commentMax} characters.`, rule: 'too_long', limit: LIMITS.commentMax }];
  }
  return [];
}

/**
 * Checks an edit of an idea: each field given follows the rules of {@link checkNewPost}; an
 * edit that changes nothing at all (no field given) is refused too.
 */
export function checkPostEdit(input: { title?: string; body?: string }): InputProblem[] {
  if (input.title === undefined && input.body === undefined) {
    return [{ field: 'body', message: 'Send a new title, a new body, or both.' }];
  }
  return checkNewPost({ title: input.title ?? 'unchanged', body: input.body ?? '' });
}

/**
 * The slug a new tag gets from its name: lowercase letters and digits of any script, accents
 * dropped, every other run of characters turned into one `-` (`"Dark mode!"` → `dark-mode`,
 * `"Éditeur"` → `editeur`). Empty when the name has no letter or digit at all.
 */
export function tagSlug(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, LIMITS.tagNameMax)
    .replace(/-+$/, '');
}

/** Checks a tag name: 1–40 characters after trimming, with at least one letter or digit. */
export function checkTagName(name: string): InputProblem[] {
  const text = name.trim();
  if (!text) return [{ field: 'name', message: 'A tag needs a name.' }];
  if (text.length > LIMITS.tagNameMax) {
    return [{ field: 'name', message: `A tag name can have at most ${LIMITS.tagNameMax} characters.` }];
  }
  if (!tagSlug(text)) return [{ field: 'name', message: 'A tag name needs at least one letter or digit.' }];
  return [];
}

/** Checks a search text: 1–200 characters after trimming. */
export function checkSearchQuery(q: string): InputProblem[] {
  const text = q.trim();
  if (!text) return [{ field: 'q', message: 'A search needs at least one character.' }];
  if (text.length > LIMITS.searchMax) {
    return [{ field: 'q', message: `A search can have at most ${LIMITS.searchMax} characters.` }];
  }
  return [];
}

/** A feedback source's name: `widget`, `api`, `email`, `slack`, `csv`, or `webhook:` and a short lowercase name. */
export const FEEDBACK_SOURCE = /^(widget|api|email|slack|csv|webhook:[a-z0-9][a-z0-9_-]{0,39})$/;

/**
 * Checks feedback a channel hands over: words (1–20,000 characters after trimming), fields of at
 * most 500 characters, an author's email that looks like one, a link that is http(s), a time that parses.
 */
export function checkNewFeedbackItem(item: NewFeedbackItem): InputProblem[] {
  const problems: InputProblem[] = [];
  const text = typeof item.text === 'string' ? item.text.trim() : '';
  if (!text) problems.push({ field: 'text', message: 'Feedback needs some words.' });
  else if (text.length > LIMITS.feedbackTextMax) {
    problems.push({ field: 'text', message: `Feedback can have at most ${LIMITS.feedbackTextMax} characters.` });
  }
  const fields: Array<[string, unknown]> = [
    ['title', item.title],
    ['sourceId', item.sourceId],
    ['link', item.link],
    ['author.name', item.author?.name],
    ['author.email', item.author?.email],
    ['author.company', item.author?.company],
  ];
  for (const [field, value] of fields) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') problems.push({ field, message: `${field} must be text.` });
    else if (value.length > LIMITS.feedbackFieldMax) {
      problems.push({ field, message: `${field} can have at most ${LIMITS.feedbackFieldMax} characters.` });
    }
  }
  const email = item.author?.email?.trim();
  if (email && !/^[^\s@]+@[^\s@]+$/.test(email)) problems.push({ field: 'author.email', message: `"${email}" is not an email address.` });
  const link = item.link?.trim();
  if (link && !/^https?:\/\//i.test(link)) problems.push({ field: 'link', message: 'A link must start with https:// or http://.' });
  if (item.receivedAt !== undefined && Number.isNaN(Date.parse(item.receivedAt))) {
    problems.push({ field: 'receivedAt', message: `"${item.receivedAt}" is not a date and time.` });
  }
  return problems;
}
