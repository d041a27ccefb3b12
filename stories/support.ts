// What every story shares: the mocked API's handlers and a client that talks to it through the
// real HTTP adapter, so stories show what a host page would show.
import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient, type SaysoClient } from '@sayso/core';
import { demoData, demoDataWithDiscussion, saysoApiHandlers, type MockApiOptions } from './msw/sayso-api.js';

export const API_URL = '/api/v1';

/** msw parameters for a story: the demo board (or `count` generated ideas), with options. */
export function mockApi(options: MockApiOptions & { count?: number } = {}) {
  return { msw: { handlers: saysoApiHandlers(demoData({ count: options.count }), options, API_URL) } };
}

/** A client over the mocked API with the demo board already loaded, for single-card stories. */
export async function loadedClient(): Promise<{ client: SaysoClient }> {
  const client = createSaysoClient({ adapter: createHttpAdapter({ baseUrl: API_URL }) });
  await client.board('demo').load();
  return { client };
}

/** msw parameters for a story: the demo board with tags and comments under its first idea. */
export function mockDiscussionApi(options: MockApiOptions & { comments?: number } = {}) {
  return { msw: { handlers: saysoApiHandlers(demoDataWithDiscussion({ comments: options.comments }), options, API_URL) } };
}
