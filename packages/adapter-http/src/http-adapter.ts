import {
  type ApiKey,
  type ApiKeyKind,
  type CreatedApiKey,
  SAYSO_ERROR_CODES,
  SaysoError,
  errorCodeForHttpStatus,
  newIdempotencyKey,
  similarLimit,
  similarLookupText,
  type AdminIdentity,
  type BacklogEvidence,
  type BacklogExport,
  type BacklogFilters,
  type BacklogItem,
  type BacklogSuggestions,
  type CapacityReport,
  type PublicBacklogItem,
  type AdminIdeaRow,
  type SavedView,
  type Board,
  type BoardNotificationSettings,
  type ChangelogEntry,
  type Comment,
  type CreatedWebhookEndpoint,
  type Delivery,
  type EmailPreferences,
  type FeedbackItem,
  type InboxItem,
  type NotificationAudience,
  type Subscription,
  type WebhookEndpoint,
  type CommentDeletion,
  type CustomerRequest,
  type Demand,
  type DemandHistory,
  type DuplicateCandidate,
  type IdeaComparison,
  type MergeResult,
  type NotificationPage,
  type Page,
  type Post,
  type PostHistoryEntry,
  type PriorityFormula,
  type SaysoAdapter,
  type SaysoAdminApi,
  type SaysoErrorCode,
  type Tag,
  type VoteResult,
} from '@sayso/core';
import { watchLiveChanges, type LivePoll, type LiveTiming } from './live-changes.js';
import { visitorTokenKeeper, type VisitorTokenStorage } from './visitor-token.js';

/** Where each kind of API key is listed, created and revoked. */
const API_KEY_PATHS: Record<ApiKeyKind, string> = { admin: '/admin/keys', ingestion: '/ingestion-keys' };

/** How {@link createHttpAdapter} reaches the server and who it acts for. */
export interface HttpAdapterOptions {
  /**
   * Where the server is, e.g. `https://feedback.example.com`, or relative to the page (`''` for
   * the same origin). The API lives under `/api/v1`; a base that already ends in `/api/v1` is
   * used as it is.
   */
  baseUrl: string;
  /**
   * A token the host app signed for its signed-in user (HS256 JWT with `SAYSO_JWT_SECRET`), sent
   * as `Authorization: Bearer <token>`. Without `token` and `getToken`, the adapter acts as an
   * anonymous visitor with a token from `POST /visitors`.
   */
  token?: string;
  /**
   * Asks the host app for a (fresh) signed token: on the first request when there is no
   * `token`, and once more when the server says the token expired (the request is then retried
   * once). `null` means nobody is signed in: the adapter acts as an anonymous visitor.
   */
  getToken?: () => Promise<string | null> | string | null;
  /**
   * Where an anonymous visitor's token is kept; default `localStorage` (key
   * `sayso:visitor-token`), in memory when storage is unavailable.
   */
  visitorStorage?: VisitorTokenStorage;
  /** The fetch to use (tests, instrumentation); defaults to the global one. */
  fetch?: typeof globalThis.fetch;
  /**
   * An admin key, sent as `Authorization: Bearer <key>` on every call: the adapter then acts as
   * that admin (edits anything) and has the `admin` part of the contract. A host app's sign-in
   * token whose claims grant admin (`sayso_admin: true`) serves the same. Never put an admin
   * key in a page that visitors load; this is for admin tools and servers.
   */
  adminKey?: string;
  /** The pace of `watch()`: when a stream is taken as buffered or dead, how often to poll instead. */
  live?: LiveTiming;
}

/** The backlog's filters as query parameters (flags as `true`/`false`). */
const backlogQuery = ({ category, status, vague, stale, q }: BacklogFilters) => ({
  category,
  status,
  vague: vague === undefined ? undefined : String(vague),
  stale: stale === undefined ? undefined : String(stale),
  q: q || undefined,
});

