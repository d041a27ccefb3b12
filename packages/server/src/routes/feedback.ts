import { boardIdOf } from '../db/boards.js';
import { listInboxItems, listPostFeedbackItems } from '../db/feedback-items.js';
import { canonicalIdOf } from '../db/people.js';
import { noSuchPost } from '../db/posts.js';
import {
  archiveFeedbackInput,
  feedbackItemParams,
  feedbackItemSchema,
  feedbackItemsSchema,
  feedbackPageSchema,
  feedbackVisibilityInput,
  ideaFromFeedbackInput,
  inboxPageSchema,
  inboxQuery,
  linkFeedbackInput,
  newFeedbackInput,
  postFeedbackQuery,
  postFromFeedbackSchema,
  postParams,
  unlinkFeedbackInput,
} from '../schemas.js';
import { receiveFeedback } from '../services/feedback.js';
import { archiveFeedback, createPostFromFeedback, linkFeedback, setFeedbackPublic, unlinkFeedback } from '../services/inbox.js';
import { admin, anyone, feedbackPoster } from './access.js';
import { jsonBody, operation, router } from './operation.js';
import { keysetPage } from './paging.js';

/** How many ideas each inbox item suggests. */
const SIMILAR_PER_ITEM = 3;

const BULK =
  'Up to 100 items at once, in one transaction: an unknown item is 404 and nothing changes. Each item changed records one event.';

const submit = operation({
  method: 'post', path: '/feedback', tag: 'feedback', access: feedbackPoster, errors: [400, 404],
  summary: 'Send feedback into the inbox (the API channel, source `api`)',
  description:
    'With an admin key or an ingestion key (POST /ingestion-keys), which may do nothing else. The same `sourceId`, or ' +
    'without one the same text from the same author, sent again creates nothing: the answer is 200 with the first item. ' +
    '`board` defaults to the first board (404 for an unknown one).',
  request: { body: jsonBody(newFeedbackInput) },
  response: {
    status: 201,
    description: 'The new feedback item, state `new`.',
    schema: feedbackItemSchema,
    repeat: { status: 200, description: 'A redelivery: the item first recorded.' },
  },
});

const inbox = operation({
  method: 'get', path: '/inbox', tag: 'feedback', access: admin, errors: [400, 404],
  summary: 'The inbox: feedback from every channel, newest received first, each with similar ideas',
  description:
    'Filters combine; `state` defaults to `new`, and items kept out (auto-replies, bulk mail) show only with ' +
    '`filtered=true`. Keyset pages: items arriving meanwhile never shift a later page. Each item lists up to 3 ideas ' +
    'of its board most like it, as GET /boards/{board}/similar finds them.',
  request: { query: inboxQuery },
  response: { status: 200, description: 'A page of inbox items.', schema: inboxPageSchema },
});

const link = operation({
  method: 'post', path: '/inbox/link', tag: 'feedback', access: admin, errors: [400, 404, 409],
  summary: 'Link feedback to an idea as evidence; each author counts among its people',
  description:
    `${BULK} The idea's canonical is linked while it is merged; an item linked elsewhere moves. Each author (by ` +
    'email, else name) is recorded as a request on the idea, so they count in its people and follow it.',
  request: { body: jsonBody(linkFeedbackInput) },
  response: { status: 200, description: 'The items as they are now.', schema: feedbackItemsSchema },
});

const unlink = operation({
  method: 'post', path: '/inbox/unlink', tag: 'feedback', access: admin, errors: [400, 404, 409],
  summary: 'Take feedback off its idea, back to the inbox',
  description: `${BULK} A request the link made is removed unless another item still stands on it.`,
  request: { body: jsonBody(unlinkFeedbackInput) },
  response: { status: 200, description: 'The items as they are now.', schema: feedbackItemsSchema },
});

const archive = operation({
  method: 'post', path: '/inbox/archive', tag: 'feedback', access: admin, errors: [400, 404, 409],
  summary: 'Put feedback aside, or with `archived: false` bring it back',
  description: `${BULK} A linked item is unlinked first.`,
  request: { body: jsonBody(archiveFeedbackInput) },
  response: { status: 200, description: 'The items as they are now.', schema: feedbackItemsSchema },
});

