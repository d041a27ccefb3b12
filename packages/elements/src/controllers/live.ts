import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** A core view that can be kept live (a board view's `watch()`). */
export interface WatchableView {
  /** Starts following live changes; returns the function that stops. */
  watch(): () => void;
}

/**
 * Keeps the view an element shows live while the element is connected: it watches the view it
 * follows now, and stops on disconnect or when it follows another. The subscription is the
 * view's (core), shared by every element that shows it; nothing runs on a server.
 */
export class LiveController implements ReactiveController {
  readonly #viewOf: () => WatchableView | undefined;
  #connected = false;
  #watching: { view: WatchableView; stop: () => void } | undefined;

  constructor(host: ReactiveControllerHost, viewOf: () => WatchableView | undefined) {
    this.#viewOf = viewOf;
    host.addController(this);
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#sync();
  }

  hostUpdated(): void {
    this.#sync();
  }

  #sync(): void {
    const view = this.#connected ? this.#viewOf() : undefined;
    if (view === this.#watching?.view) return;
    this.#watching?.stop();
    this.#watching = view ? { view, stop: view.watch() } : undefined;
  }
}
