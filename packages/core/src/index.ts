export type { AdapterCapabilities, SaysoAdapter } from './adapter.js';
export { createSaysoClient } from './client.js';
export type { BoardState, BoardView, LoadStatus, SaysoClient } from './client.js';
export {
  HTTP_STATUS_BY_ERROR_CODE,
  SAYSO_ERROR_CODES,
  SaysoError,
  errorCodeForHttpStatus,
  toSaysoError,
} from './errors.js';
export type { SaysoErrorCode } from './errors.js';
export { LIMITS, POST_SORTS } from './types.js';
export type {
  Author,
  Board,
  Comment,
  NewPost,
  Page,
  Post,
  PostSort,
  Status,
  StatusKind,
  VoteResult,
} from './types.js';
export { checkCommentBody, checkNewPost } from './validation.js';
export type { InputProblem } from './validation.js';
export { DEFAULT_STATUSES, statusName, trendingScore } from './defaults.js';
export { decodeOffsetCursor, encodeOffsetCursor } from './cursor.js';