const idea = operation({
  method: 'post', path: '/feedback/{id}/idea', tag: 'feedback', access: admin, errors: [400, 404, 409],
  summary: 'Make a new idea from a piece of feedback, linked to it',
  description:
    'The idea takes the item\'s title (else its first line) and text unless others are given, lands in the board\'s ' +
    'first open status, and the item is linked to it: its author counts among the idea\'s people.',
  request: { params: feedbackItemParams, body: jsonBody(ideaFromFeedbackInput) },
  response: { status: 201, description: 'The new idea and the item.', schema: postFromFeedbackSchema },
});

const visibility = operation({
  method: 'put', path: '/feedback/{id}/public', tag: 'feedback', access: admin, errors: [400, 404],
  summary: 'Show a piece of feedback to visitors on its idea, or hide it',
  request: { params: feedbackItemParams, body: jsonBody(feedbackVisibilityInput) },
  response: { status: 200, description: 'The item.', schema: feedbackItemSchema },
});

const ofPost = operation({
  method: 'get', path: '/posts/{id}/feedback', tag: 'feedback', access: anyone, errors: [400, 404],
  summary: 'The feedback linked to an idea and the ideas merged into it, newest received first',
  description: 'Admins see every item; anyone else only the items made public, without their authors\' email addresses.',
  request: { params: postParams, query: postFeedbackQuery },
  response: { status: 200, description: 'A page of feedback items.', schema: feedbackPageSchema },
});

export const feedbackRoutes = () =>
  router()
    .openapi(submit, async (c) => {
      const received = await receiveFeedback(c.var.db, { source: 'api', item: c.req.valid('json'), actor: c.var.actor });
      return received.created ? c.json(received.item, 201) : c.json(received.item, 200);
    })
    .openapi(inbox, async (c) => {
      const { board, ...query } = c.req.valid('query');
      const slice = await listInboxItems(c.var.db, { ...query, boardId: board === undefined ? undefined : await boardIdOf(c.var.db, board) });
      const similar = await c.var.similarPosts.findForEach({
        texts: slice.items.map((item) => ({ board: item.board, text: [item.title, item.text].filter(Boolean).join('\n') })),
        limit: SIMILAR_PER_ITEM,
        viewer: c.var.caller.key,
      });
      const page = keysetPage(slice);
      return c.json({ ...page, items: page.items.map((item, n) => ({ ...item, similar: similar[n]! })) }, 200);
    })
    .openapi(link, async (c) => c.json({ items: await linkFeedback(c.var.db, { ...c.req.valid('json'), actor: c.var.actor }) }, 200))
    .openapi(unlink, async (c) => c.json({ items: await unlinkFeedback(c.var.db, { ...c.req.valid('json'), actor: c.var.actor }) }, 200))
    .openapi(archive, async (c) => c.json({ items: await archiveFeedback(c.var.db, { ...c.req.valid('json'), actor: c.var.actor }) }, 200))
    .openapi(idea, async (c) => {
      const made = await createPostFromFeedback(c.var.db, { itemId: c.req.valid('param').id, ...c.req.valid('json'), actor: c.var.actor });
      c.var.similarPosts.postsChanged();
      return c.json(made, 201);
    })
    .openapi(visibility, async (c) =>
      c.json(await setFeedbackPublic(c.var.db, { itemId: c.req.valid('param').id, public: c.req.valid('json').public, actor: c.var.actor }), 200),
    )
    .openapi(ofPost, async (c) => {
      const postId = c.req.valid('param').id;
      if (!(await canonicalIdOf(c.var.db, postId))) throw noSuchPost(postId);
      const all = c.var.caller.admin;
      const page = keysetPage(await listPostFeedbackItems(c.var.db, { postId, all, ...c.req.valid('query') }));
      // A visitor reads what was said and by whom, never the author's address.
      return c.json(all ? page : { ...page, items: page.items.map((item) => ({ ...item, author: { ...item.author, email: null } })) }, 200);
    });

