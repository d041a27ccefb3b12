// Shared set-up for the element tests (never shipped: nothing outside *.test.ts imports it).
import { createMemoryAdapter, createMemoryData, seedMemoryFeedback, type SeedPost } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type SaysoAdapter, type SaysoClient, type SaysoErrorCode } from '@sayso/core';

export const seedPosts: SeedPost[] = [
  { board: 'demo', title: 'Dark mode', body: 'Please add a dark theme.\nMy eyes hurt at night.', votes: 5, createdAt: '2026-01-01T00:00:00Z' },
  { board: 'demo', title: 'Offline sync', votes: 3, status: 'planned', createdAt: '2026-01-02T00:00:00Z' },
  { board: 'demo', title: 'CSV export', votes: 1, createdAt: '2026-01-03T00:00:00Z' },
];

/** The seed ideas and "Night theme" (`seed-4`), which duplicates "Dark mode" (`seed-1`). */
export const withNightTheme: SeedPost[] = [...seedPosts, { board: 'demo', title: 'Night theme', body: 'Black please.', createdAt: '2026-01-04T00:00:00Z' }];

/** A memory data set with the board `demo` (three ideas) and the empty board `quiet`. */
export function seededData(posts: SeedPost[] = seedPosts) {
  return createMemoryData({ boards: [{ slug: 'demo', name: 'Demo' }, { slug: 'quiet' }], posts });
}

/** A client over a fresh memory adapter, with the given adapter methods replaced. */
export function memoryClient(overrides: Partial<SaysoAdapter> = {}, posts?: SeedPost[]): SaysoClient {
  const adapter = createMemoryAdapter({ data: seededData(posts) });
  return createSaysoClient({ adapter: { ...adapter, ...overrides } });
}

/** An adapter method that rejects with a `SaysoError` of the given code. */
export const rejectWith = (code: SaysoErrorCode, message = `failed: ${code}`) => () =>
  Promise.reject(new SaysoError(code, message));

/** A promise the test settles by hand, to look at the UI while a call is under way. */
export function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

/** Loads the board `demo` so its posts are in `client.$posts`; returns the posts in `top` order. */
export async function loadDemo(client: SaysoClient) {
  const view = client.board('demo');
  await view.load();
  return view.$posts.get();
}

/** The visitor every memory client of these tests acts for (the memory adapter's default). */
export const VISITOR = 'memory-visitor';

/**
 * The demo board after an admin merged "Night theme" into "Dark mode": "Night theme" was voted
 * by ana, ben, one of Dark mode's five voters and the visitor, and ana commented on it. So Dark
 * mode has 5 direct + 4 via merged ideas (1 in both) = 8 people, and the visitor was told. The
 * client acts for `visitor` (default: that visitor), with the given adapter methods replaced.
 */
export async function clientWithMergedIdea(options: { visitor?: string; overrides?: Partial<SaysoAdapter> } = {}) {
  const data = seededData(withNightTheme);
  const as = (voterId: string) => createMemoryAdapter({ data, voterId });
  const [darkMode, nightTheme] = ['seed-1', 'seed-4'];
  for (const voter of ['ana', 'ben', 'seed-voter-0', VISITOR]) await as(voter).vote({ postId: nightTheme });
  await as('ana').addComment({ postId: nightTheme, body: 'A *black* background would do.' });
  await createMemoryAdapter({ data, voterId: 'the-admin', admin: true }).admin!.mergePost({ postId: nightTheme, into: darkMode });
  const client = createSaysoClient({ adapter: { ...as(options.visitor ?? VISITOR), ...options.overrides } });
  return { client, darkMode, nightTheme };
}

/**
 * A client over the demo board where feedback from channels backs "Dark mode" (`seed-1`): three
 * people by email (one wrote twice), two on Slack, one in a CSV import and one through Zendesk.
 */
export function clientWithEvidence(): SaysoClient {
  const data = seededData();
  const email = (name: string, text: string) => ({ source: 'email' as const, post: 1, text, author: { name, email: `${name.toLowerCase()}@acme.test` } });
  seedMemoryFeedback(data, [
    email('Dana', 'Is a dark theme planned?'),
    email('Dana', 'Any news on the dark theme?'),
    email('Erin', 'Dark mode, please.'),
    email('Finn', 'The white background hurts at night.'),
    { source: 'slack', post: 1, text: 'dark mode when?', author: { name: 'Gus' } },
    { source: 'slack', post: 1, text: '+1 for dark mode', author: { name: 'Hana' } },
    { source: 'csv', post: 1, text: 'Dark mode', author: { email: 'ivy@acme.test' } },
    { source: 'webhook:zendesk', post: 1, text: 'Customer asks for a dark theme', author: { email: 'jo@acme.test' } },
  ]);
  return createSaysoClient({ adapter: createMemoryAdapter({ data }) });
}
