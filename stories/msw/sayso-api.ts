// The reference server's REST API, served by msw from in-memory data, so stories show real
// elements talking through the real HTTP adapter without a backend.
import { createMemoryAdapter, createMemoryData, seedMemoryFeedback, type MemoryData, type SeedFeedback, type SeedPost } from '@sayso/adapter-memory';
import { HTTP_STATUS_BY_ERROR_CODE, SaysoError, toSaysoError, type AdminIdeaColumn, type SaysoAdapter } from '@sayso/core';
import { delay, http, HttpResponse, type HttpHandler } from 'msw';


export const demoIdeas: SeedPost[] = [
  { board: 'demo', title: 'Dark mode for the editor', body: 'Working at night is **painful** with the bright theme.', votes: 128, status: 'planned' },
  { board: 'demo', title: 'Offline mode on the mobile app', body: 'I take notes on the subway with no signal.', votes: 96, status: 'in-progress' },
  { board: 'demo', title: 'Export notes to Markdown', body: '', votes: 71, status: 'shipped' },
  { board: 'demo', title: 'Share a notebook with read-only access', body: 'Clients should see but not edit.', votes: 54 },
  { board: 'demo', title: 'Keyboard shortcut to create a new note', body: '', votes: 33, status: 'under-review' },
  { board: 'demo', title: 'Tables in notes', body: 'Simple tables, nothing fancy. Like in Markdown.', votes: 21 },
  { board: 'demo', title: 'Calendar sync for reminders', body: 'Google Calendar and Outlook please', votes: 12 },
  { board: 'demo', title: 'Handwriting on iPad', body: '', votes: 4, status: 'declined' },
  // Older shipped ideas, so the changelog has a history (after the rest: card story indexes stay).
  { board: 'demo', title: 'Pin notes to the top', body: '', votes: 18, status: 'shipped', createdAt: '2025-11-02T09:00:00Z' },
  { board: 'demo', title: 'Search inside attachments', body: 'PDFs at least.', votes: 9, status: 'shipped', createdAt: '2025-09-14T09:00:00Z' },
];

const customer = (name: string, company: string) => ({ name, email: `${name.toLowerCase()}@${company.toLowerCase()}.example`, company });

/**
 * Feedback from channels linked to demo ideas as evidence (`post`: the seed idea's number):
 * "Dark mode for the editor" is backed by 4 people by email, 2 on Slack, 1 in a CSV import and
 * 1 through Intercom; "Offline mode" by 2 people by email. Each author counts among the idea's people.
 */
export const demoFeedback: SeedFeedback[] = [
  { source: 'email', post: 1, title: 'Dark theme?', text: 'Is a dark theme on your roadmap? We write at night.', author: customer('Maya', 'Northwind'), public: true },
  { source: 'email', post: 1, text: 'Any news on dark mode?', author: customer('Maya', 'Northwind') },
  { source: 'email', post: 1, text: 'The white editor is blinding after sunset.', author: customer('Omar', 'Globex') },
  { source: 'email', post: 1, text: 'Dark mode please, our whole team asks for it.', author: customer('Lena', 'Initech') },
  { source: 'email', post: 1, text: 'Would love a dark editor.', author: customer('Theo', 'Umbrella') },
  { source: 'slack', post: 1, text: 'anyone else want dark mode in the editor?', author: { name: 'Priya' }, link: 'https://acme.slack.example/archives/C1/p1' },
  { source: 'slack', post: 1, text: '+1 dark mode', author: { name: 'Jonas' }, link: 'https://acme.slack.example/archives/C1/p2' },
  { source: 'csv', post: 1, sourceId: 'survey-2026-q1-17', text: 'Dark mode', author: customer('Rosa', 'Hooli') },
  { source: 'webhook:intercom', post: 1, sourceId: 'conversation-4411', text: 'Customer asks when the dark theme lands.', author: customer('Ken', 'Stark') },
  { source: 'email', post: 2, text: 'I need my notes on the plane.', author: customer('Ana', 'Soylent') },
  { source: 'email', post: 2, text: 'Offline mode is a must for our field team.', author: customer('Bo', 'Acme') },
];

