import { localized, msg, str } from '@lit/localize';
import {
  LIMITS,
  POST_SORTS,
  type Board,
  type Post,
  type PostFilters,
  type PostSort,
  type PostState,
  type PostView,
  type SaysoClient,
  type SaysoError,
  type Tag,
} from '@sayso/core';
import { html, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { BoardViewController } from '../../controllers/board-view.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { ListFocusController } from '../../controllers/list-focus.js';
import { NearViewportController } from '../../controllers/near-viewport.js';
import { StoreController } from '../../controllers/store.js';
import { ViewController } from '../../controllers/view.js';
import type { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { loadErrorBox, pagedListEnd } from '../../internal/paged-list.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { saysoBoardExportparts } from '../../generated/exportparts.js';
import type { SaysoPostCard } from '../sayso-post-card/sayso-post-card.component.js';
import type { SaysoPostDetail } from '../sayso-post-detail/sayso-post-detail.component.js';
import styles from './sayso-board.styles.js';
import type { VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';

/** How long the search box waits after the last keystroke before it searches. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * Past this many ideas the list renders only the cards near the viewport (`@lit-labs/virtualizer`,
 * fetched as a separate chunk the first time a list grows this long). Up to it every card is in
 * the page: a few pages render in milliseconds, find-in-page and a screen reader's browse mode see
 * every idea, and most boards never download the virtualizer. Past it the page would grow by a card
 * and two shadow roots per idea (10 000 ideas: seconds of layout, and every scroll pays for it).
 */
export const VIRTUALIZE_AFTER = 100;

type VirtualizeModule = typeof import('@lit-labs/virtualizer/virtualize.js');

// Code, not state: once one board has fetched the virtualizer, every board renders with it at once.
let virtualizeModule: Promise<VirtualizeModule> | undefined;
let loadedVirtualizeModule: VirtualizeModule | undefined;

const hasFilters = (filters: PostFilters | undefined) => Boolean(filters?.status || filters?.tag || filters?.q);

function sortLabel(sort: PostSort): string {
  switch (sort) {
    case 'top':
      return msg('Top', { desc: 'Sort option: most voted ideas first.' });
    case 'new':
      return msg('New', { id: 'sort-new', desc: 'Sort option: newest ideas first.' });
    case 'trending':
      return msg('Trending', { desc: 'Sort option: ideas gaining votes quickly first.' });
  }
}

/** A calm sentence for a list that could not be loaded, by the reason it failed. */
export function loadFailureMessage(error: SaysoError | null): string {
  switch (error?.code) {
    case 'network':
      return msg('You seem to be offline, so the ideas could not be loaded.');
    case 'rate_limited':
      return msg('Too many requests just now, so the ideas could not be loaded. Wait a moment.');
    case 'not_found':
      return msg('This board could not be found.');
    default:
      return msg('The ideas could not be loaded right now.');
  }
}

/** A calm sentence for an idea opened by its id that could not be shown, by the reason. */
export function postLoadFailureMessage(error: SaysoError | null): string {
  switch (error?.code) {
    case 'not_found':
      return msg('This idea no longer exists.');
    case 'network':
      return msg('You seem to be offline, so this idea could not be loaded.');
    default:
      return msg('This idea could not be loaded right now.');
  }
}

/**
 * @tag sayso-board
 * @summary A feedback board: the ideas of one board with sort, status, tag and search controls,
 * paging, a detail view with comments, and a form to suggest a new idea.
 *
 * Activating an idea's title opens its detail inside the board (the list is hidden until "Back to
 * all ideas", which restores focus and scroll position). The `post` attribute holds the id of the
 * open idea: set it to open any idea, even one no page of the list has loaded (a deep link; an
 * idea that no longer exists says so calmly; an idea merged into another shows that other one,
 * with a note that it was merged there), remove it to go back to the list. To keep the
 * page's URL in step, listen for `sayso-open-post` or watch the attribute (it goes away on Back).
 *
 * The next page of ideas loads on its own as the end of the list comes near ("Load more ideas"
 * stays as a button too). Past 100 ideas only the cards near the viewport are rendered; each item
 * keeps its place for screen readers (`aria-posinset`, `aria-setsize`), Tab still walks every
 * card in order, and focus stays on a card that scrolls away and back. The search box waits
 * 250 ms after typing stops; Enter searches at once.
 *
 * @dependency sayso-post-card
 * @dependency sayso-post-detail
 * @dependency sayso-vote-button
 * @dependency sayso-idea-form
 *
 * @exportparts sayso-post-card
 * @exportparts sayso-post-detail detail:detail-card heading:detail-heading meta:detail-meta
 *   status:detail-status vote:detail-vote body:detail-body comments:detail-comments
 *   retry:comments-retry load-more:comments-load-more label:comment-label textarea:comment-textarea
 *   field-error:comment-field-error error:comment-error submit:comment-submit form-status:comment-status
 *   merged-into:detail-merged-into merged-into-button:detail-merged-into-button
 * @exportparts sayso-idea-form error:form-error status:form-status
 *
 * @event {SaysoVoteEvent} sayso-vote - From a vote button inside: a vote was saved.
 * @event {SaysoSubmitEvent} sayso-submit - From the form inside: an idea was posted (it now heads
 *   the list).
 * @event {SaysoOpenPostEvent} sayso-open-post - From a card or the detail view inside: the visitor
 *   asked to open an idea (on a merged idea: the idea it was merged into). Call `preventDefault()` (from any listener) to keep the board from opening its detail
 *   view; otherwise `post` becomes its id.
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
 * @csspart post-loading - The message while an idea opened by its id is fetched.
 * @csspart post-missing - The message when that idea no longer exists.
 * @csspart post-error - The message when that idea could not be fetched.
 * @csspart post-retry - The button that fetches it again.
 * @csspart post-detail - The `<sayso-post-detail>`; its parts are forwarded, renamed where they
 *   would clash with a card's (e.g. `detail-heading`, `detail-body`, `comment-submit`).
 * @csspart list - The list of ideas.
 * @csspart item - Each list item around a `<sayso-post-card>` (whose parts are forwarded), with
 *   `aria-posinset` and `aria-setsize` (`-1` while more pages can be loaded).
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when the board has no ideas (or none match the filters).
 * @csspart error - The message shown when ideas could not be loaded.
 * @csspart retry - The button that tries loading again.
 * @csspart load-more - The button that loads the next page (it also loads by itself when the
 *   end of the list comes near).
 * @csspart idea-form - The `<sayso-idea-form>`; its parts are forwarded (`error` and `status` as
 *   `form-error` and `form-status`).
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
@localized()
export class SaysoBoard extends SaysoElement {
  static override styles = styles;

  /** Slug of the board to show. */
  @property() board = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /**
   * Id of the idea whose detail is open; none shows the list. Set it to open any idea by id (it
   * is fetched if the list has not loaded it). Reflects the idea the visitor opened.
   */
  @property({ reflect: true }) post?: string;

  readonly #client = new ClientController(this);
  readonly #list = new BoardViewController(this, () =>
    this.board ? this.#client.value?.board(this.board) : undefined,
  );
  readonly #states = new CustomStatesController(this);
  readonly #boards = new StoreController<Record<string, Board>>(this);
  readonly #tags = new StoreController<Tag[]>(this);
  readonly #openPost = new StoreController<PostState>(this);
  readonly #postView = new ViewController<PostView>(this, {
    inputs: () => [this.#client.value, this.#openPostId],
    create: () => (this.#openPostId ? this.#client.value?.post(this.#openPostId) : undefined),
    bind: (view) => (this.#openPost.store = view?.$state),
  });
  readonly #nearEnd = new NearViewportController(this, () => void this.#list.view?.loadMore());
  readonly #focus = new ListFocusController(this, {
    keyOf: (element) => (element.localName === 'sayso-post-card' ? (element as SaysoPostCard).post?.id : undefined),
    find: (postId) => this.#card(postId),
  });

  /** What is in the search box (searched after a pause, or at once on Enter). */
  @state() private query = '';
  /** The virtualizer, once a list has grown past {@link VIRTUALIZE_AFTER} and it has loaded. */
  @state() private virtualizer: VirtualizeModule | 'failed' | undefined = loadedVirtualizeModule;
  #virtualizerRequested = false;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;
  /** Where the visitor left the list: the page's scroll and how far down the viewport the idea's card was. */
  #returnTo: { postId: string; scrollY: number; cardTop: number | undefined } | undefined;
  #restoring: Promise<void> | undefined;

  /** `post`, with an empty attribute meaning none too. */
  get #openPostId(): string | undefined {
    return this.post || undefined;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const client = this.#client.value;
    this.#boards.store = client?.$boards;
    this.#tags.store = this.board ? client?.board(this.board).$tags : undefined;
    if (changed.has('board') && changed.get('board') !== undefined) {
      if (!changed.has('post')) this.post = undefined;
      this.query = '';
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  protected override updated(changed: Map<PropertyKey, unknown>): void {
    const state = this.#list.state;
    this.#states.set('loading', !state || state.status === 'loading' || state.status === 'idle');
    this.#states.set('error', state?.status === 'error');
    this.#states.set('empty', state?.status === 'ready' && state.postIds.length === 0);
    this.#states.set('filtered', hasFilters(state?.filters));
    this.#states.set('detail', this.#openPostId !== undefined);
    if (changed.get('post') && !this.#openPostId) this.#restoring = this.#restoreList();

    const long = this.#list.posts.length > VIRTUALIZE_AFTER;
    if (long && this.virtualizer === undefined && !this.#virtualizerRequested) {
      this.#virtualizerRequested = true;
      virtualizeModule ??= import('@lit-labs/virtualizer/virtualize.js');
      virtualizeModule.then(
        (module) => (this.virtualizer = loadedVirtualizeModule = module),
        () => {
          virtualizeModule = undefined; // The next long list tries again.
          this.virtualizer = 'failed'; // This one renders every card.
        },
      );
    }
    // Load the next page as the end comes near; after a failure only the button retries.
    const canLoadMore =
      this.#openPostId === undefined &&
      state?.status === 'ready' &&
      !state.loadingMore &&
      !state.error &&
      (!long || this.virtualizer !== undefined);
    const loadMore = canLoadMore ? this.renderRoot.querySelector('[part~="load-more"]') : null;
    this.#nearEnd.watch(loadMore ?? undefined, state?.postIds.length);
    this.#focus.restore();
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

  #onOpenPost(event: SaysoOpenPostEvent): void {
    // The event goes on to the host page first, so that any listener there can prevent it.
    queueMicrotask(() => {
      if (!event.defaultPrevented) void this.#showPost(event.detail.postId);
    });
  }

  async #showPost(postId: string): Promise<void> {
    this.openPost(postId);
    await this.updateComplete;
    const detail = this.renderRoot.querySelector<SaysoPostDetail>('sayso-post-detail');
    if (detail) {
      await detail.updateComplete;
      detail.focusHeading();
    } else {
      this.renderRoot.querySelector<HTMLElement>('[part~="back"]')?.focus();
    }
  }

  #onRangeChanged(): void {
    // The virtualizer renders the new range right after this event; its cards a moment later.
    requestAnimationFrame(() => this.#focus.restore());
  }

  #card(postId: string): SaysoPostCard | undefined {
    return [...this.renderRoot.querySelectorAll<SaysoPostCard>('sayso-post-card')].find((card) => card.post?.id === postId);
  }

  /** Shows the list again where the visitor left it: the idea's card where it was, focus on its title. */
  async #restoreList(): Promise<void> {
    const back = this.#returnTo;
    this.#returnTo = undefined;
    if (!back) return;
    const virtualizer = this.#virtualizerOf(this.renderRoot.querySelector('[part~="list"]'));
    await virtualizer?.settled();
    window.scrollTo({ top: back.scrollY, behavior: 'instant' });
    await virtualizer?.settled();
    if (virtualizer && !this.#card(back.postId)) {
      // The cards above were laid out with estimated heights: bring the idea itself into view.
      const index = this.#list.posts.findIndex((post) => post.id === back.postId);
      virtualizer.element(index)?.scrollIntoView({ block: 'center', behavior: 'instant' });
      await virtualizer.settled();
    }
    // The page's offset alone is not enough: cards above may be measured again, at heights other
    // than before, whenever the list comes back. The card itself is the anchor; a few passes let
    // each measurement its scroll shifts settle.
    for (let pass = 0; back.cardTop !== undefined && pass < 3; pass++) {
      const shift = (this.#card(back.postId)?.getBoundingClientRect().top ?? back.cardTop) - back.cardTop;
      if (Math.abs(shift) < 1) break;
      window.scrollBy({ top: shift, behavior: 'instant' });
      await (virtualizer?.settled() ?? this.updateComplete);
    }
    const card = this.#card(back.postId);
    await card?.updateComplete;
    card?.focusTitle();
  }

  #virtualizerOf(list: Element | null) {
    const module = this.virtualizer;
    if (!list || typeof module !== 'object') return undefined;
    const virtualizer = (list as VirtualizerHostElement)[module.virtualizerRef];
    if (!virtualizer) return undefined;
    // layoutComplete only settles when a layout is pending; two frames are enough when none is.
    const frames = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return {
      element: (index: number) => virtualizer.element(index),
      settled: () => Promise.race([virtualizer.layoutComplete.catch(() => undefined), frames()]),
    };
  }

  /** Closes the detail view and shows the list again, where the visitor left it. */
  async closePost(): Promise<void> {
    if (this.#openPostId === undefined) return;
    this.post = undefined;
    await this.updateComplete;
    await this.#restoring;
  }

  /** Opens the detail view of an idea (fetching it if the list has not loaded it). */
  openPost(postId: string): void {
    if (typeof window !== 'undefined') {
      this.#returnTo = { postId, scrollY: window.scrollY, cardTop: this.#card(postId)?.getBoundingClientRect().top };
    }
    this.post = postId;
  }

  #renderFilters() {
    const filters = this.#list.state?.filters ?? {};
    const statuses = this.#boards.value?.[this.board]?.statuses ?? [];
    const tags = this.#tags.value ?? [];
    return html`
      <label part="filter-label" class="filter">
        <span>${msg('Status')}</span>
        <select
          part="status-filter"
          .value=${live(filters.status ?? '')}
          @change=${(event: Event) => this.#setFilters({ status: (event.target as HTMLSelectElement).value })}
        >
          <option value="" ?selected=${!filters.status}>${msg('All statuses')}</option>
          ${statuses.map(
            (status) => html`<option value=${status.id} ?selected=${filters.status === status.id}>${status.name}</option>`,
          )}
        </select>
      </label>
      ${tags.length > 0
        ? html`
            <label part="filter-label" class="filter">
              <span>${msg('Tag')}</span>
              <select
                part="tag-filter"
                .value=${live(filters.tag ?? '')}
                @change=${(event: Event) => this.#setFilters({ tag: (event.target as HTMLSelectElement).value })}
              >
                <option value="" ?selected=${!filters.tag}>${msg('All tags')}</option>
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
        <label for="search" class="visually-hidden">${msg('Search ideas')}</label>
        <input
          id="search"
          part="search-input"
          type="search"
          placeholder=${msg('Search ideas')}
          autocomplete="off"
          maxlength=${LIMITS.searchMax}
          .value=${live(this.query)}
          @input=${this.#onSearchInput}
        />
        ${this.query
          ? html`<button part="search-clear" class="search-clear" type="button" aria-label=${msg('Clear search')} @click=${this.#clearSearch}>
              ×
            </button>`
          : nothing}
      </form>
    `;
  }

  #renderToolbar(current: PostSort | undefined) {
    return html`
      <div part="toolbar" class="toolbar">
        <div part="sort" class="sorts" role="group" aria-label=${msg('Sort ideas')}>
        ${POST_SORTS.map(
          (sort) => html`
            <button
              part="sort-button"
              class="sort"
              type="button"
              aria-pressed=${sort === current ? 'true' : 'false'}
              @click=${() => void this.#list.view?.setSort(sort)}
            >
              ${sortLabel(sort)}
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
      return loadErrorBox(loadFailureMessage(state.error), () => void this.#list.view?.load());
    }
    if (!state || state.status === 'idle' || (state.status === 'loading' && posts.length === 0)) {
      return html`<p part="loading" class="message" role="status">${msg('Loading ideas…')}</p>`;
    }
    if (posts.length === 0) {
      if (hasFilters(state.filters)) {
        return html`
          <div part="empty" class="message message--empty" role="status">
            <p>${msg('No ideas match.')}</p>
            <button part="clear-filters" class="button" type="button" @click=${this.#clearFilters}>${msg('Clear filters')}</button>
          </div>
        `;
      }
      return html`<p part="empty" class="message">${msg('No ideas yet. Be the first to suggest one.')}</p>`;
    }
    // The list may be longer than what is rendered (virtualized, or more pages to come), so each
    // item says where it stands; -1 is "size unknown" while more pages can be loaded.
    const setSize = state.nextCursor ? -1 : posts.length;
    const key = (post: Post) => post.id;
    const item = (post: Post, index: number) => html`
      <li part="item" aria-posinset=${index + 1} aria-setsize=${setSize}>
        <sayso-post-card
          openable
          exportparts=${saysoBoardExportparts['sayso-post-card']}
          .post=${post}
          .client=${client}
        ></sayso-post-card>
      </li>
    `;
    const busy = state.status === 'loading' ? 'true' : 'false';
    const virtualizer = this.virtualizer;
    const virtual = posts.length > VIRTUALIZE_AFTER && typeof virtualizer === 'object';
    // While the virtualizer loads, a long list shows its first cards only.
    const shown = posts.length > VIRTUALIZE_AFTER && virtualizer !== 'failed' ? posts.slice(0, VIRTUALIZE_AFTER) : posts;
    return html`
      ${virtual
        ? html`<ol
            part="list"
            class="list list--virtual"
            aria-label=${msg('Ideas')}
            aria-busy=${busy}
            @focusin=${this.#focus.onFocusIn}
            @focusout=${this.#focus.onFocusOut}
            @rangeChanged=${this.#onRangeChanged}
          >
            <li virtualizer-sizer aria-hidden="true"></li>
            ${virtualizer.virtualize({ items: posts, keyFunction: key, renderItem: item })}
          </ol>`
        : html`<ol
            part="list"
            class="list"
            aria-label=${msg('Ideas')}
            aria-busy=${busy}
            @focusin=${this.#focus.onFocusIn}
            @focusout=${this.#focus.onFocusOut}
          >
            ${repeat(shown, key, item)}
          </ol>`}
      ${pagedListEnd({
        error: state.error ? msg(str`More ideas could not be loaded. ${loadFailureMessage(state.error)}`) : null,
        hasMore: Boolean(state.nextCursor),
        loadingMore: state.loadingMore,
        label: state.loadingMore ? msg('Loading more ideas…') : msg('Load more ideas'),
        loadMore: () => void this.#list.view?.loadMore(),
      })}
    `;
  }

  #renderDetail(postId: string) {
    return html`
      <div part="base" class="board" @sayso-open-post=${this.#onOpenPost}>
        <button part="back" class="button back" type="button" @click=${() => void this.closePost()}>
          <span aria-hidden="true">←</span> ${msg('Back to all ideas')}
        </button>
        ${this.#renderOpenPost(postId)}
      </div>
    `;
  }

  #renderOpenPost(postId: string) {
    const state = this.#openPost.value;
    if (state?.status === 'error') {
      if (state.error?.code === 'not_found') {
        return html`<p part="post-missing" class="message" role="status">${postLoadFailureMessage(state.error)}</p>`;
      }
      return html`
        <div part="post-error" class="message message--error" role="alert">
          <p>${postLoadFailureMessage(state.error)}</p>
          <button part="post-retry" class="button" type="button" @click=${() => void this.#postView.view?.load()}>
            ${msg('Try again')}
          </button>
        </div>
      `;
    }
    if (state?.status !== 'ready') {
      return html`<p part="post-loading" class="message" role="status">${msg('Loading this idea…')}</p>`;
    }
    return html`
        <sayso-post-detail
          part="post-detail"
          exportparts=${saysoBoardExportparts['sayso-post-detail']}
          post-id=${postId}
          .client=${this.#client.value}
        ></sayso-post-detail>
    `;
  }

  protected override render() {
    const client = this.#client.value;
    const openPostId = this.#openPostId;
    if (openPostId !== undefined) return this.#renderDetail(openPostId);
    return html`
      <div part="base" class="board" @sayso-open-post=${this.#onOpenPost}>
        <sayso-idea-form
          part="idea-form"
          exportparts=${saysoBoardExportparts['sayso-idea-form']}
          board=${this.board}
          .client=${client}
        ></sayso-idea-form>
        ${this.#renderToolbar(this.#list.state?.sort)} ${this.#renderList()}
      </div>
    `;
  }
}
