import { LIMITS, type EvidenceCount, type FeedbackItem, type FeedbackSource, type FeedbackState, type NewCustomerRequest, type NewFeedbackItem } from '../types.js';
import { FEEDBACK_SOURCE, type InputProblem } from '../validation.js';

// How feedback items are told apart and counted, the same in every backend (the server's SQL
// mirrors these: `feedback_items.content_hash`, `evidenceOf`).

/** Most items one inbox action takes: a page of the inbox. */
export const FEEDBACK_BULK_MAX = 100;

/** Up to this many ideas are offered for each inbox item. */
export const INBOX_SIMILAR_LIMIT = 3;

const FEEDBACK_STATES: readonly FeedbackState[] = ['new', 'linked', 'archived'];

/** Text a channel gave, trimmed; `null` when there is none. */
const given = (value: string | null | undefined) => (typeof value === 'string' ? value.trim() || null : null);

/**
 * A new item as it is kept: fields trimmed (empty ones `null`), the author's email lower-cased,
 * the time received as ISO 8601 (now when not given). Check it with `checkNewFeedbackItem` first.
 */
export function normalizedFeedback(item: NewFeedbackItem, now: string = new Date().toISOString()) {
  return {
    sourceId: given(item.sourceId),
    title: given(item.title),
    text: item.text.trim(),
    author: { name: given(item.author?.name), email: given(item.author?.email)?.toLowerCase() ?? null, company: given(item.author?.company) },
    link: given(item.link),
    attachments: item.attachments ?? [],
    filtered: item.filtered ?? null,
    receivedAt: item.receivedAt ? new Date(item.receivedAt).toISOString() : now,
  };
}

/**
 * What makes two items without a source id the same delivery: who wrote it (email, else name),
 * its title and its words. The server keeps the SHA-256 of this as `content_hash`.
 */
export function feedbackContent(item: Pick<FeedbackItem, 'title' | 'text'> & { author: Pick<FeedbackItem['author'], 'name' | 'email'> }): string {
  return JSON.stringify([given(item.author.email)?.toLowerCase() ?? given(item.author.name), given(item.title), item.text.trim()]);
}

/**
 * The person behind an item, for counting evidence: the author's email, else their name, lower-cased;
 * an item with neither is a person of its own (the server: `coalesce(lower(author_email), lower(author_name), id)`).
 */
export function feedbackPersonKey(item: Pick<FeedbackItem, 'id' | 'author'>): string {
  return item.author.email?.toLowerCase() ?? item.author.name?.toLowerCase() ?? item.id;
}

/** Per source, how many distinct people and items back an idea: most people first, then most items, then by source. */
export function evidenceCounts(items: ReadonlyArray<Pick<FeedbackItem, 'id' | 'source' | 'author'>>): EvidenceCount[] {
  const bySource = new Map<FeedbackSource, { people: Set<string>; items: number }>();
  for (const item of items) {
    const counts = bySource.get(item.source) ?? { people: new Set<string>(), items: 0 };
    counts.people.add(feedbackPersonKey(item));
    counts.items += 1;
    bySource.set(item.source, counts);
  }
  return [...bySource]
    .map(([source, counts]) => ({ source, people: counts.people.size, items: counts.items }))
    .sort((a, b) => b.people - a.people || b.items - a.items || (a.source < b.source ? -1 : a.source > b.source ? 1 : 0));
}

/**
 * The customer request a link records for an item's author, on their behalf: who they are, where
 * they said it, and through which channel; `null` when the item names nobody (it is evidence, but no person).
 */
export function feedbackRequest(item: Pick<FeedbackItem, 'source' | 'author' | 'link'>): NewCustomerRequest | null {
  const { name, email, company } = item.author;
  if (!name && !email) return null;
  return {
    ...(name ? { name } : {}),
    ...(email ? { email } : {}),
    ...(company ? { company } : {}),
    ...(item.link ? { sourceUrl: item.link } : {}),
    note: `via ${item.source}`,
  };
}

/**
 * A new idea's title and body from an item, unless the admin gave them: its title, else its first
 * line, cut to the longest title a board takes; its words as the body.
 */
export function feedbackIdeaDraft(item: Pick<FeedbackItem, 'title' | 'text'>, chosen: { title?: string; body?: string } = {}): { title: string; body: string } {
  const words = (item.title ?? item.text.trim().split('\n')[0]!).trim();
  const cut = words.length <= LIMITS.titleMax ? words : `${words.slice(0, LIMITS.titleMax - 1).trimEnd()}…`;
  return { title: (chosen.title ?? cut).trim(), body: chosen.body ?? item.text.slice(0, LIMITS.bodyMax) };
}

/** Checks the ids an inbox action takes: 1 to 100 item ids. */
export function checkFeedbackIds(itemIds: unknown): InputProblem[] {
  if (!Array.isArray(itemIds) || itemIds.length === 0 || itemIds.some((id) => typeof id !== 'string')) {
    return [{ field: 'itemIds', message: 'itemIds must list one or more feedback item ids.' }];
  }
  if (itemIds.length > FEEDBACK_BULK_MAX) return [{ field: 'itemIds', message: `At most ${FEEDBACK_BULK_MAX} items at a time.` }];
  return [];
}

/** Checks the inbox's filters: a known state, a source name as channels give them. */
export function checkInboxFilters(filters: { state?: unknown; source?: unknown }): InputProblem[] {
  const problems: InputProblem[] = [];
  if (filters.state !== undefined && !FEEDBACK_STATES.includes(filters.state as FeedbackState)) {
    problems.push({ field: 'state', message: `state is one of ${FEEDBACK_STATES.join(', ')}.` });
  }
  if (filters.source !== undefined && (typeof filters.source !== 'string' || !FEEDBACK_SOURCE.test(filters.source))) {
    problems.push({ field: 'source', message: 'source is widget, api, email, slack, csv or webhook:<name>.' });
  }
  return problems;
}
