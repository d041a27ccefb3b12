import { ContextConsumer } from '@lit/context';
import type { SaysoClient } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { saysoClientContext } from '../internal/client-context.js';

export { saysoClientContext };

/** An element that can be given a client directly, ahead of any provider above it. */
export interface ClientHost extends ReactiveControllerHost, HTMLElement {
  client?: SaysoClient | undefined;
}

/**
 * Finds the client an element works with: the one set directly on its `client` property,
 * otherwise the one of the nearest `<sayso-provider>` above it (kept current if that changes).
 */
export class ClientController implements ReactiveController {
  readonly #host: ClientHost;
  readonly #consumer: ContextConsumer<typeof saysoClientContext, ClientHost>;

  constructor(host: ClientHost) {
    this.#host = host;
    this.#consumer = new ContextConsumer(host, { context: saysoClientContext, subscribe: true });
    host.addController(this);
  }

  /** The client to use now, or `undefined` while there is none. */
  get value(): SaysoClient | undefined {
    return this.#host.client ?? this.#consumer.value;
  }

  hostConnected(): void {}
}
