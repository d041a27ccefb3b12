export { createHttpAdapter } from './http-adapter.js';
export type { HttpAdapterOptions } from './http-adapter.js';
export type { LiveTiming } from './live-changes.js';
export { VISITOR_TOKEN_STORAGE_KEY, visitorTokenKeeper } from './visitor-token.js';
export type { VisitorTokenStorage } from './visitor-token.js';