/** How often a visitor's open stream looks whether they got a visitor token since it opened. */
const IDENTITY_CHECK_MS = 1000;

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
  const doFetch = options.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));

  const visitor = visitorTokenKeeper(options.visitorStorage);
  const identified = options.token !== undefined || options.getToken !== undefined;
  // The user's token: the given one, else the host's answer, fetched once and shared by the
  // requests that wait for it (`undefined`: not asked yet).
  let userToken: Promise<string | null> | undefined = options.token !== undefined ? Promise.resolve(options.token) : undefined;
  let visitorFetch: Promise<string> | undefined;

  const askHost = (): Promise<string | null> =>
    Promise.resolve()
      .then(() => options.getToken?.() ?? null)
      .catch((error: unknown) => {
        throw new SaysoError('unauthorized', `The host app could not sign the user in (${error instanceof Error ? error.message : String(error)}).`);
      });

  /** A new visitor token from the server; concurrent callers share one request. */
  function newVisitorToken(): Promise<string> {
    visitorFetch ??= send('POST', `${api}/visitors`, { Accept: 'application/json' }, true)
      .then(async (response) => {
        if (!response.ok) throw await errorFrom(response);
        const { visitorToken } = (await response.json()) as { visitorToken: string };
        visitor.write(visitorToken);
        return visitorToken;
      })
      .finally(() => {
        visitorFetch = undefined;
      });
    return visitorFetch;
  }

  /** fetch, retried once when no answer came back and the request is safe to repeat. */
  async function send(method: string, url: string, headers: Record<string, string>, retry: boolean, body?: string, signal?: AbortSignal): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await doFetch(url, { method, headers, body, signal });
      } catch (error) {
        // fetch only throws when no answer came back: offline, DNS, refused connection, CORS.
        // The change may or may not have happened; retrying once with the same key settles it.
        if (retry && attempt === 1) continue;
        const reason = error instanceof Error ? error.message : String(error);
        throw new SaysoError('network', `Could not reach the feedback server (${reason}).`, { cause: reason });
      }
    }
  }

  /**
   * The credential headers of a request. Admin key first; then the host's user token; else the
   * visitor token, which a change (`needsIdentity`) fetches from the server when there is none.
   */
  async function credentials(needsIdentity: boolean): Promise<{ headers: Record<string, string>; kind: 'admin' | 'user' | 'visitor' | null; token?: string }> {
    if (options.adminKey) return { headers: { Authorization: `Bearer ${options.adminKey}` }, kind: 'admin' };
    if (identified) {
      userToken ??= askHost();
      const token = await userToken;
      if (token) return { headers: { Authorization: `Bearer ${token}` }, kind: 'user', token };
    }
    const token = visitor.read() ?? (needsIdentity ? await newVisitorToken() : null);
    return token ? { headers: { 'X-Sayso-Visitor': token }, kind: 'visitor', token } : { headers: {}, kind: null };
  }

  async function request<T>(
    method: string,
    path: string,
    query?: Record<string, string | number | null | undefined>,
    body?: unknown,
    idempotencyKey?: string,
  ): Promise<T> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined && value !== null) search.set(key, String(value));
    }
    // A string, not a URL object: the base may be relative to the page (`''`, `/api/v1`).
    const url = `${api}${path}${search.toString() ? `?${search.toString()}` : ''}`;
    const base: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) base['Content-Type'] = 'application/json';
    // Every change carries an Idempotency-Key (the caller's, else a fresh one), kept for its
    // retries: the server answers a repeated key with the stored result, so a change is never
    // made twice nor lost.
    const mutating = method !== 'GET' && method !== 'HEAD';
    if (mutating) base['Idempotency-Key'] = idempotencyKey ?? newIdempotencyKey();
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await exchange(method, url, base, mutating, payload);
    if (!response.ok) throw await errorFrom(response);
    // 204: done, nothing to say (a dismissed duplicate pair).
    if (response.status === 204) return undefined as T;
    try {
      return (await response.json()) as T;
    } catch {
      throw new SaysoError('server', `The server answered ${response.status} without valid JSON.`, {
        status: response.status,
      });
    }
  }

  /** A file the server answers as an attachment (an export): its name, type and text. */
  async function download(path: string, query: Record<string, string | number | null | undefined>): Promise<BacklogExport> {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== null) search.set(key, String(value));
    const response = await exchange('GET', `${api}${path}?${search.toString()}`, { Accept: '*/*' }, false);
    if (!response.ok) throw await errorFrom(response);
    const filename = /filename="([^"]*)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? path.split('/').pop()!;
    return { filename, contentType: response.headers.get('Content-Type') ?? 'application/octet-stream', body: await response.text() };
  }

  /** One request with the caller's credentials (a change gets an identity), its answer as it came. */
  async function exchange(method: string, url: string, base: Record<string, string>, mutating: boolean, payload?: string, signal?: AbortSignal): Promise<Response> {
    let who = await credentials(mutating);
    let response = await send(method, url, { ...base, ...who.headers }, mutating, payload, signal);
    // One second chance for a refused credential: a fresh token from the host when the user's
    // expired, a new visitor token when the server no longer knows ours (its secret changed).
    // Never more than one, so a host that keeps signing expired tokens cannot cause a loop.
    if (response.status === 401 && (who.kind === 'user' || who.kind === 'visitor')) {
      const error = await errorFrom(response.clone());
      let renewed = false;
      if (who.kind === 'user' && error.code === 'token_expired' && options.getToken) {
        // Requests that failed together share one fresh token: only the first asks the host.
        if ((await userToken) === who.token) userToken = askHost();
        renewed = true;
      } else if (who.kind === 'visitor' && error.details.credential === 'visitor_token') {
        if (visitor.read() === who.token) visitor.write(null);
        renewed = true;
      }
      if (renewed) {
        who = await credentials(true);
        response = await send(method, url, { ...base, ...who.headers }, mutating, payload, signal);
      }
    }
    return response;
  }

  const segment = encodeURIComponent;

  const admin: SaysoAdminApi = {
    whoAmI: () => request<AdminIdentity>('GET', '/admin/me'),
    setPostStatus: ({ postId, status, note, expected }) =>
      request<Post>('PATCH', `/posts/${segment(postId)}`, undefined, { status, statusNote: note, expected }),
    previewStatusChange: ({ postId, status, limit }) =>
      request<NotificationAudience>('PATCH', `/posts/${segment(postId)}`, { dryRun: 'true', limit }, { status }),
    getNotificationSettings: ({ board }) => request<BoardNotificationSettings>('GET', `/boards/${segment(board)}/notifications`),
    setNotificationSettings: ({ board, notifyKinds }) =>
      request<BoardNotificationSettings>('PUT', `/boards/${segment(board)}/notifications`, undefined, { notifyKinds }),
    createChangelogEntry: ({ board, ...entry }) => request<ChangelogEntry>('POST', `/boards/${segment(board)}/changelog`, undefined, entry),
    updateChangelogEntry: ({ entryId, ...change }) => request<ChangelogEntry>('PATCH', `/changelog/${segment(entryId)}`, undefined, change),
    deleteChangelogEntry: ({ entryId }) => request<void>('DELETE', `/changelog/${segment(entryId)}`),
    publishChangelogEntry: ({ entryId }) => request<ChangelogEntry>('POST', `/changelog/${segment(entryId)}/publish`),
    previewChangelogEntry: ({ entryId, limit }) =>
      request<NotificationAudience>('POST', `/changelog/${segment(entryId)}/publish`, { dryRun: 'true', limit }),
    createWebhookEndpoint: (endpoint) => request<CreatedWebhookEndpoint>('POST', '/webhooks', undefined, endpoint),
    listWebhookEndpoints: () => request<WebhookEndpoint[]>('GET', '/webhooks'),
    updateWebhookEndpoint: ({ endpointId, ...change }) => request<WebhookEndpoint>('PATCH', `/webhooks/${segment(endpointId)}`, undefined, change),
    deleteWebhookEndpoint: ({ endpointId }) => request<void>('DELETE', `/webhooks/${segment(endpointId)}`),
    listDeliveries: ({ cursor, ...filters } = {}) => request<Page<Delivery>>('GET', '/deliveries', { ...filters, cursor: cursor || undefined }),
    replayDelivery: ({ deliveryId }) => request<Delivery>('POST', `/deliveries/${segment(deliveryId)}/replay`),
    createTag: ({ board, name }) => request<Tag>('POST', `/boards/${segment(board)}/tags`, undefined, { name }),
    renameTag: ({ board, tag, name }) =>
      request<Tag>('PATCH', `/boards/${segment(board)}/tags/${segment(tag)}`, undefined, { name }),
    deleteTag: async ({ board, tag }) => {
      await request<Tag>('DELETE', `/boards/${segment(board)}/tags/${segment(tag)}`);
    },
    addPostTag: ({ postId, tag }) => request<Post>('PUT', `/posts/${segment(postId)}/tags/${segment(tag)}`),
    removePostTag: ({ postId, tag }) => request<Post>('DELETE', `/posts/${segment(postId)}/tags/${segment(tag)}`),
    mergePost: ({ postId, into }) => request<MergeResult>('POST', `/posts/${segment(postId)}/merge`, undefined, { into }),
    unmergePost: ({ postId }) => request<MergeResult>('POST', `/posts/${segment(postId)}/unmerge`),
    addCustomerRequest: ({ postId, ...asked }) => request<CustomerRequest>('POST', `/posts/${segment(postId)}/requests`, undefined, asked),
    getPriorityFormula: ({ board }) => request<PriorityFormula>('GET', `/boards/${segment(board)}/priority`),
    setPriorityFormula: ({ board, peopleWeight, mrrWeight }) =>
      request<PriorityFormula>('PUT', `/boards/${segment(board)}/priority`, undefined, { peopleWeight, mrrWeight }),
    getDemandHistory: ({ postId }) => request<DemandHistory>('GET', `/posts/${segment(postId)}/demand/history`),
    addTeamComment: ({ postId, body, internal }) => request<Comment>('POST', `/posts/${segment(postId)}/team-comments`, undefined, { body, internal }),
    setPriorityInputs: ({ postId, impact, effort, expected }) =>
      request<Demand>('PUT', `/posts/${segment(postId)}/priority`, undefined, { impact, effort, expected }),
    listDuplicateCandidates: async ({ board, limit }) =>
      (await request<{ items: DuplicateCandidate[] }>('GET', `/boards/${segment(board)}/duplicates`, { limit })).items,
    dismissDuplicateCandidate: ({ postIds }) => request<void>('POST', '/duplicates/dismissals', undefined, { postIds }),
    compareIdeas: ({ postIds: [first, second] }) => request<IdeaComparison>('GET', `/posts/${segment(first)}/compare/${segment(second)}`),
    listPostHistory: async ({ postId }) => (await request<{ items: PostHistoryEntry[] }>('GET', `/posts/${segment(postId)}/history`)).items,
    submitFeedback: (item) => request<FeedbackItem>('POST', '/feedback', undefined, item),
    listInbox: ({ cursor, filtered, ...filters } = {}) =>
      request<Page<InboxItem>>('GET', '/inbox', { ...filters, filtered: filtered === undefined ? undefined : String(filtered), cursor: cursor || undefined }),
    linkFeedback: async ({ itemIds, postId }) => (await request<{ items: FeedbackItem[] }>('POST', '/inbox/link', undefined, { itemIds, postId })).items,
    unlinkFeedback: async ({ itemIds }) => (await request<{ items: FeedbackItem[] }>('POST', '/inbox/unlink', undefined, { itemIds })).items,
    archiveFeedback: async ({ itemIds, archived }) =>
      (await request<{ items: FeedbackItem[] }>('POST', '/inbox/archive', undefined, { itemIds, archived })).items,
    createPostFromFeedback: ({ itemId, ...idea }) => request<{ post: Post; item: FeedbackItem }>('POST', `/feedback/${segment(itemId)}/idea`, undefined, idea),
    setFeedbackPublic: ({ itemId, public: shown }) => request<FeedbackItem>('PUT', `/feedback/${segment(itemId)}/public`, undefined, { public: shown }),
    createBoard: (board) => request<Board>('POST', '/boards', undefined, board),
    updateBoard: ({ board, ...change }) => request<Board>('PATCH', `/boards/${segment(board)}`, undefined, change),
    listApiKeys: ({ kind }) => request<ApiKey[]>('GET', API_KEY_PATHS[kind]),
    createApiKey: ({ kind, label }) => request<CreatedApiKey>('POST', API_KEY_PATHS[kind], undefined, { label }),
    revokeApiKey: ({ kind, keyId }) => request<ApiKey>('DELETE', `${API_KEY_PATHS[kind]}/${segment(keyId)}`),

    listIdeas: ({ sort, cursor, hasDuplicates, ...filters } = {}) =>
      request<Page<AdminIdeaRow>>('GET', '/admin/ideas', {
        ...filters,
        hasDuplicates: hasDuplicates === undefined ? undefined : String(hasDuplicates),
        sort: sort?.column,
        direction: sort?.direction,
        cursor: cursor || undefined,
      }),
    listSavedViews: async () => (await request<{ items: SavedView[] }>('GET', '/admin/views')).items,
    saveView: (view) => request<SavedView>('POST', '/admin/views', undefined, view),
    deleteView: ({ viewId }) => request<void>('DELETE', `/admin/views/${segment(viewId)}`),

    listBacklog: async ({ board, ...filters }) =>
      (await request<{ items: BacklogItem[] }>('GET', `/boards/${segment(board)}/backlog`, backlogQuery(filters))).items,
    getBacklogItem: ({ itemId }) => request<BacklogItem>('GET', `/backlog/${segment(itemId)}`),
    createBacklogItem: ({ board, ...fields }) => request<BacklogItem>('POST', `/boards/${segment(board)}/backlog`, undefined, fields),
    updateBacklogItem: ({ itemId, ...change }) => request<BacklogItem>('PATCH', `/backlog/${segment(itemId)}`, undefined, change),
    deleteBacklogItem: ({ itemId }) => request<void>('DELETE', `/backlog/${segment(itemId)}`),
    listBacklogEvidence: async ({ itemId }) => (await request<{ items: BacklogEvidence[] }>('GET', `/backlog/${segment(itemId)}/evidence`)).items,
    linkBacklogEvidence: ({ itemId, postIds, feedbackItemIds }) =>
      request<BacklogItem>('POST', `/backlog/${segment(itemId)}/evidence`, undefined, { postIds, feedbackItemIds }),
    unlinkBacklogEvidence: ({ itemId, evidenceId }) => request<BacklogItem>('DELETE', `/backlog/${segment(itemId)}/evidence/${segment(evidenceId)}`),
    suggestBacklogEvidence: ({ itemId, limit }) => request<BacklogSuggestions>('GET', `/backlog/${segment(itemId)}/suggestions`, { limit }),
    getCapacity: ({ board }) => request<CapacityReport>('GET', `/boards/${segment(board)}/capacity`),
    setCapacitySettings: ({ board, ...settings }) => request<CapacityReport>('PUT', `/boards/${segment(board)}/capacity`, undefined, settings),
    exportBacklog: ({ board, format, ...filters }) => download(`/boards/${segment(board)}/backlog/export`, { format, ...backlogQuery(filters) }),
  };

  return {
    capabilities: options.adminKey ? { realtime: true, admin: true } : { realtime: true },

    listBoards: () => request<Board[]>('GET', '/boards'),

    getBoard: ({ board }) => request<Board>('GET', `/boards/${segment(board)}`),

    listPosts: ({ board, sort, cursor, limit, status, tag, q }) =>
      request<Page<Post>>('GET', `/boards/${segment(board)}/posts`, { sort, cursor: cursor || undefined, limit, status, tag, q }),

    updatePost: ({ postId, title, body, expected }) =>
      request<Post>('PATCH', `/posts/${segment(postId)}`, undefined, { title, body, expected }),

    getPost: ({ postId }) => request<Post>('GET', `/posts/${segment(postId)}`),

    getDemand: ({ postId }) => request<Demand>('GET', `/posts/${segment(postId)}/demand`),

    listPostFeedback: ({ postId, cursor, limit }) =>
      request<Page<FeedbackItem>>('GET', `/posts/${segment(postId)}/feedback`, { cursor: cursor || undefined, limit }),

    createPost: ({ board, title, body, idempotencyKey }) =>
      request<Post>('POST', `/boards/${segment(board)}/posts`, undefined, { title, body }, idempotencyKey),

    vote: ({ postId, idempotencyKey }) =>
      request<VoteResult>('POST', `/posts/${segment(postId)}/votes`, undefined, undefined, idempotencyKey),

    unvote: ({ postId, idempotencyKey }) =>
      request<VoteResult>('DELETE', `/posts/${segment(postId)}/votes`, undefined, undefined, idempotencyKey),

    listComments: ({ postId, cursor, limit }) =>
      request<Page<Comment>>('GET', `/posts/${segment(postId)}/comments`, { cursor: cursor || undefined, limit }),

    addComment: ({ postId, body }) => request<Comment>('POST', `/posts/${segment(postId)}/comments`, undefined, { body }),

    updateComment: ({ commentId, body }) =>
      request<Comment>('PATCH', `/comments/${segment(commentId)}`, undefined, { body }),

    deleteComment: ({ commentId }) => request<CommentDeletion>('DELETE', `/comments/${segment(commentId)}`),

    listTags: ({ board }) => request<Tag[]>('GET', `/boards/${segment(board)}/tags`),

    listNotifications: ({ cursor, limit } = {}) =>
      request<NotificationPage>('GET', '/notifications', { cursor: cursor || undefined, limit }),

    markNotificationsRead: (selection) => request<{ unreadCount: number }>('POST', '/notifications/read', undefined, selection),

    getSubscription: ({ postId }) => request<Subscription>('GET', `/posts/${segment(postId)}/subscription`),

    setSubscription: ({ postId, subscribed, email }) =>
      request<Subscription>('PUT', `/posts/${segment(postId)}/subscription`, undefined, { subscribed, email }),

    getEmailPreferences: () => request<EmailPreferences>('GET', '/me/email'),

    setEmailPreferences: ({ emailOff }) => request<EmailPreferences>('PUT', '/me/email', undefined, { emailOff }),

    listChangelogEntries: ({ board, cursor, limit }) =>
      request<Page<ChangelogEntry>>('GET', `/boards/${segment(board)}/changelog`, { cursor: cursor || undefined, limit }),

    // Too short a text is answered here without a request: it is typed on every keystroke.
    findSimilarPosts: async ({ board, text, limit }) => {
      const count = similarLimit(limit);
      const lookup = similarLookupText(text);
      if (lookup === null) return [];
      return request<Post[]>('GET', `/boards/${segment(board)}/similar`, { text: lookup, limit: count });
    },

    listPublicBacklog: async ({ board }) => (await request<{ items: PublicBacklogItem[] }>('GET', `/boards/${segment(board)}/public-backlog`)).items,

    watch: ({ board, onChange }) => {
      const query = board === undefined ? '' : `?board=${segment(board)}`;
      // The visitor token the stream was opened with: a visitor who gets one later (through this
      // adapter, another on the page or another tab) has their stream opened again with it, so
      // it carries their bell. Reading it is a storage lookup, no request.
      let openedAs: string | null = null;
      const stream = watchLiveChanges(
        {
          open: (lastEventId, signal) => {
            openedAs = visitor.read();
            const resume: Record<string, string> = lastEventId ? { 'Last-Event-ID': lastEventId } : {};
            return exchange('GET', `${api}/events/stream${query}`, { Accept: 'text/event-stream', ...resume }, false, undefined, signal);
          },
          poll: (after) => request<LivePoll>('GET', '/events', { board, after }),
        },
        onChange,
        options.live,
      );
      const anonymous = !options.adminKey && !identified;
      const identityCheck = anonymous ? setInterval(() => visitor.read() !== openedAs && stream.refresh(), IDENTITY_CHECK_MS) : undefined;
      return () => {
        clearInterval(identityCheck);
        stream.stop();
      };
    },

    ...(options.adminKey ? { admin } : {}),
  };
}

