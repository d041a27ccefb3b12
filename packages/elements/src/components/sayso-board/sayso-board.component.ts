import { LIMITS, POST_SORTS, type Board, type PostFilters, type PostSort, type SaysoClient, type SaysoError, type Tag } from '@sayso/core';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { BoardViewController } from '../../controllers/board-view.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { StoreController } from '../../controllers/store.js';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import type { SaysoPostCard } from '../sayso-post-card/sayso-post-card.component.js';
import type { SaysoPostDetail } from '../sayso-post-detail/sayso-post-detail.component.js';
import styles from './sayso-board.styles.js';

/** How long the search box waits after the last keystroke before it searches. */
export const SEARCH_DEBOUNCE_MS = 250;

const hasFilters = (filters: PostFilters | undefined) => Boolean(filters?.status || filters?.tag || filters?.q);

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
 * @summary A feedback board: the ideas of one board with sort, status, tag and search controls,
 * paging, a detail view with comments, and a form to suggest a new idea.
 *
 * Activating an idea's title opens its detail inside the board (the list is hidden until "Back to
 * all ideas", which restores focus and scroll position). The search box waits 250 ms after
 * typing stops; Enter searches at once.
 *
 * @dependency sayso-post-card
 * @dependency sayso-post-detail
 * @dependency sayso-vote-button
 * @dependency sayso-idea-form
 *
 * @event {SaysoVoteEvent} sayso-vote - From a vote button inside: a vote was saved.
 * @event {SaysoSubmitEvent} sayso-submit - From the form inside: an idea was posted (it now heads
 *   the list).
 * @event {SaysoOpenPostEvent} sayso-open-post - From a card inside: the visitor asked to open an
 *   idea. Call `preventDefault()` to keep the board from opening its detail view.
 * @event {SaysoCommentEvent} sayso-comment - From the detail view: a comment was posted.
 *
 * @csspart base - The wrapper around everything.
 * @csspart toolbar - The row with the sort, filter and search controls.
 * @csspart sort - The group of sort buttons.
 * @csspart sort-button - Each sort option (`aria-pressed` marks the current one).
 * @csspart filter-label - The labels of the status and tag filters.
 * @csspart status-filter - The status `<select>`.
 * @csspart tag-filter - The tag `<select>` (shown when the board has tags).
 * @csspart search - The search form.
 * @csspart search-input - The search box.
 * @csspart search-clear - The button that clears the search.
 * @csspart clear-filters - The button in the "no ideas match" state that clears every filter.
 * @csspart back - The "Back to all ideas" button of the detail view.
 * @csspart post-detail - The `<sayso-post-detail>`; its parts are forwarded with a `detail-`
 *   prefix where they would clash (e.g. `detail-heading`, `detail-body`, `comment`, `comment-body`).
 * @csspart list - The list of ideas.
 * @csspart item - Each list item around a `<sayso-post-card>`.
 * @csspart card - Forwarded from each post card (also `title`, `body`, `meta`, `status`,
 *   `comments`, `vote-button`, `count`, `message`).
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when the board has no ideas (or none match the filters).
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
 * @cssstate empty - The board has no ideas (or none match the filters).
 * @cssstate error - The list could not be fetched.
 * @cssstate filtered - A status, tag or search filter is active.
 * @cssstate detail - An idea's detail view is open.
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
  readonly #boards = new StoreController<Record<string, Board>>(this);
  readonly #tags = new StoreController<Tag[]>(this);

  /** Id of the idea whose detail is open, if any. */
  @state() private openPostId: string | undefined;
  /** What is in the search box (searched after a pause, or at once on Enter). */
  @state() private query = '';
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  #returnTo: { postId: string; scrollY: number } | undefined;

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const client = this.#client.value;
    this.#boards.store = client?.$boards;
    this.#tags.store = this.board ? client?.board(this.board).$tags : undefined;
    if (changed.has('board') && changed.get('board') !== undefined) {
      this.openPostId = undefined;
      this.query = '';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  protected override updated(): void {
    const state = this.#list.state;
    this.#states.set('loading', !state || state.status === 'loading' || state.status === 'idle');
    this.#states.set('error', state?.status === 'error');
    this.#states.set('empty', state?.status === 'ready' && state.postIds.length === 0);
    this.#states.set('filtered', hasFilters(state?.filters));
    this.#states.set('detail', this.openPostId !== undefined);
  }

  #setFilters(patch: PostFilters): void {
    const current = this.#list.state?.filters ?? {};
    void this.#list.view?.setFilters({ ...current, ...patch });
  }

  #onSearchInput(event: Event): void {
    this.query = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#search(), SEARCH_DEBOUNCE_MS);
  }

  #search(): void {
    clearTimeout(this.#searchTimer);
    this.#searchTimer = undefined;
    this.#setFilters({ q: this.query.trim().slice(0, LIMITS.searchMax) });
  }

  #clearSearch(): void {
    this.query = '';
    this.#search();
    this.renderRoot.querySelector<HTMLInputElement>('[part~="search-input"]')?.focus();
  }

  #clearFilters(): void {
    clearTimeout(this.#searchTimer);
    this.query = '';
    void this.#list.view?.setFilters({});
  }

  async #onOpenPost(event: SaysoOpenPostEvent): Promise<void> {
    if (event.defaultPrevented) return;
    event.stopPropagation();
    this.#returnTo = { postId: event.detail.postId, scrollY: typeof window === 'undefined' ? 0 : window.scrollY };
    this.openPostId = event.detail.postId;
    await this.updateComplete;
    this.renderRoot.querySelector<SaysoPostDetail>('sayso-post-detail')?.focusHeading();
  }

  /** Closes the detail view and shows the list again, where the visitor left it. */
  async closePost(): Promise<void> {
    if (this.openPostId === undefined) return;
    const back = this.#returnTo;
    this.openPostId = undefined;
    await this.updateComplete;
    if (!back) return;
    window.scrollTo({ top: back.scrollY, behavior: 'instant' });
    const card = [...this.renderRoot.querySelectorAll<SaysoPostCard>('sayso-post-card')].find(
      (c) => c.post?.id === back.postId,
    );
    await card?.updateComplete;
    card?.focusTitle();
  }

  /** Opens the detail view of an idea the board has loaded. */
  openPost(postId: string): void {
    this.#returnTo = { postId, scrollY: typeof window === 'undefined' ? 0 : window.scrollY };
    this.openPostId = postId;
  }

  #renderFilters() {
    const filters = this.#list.state?.filters ?? {};
    const statuses = this.#boards.value?.[this.board]?.statuses ?? [];
    const tags = this.#tags.value ?? [];
    return html`
      <label part="filter-label" class="filter">
        <span>Status</span>
        <select
          part="status-filter"
          .value=${live(filters.status ?? '')}
          @change=${(event: Event) => this.#setFilters({ status: (event.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!filters.status}>All statuses</option>
          ${statuses.map(
            (status) => html`<option value=${status.id} ?selected=${filters.status === status.id}>${status.name}</option>`,
          )}
        </select>
      </label>
      ${tags.length > 0
        ? html`
            <label part="filter-label" class="filter">
              <span>Tag</span>
              <select
                part="tag-filter"
                .value=${live(filters.tag ?? '')}
                @change=${(event: Event) => this.#setFilters({ tag: (event.target as HTMLSelectElement).value })}
              >
                <option value="" ?selected=${!filters.tag}>All tags</option>
                ${tags.map((tag) => html`<option value=${tag.slug} ?selected=${filters.tag === tag.slug}>${tag.name}</option>`)}
              </select>
            </label>
          `
        : nothing}
      <form
        part="search"
        class="search"
        role="search"
        @submit=${(event: Event) => {
          event.preventDefault();
          this.#search();
        }}
      >
        <label for="search" class="visually-hidden">Search ideas</label>
        <input
          id="search"
          part="search-input"
          type="search"
          placeholder="Search ideas"
          autocomplete="off"
          maxlength=${LIMITS.searchMax}
          .value=${live(this.query)}
          @input=${this.#onSearchInput}
        />
        ${this.query
          ? html`<button part="search-clear" class="search-clear" type="button" aria-label="Clear search" @click=${this.#clearSearch}>
              ×
            </button>`
          : nothing}
      </form>
    `;
  }

  #renderToolbar(current: PostSort | undefined) {
    return html`
      <div part="toolbar" class="toolbar">
        <div part="sort" class="sorts" role="group" aria-label="Sort ideas">
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
        ${this.#renderFilters()}
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
      if (hasFilters(state.filters)) {
        return html`
          <div part="empty" class="message message--empty" role="status">
            <p>No ideas match.</p>
            <button part="clear-filters" class="button" type="button" @click=${this.#clearFilters}>Clear filters</button>
          </div>
        `;
      }
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
                openable
                exportparts="card, vote, vote-button, count, message, content, title, title-button, body, meta, status, comments"
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

  #renderDetail(postId: string) {
    return html`
      <div part="base" class="board">
        <button part="back" class="button back" type="button" @click=${() => void this.closePost()}>
          <span aria-hidden="true">←</span> Back to all ideas
        </button>
        <sayso-post-detail
          part="post-detail"
          exportparts="detail: detail-card, heading: detail-heading, meta: detail-meta, status: detail-status, tag, vote: detail-vote, vote-button, count, message, body: detail-body, comments: detail-comments, comments-heading, comment-list, comment, comment-author, comment-body, comments-loading, comments-empty, comments-error, retry: comments-retry, load-more: comments-load-more, comment-form, label: comment-label, textarea: comment-textarea, field-error: comment-field-error, error: comment-error, submit: comment-submit, form-status: comment-status"
          post-id=${postId}
          .client=${this.#client.value}
        ></sayso-post-detail>
      </div>
    `;
  }

  protected override render() {
    const client = this.#client.value;
    if (this.openPostId !== undefined) return this.#renderDetail(this.openPostId);
    return html`
      <div part="base" class="board" @sayso-open-post=${this.#onOpenPost}>
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
