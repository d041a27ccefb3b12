// Decisions every backend makes the same way: pure functions, no storage, no I/O.
export { idempotentReplay, isReplayableStatus } from './idempotent-replay.js';
export type { IdempotentReplayDecision } from './idempotent-replay.js';
export { noticeRecipients } from './notice-recipients.js';
export { statusChangeEffect } from './status-change.js';
export type { StatusChangeEffect } from './status-change.js';
