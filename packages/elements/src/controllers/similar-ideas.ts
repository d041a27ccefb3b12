import { createSimilarIdeasView, similarLookupText, type Post, type SaysoClient, type SimilarIdeasState, type SimilarIdeasView } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StoreController } from './store.js';

/** How long typing must pause before similar ideas are looked up. */
export const SIMILAR_IDEAS_DELAY_MS = 250;

/**
 * Similar ideas for an idea form, looked up as the visitor types: {@link look} on every
 * keystroke asks once typing pauses for {@link SIMILAR_IDEAS_DELAY_MS}; a text too short to look
 * with (core's `similarLookupText`) empties the list at once, without asking. The lookup and its
 * stale-answer handling live in core's `createSimilarIdeasView`; a new client or board starts a
 * new one.
 */
export class SimilarIdeasController implements ReactiveController {
  readonly #state: StoreController<SimilarIdeasState>;
  readonly #posts: StoreController<Post[]>;
  #view: { view: SimilarIdeasView; client: SaysoClient; board: string } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly client: () => SaysoClient | undefined,
    private readonly board: () => string,
  ) {
    this.#state = new StoreController(host);
    this.#posts = new StoreController(host);
    host.addController(this);
  }

  /** The similar ideas, best first; empty while there are none (or the lookup failed). */
  get posts(): Post[] {
    return this.#posts.value ?? [];
  }

  /** Where the lookup is; `idle` before any. */
  get status(): SimilarIdeasState['status'] {
    return this.#state.value?.status ?? 'idle';
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** The visitor's text changed: look it up once typing pauses. */
  look(text: string): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const view = this.#currentView();
    if (!view) return;
    if (similarLookupText(text) === null) return view.clear();
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void view.search(text);
    }, SIMILAR_IDEAS_DELAY_MS);
  }

  /** Empties the list (e.g. once the idea is posted) and cancels a pending lookup. */
  clear(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#view?.view.clear();
  }

  #currentView(): SimilarIdeasView | undefined {
    const client = this.client();
    const board = this.board();
    if (!client || !board) return undefined;
    if (this.#view?.client !== client || this.#view.board !== board) {
      this.#view?.view.clear();
      const view = createSimilarIdeasView(client, board);
      this.#view = { view, client, board };
      this.#state.store = view.$state;
      this.#posts.store = view.$posts;
    }
    return this.#view.view;
  }
}
