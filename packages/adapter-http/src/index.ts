export { createHttpAdapter } from './http-adapter.js';
export type { HttpAdapterOptions } from './http-adapter.js';
export { VOTER_ID_STORAGE_KEY, getAnonymousVoterId } from './voter-id.js';
export type { VoterIdStorage } from './voter-id.js';