/** Demo data: one `demo` board with its channels' feedback ({@link demoFeedback}), or `count` generated ideas instead of the sample. */
export function demoData(options: { count?: number } = {}): MemoryData {
  const posts =
    options.count === undefined
      ? demoIdeas
      : Array.from({ length: options.count }, (_, n) => ({
          board: 'demo',
          title: `${demoIdeas[n % demoIdeas.length]!.title} (${n + 1})`,
          votes: Math.max(0, options.count! - n),
        }));
  const data = createMemoryData({
    boards: [{ slug: 'demo', name: 'Acme Notes feedback', description: 'Tell us what would make Acme Notes better.' }],
    posts,
  });
  if (options.count === undefined) seedMemoryFeedback(data, demoFeedback);
  return data;
}

/** How the mocked API behaves beyond serving data. */
export interface MockApiOptions {
  /** Delay every answer, to show loading states; `'infinite'` never answers. */
  latency?: number | 'infinite';
  /** Fail every request to these paths' methods, e.g. `{ 'POST /posts/:id/votes': 'rate_limited' }`. */
  failures?: Record<string, SaysoError['code']>;
}

/** The visitor a story's page is: the one without a token, and the one with the token handed out. */
export const STORY_VISITOR = 'storybook-visitor';
const STORY_VISITOR_TOKEN = 'storybook.visitor.token';

const visitorOf = (request: Request) => {
  const token = request.headers.get('x-sayso-visitor');
  return token && token !== STORY_VISITOR_TOKEN ? token : STORY_VISITOR;
};

const errorResponse = (error: SaysoError) =>
  HttpResponse.json({ error: { code: error.code, message: error.message } }, { status: HTTP_STATUS_BY_ERROR_CODE[error.code] });

/**
 * msw handlers for `${base}/...` answering like the reference server from `data` (once it is
 * ready, for data an admin prepares through the adapter, e.g. merges). Any `Authorization:
 * Bearer …` header acts as an admin (there are no real keys in stories).
 */
