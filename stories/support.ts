// What every story shares: the mocked API's handlers and a client that talks to it through the
// real HTTP adapter, so stories show what a host page would show, and the wrappers that put a
// story in a dark theme, right to left, on a narrow screen or inside hostile host CSS.
/// <reference types="vite/client" />
import darkTokens from '@sayso/elements/styles/dark.css?inline';
import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { html } from 'lit';
import { createMemoryAdapter, type MemoryData } from '@sayso/adapter-memory';
import {
  STORY_VISITOR,
  demoData,
  demoDataWithDiscussion,
  demoDataWithMerges,
  demoDataWithNotifications,
  saysoApiHandlers,
  type MockApiOptions,
} from './msw/sayso-api.js';

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

/** msw parameters for a story: the demo board, and `count` notifications for the visitor (`unread` of them unread). */
export function mockNotificationsApi(options: MockApiOptions & { count?: number; unread?: number } = {}) {
  return { msw: { handlers: saysoApiHandlers(demoDataWithNotifications(options), options, API_URL) } };
}

/** msw parameters for a story: the discussed demo board after two duplicates were merged into its first idea. */
export function mockMergesApi(options: MockApiOptions = {}) {
  return { msw: { handlers: saysoApiHandlers(demoDataWithMerges(), options, API_URL) } };
}

/** A client over the mocked API that listed the board's merged ideas (its `merged` status), for stories of a merged idea. */
export async function mergedIdeasClient(): Promise<{ client: SaysoClient }> {
  const client = createSaysoClient({ adapter: createHttpAdapter({ baseUrl: API_URL }) });
  await client.board('demo').setFilters({ status: 'merged' });
  return { client };
}

/**
 * A loader of a client straight over the memory adapter (no mocked API), acting for the story's
 * visitor on the data `data` prepares: for stories of states that need no failing network.
 */
export const memoryClientOf = (data: () => MemoryData | Promise<MemoryData>) => async (): Promise<{ client: SaysoClient }> => ({
  client: createSaysoClient({ adapter: createMemoryAdapter({ data: await data(), voterId: STORY_VISITOR }) }),
});

/** msw parameters for a story: the API over `data` (for the failure states of stories whose other states use {@link memoryClientOf}). */
export function mockApiOver(data: () => MemoryData | Promise<MemoryData>, options: MockApiOptions = {}) {
  return { msw: { handlers: saysoApiHandlers(data(), options, API_URL) } };
}

/** Story parameters that show a story on a phone-sized viewport. */
export const phoneViewport = { viewport: { defaultViewport: 'mobile1' } };

/**
 * `content` on a dark backdrop with the dark theme's tokens. `layout` is extra inline style for
 * the backdrop (the default only pads it).
 */
export function inDarkTheme(content: unknown, layout = 'padding: 1rem') {
  return html`
    <style>${darkTokens}</style>
    <div class="sayso-theme-dark" style=${`background: #0f1115; ${layout}; color-scheme: dark`}>${content}</div>
  `;
}

/** `content` in an Arabic, right-to-left page. */
export function rightToLeft(content: unknown) {
  return html`<div dir="rtl" lang="ar">${content}</div>`;
}

/**
 * Story annotations that show a story in German: the story sets the toolbar's `locale` global,
 * which `.storybook/preview.ts` passes to `setLocale`. Spread into a story: `{ ...inGerman }`. Kept off
 * the docs pages: the locale is page-wide, so one German story there would turn every story German.
 */
export const inGerman = { globals: { locale: 'de' }, tags: ['!autodocs'] };

/** Waits (for a play function) until `find` returns something, e.g. a node in a shadow root. */
export async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('Timed out waiting for the story to reach its state');
}

/** `content` in a 320px-wide column. */
export function narrow(content: unknown) {
  return html`<div style="max-width: 320px">${content}</div>`;
}

/** `content` inside host CSS that unsets everything and sets a large, odd font. */
export function insideHostileCss(content: unknown) {
  return html`
    <style>
      .hostile * { all: unset; }
      .hostile { font-size: 22px; font-family: 'Comic Sans MS', cursive; }
    </style>
    <div class="hostile">${content}</div>
  `;
}

/**
 * A loader of an admin adapter straight over the memory adapter (no mocked API), for the admin
 * console's stories: `loaded.adapter` acts as the admin "Grace (support)" on the data `data` prepares.
 */
export const memoryAdminOf = (data: () => MemoryData | Promise<MemoryData>, latencyMs = 0) => async (): Promise<{ adapter: SaysoAdapter }> => ({
  adapter: createMemoryAdapter({ data: await data(), admin: true, adminLabel: 'Grace (support)', voterId: 'storybook-admin', latencyMs }),
});

/** An admin adapter over the mocked API, as the console signed in with a key talks to a server (any key is an admin there). */
export const mockedAdminApi = (): SaysoAdapter => createHttpAdapter({ baseUrl: API_URL, adminKey: 'sayso_admin_story' });
