import type { OutboxEntry, OutboxSettlement, SaysoClient } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { StoreController } from './store.js';

/**
 * Follows the outbox of an element's client: {@link entries} (the host re-renders when they
 * change) and every entry that leaves it, sent or refused, passed to `onSettled`. It follows
 * the client the host has at each update, and listens only while the host is connected.
 */
export class OutboxController implements ReactiveController {
  readonly #entries: StoreController<OutboxEntry[]>;
  readonly #client: () => SaysoClient | undefined;
  readonly #onSettled: (settlement: OutboxSettlement) => void;
  #followed: SaysoClient | undefined;
  #stopListening: (() => void) | undefined;

  constructor(
    host: ReactiveControllerHost,
    client: () => SaysoClient | undefined,
    onSettled: (settlement: OutboxSettlement) => void,
  ) {
    this.#entries = new StoreController(host);
    this.#client = client;
    this.#onSettled = onSettled;
    host.addController(this);
  }

  /** The changes waiting to be sent, oldest first. */
  get entries(): OutboxEntry[] {
    return this.#entries.value ?? [];
  }

  hostConnected(): void {
    this.#follow();
  }

  hostUpdate(): void {
    this.#follow();
  }

  hostDisconnected(): void {
    this.#stopListening?.();
    this.#stopListening = undefined;
    this.#followed = undefined;
  }

  #follow(): void {
    const client = this.#client();
    if (client === this.#followed) return;
    this.#stopListening?.();
    this.#followed = client;
    this.#entries.store = client?.outbox.$entries;
    this.#stopListening = client?.outbox.onSettled((settlement) => this.#onSettled(settlement));
  }
}