export function saysoApiHandlers(data: MemoryData | Promise<MemoryData>, options: MockApiOptions = {}, base = '/api/v1'): HttpHandler[] {
  const adapterFor = async (request: Request): Promise<SaysoAdapter> =>
    createMemoryAdapter({
      data: await data,
      // Any visitor token names a visitor here: stories have no server secret to check it with.
      // The token handed out below is the same visitor as one who sends none.
      voterId: visitorOf(request),
      admin: /^Bearer /i.test(request.headers.get('authorization') ?? ''),
    });

  const adminOf = (adapter: SaysoAdapter) => {
    if (!adapter.admin) throw new SaysoError('forbidden', 'Only an admin may do this.');
    return adapter.admin;
  };

  const route = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    path: string,
    answer: (adapter: SaysoAdapter, params: Record<string, string>, request: Request) => Promise<unknown>,
    status = 200,
  ) =>
    http[method](`${base}${path}`, async ({ request, params }) => {
      if (options.latency !== undefined) await delay(options.latency);
      const failure = options.failures?.[`${method.toUpperCase()} ${path}`];
      // A network failure has no response at all, as when the visitor is offline.
      if (failure === 'network') return HttpResponse.error();
      if (failure) return errorResponse(new SaysoError(failure, `The mocked API refuses ${method.toUpperCase()} ${path}.`));
      try {
        const body = await answer(await adapterFor(request), params as Record<string, string>, request);
        return HttpResponse.json(body as Record<string, unknown>, { status });
      } catch (error) {
        return errorResponse(toSaysoError(error));
      }
    });

  const query = (request: Request) => new URL(request.url).searchParams;
  const limitOf = (request: Request) => (query(request).has('limit') ? Number(query(request).get('limit')) : undefined);
  const optional = (request: Request, name: string) => query(request).get(name) ?? undefined;

  return [
    http.post(`${base}/visitors`, () => HttpResponse.json({ visitorToken: STORY_VISITOR_TOKEN }, { status: 201 })),
    route('get', '/boards', (adapter) => adapter.listBoards()),
    route('get', '/admin/me', (adapter) => adminOf(adapter).whoAmI()),
    route('get', '/admin/ideas', (adapter, _params, request) => {
      const number = (name: string) => (query(request).has(name) ? Number(query(request).get(name)) : undefined);
      const hasDuplicates = optional(request, 'hasDuplicates');
      return adminOf(adapter).listIdeas({
        ...Object.fromEntries(['board', 'status', 'tag', 'source', 'createdFrom', 'createdTo', 'q'].flatMap((name) => (query(request).has(name) ? [[name, query(request).get(name)]] : []))),
        hasDuplicates: hasDuplicates === undefined ? undefined : hasDuplicates === 'true',
        minPeople: number('minPeople'),
        sort: query(request).has('sort') ? { column: query(request).get('sort') as AdminIdeaColumn, direction: (optional(request, 'direction') ?? 'desc') as 'asc' | 'desc' } : undefined,
        cursor: query(request).get('cursor'),
        limit: limitOf(request),
      });
    }),
    route('get', '/admin/views', async (adapter) => ({ items: await adminOf(adapter).listSavedViews() })),
    route('post', '/admin/views', async (adapter, _params, request) => adminOf(adapter).saveView((await request.json()) as { name: string; params: Record<string, string> }), 201),
    http.delete(`${base}/admin/views/:viewId`, async ({ request, params }) => {
      try {
        await adminOf(await adapterFor(request)).deleteView({ viewId: String(params['viewId']) });
        return new HttpResponse(null, { status: 204 });
      } catch (error) {
        return errorResponse(toSaysoError(error));
      }
    }),
    route('get', '/boards/:board', (adapter, { board }) => adapter.getBoard({ board: board! })),
    route('get', '/boards/:board/posts', (adapter, { board }, request) =>
      adapter.listPosts({
        board: board!,
        sort: (query(request).get('sort') ?? 'top') as 'top',
        cursor: query(request).get('cursor'),
        limit: limitOf(request),
        status: optional(request, 'status'),
        tag: optional(request, 'tag'),
        q: optional(request, 'q'),
      }),
    ),
    route(
      'post',
      '/boards/:board/posts',
      async (adapter, { board }, request) => adapter.createPost({ board: board!, ...((await request.json()) as { title: string; body: string }) }),
      201,
    ),
    route('get', '/boards/:board/similar', (adapter, { board }, request) =>
      adapter.findSimilarPosts({ board: board!, text: query(request).get('text') ?? '', limit: limitOf(request) }),
    ),
    route('get', '/posts/:id', (adapter, { id }) => adapter.getPost({ postId: id! })),
    route('get', '/posts/:id/demand', (adapter, { id }) => adapter.getDemand({ postId: id! })),
    route('get', '/posts/:id/demand/history', (adapter, { id }) => adminOf(adapter).getDemandHistory({ postId: id! })),
    route('get', '/posts/:id/history', async (adapter, { id }) => ({ items: await adminOf(adapter).listPostHistory({ postId: id! }) })),
    route('get', '/posts/:id/feedback', (adapter, { id }, request) =>
      adapter.listPostFeedback({ postId: id!, cursor: query(request).get('cursor'), limit: limitOf(request) }),
    ),
    route('patch', '/posts/:id', async (adapter, { id }, request) => {
      const { status, ...edit } = (await request.json()) as { title?: string; body?: string; status?: string };
      let post = status === undefined ? undefined : await adminOf(adapter).setPostStatus({ postId: id!, status });
      if (edit.title !== undefined || edit.body !== undefined || !post) post = await adapter.updatePost({ postId: id!, ...edit });
      return post;
    }),
    route('post', '/posts/:id/votes', (adapter, { id }) => adapter.vote({ postId: id! })),
    route('delete', '/posts/:id/votes', (adapter, { id }) => adapter.unvote({ postId: id! })),
    route('get', '/posts/:id/comments', (adapter, { id }, request) =>
      adapter.listComments({ postId: id!, cursor: query(request).get('cursor'), limit: limitOf(request) }),
    ),
    route(
      'post',
      '/posts/:id/comments',
      async (adapter, { id }, request) => adapter.addComment({ postId: id!, ...((await request.json()) as { body: string }) }),
      201,
    ),
    route('patch', '/comments/:id', async (adapter, { id }, request) =>
      adapter.updateComment({ commentId: id!, ...((await request.json()) as { body: string }) }),
    ),
    route('delete', '/comments/:id', (adapter, { id }) => adapter.deleteComment({ commentId: id! })),
    route('get', '/boards/:board/tags', (adapter, { board }) => adapter.listTags({ board: board! })),
    route('get', '/notifications', (adapter, _params, request) =>
      adapter.listNotifications({ cursor: query(request).get('cursor'), limit: limitOf(request) }),
    ),
    route('post', '/notifications/read', async (adapter, _params, request) =>
      adapter.markNotificationsRead((await request.json()) as { ids: string[] } | { all: true }),
    ),
    route(
      'post',
      '/boards/:board/tags',
      async (adapter, { board }, request) => adminOf(adapter).createTag({ board: board!, ...((await request.json()) as { name: string }) }),
      201,
    ),
    route('patch', '/boards/:board/tags/:tag', async (adapter, { board, tag }, request) =>
      adminOf(adapter).renameTag({ board: board!, tag: tag!, ...((await request.json()) as { name: string }) }),
    ),
    route('delete', '/boards/:board/tags/:tag', async (adapter, { board, tag }) => {
      const deleted = (await adapter.listTags({ board: board! })).find((t) => t.slug === tag);
      await adminOf(adapter).deleteTag({ board: board!, tag: tag! });
      return deleted;
    }),
    route('get', '/posts/:id/subscription', (adapter, { id }) => adapter.getSubscription({ postId: id! })),
    route('put', '/posts/:id/subscription', async (adapter, { id }, request) =>
      adapter.setSubscription({ postId: id!, ...((await request.json()) as { subscribed: boolean; email?: string }) }),
    ),
    route('get', '/me/email', (adapter) => adapter.getEmailPreferences()),
    route('put', '/me/email', async (adapter, _params, request) => adapter.setEmailPreferences((await request.json()) as { emailOff: boolean })),
    route('get', '/boards/:board/changelog', (adapter, { board }, request) =>
      adapter.listChangelogEntries({ board: board!, cursor: query(request).get('cursor'), limit: limitOf(request) }),
    ),
    // Triage: the console's duplicate queue and inbox.
    route('get', '/boards/:board/duplicates', async (adapter, { board }, request) => ({
      items: await adminOf(adapter).listDuplicateCandidates({ board: board!, limit: limitOf(request) }),
    })),
    route('get', '/posts/:id/compare/:other', (adapter, { id, other }) => adminOf(adapter).compareIdeas({ postIds: [id!, other!] })),
    route('get', '/inbox', (adapter, _params, request) =>
      adminOf(adapter).listInbox({
        source: optional(request, 'source') as SeedFeedback['source'] | undefined,
        state: optional(request, 'state') as 'new' | 'linked' | 'archived' | undefined,
        board: optional(request, 'board'),
        q: optional(request, 'q'),
        cursor: query(request).get('cursor'),
        limit: limitOf(request),
      }),
    ),
    // The console's settings (publish): what its sections read.
    route('get', '/admin/keys', (adapter) => adminOf(adapter).listApiKeys({ kind: 'admin' })),
    route('get', '/ingestion-keys', (adapter) => adminOf(adapter).listApiKeys({ kind: 'ingestion' })),
    route('get', '/webhooks', (adapter) => adminOf(adapter).listWebhookEndpoints()),
    route('get', '/deliveries', (adapter, _params, request) => adminOf(adapter).listDeliveries({ limit: limitOf(request) })),
    route('get', '/boards/:board/notifications', (adapter, { board }) => adminOf(adapter).getNotificationSettings({ board: board! })),
    route('get', '/boards/:board/priority', (adapter, { board }) => adminOf(adapter).getPriorityFormula({ board: board! })),
    route('put', '/posts/:id/tags/:tag', (adapter, { id, tag }) => adminOf(adapter).addPostTag({ postId: id!, tag: tag! })),
    route('delete', '/posts/:id/tags/:tag', (adapter, { id, tag }) => adminOf(adapter).removePostTag({ postId: id!, tag: tag! })),
    // Live changes: what the memory adapter's watch() sees, as the server's event stream sends it
    // (numbered from 1 on each connection: stories never resume one).
    http.get(`${base}/events/stream`, async ({ request }) => {
      const adapter = await adapterFor(request);
      const encoder = new TextEncoder();
      let stop = () => {};
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          let id = 0;
          const send = (text: string) => controller.enqueue(encoder.encode(text));
          send('retry: 2000\n\nevent: ready\nid: 0\ndata: {}\n\n');
          stop = adapter.watch!({ board: optional(request, 'board'), onChange: (change) => send(`id: ${++id}\ndata: ${JSON.stringify(change)}\n\n`) });
        },
        cancel: () => stop(),
      });
      return new HttpResponse(body, { headers: { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' } });
    }),
  ];
}

