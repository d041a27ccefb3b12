import { localized, msg, str } from '@lit/localize';
import {
  createChangelogEntriesView,
  createChangelogView,
  statusName,
  type Board,
  type ChangelogEntriesState,
  type ChangelogEntriesView,
  type ChangelogEntry,
  type ChangelogState,
  type ChangelogView,
  type Post,
  type SaysoClient,
  type SaysoError,
} from '@sayso/core';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { MarkdownController } from '../../controllers/markdown.js';
import { StoreController } from '../../controllers/store.js';
import { ViewController } from '../../controllers/view.js';
import { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { formatCount, formatDate, plural } from '../../internal/intl.js';
import { loadErrorBox, pagedListEnd } from '../../internal/paged-list.js';
import { postHref } from '../../internal/post-href.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-changelog.styles.js';

/** A calm sentence for a changelog that could not be loaded, by the reason it failed. */
export function changelogFailureMessage(error: SaysoError | null): string {
  switch (error?.code) {
    case 'network':
      return msg('You seem to be offline, so the updates could not be loaded.');
    case 'rate_limited':
      return msg('Too many requests just now, so the updates could not be loaded. Wait a moment.');
    case 'not_found':
      return msg('This board could not be found.');
    default:
      return msg('The updates could not be loaded right now.');
  }
}

/** "3 unread updates", "1 unread update", in the active locale. */
export function unreadLabel(count: number): string {
  const n = formatCount(count);
  return plural(count, { one: () => msg(str`${n} unread update`), other: () => msg(str`${n} unread updates`) });
}

/** Which list a changelog shows: the board's changelog entries, or its shipped ideas. */
type ChangelogSource = 'entries' | 'ideas';

/**
 * @tag sayso-changelog
 * @summary What shipped on a board: its published changelog entries, or, on a board without any,
 * its done ideas; newest first, with a badge counting the updates this visitor has not read yet.
 *
 * A board whose team publishes changelog entries shows those: each with its title, date, its
 * markdown text (rendered through Sayso's one sanitising path, marked then DOMPurify) and the
 * ideas it shipped, each opening the idea (a link with `post-href`, else `sayso-open-post`, as
 * cards do). A board without entries (or a backend that cannot list them) shows its shipped
 * ideas instead, as before entries existed: ordered by when the idea shipped (`shippedAt`; when
 * it was posted, for ideas without a ship date), with that date and the demand it met. The two
 * are not mixed: an idea an entry shipped would show twice, and knowing which ideas no entry
 * covers would mean fetching every entry first.
 *
 * Which updates were read is kept in this browser's `localStorage`
 * (`sayso:changelog-seen:<board>`); without storage the changelog still works, only forgetting
 * across visits.
 *
 * @event {SaysoOpenPostEvent} sayso-open-post - Without `post-href`: the visitor chose an idea an
 *   entry shipped. `detail`: `{ postId, board }`. Cancelable (`<sayso-board>` opens it).
 *
 * @csspart base - The wrapper around everything.
 * @csspart header - The row with the heading, badge and Mark all as read button.
 * @csspart heading - The changelog's heading.
 * @csspart badge - The number of unread updates (hidden when there are none).
 * @csspart mark-read - The Mark all as read button.
 * @csspart list - The list of updates.
 * @csspart entry - Each update (`data-unread` marks unread ones).
 * @csspart new - The "New" marker of an unread update.
 * @csspart title - An update's title.
 * @csspart link - The link to the idea, when `post-href` is set.
 * @csspart entry-body - A changelog entry's rendered text.
 * @csspart shipped-heading - "Shipped in this update:" above an entry's ideas.
 * @csspart shipped-list - The list of ideas an entry shipped.
 * @csspart shipped-idea - Each idea an entry shipped: a link with `post-href`, else a button.
 * @csspart status - The status the idea reached (e.g. "Shipped").
 * @csspart votes - How many visitors asked for it.
 * @csspart date - When the idea shipped, or the entry was published.
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when nothing has shipped yet.
 * @csspart error - The message shown when updates could not be loaded.
 * @csspart retry - The button that tries loading again.
 * @csspart load-more - The button that loads older updates.
 *
 * @cssproperty --sayso-color-primary - Badge, links and "New" markers.
 * @cssproperty --sayso-color-on-primary - Text on the badge.
 * @cssproperty --sayso-color-surface - Background of updates.
 * @cssproperty --sayso-color-border - Borders.
 * @cssproperty --sayso-color-text - Text colour.
 * @cssproperty --sayso-color-text-muted - Status and vote lines.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate unread - Some loaded updates are unread.
 * @cssstate loading - Updates are being fetched.
 * @cssstate empty - Nothing has shipped yet.
 * @cssstate error - Updates could not be fetched.
 */
@localized()
export class SaysoChangelog extends SaysoElement {
  static override styles = styles;

  /** Slug of the board whose updates to show. */
  @property() board = '';

  /** URL template for links to ideas: `{id}` and `{board}` are filled in. No links without it. */
  @property({ attribute: 'post-href' }) postHref = '';

  /** Text of the heading. Default: "What's new", in the active locale. */
  @property() heading = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  readonly #client = new ClientController(this);
  readonly #markdown = new MarkdownController(this);
  readonly #entriesState = new StoreController<ChangelogEntriesState>(this);
  readonly #entriesUnread = new StoreController<string[]>(this);
  // Asked first: it decides which list shows (see #source), so it must be bound before #follow.
  readonly #entriesFollow = new ViewController<ChangelogEntriesView>(this, {
    inputs: () => [this.#client.value, this.board],
    create: () => {
      const client = this.#client.value;
      return client && this.board ? client.view(createChangelogEntriesView, { board: this.board }) : undefined;
    },
    bind: (view) => {
      this.#entriesState.store = view?.$state;
      this.#entriesUnread.store = view?.$unread;
    },
  });
  readonly #state = new StoreController<ChangelogState>(this);
  readonly #entries = new StoreController<Post[]>(this);
  readonly #unread = new StoreController<string[]>(this);
  readonly #boards = new StoreController<Record<string, Board>>(this);
  readonly #states = new CustomStatesController(this);
  readonly #follow = new ViewController<ChangelogView>(this, {
    inputs: () => [this.#client.value, this.board, this.#source === 'ideas'],
    create: () => {
      const client = this.#client.value;
      return client && this.board && this.#source === 'ideas' ? client.view(createChangelogView, { board: this.board }) : undefined;
    },
    bind: (view) => {
      this.#state.store = view?.$state;
      this.#entries.store = view?.$entries;
      this.#unread.store = view?.$unread;
    },
  });

  /** The shipped ideas view shown now (`undefined` without a client or board, or while entries show). */
  get view(): ChangelogView | undefined {
    return this.#follow.view;
  }

  /** The changelog entries view (`undefined` without a client or board). */
  get entriesView(): ChangelogEntriesView | undefined {
    return this.#entriesFollow.view;
  }

  /** Entries once the board has some; shipped ideas once it is known to have none; `undefined` until then. */
  get #source(): ChangelogSource | undefined {
    const entries = this.#entriesState.value;
    if (entries && entries.items.length > 0) return 'entries';
    return entries?.status === 'ready' || entries?.status === 'error' ? 'ideas' : undefined;
  }

  /** How many loaded updates are unread. */
  get unreadCount(): number {
    return (this.#source === 'entries' ? this.#entriesUnread.value : this.#unread.value)?.length ?? 0;
  }

  /** Marks every loaded update as read, here and in later visits. */
  markAllRead(): void {
    if (this.#source === 'entries') this.#entriesFollow.view?.markAllRead();
    else this.#follow.view?.markAllRead();
  }

  protected override willUpdate(): void {
    this.#boards.store = this.#client.value?.$boards;
  }

  protected override updated(): void {
    const source = this.#source;
    const state = this.#state.value;
    this.#states.set('loading', source === undefined || (source === 'ideas' && (!state || state.status === 'idle' || state.status === 'loading')));
    this.#states.set('error', source === 'ideas' && state?.status === 'error');
    this.#states.set('empty', source === 'ideas' && state?.status === 'ready' && state.postIds.length === 0);
    this.#states.set('unread', this.unreadCount > 0);
  }

  #newMarker() {
    return html`<span part="new" class="new">${msg('New', { id: 'changelog-new', desc: 'Marks a changelog update the visitor has not read yet.' })}<span class="visually-hidden">:</span></span> `;
  }

  #renderEntry(post: Post, unread: boolean) {
    const href = postHref(this.postHref, post);
    const n = formatCount(post.peopleCount);
    const votes = plural(post.peopleCount, {
      one: () => msg(str`Asked for by ${n} person`),
      other: () => msg(str`Asked for by ${n} people`),
    });
    return html`
      <li part="entry" class="entry" ?data-unread=${unread}>
        <article aria-labelledby="entry-${post.id}">
          <h3 part="title" class="title" id="entry-${post.id}">
            ${unread ? this.#newMarker() : nothing}
            ${href ? html`<a part="link" href=${href}>${post.title}</a>` : post.title}
          </h3>
          <p class="meta">
            <span part="status" class="pill" data-status=${post.status}
              >${statusName(this.#boards.value?.[post.board], post.status)}</span
            >
            <span part="votes">${votes}</span>
            ${post.shippedAt
              ? html`<time part="date" datetime=${post.shippedAt}>${msg(str`Shipped ${formatDate(post.shippedAt, this.lang)}`)}</time>`
              : nothing}
          </p>
        </article>
      </li>
    `;
  }

  /** Under either list: why older updates failed to load, and the button that loads them. */
  #listEnd(error: SaysoError | null, hasMore: boolean, loadingMore: boolean, loadMore: () => void) {
    return pagedListEnd({
      error: error ? msg(str`Older updates could not be loaded. ${changelogFailureMessage(error)}`) : null,
      hasMore,
      loadingMore,
      label: loadingMore ? msg('Loading older updates…') : msg('Load older updates'),
      loadMore,
    });
  }

  #renderShippedIdea(entry: ChangelogEntry, idea: ChangelogEntry['posts'][number]) {
    const href = postHref(this.postHref, { id: idea.id, board: entry.board });
    return html`<li>
      ${href
        ? html`<a part="shipped-idea" href=${href}>${idea.title}</a>`
        : html`<button
            part="shipped-idea"
            class="link-button"
            type="button"
            @click=${() => this.dispatchEvent(new SaysoOpenPostEvent({ postId: idea.id, board: entry.board }))}
          >
            ${idea.title}
          </button>`}
    </li>`;
  }

  #renderChangelogEntry(entry: ChangelogEntry, unread: boolean) {
    const date = entry.publishedAt ?? entry.createdAt;
    return html`
      <li part="entry" class="entry" ?data-unread=${unread}>
        <article aria-labelledby="entry-${entry.id}">
          <h3 part="title" class="title" id="entry-${entry.id}">${unread ? this.#newMarker() : nothing}${entry.title}</h3>
          <p class="meta"><time part="date" datetime=${date}>${formatDate(date, this.lang)}</time></p>
          ${entry.body ? html`<div part="entry-body" class="markdown">${this.#markdown.render(entry.body)}</div>` : nothing}
          ${entry.posts.length > 0
            ? html`<p part="shipped-heading" class="shipped-heading" id="shipped-${entry.id}">${msg('Shipped in this update:')}</p>
                <ul part="shipped-list" class="shipped-list" aria-labelledby="shipped-${entry.id}">
                  ${repeat(entry.posts, (idea) => idea.id, (idea) => this.#renderShippedIdea(entry, idea))}
                </ul>`
            : nothing}
        </article>
      </li>
    `;
  }

  #renderEntries(state: ChangelogEntriesState) {
    const unread = new Set(this.#entriesUnread.value ?? []);
    return html`
      <ol part="list" class="list">
        ${repeat(state.items, (entry) => entry.id, (entry) => this.#renderChangelogEntry(entry, unread.has(entry.id)))}
      </ol>
      ${this.#listEnd(state.error, state.nextCursor !== null, state.loadingMore, () => void this.#entriesFollow.view?.loadMore())}
    `;
  }

  #renderBody() {
    const changelogEntries = this.#entriesState.value;
    if (this.#source === 'entries' && changelogEntries) return this.#renderEntries(changelogEntries);
    const state = this.#state.value;
    const entries = this.#entries.value ?? [];
    if (state?.status === 'error') {
      return loadErrorBox(changelogFailureMessage(state.error), () => void this.#follow.view?.load());
    }
    if (!state || state.status === 'idle' || (state.status === 'loading' && entries.length === 0)) {
      return html`<p part="loading" class="message" role="status">${msg('Loading updates…')}</p>`;
    }
    if (entries.length === 0) {
      return html`<p part="empty" class="message">${msg('Nothing has shipped yet. Check back soon.')}</p>`;
    }
    const unread = new Set(this.#unread.value ?? []);
    return html`
      <ol part="list" class="list">
        ${repeat(entries, (post) => post.id, (post) => this.#renderEntry(post, unread.has(post.id)))}
      </ol>
      ${this.#listEnd(state.error, state.hasMore, state.loadingMore, () => void this.#follow.view?.loadMore())}
    `;
  }

  protected override render() {
    const count = this.unreadCount;
    return html`
      <section part="base" class="changelog" aria-labelledby="heading">
        <div part="header" class="header">
          <h2 part="heading" class="heading" id="heading">${this.heading || msg("What's new")}</h2>
          ${count > 0
            ? html`<span part="badge" class="badge" role="img" aria-label=${unreadLabel(count)}>${formatCount(count)}</span>`
            : nothing}
          ${count > 0
            ? html`<button part="mark-read" class="button mark-read" type="button" @click=${() => this.markAllRead()}>
                ${msg('Mark all as read')}
              </button>`
            : nothing}
        </div>
        ${this.#renderBody()}
      </section>
    `;
  }
}
