export { API_PREFIX, VISITOR_HEADER, createApp } from './app.js';
export type { AppEnv, AppOptions, ErrorBody, StaticRoute } from './app.js';
export { createAsker, generateAdminKey, hashAdminKey, parseAdminKeys, visitorSecretOf } from './asker.js';
export type { Asker, AskerFunctions, AskerOptions } from './asker.js';
export {
  MAX_USER_TOKEN_LIFETIME_SECONDS,
  issueVisitorToken,
  signUserToken,
  signVisitorToken,
  verifyUserToken,
  verifyVisitorToken,
} from './identity/tokens.js';
export type { UserClaims } from './identity/tokens.js';
export { API_OPERATIONS, openApiDocument } from './openapi.js';
export type { ApiOperation } from './openapi.js';
export { openDatabase } from './db/database.js';
export type { Database, OpenDatabaseOptions, Queryable } from './db/database.js';
export { MIGRATIONS_DIR, migrate, readMigrations } from './db/migrate.js';
export type { Migration } from './db/migrate.js';
export {
  BOARD_SLUG,
  addComment,
  createBoard,
  createPost,
  createTag,
  deleteComment,
  deleteTag,
  ensureUser,
  findBoard,
  findPost,
  insertBoard,
  listBoards,
  listComments,
  listPosts,
  listTags,
  renameTag,
  setBoardPolicy,
  setPostTag,
  setVote,
  updateComment,
  updatePost,
} from './db/queries.js';
export type { Actor, AdminKeyInfo, NewBoard, PostListFilters, Slice } from './db/queries.js';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, idempotency } from './middleware/idempotency.js';
export type { IdempotencyOptions } from './middleware/idempotency.js';
export { rateLimit } from './middleware/rate-limit.js';
export type { RateLimitOptions } from './middleware/rate-limit.js';
export { parseAllowedOrigins } from './middleware/security.js';
export { seedDemo } from './seed/demo.js';
export { DEMO_BOARD, DEMO_IDEAS } from './seed/demo-ideas.js';
export type { DemoIdea } from './seed/demo-ideas.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