/**
 * Demo data with tags and a discussion under the first idea (markdown included), for the board's
 * filter and post-detail stories. `comments` sets how many comments the first idea has.
 */
export function demoDataWithDiscussion(options: { comments?: number } = {}): MemoryData {
  const tagsByTitle: Record<string, string[]> = {
    'Dark mode for the editor': ['Editor', 'Design'],
    'Offline mode on the mobile app': ['Mobile'],
    'Export notes to Markdown': ['Editor'],
    'Share a notebook with read-only access': ['Sharing'],
    'Tables in notes': ['Editor'],
    'Handwriting on iPad': ['Mobile'],
  };
  const data = createMemoryData({
    boards: [{ slug: 'demo', name: 'Acme Notes feedback', description: 'Tell us what would make Acme Notes better.' }],
    posts: demoIdeas.map((idea) => ({
      ...idea,
      body:
        idea.title === 'Dark mode for the editor'
          ? 'Working at night is **painful** with the bright theme.\n\n- Follow the system setting\n- Keep code blocks readable\n\nSee [how others do it](https://example.com/dark-mode).'
          : idea.body,
      tags: tagsByTitle[idea.title] ?? [],
    })),
  });
  const bodies = [
    'Yes please! My eyes will thank you.',
    'Same here, especially with `monospace` notes.',
    '> Follow the system setting\n\nThis is the important part for me.',
    'Would love a _true black_ option for OLED screens.',
  ];
  const count = options.comments ?? 4;
  const comments = Array.from({ length: count }, (_, n) => ({
    id: `demo-comment-${n + 1}`,
    postId: 'seed-1',
    body: bodies[n % bodies.length]!,
    author: { id: `demo-author-${n % 3}`, name: ['Ada', 'Grace', null][n % 3]! },
    createdAt: new Date(Date.UTC(2026, 0, 1 + n)).toISOString(),
    editedAt: null,
    mergedFrom: null,
  }));
  data.comments.set('seed-1', comments);
  seedMemoryFeedback(data, demoFeedback);
  return data;
}

