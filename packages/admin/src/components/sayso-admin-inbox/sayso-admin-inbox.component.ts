import {
  createInboxView,
  type FeedbackSource,
  type FeedbackState,
  type InboxFilters,
  type InboxItem,
  type InboxState,
  type InboxView,
  type Post,
  type SaysoClient,
} from '@sayso/core';
import { SaysoElement, StoreController, ViewController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { BoardsController } from '../../controllers/boards.js';
import { RowCursorController } from '../../controllers/row-cursor.js';
import { ShortcutsController, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { failureMessage } from '../../internal/failure.js';
import { FEEDBACK_SOURCES, sourceIcon, sourceName } from '../../internal/feedback-source.js';
import { adminStyles } from '../../styles/admin.styles.js';
import { screenStyles } from '../../styles/screen.styles.js';
import { triageStyles } from '../../styles/triage.styles.js';
import styles from './sayso-admin-inbox.styles.js';

const STATES: ReadonlyArray<{ state: FeedbackState; label: string }> = [
  { state: 'new', label: 'New' },
  { state: 'linked', label: 'Linked' },
  { state: 'archived', label: 'Archived' },
];
const FILTER_PARAMS = ['source', 'state', 'board', 'q'] as const;
const SEARCH_DELAY_MS = 200;

const received = (iso: string) => new Date(iso).toLocaleString('en', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
const authorOf = (item: InboxItem) => item.author.name ?? item.author.email ?? 'Someone unnamed';
const items = (count: number) => `${count} ${count === 1 ? 'item' : 'items'}`;

/**
 * @tag sayso-admin-inbox
 * @summary Feedback from every channel (email, Slack, support tools, CSV, the API, the widget),
 * each beside the ideas it may be about: link it to one as evidence, make a new idea of it, or
 * archive it, one at a time or selected together.
 *
 * Keys: `/` search, `j`/`k` move, `Enter` shows the whole item, `x` selects it, `l` links it to
 * another idea, `c` makes an idea of it, `a` archives it (unarchives in the archived filter);
 * after an action the next item is active. The filters (`source`, `state`, `board`, `q`) are
 * `params`, kept in the address.
 *
 * @csspart toolbar - The filters and search.
 * @csspart status - What the last action did.
 * @csspart bulk - The actions on the selected items.
 * @csspart table - The items.
 * @csspart link-dialog - "Link to another idea".
 *
 * @event sayso-admin-navigate - Other filters were chosen, or an idea made from an item is opened.
 */
export class SaysoAdminInbox extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, screenStyles, triageStyles, styles];

  /** A client over an adapter with the `admin` part. */
  @property({ attribute: false }) client?: SaysoClient;

  /** The filters: `source`, `state` (default `new`), `board`, `q`. */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  /** Ids of the selected items. */
  @state() private selected = new Set<string>();
  /** The item shown whole. */
  @state() private expanded: string | null = null;
  /** Said after an action. */
  @state() private said = '';
  /** The idea made last, to open it. */
  @state() private created: Post | null = null;
  /** The items the link dialog links, its search words and what they found. */
  @state() private linking: { itemIds: string[]; board: string; q: string; found: Post[]; searching: boolean } | null = null;

  @query('dialog') private dialog?: HTMLDialogElement;
  @query('#search') private search?: HTMLInputElement;

  readonly #state = new StoreController<InboxState>(this);
  readonly #follow = new ViewController<InboxView>(this, {
    inputs: () => [this.client, JSON.stringify(this.#filters)],
    create: () => (this.client ? this.client.view(createInboxView, this.#filters) : undefined),
    bind: (view) => (this.#state.store = view?.$state),
  });
  readonly #cursor = new RowCursorController(this, {
    count: () => this.#items.length,
    open: (index) => this.#toggleExpanded(index),
    rowAt: (index) => this.renderRoot.querySelector<HTMLElement>(`tbody tr:nth-child(${index + 1})`),
  });
  readonly #keys = new ShortcutsController(this, () => this.#shortcuts());
  readonly #boards = new BoardsController(this, () => this.client);
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  get shortcuts(): readonly Shortcut[] {
    return this.#keys.shortcuts;
  }

  get #filters(): InboxFilters {
    const filters: InboxFilters = {};
    if (this.params.source) filters.source = this.params.source as FeedbackSource;
    if (this.params.state) filters.state = this.params.state as FeedbackState;
    if (this.params.board) filters.board = this.params.board;
    if (this.params.q) filters.q = this.params.q;
    return filters;
  }

  get #archivedList(): boolean {
    return this.params.state === 'archived';
  }

  get #items(): InboxItem[] {
    return this.#state.value?.items ?? [];
  }

  get #active(): InboxItem | undefined {
    return this.#items[this.#cursor.index];
  }

  #shortcuts(): Shortcut[] {
    if (this.linking) return [];
    const shortcuts: Shortcut[] = [{ key: '/', label: 'Search the inbox', run: () => this.search?.focus() }, ...this.#cursor.shortcuts()];
    const active = this.#active;
    if (active) {
      shortcuts.push(
        { key: 'x', label: 'Select or unselect the item', run: () => this.#toggleSelected(active.id) },
        { key: 'l', label: 'Link the item to another idea', run: () => this.#openLink([active]) },
        { key: 'a', label: this.#archivedList ? 'Unarchive the item' : 'Archive the item', run: () => void this.#archive([active.id]) },
      );
      if (active.state !== 'linked') shortcuts.push({ key: 'c', label: 'Make an idea of the item', run: () => void this.#createIdea(active) });
    }
    if (this.expanded) shortcuts.push({ key: 'Escape', label: 'Fold the item', run: () => (this.expanded = null) });
    return shortcuts;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Another list: what was selected or unfolded in the last one means nothing here.
    if (changed.has('params')) {
      this.selected = new Set();
      this.expanded = null;
    }
  }

  #filter(name: (typeof FILTER_PARAMS)[number], value: string): void {
    const params: Record<string, string> = {};
    for (const key of FILTER_PARAMS) if (this.params[key]) params[key] = this.params[key];
    if (value) params[name] = value;
    else delete params[name];
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'inbox', params }));
  }

  #toggleExpanded(index: number): void {
    const item = this.#items[index];
    if (!item) return;
    this.#cursor.activate(index);
    this.expanded = this.expanded === item.id ? null : item.id;
  }

  #toggleSelected(id: string): void {
    const selected = new Set(this.selected);
    if (!selected.delete(id)) selected.add(id);
    this.selected = selected;
  }

  /** After an action: the item now at the active position (the next one) takes focus. */
  async #done(said: string, itemIds: string[]): Promise<void> {
    this.said = said;
    this.selected = new Set([...this.selected].filter((id) => !itemIds.includes(id)));
    if (this.expanded && itemIds.includes(this.expanded)) this.expanded = null;
    await this.#cursor.move(0);
  }

  async #link(itemIds: string[], post: Pick<Post, 'id' | 'title'>): Promise<void> {
    if (await this.#follow.view?.link(itemIds, post.id)) await this.#done(`Linked ${items(itemIds.length)} to “${post.title}”.`, itemIds);
  }

  async #archive(itemIds: string[]): Promise<void> {
    const archived = !this.#archivedList;
    if (await this.#follow.view?.archive(itemIds, archived)) {
      await this.#done(`${archived ? 'Archived' : 'Moved back to New:'} ${items(itemIds.length)}.`, itemIds);
    }
  }

  async #createIdea(item: InboxItem): Promise<void> {
    const post = await this.#follow.view?.createIdea(item.id);
    if (!post) return;
    this.created = post;
    await this.#done(`Made the idea “${post.title}” of the item.`, [item.id]);
  }

  #openLink(of: InboxItem[]): void {
    if (of.length === 0) return;
    this.linking = { itemIds: of.map((item) => item.id), board: of[0]!.board, q: '', found: [], searching: false };
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  #searchIdeas(q: string): void {
    if (!this.linking) return;
    this.linking = { ...this.linking, q, searching: q.trim().length > 0 };
    clearTimeout(this.#searchTimer);
    if (!q.trim()) return;
    this.#searchTimer = setTimeout(async () => {
      const asked = this.linking;
      if (!asked) return;
      let found: Post[] = [];
      try {
        found = (await this.#follow.view?.searchIdeas(asked.board, q.trim())) ?? [];
      } catch {
        // An empty result says "No idea matches"; the admin can try other words.
      }
      if (this.linking?.q === q) this.linking = { ...this.linking, found, searching: false };
    }, SEARCH_DELAY_MS);
  }

  async #linkChosen(post: Post): Promise<void> {
    const itemIds = this.linking?.itemIds ?? [];
    this.dialog?.close();
    await this.#link(itemIds, post);
  }

  #dialogClosed(): void {
    clearTimeout(this.#searchTimer);
    this.linking = null;
    void this.#cursor.move(0);
  }

  override render() {
    const state = this.#state.value;
    const selected = this.#items.filter((item) => this.selected.has(item.id));
    return html`
      <div class="toolbar"><h1>Inbox</h1></div>
      ${this.#renderToolbar()}
      <div part="status" class="status" role="status">
        ${this.said ? html`<span>${this.said}</span>` : nothing}
        ${this.created && this.said.startsWith('Made')
          ? html`<button class="button" type="button" @click=${this.#openCreated}>Open “${this.created.title}”</button>`
          : nothing}
      </div>
      ${state?.actionError ? html`<p class="error" role="alert">${failureMessage('That action', state.actionError)}</p>` : nothing}
      ${selected.length > 0
        ? html`<div part="bulk" class="bulk" role="group" aria-label="Selected items">
            <span>${items(selected.length)} selected</span>
            <button class="button" type="button" @click=${() => this.#openLink(selected)}>Link selected to an idea…</button>
            <button class="button" type="button" @click=${() => void this.#archive(selected.map((item) => item.id))}>
              ${this.#archivedList ? 'Unarchive selected' : 'Archive selected'}
            </button>
          </div>`
        : nothing}
      ${this.#renderItems(state)} ${this.#renderLinkDialog()}
    `;
  }

  #openCreated(): void {
    if (this.created) this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'idea', params: { id: this.created.id } }));
  }

  #renderToolbar() {
    return html`<form part="toolbar" class="toolbar" role="search" @submit=${(event: SubmitEvent) => {
      event.preventDefault();
      this.#filter('q', this.search?.value.trim() ?? '');
    }}>
      <label>
        Search
        <input id="search" type="search" .value=${this.params.q ?? ''} placeholder="Words, a name, an address (Enter)" />
      </label>
      <label>
        Source
        <select @change=${(event: Event) => this.#filter('source', (event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.params.source}>Every source</option>
          ${FEEDBACK_SOURCES.map((source) => html`<option value=${source} ?selected=${this.params.source === source}>${sourceName(source)}</option>`)}
        </select>
      </label>
      <label>
        State
        <select @change=${(event: Event) => this.#filter('state', (event.target as HTMLSelectElement).value)}>
          ${STATES.map(({ state, label }) => html`<option value=${state === 'new' ? '' : state} ?selected=${(this.params.state ?? 'new') === state}>${label}</option>`)}
        </select>
      </label>
      <label>
        Board
        <select @change=${(event: Event) => this.#filter('board', (event.target as HTMLSelectElement).value)}>
          <option value="" ?selected=${!this.params.board}>Every board</option>
          ${this.#boards.boards.map((board) => html`<option value=${board.slug} ?selected=${this.params.board === board.slug}>${board.name}</option>`)}
        </select>
      </label>
    </form>`;
  }

  #renderItems(state: InboxState | undefined) {
    if (!state || state.status === 'idle' || state.status === 'loading') return html`<p class="muted">Loading the inbox…</p>`;
    if (state.status === 'error') {
      return html`<p class="error" role="alert">
        ${failureMessage('Loading the inbox', state.error!)}
        <button class="button" type="button" @click=${() => void this.#follow.view?.load()}>Try again</button>
      </p>`;
    }
    if (state.items.length === 0) {
      const filtered = Object.keys(this.params).some((key) => this.params[key]);
      return html`<p class="muted">${filtered ? 'No feedback matches these filters.' : 'Nothing waiting: every piece of feedback has been triaged.'}</p>`;
    }
    const active = this.#cursor.index;
    return html`<table part="table" class="table" aria-label="Feedback">
        <thead>
          <tr>
            <th scope="col"><span class="muted">Select</span></th>
            <th scope="col">Source</th>
            <th scope="col">From</th>
            <th scope="col">Feedback</th>
            <th scope="col">Received</th>
            <th scope="col">Suggested ideas</th>
            <th scope="col"><span class="muted">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${state.items.map((item, index) => this.#renderItem(item, index === active, index))}
        </tbody>
      </table>
      ${state.nextCursor
        ? html`<button class="button" type="button" ?disabled=${state.loadingMore} @click=${() => void this.#follow.view?.loadMore()}>
            ${state.loadingMore ? 'Loading…' : 'Load more'}
          </button>`
        : nothing}`;
  }

  #renderItem(item: InboxItem, active: boolean, index: number) {
    const expanded = this.expanded === item.id;
    return html`<tr
      tabindex=${active ? 0 : -1}
      aria-selected=${active ? 'true' : 'false'}
      @click=${() => this.#cursor.activate(index)}
      @focus=${() => index !== this.#cursor.index && this.#cursor.activate(index)}
    >
      <td>
        <input
          type="checkbox"
          aria-label="Select the feedback from ${authorOf(item)}"
          .checked=${this.selected.has(item.id)}
          @change=${() => this.#toggleSelected(item.id)}
        />
      </td>
      <td>${sourceIcon(item.source)}</td>
      <td>${authorOf(item)}${item.author.company ? html`<div class="muted">${item.author.company}</div>` : nothing}</td>
      <td>
        ${item.title ? html`<strong>${item.title}</strong>` : nothing}
        <div id="text-${index}" class=${expanded ? 'full' : 'excerpt'}>${item.text}</div>
        ${expanded ? this.#renderDetails(item) : nothing}
        <button
          class="link-button"
          type="button"
          aria-expanded=${expanded ? 'true' : 'false'}
          aria-controls="text-${index}"
          @click=${() => this.#toggleExpanded(index)}
        >
          ${expanded ? 'Show less' : 'Show all'}
        </button>
      </td>
      <td><time datetime=${item.receivedAt}>${received(item.receivedAt)}</time></td>
      <td>
        <div class="suggested">
          ${item.similar.length === 0 ? html`<span class="muted">None found</span>` : nothing}
          ${item.similar.map(
            (post) => html`<button class="button" type="button" @click=${() => void this.#link([item.id], post)}>Link to “${post.title}”</button>`,
          )}
        </div>
      </td>
      <td>
        <div class="actions">
          <button class="button" type="button" @click=${() => this.#openLink([item])}>Link to another idea…</button>
          ${item.state === 'linked' ? nothing : html`<button class="button" type="button" @click=${() => void this.#createIdea(item)}>Create idea</button>`}
          <button class="button" type="button" @click=${() => void this.#archive([item.id])}>${this.#archivedList ? 'Unarchive' : 'Archive'}</button>
        </div>
      </td>
    </tr>`;
  }

  #renderDetails(item: InboxItem) {
    return html`
      ${item.attachments.length > 0
        ? html`<p class="muted">Attachments:</p>
            <ul>
              ${item.attachments.map((file) => html`<li>${file.name} <span class="muted">(${file.contentType}, ${Math.ceil(file.size / 1024)} KB)</span></li>`)}
            </ul>`
        : nothing}
      ${item.link ? html`<p><a href=${item.link} target="_blank" rel="noopener noreferrer">Open in ${sourceName(item.source)}</a></p>` : nothing}
    `;
  }

  #renderLinkDialog() {
    const linking = this.linking;
    return html`<dialog part="link-dialog" aria-labelledby="link-heading" @close=${this.#dialogClosed}>
      ${linking
        ? html`<form method="dialog" @submit=${(event: SubmitEvent) => event.preventDefault()}>
            <h2 id="link-heading">Link to another idea</h2>
            <label>
              Search ideas
              <input type="search" autofocus .value=${linking.q} @input=${(event: Event) => this.#searchIdeas((event.target as HTMLInputElement).value)} />
            </label>
            <div role="status">
              ${linking.searching
                ? 'Searching…'
                : linking.q.trim() && linking.found.length === 0
                  ? 'No idea matches these words.'
                  : linking.found.length > 0
                    ? `${linking.found.length} ${linking.found.length === 1 ? 'idea' : 'ideas'} found`
                    : 'Type words of the idea’s title.'}
            </div>
            <ul>
              ${linking.found.map(
                (post) => html`<li><button class="button" type="button" @click=${() => void this.#linkChosen(post)}>${post.title}</button></li>`,
              )}
            </ul>
            <div class="dialog-actions">
              <button class="button" type="button" @click=${() => this.dialog?.close()}>Cancel</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }
}
