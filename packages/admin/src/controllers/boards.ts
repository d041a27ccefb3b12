import type { Board, SaysoClient } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * The boards a screen's board select offers: fetched once per client, empty until they arrive
 * or when fetching them failed (the select then offers what it can; the screen's own list says
 * what failed, if the server is down).
 */
export class BoardsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #client: () => SaysoClient | undefined;
  #fetchedFor: SaysoClient | undefined;
  #boards: Board[] = [];

  constructor(host: ReactiveControllerHost, client: () => SaysoClient | undefined) {
    this.#host = host;
    this.#client = client;
    host.addController(this);
  }

  get boards(): Board[] {
    return this.#boards;
  }

  hostUpdate(): void {
    const client = this.#client();
    if (client !== this.#fetchedFor) void this.#fetch((this.#fetchedFor = client));
  }

  async #fetch(client: SaysoClient | undefined): Promise<void> {
    let boards: Board[] = [];
    try {
      boards = client ? await client.adapter.listBoards() : [];
    } catch {
      // Left empty: see the class comment.
    }
    if (client !== this.#fetchedFor) return;
    this.#boards = boards;
    this.#host.requestUpdate();
  }
}
