import {
  SAYSO_ERROR_CODES,
  SaysoError,
  errorCodeForHttpStatus,
  type Board,
  type Comment,
  type CommentDeletion,
  type Page,
  type Post,
  type SaysoAdapter,
  type SaysoAdminApi,
  type SaysoErrorCode,
  type Tag,
  type VoteResult,
} from '@sayso/core';
import { getAnonymousVoterId } from './voter-id.js';

/** How {@link createHttpAdapter} reaches the server and who it acts for. */
export interface HttpAdapterOptions {
  /**
   * Where the server is, e.g. `https://feedback.example.com`, or relative to the page (`''` for
   * the same origin). The API lives under `/api/v1`; a base that already ends in `/api/v1` is
   * used as it is.
   */
  baseUrl: string;
  /**
   * The visitor's private id (sent as `X-Sayso-Voter`), or a function asked on every call.
   * Defaults to {@link getAnonymousVoterId}, a per-browser id kept in `localStorage`.
   */
  voterId?: string | (() => string);
  /** The fetch to use (tests, instrumentation); defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /**
   * An admin key, sent as `Authorization: Bearer <key>` on every call: the adapter then acts as
   * that admin (edits anything) and has the `admin` part of the contract. Never put an admin
   * key in a page that visitors load; this is for admin tools and servers.
   */
  adminKey?: string;
}

/**
 * A random UUID for an Idempotency-Key. `crypto.randomUUID` exists only in secure contexts
 * (https, localhost); a page served over plain http still has `getRandomValues`.
 */
function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Seconds from a Retry-After header (seconds or an HTTP date); `undefined` when absent. */
function retryAfterSeconds(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - Date.now()) / 1000));
}

/** Turns a failed response into a SaysoError, from its JSON error body when it has one. */
async function errorFrom(response: Response): Promise<SaysoError> {
  let code = errorCodeForHttpStatus(response.status);
  let message = `The server answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}.`;
  let details: Record<string, unknown> = {};
  try {
    const body = (await response.json()) as { error?: { code?: unknown; message?: unknown; details?: unknown } };
    const error = body?.error;
    if (error && typeof error === 'object') {
      if (typeof error.code === 'string' && (SAYSO_ERROR_CODES as readonly string[]).includes(error.code)) {
        code = error.code as SaysoErrorCode;
      }
      if (typeof error.message === 'string' && error.message) message = error.message;
      if (error.details && typeof error.details === 'object') details = { ...(error.details as Record<string, unknown>) };
    }
  } catch {
    // Not JSON (a proxy's HTML page, an empty body): the status decides.
  }
  if (code === 'rate_limited' && details.retryAfterSeconds === undefined) {
    const wait = retryAfterSeconds(response.headers.get('Retry-After'));
    if (wait !== undefined) details.retryAfterSeconds = wait;
  }
  return new SaysoError(code, message, { ...details, status: details.status ?? response.status });
}

/**
 * The reference adapter: speaks the reference server's REST API (`/api/v1`) with `fetch`, so it
 * runs in browsers and in Node alike. Every failure rejects with a {@link SaysoError}: the
 * server's own code and message when it sent its JSON error, else a code from the HTTP status,
 * and `network` when the server could not be reached at all.
 *
 * @example
 * const adapter = createHttpAdapter({ baseUrl: 'https://feedback.example.com' });
 * const client = createSaysoClient({ adapter });
 */
