import type { BoardState, BoardView, Post } from '@sayso/core';
import type { ReactiveControllerHost } from 'lit';
import { LiveController } from './live.js';
import { StoreController } from './store.js';
import { ViewController } from './view.js';

/**
 * Follows one board's list (`client.board(slug)`) for an element: its state and posts, kept
 * current, the first page fetched once the element is on a page (see {@link ViewController}), and
 * changes by others shown as they happen while it is there, when the adapter pushes them.
 */
export class BoardViewController {
  readonly #state: StoreController<BoardState>;
  readonly #posts: StoreController<Post[]>;
  readonly #follow: ViewController<BoardView>;

  /** `viewOf` returns the view to follow now; it is asked before every render. */
  constructor(host: ReactiveControllerHost, viewOf: () => BoardView | undefined) {
    this.#state = new StoreController(host);
    this.#posts = new StoreController(host);
    // client.board() hands out one view per board, so the view itself is the input.
    this.#follow = new ViewController(host, {
      inputs: () => [viewOf()],
      create: viewOf,
      bind: (view) => {
        this.#state.store = view?.$state;
        this.#posts.store = view?.$posts;
      },
    });
    new LiveController(host, () => this.#follow.view);
  }

  get view(): BoardView | undefined {
    return this.#follow.view;
  }

  get state(): BoardState | undefined {
    return this.#state.value;
  }

  get posts(): Post[] {
    return this.#posts.value ?? [];
  }
}
