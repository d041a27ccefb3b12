/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
// The page side of bench/render.ts, bundled by esbuild together with <sayso-board> (registered
// by the entry render.ts builds, which calls exposeRenderBench). The render functions resolve with
// the milliseconds between appending the element(s) and the list having rendered with layout
// settled.
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type Post, type SaysoClient } from '@sayso/core';

type BoardElement = HTMLElement & { board: string; client: SaysoClient; updateComplete: Promise<boolean> };
type LitElementLike = Element & { updateComplete?: Promise<boolean> };

const stage = () => document.getElementById('stage')!;
const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

let client: SaysoClient | undefined;
let posts: Post[] = [];
let virtualizeAfter = Infinity;

/** A client whose board `demo` has `n` ideas with every page already loaded: loading is not timed. */
async function prepare(n: number): Promise<number> {
  const data = createMemoryData({
    boards: [{ slug: 'demo', name: 'Demo' }],
    posts: Array.from({ length: n }, (_, i) => ({
      board: 'demo',
      title: `Idea ${i + 1}: let teams export their feedback`,
      body: i % 3 === 0 ? '' : 'It would help us **a lot** to get a weekly digest of new ideas by email.',
      votes: (n - i) % 40,
      status: i % 5 === 0 ? 'planned' : 'open',
    })),
  });
  client = createSaysoClient({ adapter: createMemoryAdapter({ data }) });
  const view = client.board('demo');
  await view.load();
  while (view.$state.get().nextCursor) await view.loadMore();
  posts = view.$posts.get();
  return posts.length;
}

/**
 * Waits until the list has rendered and layout settled: every custom element in it has finished
 * its update (cards and their vote buttons), no item was added or removed during the last frame
 * (a virtualizer adds cards over a few frames as it measures), and layout is computed. Both sides
 * wait the same way, so both pay the same frame granularity.
 */
async function settled(list: () => ParentNode | null | undefined, itemSelector: string, expectVirtual: boolean): Promise<void> {
  let last = -1;
  for (;;) {
    await frame();
    const root = list();
    const items = root ? [...root.querySelectorAll<LitElementLike>(itemSelector)] : [];
    const virtualReady = !expectVirtual || (root instanceof Element && root.classList.contains('list--virtual'));
    await Promise.all(items.map((item) => item.updateComplete));
    await Promise.all(items.map((item) => item.shadowRoot?.querySelector<LitElementLike>('sayso-vote-button')?.updateComplete));
    if (items.length > 0 && virtualReady && items.length === last) break;
    last = items.length;
  }
  void document.body.offsetHeight;
}

async function renderBoard(): Promise<{ ms: number; rendered: number }> {
  const board = document.createElement('sayso-board') as BoardElement;
  board.board = 'demo';
  board.client = client!;
  const start = performance.now();
  stage().append(board);
  await settled(() => board.shadowRoot?.querySelector('[part~="list"]'), 'sayso-post-card', posts.length > virtualizeAfter);
  const ms = performance.now() - start;
  const rendered = board.shadowRoot!.querySelectorAll('sayso-post-card').length;
  board.remove();
  return { ms, rendered };
}

/** The same cards (vote button with count, title, excerpt, status, comments) as plain DOM. */
function plainCard(post: Post): HTMLLIElement {
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string) => {
    const node = document.createElement(tag);
    node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };
  const item = el('li', 'item');
  const card = el('article', 'card');
  const vote = el('button', 'vote');
  vote.type = 'button';
  vote.setAttribute('aria-pressed', String(post.voted));
  vote.append(el('span', 'arrow', '▲'), el('span', 'count', String(post.voteCount)));
  const content = el('div', 'content');
  const title = el('h3', 'title');
  const open = el('button', 'title-button', post.title);
  open.type = 'button';
  title.append(open);
  content.append(title);
  if (post.body) content.append(el('p', 'body', post.body.replace(/\*\*/g, '')));
  const meta = el('p', 'meta');
  meta.append(el('span', 'status', post.status), el('span', 'comments', `${post.commentCount} comments`));
  content.append(meta);
  card.append(vote, content);
  item.append(card);
  return item;
}

const PLAIN_STYLES = `
  .plain { display: grid; gap: 12px; margin: 0; padding: 0; list-style: none; font: 16px system-ui, sans-serif; }
  .plain .card { display: flex; gap: 12px; padding: 16px; border: 1px solid #d4d4d8; border-radius: 8px; }
  .plain .vote { display: grid; place-items: center; min-width: 48px; padding: 6px; border: 1px solid #d4d4d8; border-radius: 8px; background: none; }
  .plain .content { flex: 1; min-width: 0; }
  .plain .title { margin: 0; font-size: 1.0625rem; line-height: 1.35; }
  .plain .title-button { all: unset; cursor: pointer; }
  .plain .body { margin: 4px 0 0; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
  .plain .meta { display: flex; gap: 8px; margin: 8px 0 0; font-size: 0.875rem; color: #52525b; }
`;

async function renderPlain(): Promise<{ ms: number; rendered: number }> {
  const start = performance.now();
  const list = document.createElement('ol');
  list.className = 'plain';
  for (const post of posts) list.append(plainCard(post));
  stage().append(list);
  await settled(() => list, '.card', false);
  const ms = performance.now() - start;
  const rendered = list.childElementCount;
  list.remove();
  return { ms, rendered };
}

/** Puts `window.renderBench` in place; `virtualizeAfter` is the board's VIRTUALIZE_AFTER. */
export function exposeRenderBench(options: { virtualizeAfter: number }): void {
  virtualizeAfter = options.virtualizeAfter;
  const style = document.createElement('style');
  style.textContent = `${PLAIN_STYLES} #stage { width: 720px; }`;
  document.head.append(style);
  Object.assign(window, { renderBench: { virtualizeAfter, prepare, renderBoard, renderPlain } });
}