/**
 * Demo data (with the discussion) where the story's visitor has `count` notifications (default
 * 6), spread over the last days: ideas they asked for shipped, and replies under the first idea.
 * The newest `unread` of them (default 2) are unread.
 */
export function demoDataWithNotifications(options: { count?: number; unread?: number } = {}): MemoryData {
  const data = demoDataWithDiscussion();
  const count = options.count ?? 6;
  const unread = options.unread ?? 2;
  const shipped = [...data.posts.values()].filter((post) => post.status === 'shipped');
  const comments = data.comments.get('seed-1') ?? [];
  const now = Date.now();
  // Oldest first, as the memory adapter keeps them.
  for (let age = count - 1; age >= 0; age--) {
    const reply = age % 2 === 1 && comments.length > 0;
    data.notifications.push({
      id: `story-notification-${String(count - age).padStart(4, '0')}`,
      recipient: STORY_VISITOR,
      kind: reply ? 'reply' : 'shipped',
      postId: reply ? 'seed-1' : shipped[Math.floor(age / 2) % shipped.length]!.id,
      commentId: reply ? comments[age % comments.length]!.id : null,
      mergedFromId: null,
      backlogItemId: null,
      changelogId: null,
      status: null,
      note: null,
      createdAt: new Date(now - age * 5 * 3_600_000 - 2 * 60_000).toISOString(),
      readAt: age < unread ? null : new Date(now).toISOString(),
    });
  }
  return data;
}

/** The ideas of {@link demoDataWithMerges} its stories open by id. */
export const MERGED_STORY_IDS = { canonical: 'seed-1', nightTheme: 'seed-11', mobileDarkTheme: 'seed-12' } as const;

/**
 * The discussed demo data where an admin merged two duplicates into "Dark mode for the editor":
 * "Night theme for late hours" (30 of its people also voted for the canonical idea, 14 did not,
 * and the story's visitor voted for it, so the visitor is told) and "Dark theme on mobile"
 * (6 people), each with a comment that now shows under the canonical idea.
 */
