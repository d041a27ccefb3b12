// Shared set-up for the admin element tests (never shipped: nothing outside *.test.ts imports it).
import { createMemoryAdapter, createMemoryData, type SeedPost } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type SaysoAdapter, type SaysoClient, type SaysoErrorCode } from '@sayso/core';

export const seedPosts: SeedPost[] = [
  { board: 'demo', title: 'Dark mode', body: 'Please add a dark theme.', votes: 5, createdAt: '2026-01-01T00:00:00Z' },
  { board: 'demo', title: 'Offline sync', votes: 3, status: 'planned', createdAt: '2026-01-02T00:00:00Z' },
  { board: 'demo', title: 'CSV export', votes: 1, createdAt: '2026-01-03T00:00:00Z' },
];

/** An admin memory adapter over the board `demo` (three ideas) and the empty board `quiet`. */
export function adminAdapter(options: { posts?: SeedPost[]; label?: string } = {}): SaysoAdapter {
  const data = createMemoryData({ boards: [{ slug: 'demo', name: 'Demo' }, { slug: 'quiet' }], posts: options.posts ?? seedPosts });
  return createMemoryAdapter({ data, admin: true, adminLabel: options.label ?? 'Grace (support)', voterId: 'admin-grace' });
}

/** A client over an admin memory adapter, with the given admin methods replaced. */
export function adminClient(overrides: Partial<NonNullable<SaysoAdapter['admin']>> = {}, options: Parameters<typeof adminAdapter>[0] = {}): SaysoClient {
  const adapter = adminAdapter(options);
  return createSaysoClient({ adapter: { ...adapter, admin: { ...adapter.admin!, ...overrides } } });
}

/** An adapter method that rejects with a `SaysoError` of the given code. */
export const rejectWith = (code: SaysoErrorCode, message = `failed: ${code}`) => () => Promise.reject(new SaysoError(code, message));

/** Presses `key` as the admin would, on whatever has focus (or the page). */
export function press(key: string, target: EventTarget = document.activeElement ?? document.body): void {
  target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, composed: true, cancelable: true }));
}

/** Waits until `find` answers something, checking each animation frame (at most `ms`). */
export async function until<T>(find: () => T | null | undefined | false, ms = 3000): Promise<T> {
  const end = performance.now() + ms;
  for (;;) {
    const found = find();
    if (found) return found;
    if (performance.now() > end) throw new Error(`nothing found within ${ms} ms: ${find.toString()}`);
    await new Promise((resolve) => requestAnimationFrame(resolve));
  }
}

/** Checks `j` and `k` move the active row (`aria-selected`, focus) of a screen's table, from its first row. */
export async function expectRowKeys(root: ShadowRoot, rows: () => HTMLElement[]): Promise<void> {
  rows()[0]!.focus();
  press('j');
  await until(() => rows()[1]!.getAttribute('aria-selected') === 'true');
  if (root.activeElement !== rows()[1]) throw new Error('j did not focus the next row');
  press('k');
  await until(() => rows()[0]!.getAttribute('aria-selected') === 'true');
}
