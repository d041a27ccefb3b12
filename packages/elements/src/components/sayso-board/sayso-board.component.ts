import { POST_SORTS, type PostSort, type SaysoClient, type SaysoError } from '@sayso/core';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { BoardViewController } from '../../controllers/board-view.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-board.styles.js';

const SORT_LABELS: Record<PostSort, string> = { top: 'Top', new: 'New', trending: 'Trending' };

/** A calm sentence for a list that could not be loaded, by the reason it failed. */
export function loadFailureMessage(error: SaysoError | null): string {
  switch (error?.code) {
    case 'network':
      return 'You seem to be offline, so the ideas could not be loaded.';
    case 'rate_limited':
      return 'Too many requests just now, so the ideas could not be loaded. Wait a moment.';
    case 'not_found':
      return 'This board could not be found.';
    default:
      return 'The ideas could not be loaded right now.';
  }
}

/**
 * @tag sayso-board
 * @summary A feedback board: the ideas of one board with a sort control, paging, and a form to
 * suggest a new idea.
 *
 * @dependency sayso-post-card
 * @dependency sayso-vote-button
 * @dependency sayso-idea-form
 *
 * @event {SaysoVoteEvent} sayso-vote - From a vote button inside: a vote was saved.
 * @event {SaysoSubmitEvent} sayso-submit - From the form inside: an idea was posted (it now heads
 *   the list).
 *
 * @csspart base - The wrapper around everything.
 * @csspart toolbar - The row with the sort control.
 * @csspart sort-button - Each sort option (`aria-pressed` marks the current one).
 * @csspart list - The list of ideas.
 * @csspart item - Each list item around a `<sayso-post-card>`.
 * @csspart card - Forwarded from each post card (also `title`, `body`, `meta`, `status`,
 *   `comments`, `vote-button`, `count`, `message`).
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when the board has no ideas.
 * @csspart error - The message shown when ideas could not be loaded.
 * @csspart retry - The button that tries loading again.
 * @csspart load-more - The button that loads the next page.
 * @csspart idea-form - The `<sayso-idea-form>`; its parts are forwarded as `form`, `heading`,
 *   `field`, `label`, `input`, `textarea`, `field-error`, `submit`, `form-error`, `form-status`.
 *
 * @cssproperty --sayso-color-primary - Accent colour (current sort, buttons).
 * @cssproperty --sayso-color-text - Text colour.
 * @cssproperty --sayso-color-text-muted - Colour of loading and empty messages.
 * @cssproperty --sayso-color-surface - Background of cards and controls.
 * @cssproperty --sayso-color-border - Borders.
 * @cssproperty --sayso-color-danger - Error messages.
 * @cssproperty --sayso-radius - Corner radius.
 * @cssproperty --sayso-font-family - Font of all Sayso text.
 * @cssproperty --sayso-space-4 - Gap between cards.
 *
 * @cssstate loading - The list is being fetched.
 * @cssstate empty - The board has no ideas.
 * @cssstate error - The list could not be fetched.
 */
export class SaysoBoard extends SaysoElement {
  static override styles = styles;

  /** Slug of the board to show. */
  @property() board = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  readonly #client = new ClientController(this);
  readonly #list = new BoardViewController(this, () =>
    this.board ? this.#client.value?.board(this.board) : undefined,
  );
  readonly #states = new CustomStatesController(this);

  protected override updated(): void {
    const state = this.#list.state;
    this.#states.set('loading', !state || state.status === 'loading' || state.status === 'idle');
    this.#states.set('error', state?.status === 'error');
    this.#states.set('empty', state?.status === 'ready' && state.postIds.length === 0);
  }

  #renderToolbar(current: PostSort | undefined) {
    return html`
      <div part="toolbar" class="toolbar" role="group" aria-label="Sort ideas">
        ${POST_SORTS.map(
          (sort) => html`
            <button
              part="sort-button"
              class="sort"
              type="button"
              aria-pressed=${sort === current ? 'true' : 'false'}
              @click=${() => void this.#list.view?.setSort(sort)}
            >
              ${SORT_LABELS[sort]}
            </button>
          `,
        )}
      </div>
    `;
  }

  #renderList() {
    const state = this.#list.state;
    const posts = this.#list.posts;
    const client = this.#client.value;
    if (state?.status === 'error') {
      return html`
        <div part="error" class="message message--error" role="alert">
          <p>${loadFailureMessage(state.error)}</p>
          <button part="retry" class="button" type="button" @click=${() => void this.#list.view?.load()}>
            Try again
          </button>
        </div>
      `;
    }
    if (!state || state.status === 'idle' || (state.status === 'loading' && posts.length === 0)) {
      return html`<p part="loading" class="message" role="status">Loading ideas…</p>`;
    }
    if (posts.length === 0) {
      return html`<p part="empty" class="message">No ideas yet. Be the first to suggest one.</p>`;
    }
    return html`
      <ol part="list" class="list" aria-label="Ideas" aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
        ${repeat(
          posts,
          (post) => post.id,
          (post) => html`
            <li part="item">
              <sayso-post-card
                exportparts="card, vote, vote-button, count, message, content, title, body, meta, status, comments"
                .post=${post}
                .client=${client}
              ></sayso-post-card>
            </li>
          `,
        )}
      </ol>
      ${state.error
        ? html`<p part="error" class="message message--error" role="alert">
            More ideas could not be loaded. ${loadFailureMessage(state.error)}
          </p>`
        : nothing}
      ${state.nextCursor
        ? html`
            <button
              part="load-more"
              class="button load-more"
              type="button"
              ?disabled=${state.loadingMore}
              @click=${() => void this.#list.view?.loadMore()}
            >
              ${state.loadingMore ? 'Loading more ideas…' : 'Load more ideas'}
            </button>
          `
        : nothing}
    `;
  }

  protected override render() {
    const client = this.#client.value;
    return html`
      <div part="base" class="board">
        <sayso-idea-form
          part="idea-form"
          exportparts="form, heading, field, label, input, textarea, field-error, submit, error: form-error, status: form-status"
          board=${this.board}
          .client=${client}
        ></sayso-idea-form>
        ${this.#renderToolbar(this.#list.state?.sort)} ${this.#renderList()}
      </div>
    `;
  }
}