export async function demoDataWithMerges(): Promise<MemoryData> {
  const data = demoDataWithDiscussion();
  const seeded = createMemoryData({
    boards: [{ slug: 'demo' }],
    posts: [
      ...demoIdeas,
      { board: 'demo', title: 'Night theme for late hours', body: 'A darker look for working at night.', votes: 30 },
      { board: 'demo', title: 'Dark theme on mobile', body: 'The phone app is blinding in bed.' },
    ],
  });
  for (const id of [MERGED_STORY_IDS.nightTheme, MERGED_STORY_IDS.mobileDarkTheme]) data.posts.set(id, seeded.posts.get(id)!);
  const as = (voterId: string) => createMemoryAdapter({ data, voterId });
  const voters = [...Array.from({ length: 14 }, (_, n) => `night-owl-${n}`), STORY_VISITOR];
  for (const voter of voters) await as(voter).vote({ postId: MERGED_STORY_IDS.nightTheme });
  for (let n = 0; n < 6; n++) await as(`phone-user-${n}`).vote({ postId: MERGED_STORY_IDS.mobileDarkTheme });
  await as('night-owl-0').addComment({ postId: MERGED_STORY_IDS.nightTheme, body: 'Please make it **really** dark, not grey.' });
  await as('phone-user-0').addComment({ postId: MERGED_STORY_IDS.mobileDarkTheme, body: 'Following the system setting would be enough.' });
  const admin = createMemoryAdapter({ data, voterId: 'story-admin', admin: true }).admin!;
  await admin.mergePost({ postId: MERGED_STORY_IDS.nightTheme, into: MERGED_STORY_IDS.canonical });
  await admin.mergePost({ postId: MERGED_STORY_IDS.mobileDarkTheme, into: MERGED_STORY_IDS.canonical });
  return data;
}

/** The address a story's visitor is known by when they are signed in. */
export const STORY_EMAIL = 'ada@example.com';

/**
 * Demo data (with the discussion) for the follow and email stories: `email` is the address Sayso
 * has for the story's visitor (`confirmed: false`: one they left and have not confirmed yet);
 * without it they are an anonymous visitor. `following` makes them follow the first idea.
 */
export async function demoDataForFollowing(options: { email?: string; confirmed?: boolean; following?: boolean } = {}): Promise<MemoryData> {
  const data = demoDataWithDiscussion();
  if (options.email) data.emailPreferences.set(STORY_VISITOR, { email: options.email, confirmed: options.confirmed ?? true, emailOff: false });
  if (options.following) await createMemoryAdapter({ data, voterId: STORY_VISITOR }).setSubscription({ postId: 'seed-1', subscribed: true });
  return data;
}

/**
 * Demo data with published changelog entries (`entries`, oldest first; default three), each
 * shipping some demo ideas, with markdown text. The story's visitor voted for the first idea,
 * so the newest entry's publication tells them in the bell (with its title).
 */
export async function demoDataWithChangelog(options: { entries?: number } = {}): Promise<MemoryData> {
  const data = demoDataWithDiscussion();
  await createMemoryAdapter({ data, voterId: STORY_VISITOR }).vote({ postId: 'seed-1' });
  const admin = createMemoryAdapter({ data, voterId: 'story-admin', admin: true }).admin!;
  const samples = [
    { title: 'Export and pins', body: 'You can now **export notes to Markdown** and pin the notes you need most.', postIds: ['seed-3', 'seed-9'] },
    { title: 'Find it faster', body: 'Search now looks inside attachments:\n\n- PDFs\n- Word files', postIds: ['seed-10'] },
    { title: 'Dark mode is here', body: 'Switch in *Settings → Appearance*, or let it follow your system. [Read more](https://example.com/dark-mode).', postIds: ['seed-1', 'seed-2'] },
  ];
  const count = options.entries ?? samples.length;
  for (let n = 0; n < count; n++) {
    const sample = samples[n % samples.length]!;
    const entry = await admin.createChangelogEntry({
      board: 'demo',
      ...sample,
      title: count > samples.length ? `${sample.title} (${n + 1})` : sample.title,
      postIds: n < samples.length ? sample.postIds : [],
    });
    await admin.publishChangelogEntry({ entryId: entry.id });
  }
  return data;
}

