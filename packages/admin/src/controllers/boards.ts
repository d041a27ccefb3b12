import { toSaysoError, type Board, type SaysoClient, type SaysoError } from '@sayso/core';
import { html, nothing, type ReactiveController, type ReactiveControllerHost } from 'lit';

/**
 * The boards a screen lets the admin choose between (its `board` parameter, else the first
 * board): fetched once per client, as soon as the screen has one, and kept up to date when the
 * screen creates or changes one.
 */
export class BoardsController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  readonly #clientOf: () => SaysoClient | undefined;
  #client: SaysoClient | undefined;
  /** Every board, oldest first, once fetched. */
  boards: Board[] = [];
  /** Why fetching them failed. */
  error: SaysoError | null = null;

  constructor(host: ReactiveControllerHost, client: () => SaysoClient | undefined) {
    this.#host = host;
    this.#clientOf = client;
    host.addController(this);
  }

  hostUpdate(): void {
    void this.#load(this.#clientOf());
  }

  /** Fetches the boards over `client`, unless they were fetched over it already. */
  async #load(client: SaysoClient | undefined): Promise<void> {
    if (!client || client === this.#client) return;
    this.#client = client;
    try {
      this.boards = await client.adapter.listBoards();
      this.error = null;
    } catch (error) {
      this.error = toSaysoError(error);
    }
    this.#host.requestUpdate();
  }

  /** The board the screen shows: the one `params` name, else the first. */
  slugFor(params: Readonly<Record<string, string>>): string | undefined {
    return params.board ?? this.boards[0]?.slug;
  }

  /** Shows `board` as saved: replaces the listed one, or adds a new one. */
  saved(board: Board): void {
    this.boards = this.boards.some((other) => other.slug === board.slug)
      ? this.boards.map((other) => (other.slug === board.slug ? board : other))
      : [...this.boards, board];
    this.#host.requestUpdate();
  }

  /** Why the screen cannot show, when the boards could not be fetched. */
  renderError() {
    return this.error ? html`<p class="error" role="alert">The boards could not be loaded (${this.error.message}). Reload the page to try again.</p>` : nothing;
  }
}
