import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `flush` whenever sending a client's outbox may work again: when the host connects
 * (changes an earlier page left), when the browser comes back online, and when the page is shown
 * again (a laptop waking up). Retries while the page stays open and online run in the client
 * itself, with backoff; a flush while one is running joins it, so extra triggers cost nothing.
 */
export class OutboxTriggersController implements ReactiveController {
  readonly #flush: () => void;

  constructor(host: ReactiveControllerHost, flush: () => void) {
    this.#flush = flush;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.#onOnline);
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#flush();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#onOnline);
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
  }

  readonly #onOnline = () => this.#flush();

  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'visible') this.#flush();
  };
}
