import { boardParams, boardTagParams, postSchema, postTagParams, tagListSchema, tagNameInput, tagSchema } from '../schemas.js';
import { createTag, deleteTag, renameTag, setPostTag, tagsOf } from '../services/tags.js';
import { admin, anyone } from './access.js';
import { jsonBody, operation, router } from './operation.js';

const list = operation({
  method: 'get', path: '/boards/{board}/tags', tag: 'tags', access: anyone, errors: [404],
  summary: 'A board\'s tags, by name',
  request: { params: boardParams },
  response: { status: 200, description: 'The tags.', schema: tagListSchema },
});

const create = operation({
  method: 'post', path: '/boards/{board}/tags', tag: 'tags', access: admin, errors: [400, 404, 409],
  summary: 'Create a tag; its slug comes from the name',
  description: 'The slug is made from the name and never changes, not even when the tag is renamed. A name, or a slug, that another tag of the board already has is 409.',
  request: { params: boardParams, body: jsonBody(tagNameInput) },
  response: { status: 201, description: 'The new tag.', schema: tagSchema },
});

const rename = operation({
  method: 'patch', path: '/boards/{board}/tags/{tag}', tag: 'tags', access: admin, errors: [400, 404, 409],
  summary: 'Rename a tag; the slug stays',
  description: 'Ideas keep the tag. A name another tag of the board already has is 409.',
  request: { params: boardTagParams, body: jsonBody(tagNameInput) },
  response: { status: 200, description: 'The renamed tag.', schema: tagSchema },
});

const remove = operation({
  method: 'delete', path: '/boards/{board}/tags/{tag}', tag: 'tags', access: admin, errors: [404],
  summary: 'Delete a tag, taking it off every idea',
  request: { params: boardTagParams },
  response: { status: 200, description: 'The deleted tag, as it was.', schema: tagSchema },
});

/** Putting a tag on an idea and taking it off: the same operation both ways, idempotent. */
const tagging = <M extends 'put' | 'delete'>(method: M, summary: string) =>
  operation({
    method, path: '/posts/{id}/tags/{tag}', tag: 'tags', access: admin, errors: [404],
    summary,
    description: 'Idempotent: tagging a tagged idea, or untagging an untagged one, changes nothing and answers the idea.',
    request: { params: postTagParams },
    response: { status: 200, description: 'The idea with its tags.', schema: postSchema },
  });

const tagPost = tagging('put', 'Put a tag on an idea; idempotent');
const untagPost = tagging('delete', 'Take a tag off an idea; idempotent');

export const tagRoutes = () =>
  router()
    .openapi(list, async (c) => c.json(await tagsOf(c.var.db, c.req.valid('param').board), 200))
    .openapi(create, async (c) =>
      c.json(await createTag(c.var.db, { board: c.req.valid('param').board, name: c.req.valid('json').name, actor: c.var.actor }), 201),
    )
    .openapi(rename, async (c) => c.json(await renameTag(c.var.db, { ...c.req.valid('param'), name: c.req.valid('json').name, actor: c.var.actor }), 200))
    .openapi(remove, async (c) => c.json(await deleteTag(c.var.db, { ...c.req.valid('param'), actor: c.var.actor }), 200))
    .openapi(tagPost, async (c) => {
      const { id, tag } = c.req.valid('param');
      return c.json(await setPostTag(c.var.db, { postId: id, tag, tagged: true, actor: c.var.actor }), 200);
    })
    .openapi(untagPost, async (c) => {
      const { id, tag } = c.req.valid('param');
      return c.json(await setPostTag(c.var.db, { postId: id, tag, tagged: false, actor: c.var.actor }), 200);
    });
