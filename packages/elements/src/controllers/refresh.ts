import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A view that can fetch news quietly and poll for it (core's notifications view). */
export interface RefreshableView {
  refresh(): Promise<void>;
  /** Starts polling every `everyMs`; returns the function that stops it. */
  poll(everyMs?: number): () => void;
}

export interface RefreshOptions {
  /** The view to keep fresh (`undefined` while there is none). */
  view: () => RefreshableView | undefined;
  /** How often to poll, in ms; 0 or less: never, only when the page becomes visible. */
  everyMs: () => number;
}

/**
 * Keeps a view fresh while its element is on a page the visitor can see: it polls while the
 * document is visible, stops while it is hidden, and refreshes at once when the visitor comes
 * back to the tab. Nothing runs while the element is disconnected, and no timer is left behind.
 * The timer itself lives in the view (core), so several elements share it.
 */
export class RefreshController implements ReactiveController {
  readonly #options: RefreshOptions;
  #polling: { view: RefreshableView; everyMs: number; stop: () => void } | undefined;
  #document: Document | undefined;

  constructor(host: ReactiveControllerHost, options: RefreshOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {
    this.#document = document;
    this.#document.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  hostDisconnected(): void {
    this.#document?.removeEventListener('visibilitychange', this.#onVisibilityChange);
    this.#document = undefined;
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  /** Polls exactly when connected, visible, with a view and an interval; restarts on changes. */
  #sync(): void {
    const view = this.#options.view();
    const everyMs = this.#options.everyMs();
    const wanted = this.#document !== undefined && this.#document.visibilityState !== 'hidden' && view && everyMs > 0;
    if (wanted && this.#polling?.view === view && this.#polling.everyMs === everyMs) return;
    this.#polling?.stop();
    this.#polling = wanted ? { view, everyMs, stop: view.poll(everyMs) } : undefined;
  }

  readonly #onVisibilityChange = (): void => {
    if (this.#document?.visibilityState === 'visible') void this.#options.view()?.refresh();
    this.#sync();
  };
}