export function createHttpAdapter(options: HttpAdapterOptions): SaysoAdapter {
  const root = options.baseUrl.replace(/\/+$/, '');
  const api = /\/api\/v1$/.test(root) ? root : `${root}/api/v1`;
  const voterOption = options.voterId ?? (() => getAnonymousVoterId());
  const voterId = typeof voterOption === 'function' ? voterOption : () => voterOption;
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  async function request<T>(method: string, path: string, query?: Record<string, string | number | null | undefined>, body?: unknown): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) search.set(key, String(value));
    }
    // A string, not a URL object: the base may be relative to the page (`''`, `/api/v1`).
    const url = `${api}${path}${search.toString() ? `?${search.toString()}` : ''}`;
    const headers: Record<string, string> = { Accept: 'application/json', 'X-Sayso-Voter': voterId() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.adminKey) headers.Authorization = `Bearer ${options.adminKey}`;
    // Every change carries a fresh Idempotency-Key, kept for its one retry: the server answers a
    // repeated key with the stored result, so a change is never made twice nor lost.
    const mutating = method !== 'GET' && method !== 'HEAD';
    if (mutating) headers['Idempotency-Key'] = newIdempotencyKey();
    const init: RequestInit = { method, headers, body: body === undefined ? undefined : JSON.stringify(body) };
    let response: Response | undefined;
    for (let attempt = 1; !response; attempt++) {
      try {
        response = await doFetch(url, init);
      } catch (error) {
        // fetch only throws when no answer came back: offline, DNS, refused connection, CORS.
        // The change may or may not have happened; retrying once with the same key settles it.
        if (mutating && attempt === 1) continue;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SaysoError('network', `Could not reach the feedback server (${reason}).`, { cause: reason });
      }
    }
    if (!response.ok) throw await errorFrom(response);
    try {
      return (await response.json()) as T;
    } catch {
      throw new SaysoError('server', `The server answered ${response.status} without valid JSON.`, {
        status: response.status,
      });
    }
  }

  const segment = encodeURIComponent;

  const admin: SaysoAdminApi = {
    setPostStatus: ({ postId, status }) => request<Post>('PATCH', `/posts/${segment(postId)}`, undefined, { status }),
    createTag: ({ board, name }) => request<Tag>('POST', `/boards/${segment(board)}/tags`, undefined, { name }),
    renameTag: ({ board, tag, name }) =>
      request<Tag>('PATCH', `/boards/${segment(board)}/tags/${segment(tag)}`, undefined, { name }),
    deleteTag: async ({ board, tag }) => {
      await request<Tag>('DELETE', `/boards/${segment(board)}/tags/${segment(tag)}`);
    },
    addPostTag: ({ postId, tag }) => request<Post>('PUT', `/posts/${segment(postId)}/tags/${segment(tag)}`),
    removePostTag: ({ postId, tag }) => request<Post>('DELETE', `/posts/${segment(postId)}/tags/${segment(tag)}`),
  };

  return {
    capabilities: options.adminKey ? { admin: true } : {},

    listBoards: () => request<Board[]>('GET', '/boards'),

    getBoard: ({ board }) => request<Board>('GET', `/boards/${segment(board)}`),

    listPosts: ({ board, sort, cursor, limit, status, tag, q }) =>
      request<Page<Post>>('GET', `/boards/${segment(board)}/posts`, { sort, cursor: cursor || undefined, limit, status, tag, q }),

    updatePost: ({ postId, title, body }) =>
      request<Post>('PATCH', `/posts/${segment(postId)}`, undefined, { title, body }),

    getPost: ({ postId }) => request<Post>('GET', `/posts/${segment(postId)}`),

    createPost: ({ board, title, body }) =>
      request<Post>('POST', `/boards/${segment(board)}/posts`, undefined, { title, body }),

    vote: ({ postId }) => request<VoteResult>('POST', `/posts/${segment(postId)}/votes`),

    unvote: ({ postId }) => request<VoteResult>('DELETE', `/posts/${segment(postId)}/votes`),

    listComments: ({ postId, cursor, limit }) =>
      request<Page<Comment>>('GET', `/posts/${segment(postId)}/comments`, { cursor: cursor || undefined, limit }),

    addComment: ({ postId, body }) => request<Comment>('POST', `/posts/${segment(postId)}/comments`, undefined, { body }),

    updateComment: ({ commentId, body }) =>
      request<Comment>('PATCH', `/comments/${segment(commentId)}`, undefined, { body }),

    deleteComment: ({ commentId }) => request<CommentDeletion>('DELETE', `/comments/${segment(commentId)}`),

    listTags: ({ board }) => request<Tag[]>('GET', `/boards/${segment(board)}/tags`),

    ...(options.adminKey ? { admin } : {}),
  };
}

