import { localized, msg, str } from '@lit/localize';
import {
  createChangelogView,
  statusName,
  type Board,
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
import { StoreController } from '../../controllers/store.js';
import { ViewController } from '../../controllers/view.js';
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

/**
 * @tag sayso-changelog
 * @summary What shipped on a board: its done ideas, newest first, each with the demand it met and a
 * link to the idea, and a badge counting the updates this visitor has not read yet.
 *
 * Updates are ordered by when the idea shipped (`shippedAt`; when it was posted, for ideas without
 * a ship date) and show that date. Which updates were read is kept in this browser's
 * `localStorage` (`sayso:changelog-seen:<board>`);
 * without storage the changelog still works, only forgetting across visits.
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
 * @csspart status - The status the idea reached (e.g. "Shipped").
 * @csspart votes - How many visitors asked for it.
 * @csspart date - When the idea shipped.
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
  readonly #state = new StoreController<ChangelogState>(this);
  readonly #entries = new StoreController<Post[]>(this);
  readonly #unread = new StoreController<string[]>(this);
  readonly #boards = new StoreController<Record<string, Board>>(this);
  readonly #states = new CustomStatesController(this);
  readonly #follow = new ViewController<ChangelogView>(this, {
    inputs: () => [this.#client.value, this.board],
    create: () => {
      const client = this.#client.value;
      return client && this.board ? client.view(createChangelogView, { board: this.board }) : undefined;
    },
    bind: (view) => {
      this.#state.store = view?.$state;
      this.#entries.store = view?.$entries;
      this.#unread.store = view?.$unread;
    },
  });

  /** The changelog view shown now (`undefined` without a client or board). */
  get view(): ChangelogView | undefined {
    return this.#follow.view;
  }

  /** How many loaded updates are unread. */
  get unreadCount(): number {
    return this.#unread.value?.length ?? 0;
  }

  /** Marks every loaded update as read, here and in later visits. */
  markAllRead(): void {
    this.#follow.view?.markAllRead();
  }

  protected override willUpdate(): void {
    this.#boards.store = this.#client.value?.$boards;
  }

  protected override updated(): void {
    const state = this.#state.value;
    this.#states.set('loading', !state || state.status === 'idle' || state.status === 'loading');
    this.#states.set('error', state?.status === 'error');
    this.#states.set('empty', state?.status === 'ready' && state.postIds.length === 0);
    this.#states.set('unread', this.unreadCount > 0);
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
            ${unread ? html`<span part="new" class="new">${msg('New', { id: 'changelog-new', desc: 'Marks a changelog update the visitor has not read yet.' })}<span class="visually-hidden">:</span></span> ` : nothing}
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

  #renderBody() {
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
      ${pagedListEnd({
        error: state.error ? msg(str`Older updates could not be loaded. ${changelogFailureMessage(state.error)}`) : null,
        hasMore: state.hasMore,
        loadingMore: state.loadingMore,
        label: state.loadingMore ? msg('Loading older updates…') : msg('Load older updates'),
        loadMore: () => void this.#follow.view?.loadMore(),
      })}
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