/**
 * {@link demoDataWithChangelog} where the story's visitor, known by {@link STORY_EMAIL}, also
 * voted for "Share a notebook", which an admin shipped with a note: the bell shows the note and
 * the entry, and its footer the email setting.
 */
export async function demoDataWithStatusNews(): Promise<MemoryData> {
  const data = await demoDataWithChangelog();
  data.emailPreferences.set(STORY_VISITOR, { email: STORY_EMAIL, confirmed: true, emailOff: false });
  await createMemoryAdapter({ data, voterId: STORY_VISITOR }).vote({ postId: 'seed-4' });
  const admin = createMemoryAdapter({ data, voterId: 'story-admin', admin: true }).admin!;
  await admin.setPostStatus({ postId: 'seed-4', status: 'shipped', note: 'Rolled out to **everyone** today. Tell us how it works for you!' });
  return data;
}

/**
 * Other visitors at work on `data` for a while (votes, one new idea), for stories of live
 * changes: the elements show them as the server's stream would bring them.
 */
export async function othersAtWork(data: MemoryData, options: { steps?: number; everyMs?: number } = {}): Promise<void> {
  const { steps = 8, everyMs = 1500 } = options;
  for (let n = 0; n < steps; n++) {
    await delay(everyMs);
    const someone = createMemoryAdapter({ data, voterId: `passer-by-${n}` });
    if (n === 2) await someone.createPost({ board: 'demo', title: 'Sync reminders with my calendar', body: '' });
    else await someone.vote({ postId: `seed-${1 + (n % 4)}` });
  }
}

/** Ideas that say what a demo idea says, for the duplicate queue (after the demo ideas: their seed numbers stay). */
export const duplicateIdeas: SeedPost[] = [
  { board: 'demo', title: 'Night theme for the editor', body: 'A dark editor theme for working at night, the bright one hurts.', votes: 14 },
  { board: 'demo', title: 'Offline mode for the mobile app', body: 'Take notes on the subway without any signal, sync later.', votes: 6 },
  { board: 'demo', title: 'Markdown tables in notes', body: 'Simple tables in notes, like Markdown tables.', votes: 3 },
];

/** Feedback waiting in the inbox, one item per channel, newest first when received. */
export const inboxFeedback: SeedFeedback[] = [
  { source: 'email', title: 'Dark editor', text: 'Our designers work late: is a dark mode for the editor coming? The white page is blinding.', author: customer('Iris', 'Vandelay'), link: 'https://mail.example/m/42', attachments: [{ name: 'glare.png', contentType: 'image/png', size: 48_213 }], receivedAt: '2026-03-06T16:40:00Z' },
  { source: 'slack', text: 'field team says offline notes on the mobile app keep getting lost without signal', author: { name: 'Priya' }, link: 'https://acme.slack.example/archives/C1/p9', receivedAt: '2026-03-06T11:05:00Z' },
  { source: 'webhook:intercom', sourceId: 'conversation-5120', text: 'Customer wants to share a notebook with a client who can only read it.', author: customer('Ken', 'Stark'), receivedAt: '2026-03-05T09:30:00Z' },
  { source: 'webhook:zendesk', sourceId: 'ticket-8812', title: 'Calendar', text: 'Can reminders show in Outlook calendar?', author: customer('Ana', 'Soylent'), receivedAt: '2026-03-04T14:00:00Z' },
  { source: 'csv', sourceId: 'survey-2026-q1-44', text: 'Tables please. And a way to print them.', author: customer('Rosa', 'Hooli'), receivedAt: '2026-03-03T08:00:00Z' },
  { source: 'api', text: 'Voice notes that turn into text would save me hours.', author: { name: 'Lou' }, receivedAt: '2026-03-02T10:00:00Z' },
];

/** Demo data for triage: the demo ideas with a few duplicates, and feedback waiting in the inbox. */
export function demoTriageData(): MemoryData {
  const data = createMemoryData({
    boards: [{ slug: 'demo', name: 'Acme Notes feedback', description: 'Tell us what would make Acme Notes better.' }, { slug: 'mobile', name: 'Mobile app' }],
    posts: [...demoIdeas, ...duplicateIdeas],
  });
  seedMemoryFeedback(data, [...demoFeedback, ...inboxFeedback.map((item) => ({ ...item, board: 'demo' }))]);
  return data;
}
