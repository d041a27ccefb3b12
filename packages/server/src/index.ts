export { API_PREFIX, VISITOR_HEADER, createApp } from './app.js';
export type { AppOptions, ErrorBody, StaticRoute } from './app.js';
export type { AppEnv } from './app-env.js';
export { createAsker, parseAdminKeys, visitorSecretOf } from './asker.js';
export { generateAdminKey, hashAdminKey } from './services/admin-keys.js';
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
export { openApiDocument } from './openapi.js';
export { openDatabase } from './db/database.js';
export type { Database, OpenDatabaseOptions, Queryable } from './db/database.js';
export { MIGRATIONS_DIR, migrate, readMigrations } from './db/migrate.js';
export type { Migration } from './db/migrate.js';
export { BOARD_SLUG, findBoard, listBoards } from './db/boards.js';
export type { NewBoard } from './db/boards.js';
export type { DomainEvent, DomainEventType, EventSubject } from './db/events.js';
export { ensureUser } from './db/identity.js';
export type { Actor } from './db/identity.js';
export type { AdminKeyInfo } from './db/admin-keys.js';
export { findPost, listPosts, recountPosts } from './db/posts.js';
export type { PostListFilters } from './db/posts.js';
export type { Slice } from './db/rows.js';
export { createAdminKey, revokeAdminKey } from './services/admin-keys.js';
export { createBoard, createBoardAsAdmin, insertBoard, setBoardPolicy, updateBoard } from './services/boards.js';
export { addComment, commentsOf, deleteComment, updateComment } from './services/comments.js';
export { markNotificationsRead, notificationsOf } from './services/notifications.js';
export { createPost, updatePost } from './services/posts.js';
export { demandOf } from './services/demand.js';
export { historyOf } from './services/history.js';
export { listPostsByPriority, priorityFormulaOf, setPriorityFormula, setPriorityInputs } from './services/priority.js';
export { createTag, deleteTag, renameTag, setPostTag, tagsOf } from './services/tags.js';
export { setVote } from './services/votes.js';
export { IDEMPOTENCY_KEY_HEADER, IDEMPOTENT_REPLAYED_HEADER, idempotency } from './middleware/idempotency.js';
export type { IdempotencyOptions } from './middleware/idempotency.js';
export { rateLimit } from './middleware/rate-limit.js';
export type { RateLimitOptions } from './middleware/rate-limit.js';
export { parseAllowedOrigins } from './middleware/security.js';
export { seedDemo } from './seed/demo.js';
export { BoardSimilarityIndex } from './similarity/board-index.js';
export { CANDIDATES_PER_POST, DUPLICATE_SCORE } from './similarity/board-indexes.js';
export { loadWordVectors } from './similarity/word-vectors.js';
export type { WordVectors } from './similarity/word-vectors.js';
export { createSimilarPosts } from './services/similar-posts.js';
export type { SimilarPosts } from './services/similar-posts.js';
export { DEMO_BOARD, DEMO_IDEAS } from './seed/demo-ideas.js';
export type { DemoIdea } from './seed/demo-ideas.js';
export { startServer } from './server.js';
export type { RunningServer } from './server.js';
export { createDeliveryWorker } from './services/delivery-worker.js';
export type { DeliveryWorker, DeliveryWorkerOptions } from './services/delivery-worker.js';
export type { DeliveryChannelSender, DeliveryJob, DeliveryOutcome } from './channels/channel.js';
export { createEmailChannel } from './channels/email/email-channel.js';
export type { EmailSettings } from './channels/email/email-channel.js';
export { defaultEmailTemplates, escapeHtml, markdownToSafeHtml } from './channels/email/templates.js';
export type { ChangelogMail, ConfirmationMail, EmailTemplates, MailIdea, RenderedMail, StatusMail } from './channels/email/templates.js';
export { createWebhookChannel } from './channels/webhook/webhook-channel.js';
export type { WebhookJob } from './channels/webhook/webhook-channel.js';
export { sendWebhook } from './channels/webhook/send.js';
export type { WebhookDelivery, WebhookOutcome, WebhookSendOptions, WebhookTarget } from './channels/webhook/send.js';
export { DELIVERY_HEADER, EVENT_HEADER, SIGNATURE_HEADER, signWebhook, verifyWebhookSignature } from './channels/webhook/signature.js';
export { webhookPayload } from './channels/webhook/payload.js';
export type { WebhookBody, WebhookData, WebhookIdea, WebhookPayload, WebhookSourceEvent } from './channels/webhook/payload.js';
export { isPublicAddress } from './channels/webhook/address-policy.js';
export type { HostLookup, WebhookAddressPolicy } from './channels/webhook/address-policy.js';
export { createWebhookEndpoint, deleteWebhookEndpoint, updateWebhookEndpoint } from './services/webhook-endpoints.js';
export { replayWebhookDelivery } from './services/webhook-deliveries.js';
