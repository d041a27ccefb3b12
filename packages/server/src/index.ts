export { API_PREFIX, VOTER_HEADER, VOTER_ID_PATTERN, createApp } from './app.js';
export type { AppOptions, ErrorBody, StaticRoute } from './app.js';
export { openDatabase } from './db/database.js';
export type { Database, OpenDatabaseOptions, Queryable } from './db/database.js';
export { MIGRATIONS_DIR, migrate, readMigrations } from './db/migrate.js';
export type { Migration } from './db/migrate.js';
export {
  BOARD_SLUG,
  addComment,
  createBoard,
  createPost,
  ensureUser,
  findPost,
  insertBoard,
  listBoards,
  listComments,
  listPosts,
  setVote,
} from './db/queries.js';
export type { NewBoard, Slice } from './db/queries.js';
export { createRateLimiter } from './rate-limit.js';
export type { RateLimitOptions } from './rate-limit.js';
export { seedDemo } from './seed/demo.js';
export { DEMO_BOARD, DEMO_IDEAS } from './seed/demo-ideas.js';
export type { DemoIdea } from './seed/demo-ideas.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
