import type { Post } from '@sayso/core';

/**
 * The link to an idea (or a changelog entry) from a host page's URL template: `{id}` and `{board}`
 * are replaced by its id and board slug, URL-encoded (`/ideas/{id}` → `/ideas/p_123`). No
 * template, no link.
 */
export function postHref(template: string | undefined | null, post: Pick<Post, 'id' | 'board'>): string | undefined {
  if (!template) return undefined;
  return template.replaceAll('{id}', encodeURIComponent(post.id)).replaceAll('{board}', encodeURIComponent(post.board));
}
