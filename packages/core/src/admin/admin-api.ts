import type { SaysoAdminApi } from '../adapter.js';
import type { SaysoClient } from '../client.js';
import { SaysoError } from '../errors.js';
import type { PostRef } from '../types.js';

/** The admin part of a client's adapter; a client without one cannot run the console. */
export function adminApiOf(client: SaysoClient): SaysoAdminApi {
  const admin = client.adapter.admin;
  if (!admin) throw new SaysoError('forbidden', 'These credentials do not grant admin.');
  return admin;
}

/** How many ideas a console search offers at once ("Add an idea", "Link an idea"). */
export const IDEA_SUGGESTIONS = 8;

/** A board's ideas whose words match `text` (its first ideas for no text), for an admin to pick one. */
export async function searchBoardIdeas(client: SaysoClient, board: string, text: string): Promise<PostRef[]> {
  const q = text.trim();
  const page = await client.adapter.listPosts({ board, limit: IDEA_SUGGESTIONS, ...(q ? { q } : {}) });
  return page.items.map((post) => ({ id: post.id, title: post.title }));
}
