import { tagSlug, type Post, type Tag } from '@sayso/core';
import { boardIdOf } from '../db/boards.js';
import type { Database } from '../db/database.js';
import { ensureUser, type Actor } from '../db/identity.js';
import { findPost } from '../db/posts.js';
import { deleteTagRow, insertTag, listTags, setPostTagRow, tagOfPostBoard, updateTagName } from '../db/tags.js';
import { record } from './record.js';

/** A board's tags, ordered by name; `not_found` for an unknown board. */
export async function tagsOf(db: Database, board: string): Promise<Tag[]> {
  return listTags(db, await boardIdOf(db, board));
}

/** Creates a tag (name already validated and trimmed); `conflict` when slug or name is taken. */
export async function createTag(db: Database, params: { board: string; name: string; actor: Actor }): Promise<Tag> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const { id, ...tag } = await insertTag(tx, { board: params.board, boardId, slug: tagSlug(params.name), name: params.name });
    await record(tx, { type: 'tag.created', subject: { type: 'tag', id }, actorId: await ensureUser(tx, params.actor.key), payload: tag });
    return tag;
  });
}

/** Renames a tag, keeping its slug; `conflict` when another tag has the name. */
export async function renameTag(db: Database, params: { board: string; tag: string; name: string; actor: Actor }): Promise<Tag> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const { id, previousName, ...tag } = await updateTagName(tx, { board: params.board, boardId, tag: params.tag, name: params.name });
    if (previousName !== tag.name) {
      await record(tx, {
        type: 'tag.renamed',
        subject: { type: 'tag', id },
        actorId: await ensureUser(tx, params.actor.key),
        payload: { slug: tag.slug, from: previousName, to: tag.name },
      });
    }
    return tag;
  });
}

/** Deletes a tag, taking it off every post. Returns the deleted tag. */
export async function deleteTag(db: Database, params: { board: string; tag: string; actor: Actor }): Promise<Tag> {
  return db.transaction(async (tx) => {
    const boardId = await boardIdOf(tx, params.board);
    const { id, ...tag } = await deleteTagRow(tx, { board: params.board, boardId, tag: params.tag });
    await record(tx, { type: 'tag.deleted', subject: { type: 'tag', id }, actorId: await ensureUser(tx, params.actor.key), payload: tag });
    return tag;
  });
}

/**
 * Puts a tag of the post's own board on a post, or takes it off; idempotent both ways, and only
 * a real change records `post.tagged` or `post.untagged`. Returns the post as the actor sees it.
 */
export async function setPostTag(db: Database, params: { postId: string; tag: string; tagged: boolean; actor: Actor }): Promise<Post> {
  await db.transaction(async (tx) => {
    const tagId = await tagOfPostBoard(tx, params.postId, params.tag);
    if (!(await setPostTagRow(tx, { postId: params.postId, tagId, tagged: params.tagged }))) return;
    await record(tx, {
      type: params.tagged ? 'post.tagged' : 'post.untagged',
      subject: { type: 'post', id: params.postId },
      actorId: await ensureUser(tx, params.actor.key),
      payload: { tag: params.tag },
    });
  });
  return (await findPost(db, params.postId, params.actor.key))!;
}
