import { localized, msg, str } from '@lit/localize';
import {
  createRoadmapView,
  type BacklogCategory,
  type PublicBacklogItem,
  type RoadmapColumn,
  type RoadmapState,
  type RoadmapView,
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
import { formatCount, plural } from '../../internal/intl.js';
import { loadErrorBox, pagedListEnd } from '../../internal/paged-list.js';
import { postHref } from '../../internal/post-href.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { saysoRoadmapExportparts } from '../../generated/exportparts.js';
import { loadFailureMessage } from '../sayso-board/sayso-board.component.js';
import styles from './sayso-roadmap.styles.js';

/** The status keys in a `statuses` attribute (`"planned, in-progress"`), in order. */
export function parseStatuses(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((key) => key.trim())
    .filter(Boolean);
}

/** A category of engineering work, as visitors read it. */
export function engineeringCategoryName(category: BacklogCategory): string {
  switch (category) {
    case 'tech_debt':
      return msg('Technical debt');
    case 'infrastructure':
      return msg('Infrastructure');
    case 'developer_experience':
      return msg('Developer experience');
    case 'security_compliance':
      return msg('Security and compliance');
    case 'refactoring':
      return msg('Refactoring');
    case 'performance':
      return msg('Performance');
  }
}

/** Why the engineering work could not be shown, by the reason. */
function engineeringFailureMessage(error: SaysoError | null): string {
  return error?.code === 'network'
    ? msg('You seem to be offline, so the engineering work could not be loaded.')
    : msg('The engineering work could not be loaded right now.');
}

/**
 * @tag sayso-roadmap
 * @summary A board's roadmap: one column per status (by default Planned, In progress and Shipped),
 * each listing its ideas, most wanted first, with live vote buttons.
 *
 * Columns scroll sideways on narrow screens. Each column loads, fails and pages on its own.
 *
 * With `show-engineering`, the engineering work the team marked public (fixes, performance,
 * security…) shows too, read-only, under the ideas of the column of its status, each card marked
 * "Engineering" with its category. Nothing shows about who asked for it, only how many.
 *
 * @dependency sayso-vote-button
 *
 * @exportparts sayso-vote-button
 *
 * @event {SaysoVoteEvent} sayso-vote - From a vote button inside: a vote was saved.
 *
 * @csspart base - The scrolling row of columns.
 * @csspart column - Each column (a labelled region).
 * @csspart column-heading - A column's heading: the status name and its count.
 * @csspart column-count - The number of ideas shown in a column (`20+` while there are more).
 * @csspart list - The list of ideas of a column.
 * @csspart item - Each list item around a card.
 * @csspart card - A compact idea card.
 * @csspart title - An idea's title.
 * @csspart link - The link around a title, when `post-href` is set.
 * @csspart vote - Each `<sayso-vote-button>`; its parts are forwarded as `vote-button`, `count`,
 *   `message`.
 * @csspart loading - A loading message (for the roadmap or one column).
 * @csspart empty - The message of a column without ideas, or of a board without roadmap statuses.
 * @csspart error - A message saying what could not be loaded.
 * @csspart retry - The button that tries loading again.
 * @csspart load-more - The button that loads a column's next page.
 * @csspart engineering-list - A column's list of engineering work (with `show-engineering`).
 * @csspart engineering-item - Each list item around an engineering card.
 * @csspart engineering-card - A read-only card of public engineering work.
 * @csspart engineering-label - The card's mark: "Engineering" and the category.
 * @csspart engineering-title - The engineering work's title.
 * @csspart engineering-people - How many people asked for what it fixes (when any did).
 *
 * @cssproperty --sayso-roadmap-column-width - Smallest width of a column. Default `16rem`.
 * @cssproperty --sayso-color-surface - Background of cards.
 * @cssproperty --sayso-color-surface-sunken - Background of columns.
 * @cssproperty --sayso-color-border - Borders.
 * @cssproperty --sayso-color-text - Text colour.
 * @cssproperty --sayso-color-text-muted - Counts and messages.
 * @cssproperty --sayso-color-primary - Links.
 * @cssproperty --sayso-radius - Corner radius.
 * @cssproperty --sayso-space-4 - Gap between columns.
 *
 * @cssstate loading - The board's workflow is being fetched.
 * @cssstate error - The board could not be loaded.
 * @cssstate empty - The board has no statuses to show.
 */
@localized()
export class SaysoRoadmap extends SaysoElement {
  static override styles = styles;

  /** Slug of the board to show. */
  @property() board = '';

  /**
   * Status keys of the columns, comma-separated and in order (`planned,in-progress,shipped`).
   * Default: every status of kind `active` or `done`, in workflow order.
   */
  @property() statuses = '';

  /** URL template for links to ideas: `{id}` and `{board}` are filled in. No links without it. */
  @property({ attribute: 'post-href' }) postHref = '';

  /**
   * Also shows the board's public engineering work (backlog items the team marked public) in the
   * columns of their status: planned and in-progress work in the columns named so (else the first
   * and last `active` ones), done work in the first `done` column, proposed work only when an
   * `open` status is among the columns. Read-only. Nothing changes when the adapter cannot list
   * public engineering work (`listPublicBacklog`).
   */
  @property({ type: Boolean, attribute: 'show-engineering' }) showEngineering = false;

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  readonly #client = new ClientController(this);
  readonly #state = new StoreController<RoadmapState>(this);
  readonly #columns = new StoreController<RoadmapColumn[]>(this);
  readonly #states = new CustomStatesController(this);
  readonly #follow = new ViewController<RoadmapView>(this, {
    inputs: () => [this.#client.value, this.board, this.statuses, this.showEngineering],
    create: () => {
      const client = this.#client.value;
      // Without the attribute the options stay as they were, so the view is the one other roadmaps of the board share.
      return client && this.board
        ? client.view(createRoadmapView, { board: this.board, statuses: parseStatuses(this.statuses), ...(this.showEngineering ? { engineering: true } : {}) })
        : undefined;
    },
    bind: (view) => {
      this.#state.store = view?.$state;
      this.#columns.store = view?.$columns;
    },
  });

  /** The roadmap view shown now (`undefined` without a client or board). */
  get view(): RoadmapView | undefined {
    return this.#follow.view;
  }

  protected override updated(): void {
    const state = this.#state.value;
    this.#states.set('loading', !state || state.status === 'idle' || state.status === 'loading');
    this.#states.set('error', state?.status === 'error');
    this.#states.set('empty', state?.status === 'ready' && state.columns.length === 0);
  }

  #renderCard(post: RoadmapColumn['posts'][number]) {
    const href = postHref(this.postHref, post);
    const client = this.#client.value;
    return html`
      <li part="item">
        <article part="card" class="card" aria-labelledby="title-${post.id}">
          <sayso-vote-button
            part="vote"
            exportparts=${saysoRoadmapExportparts['sayso-vote-button']}
            post-id=${post.id}
            .client=${client}
          ></sayso-vote-button>
          <h3 part="title" class="title" id="title-${post.id}">
            ${href ? html`<a part="link" href=${href}>${post.title}</a>` : post.title}
          </h3>
        </article>
      </li>
    `;
  }

  #renderEngineeringCard(item: PublicBacklogItem) {
    const people = formatCount(item.people);
    return html`
      <li part="engineering-item">
        <article part="engineering-card" class="card engineering" aria-labelledby="engineering-title-${item.id}" aria-describedby="engineering-label-${item.id}">
          <p part="engineering-label" class="engineering-label" id="engineering-label-${item.id}">
            ${msg(str`Engineering · ${engineeringCategoryName(item.category)}`, { desc: 'Marks a roadmap card as engineering work, with its category.' })}
          </p>
          <h3 part="engineering-title" class="title" id="engineering-title-${item.id}">${item.title}</h3>
          ${item.people > 0
            ? html`<p part="engineering-people" class="engineering-people">
                ${plural(item.people, { one: () => msg(str`${people} person asked for this`), other: () => msg(str`${people} people asked for this`) })}
              </p>`
            : nothing}
        </article>
      </li>
    `;
  }

  #renderEngineering(column: RoadmapColumn) {
    if (column.engineering.length === 0) return nothing;
    return html`
      <ol part="engineering-list" class="list" aria-label=${msg(str`Engineering work in ${column.status.name}`)}>
        ${repeat(column.engineering, (item) => item.id, (item) => this.#renderEngineeringCard(item))}
      </ol>
    `;
  }

  #renderColumnBody(column: RoadmapColumn) {
    return html`${this.#renderIdeas(column)}${this.#renderEngineering(column)}`;
  }

  #renderIdeas(column: RoadmapColumn) {
    const view = this.#follow.view;
    const key = column.status.id;
    if (column.load === 'error') {
      return loadErrorBox(loadFailureMessage(column.error), () => void view?.loadColumn(key));
    }
    if (column.load !== 'ready' && column.posts.length === 0) {
      return html`<p part="loading" class="message" role="status">${msg('Loading ideas…')}</p>`;
    }
    if (column.posts.length === 0) {
      // A column of engineering work alone is not empty.
      return column.engineering.length > 0 ? nothing : html`<p part="empty" class="message">${msg('Nothing here yet.')}</p>`;
    }
    return html`
      <ol part="list" class="list">
        ${repeat(column.posts, (post) => post.id, (post) => this.#renderCard(post))}
      </ol>
      ${pagedListEnd({
        error: column.error ? msg(str`More ideas could not be loaded. ${loadFailureMessage(column.error)}`) : null,
        hasMore: Boolean(column.nextCursor),
        loadingMore: column.loadingMore,
        label: column.loadingMore
          ? msg('Loading more…')
          : html`${msg('Load more')} <span class="visually-hidden">${msg(str`in ${column.status.name}`)}</span>`,
        loadMore: () => void view?.loadMore(key),
      })}
    `;
  }

  #renderColumn(column: RoadmapColumn) {
    const id = `column-${column.status.id}`;
    const shown = column.posts.length;
    const n = formatCount(shown);
    const count = column.load === 'ready' ? `${n}${column.nextCursor ? '+' : ''}` : '';
    const spoken =
      column.load !== 'ready'
        ? ''
        : column.nextCursor
          ? msg(str`, ${n} or more ideas`, { desc: 'Read by screen readers after a roadmap column name.' })
          : plural(shown, {
              one: () => msg(str`, ${n} idea`, { desc: 'Read by screen readers after a roadmap column name.' }),
              other: () => msg(str`, ${n} ideas`, { desc: 'Read by screen readers after a roadmap column name.' }),
            });
    return html`
      <section part="column" class="column" aria-labelledby=${id} data-status=${column.status.id} data-kind=${column.status.kind}>
        <h2 part="column-heading" class="heading" id=${id}>
          <span>${column.status.name}</span>
          ${count
            ? html`<span part="column-count" class="count"
                ><span aria-hidden="true">${count}</span><span class="visually-hidden">${spoken}</span></span
              >`
            : nothing}
        </h2>
        ${this.#renderColumnBody(column)}
      </section>
    `;
  }

  protected override render() {
    const state = this.#state.value;
    if (state?.status === 'error') {
      return loadErrorBox(loadFailureMessage(state.error), () => void this.#follow.view?.load());
    }
    if (!state || state.status !== 'ready') {
      return html`<p part="loading" class="message" role="status">${msg('Loading the roadmap…')}</p>`;
    }
    if (state.columns.length === 0) {
      return html`<p part="empty" class="message">${msg('This board has no roadmap yet.')}</p>`;
    }
    const engineering = state.engineering;
    return html`
      ${engineering?.load === 'error' ? loadErrorBox(engineeringFailureMessage(engineering.error), () => void this.#follow.view?.loadEngineering()) : nothing}
      <div part="base" class="columns">
        ${repeat(this.#columns.value ?? [], (column) => column.status.id, (column) => this.#renderColumn(column))}
      </div>
    `;
  }
}
