import type { SuiteArea } from './suite.js';
import { admin } from './suites/admin.js';
import { apiKeys } from './suites/api-keys.js';
import { backlog } from './suites/backlog.js';
import { adminIdea } from './suites/admin-idea.js';
import { boards } from './suites/boards.js';
import { boardSettings } from './suites/board-settings.js';
import { changelog } from './suites/changelog.js';
import { comments } from './suites/comments.js';
import { demand } from './suites/demand.js';
import { duplicates } from './suites/duplicates.js';
import { feedback } from './suites/feedback.js';
import { following } from './suites/following.js';
import { idempotency } from './suites/idempotency.js';
import { ideas } from './suites/ideas.js';
import { live } from './suites/live.js';
import { merge } from './suites/merge.js';
import { notifications } from './suites/notifications.js';
import { paging } from './suites/paging.js';
import { posts } from './suites/posts.js';
import { search } from './suites/search.js';
import { similar } from './suites/similar.js';
import { tags } from './suites/tags.js';
import { triage } from './suites/triage.js';
import { votes } from './suites/votes.js';
import { webhooks } from './suites/webhooks.js';

/** Every area of the conformance suite, in the order they run: a new area is a file in `suites/` and a line here. */
export const SUITE_AREAS: readonly SuiteArea[] = [
  boards,
  posts,
  votes,
  idempotency,
  paging,
  comments,
  search,
  similar,
  notifications,
  tags,
  admin,
  adminIdea,
  merge,
  demand,
  duplicates,
  triage,
  following,
  changelog,
  webhooks,
  apiKeys,
  boardSettings,
  feedback,
  ideas,
  backlog,
  live,
];
