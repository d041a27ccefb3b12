import type { SaysoClient } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Sends a client's outbox whenever sending may work again: when the host connects (changes an
 * earlier page left), when the browser comes back online, and when the page is shown again (a
 * laptop waking up). Retries while the page stays open and online run in the client itself,
 * with backoff; a flush while one is running joins it, so extra triggers cost nothing.
 */
export class OutboxTriggersController implements ReactiveController {
  readonly #client: () => SaysoClient | undefined;

  constructor(host: ReactiveControllerHost, client: () => SaysoClient | undefined) {
    this.#client = client;
    host.addController(this);
  }

  hostConnected(): void {
    window.addEventListener('online', this.#flush);
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
    this.#flush();
  }

  hostDisconnected(): void {
    window.removeEventListener('online', this.#flush);
    document.removeEventListener('visibilitychange', this.#onVisibilityChange);
  }

  readonly #flush = () => void this.#client()?.outbox.flush();

  readonly #onVisibilityChange = () => {
    if (document.visibilityState === 'visible') this.#flush();
  };
}
