import type { BoardState, BoardView, Post } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StoreController } from './store.js';

/**
 * Follows one board's list (`client.board(slug)`) for an element: its state and posts, kept
 * current, and the first page fetched as soon as the element is on a page and the list has not
 * been fetched yet. It fetches nothing before the element is connected, so server rendering
 * sends no requests.
 */
export class BoardViewController implements ReactiveController {
  readonly #state: StoreController<BoardState>;
  readonly #posts: StoreController<Post[]>;
  readonly #viewOf: () => BoardView | undefined;
  #view: BoardView | undefined;
  #connected = false;

  /** `viewOf` returns the view to follow now; it is asked before every render. */
  constructor(host: ReactiveControllerHost, viewOf: () => BoardView | undefined) {
    this.#state = new StoreController(host);
    this.#posts = new StoreController(host);
    this.#viewOf = viewOf;
    host.addController(this);
  }

  get view(): BoardView | undefined {
    return this.#view;
  }

  get state(): BoardState | undefined {
    return this.#state.value;
  }

  get posts(): Post[] {
    return this.#posts.value ?? [];
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
  }

  hostUpdate(): void {
    const view = this.#viewOf();
    if (view !== this.#view) {
      this.#view = view;
      this.#state.store = view?.$state;
      this.#posts.store = view?.$posts;
    }
    if (this.#connected && view && view.$state.get().status === 'idle') void view.load();
  }
}
