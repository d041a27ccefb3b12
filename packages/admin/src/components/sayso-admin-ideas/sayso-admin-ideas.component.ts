import { virtualize, virtualizerRef, type VirtualizerHostElement } from '@lit-labs/virtualizer/virtualize.js';
import {
  createAdminIdeasView,
  ideasQueryFromParams,
  ideasQueryParams,
  type AdminIdeaColumn,
  type AdminIdeaRow,
  type AdminIdeasState,
  type AdminIdeasView,
  type Board,
  type SavedView,
  type SaysoClient,
  type Tag,
} from '@sayso/core';
import { SaysoElement, StoreController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { RowCursorController } from '../../controllers/row-cursor.js';
import { ShortcutsController, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { adminStyles } from '../../styles/admin.styles.js';
import styles from './sayso-admin-ideas.styles.js';

/** The table's columns after the checkbox: header, and the sort a click on it asks for first. */
const COLUMNS: ReadonlyArray<{ column: AdminIdeaColumn | 'tags'; label: string; first?: 'asc' | 'desc' }> = [
  { column: 'title', label: 'Title', first: 'asc' },
  { column: 'board', label: 'Board', first: 'asc' },
  { column: 'status', label: 'Status', first: 'asc' },
  { column: 'people', label: 'People', first: 'desc' },
  { column: 'mrr', label: 'MRR', first: 'desc' },
  { column: 'priority', label: 'Priority', first: 'desc' },
  { column: 'evidence', label: 'Evidence', first: 'desc' },
  { column: 'tags', label: 'Tags' },
  { column: 'lastActivity', label: 'Last activity', first: 'desc' },
];

const SOURCES = [
  ['widget', 'Widget'],
  ['api', 'API'],
  ['email', 'Email'],
  ['slack', 'Slack'],
  ['csv', 'CSV'],
] as const;

const money = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const score = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });

type Dialog = 'status' | 'tag' | 'merge' | 'save-view';

/**
 * @tag sayso-admin-ideas
 * @summary The console's ideas screen: every board's ideas in a dense, virtualized table, sorted
 * by any column and filtered on the server, with bulk status changes, tags and merges.
 *
 * The filters, the search and the sort live in `params` (the console keeps them in the address);
 * a change fires `sayso-admin-navigate` with the new params. Keys: `/` search, `j`/`k` move,
 * `Enter` opens the idea, `x` selects the active row, `s` changes the status of the selected
 * ideas (or the active one), `m` merges the selected ideas. Views of the list can be saved by
 * name for the whole team.
 *
 * @event sayso-admin-navigate - To the idea opened (`{screen: 'idea', params: {id, from}}`), or to
 * this list with other params.
 *
 * @csspart toolbar - The filters and the search.
 * @csspart views - The saved views.
 * @csspart bulk - The actions on the selected ideas.
 * @csspart table - The table.
 * @csspart row - Each idea's row.
 * @csspart status-line - What the last action did.
 */
export class SaysoAdminIdeas extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, styles];

  /** A client over an admin adapter. */
  @property({ attribute: false }) client?: SaysoClient | undefined;

  /** The list's filters, search and sort, as kept in the address. */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  @state() private dialog: Dialog | null = null;
  @state() private dialogError = '';
  @state() private tagChoices: Tag[] = [];
  @state() private viewError = '';

  #view: AdminIdeasView | undefined;
  readonly #state = new StoreController<AdminIdeasState>(this);
  readonly #boards = new StoreController<Board[]>(this);
  readonly #savedViews = new StoreController<SavedView[]>(this);
  /** The row a shift-click selects from. */
  #anchor: number | null = null;
  #searchTimer: ReturnType<typeof setTimeout> | undefined;

  @query('input[name="q"]') private search!: HTMLInputElement;
  @query('dialog') private dialogElement?: HTMLDialogElement;
  @query('[role="rowgroup"].body') private body?: HTMLElement;

  readonly #cursor = new RowCursorController(this, {
    count: () => this.#rows.length,
    open: (index) => this.#open(this.#rows[index]),
    rowAt: (index) => this.#rowAt(index),
  });

  readonly #shortcuts = new ShortcutsController(this, () => this.#screenShortcuts());

  get shortcuts(): readonly Shortcut[] {
    return this.#shortcuts.shortcuts;
  }

  get #rows(): AdminIdeaRow[] {
    return this.#state.store?.get().rows ?? [];
  }

  get #selected(): string[] {
    return this.#state.store?.get().selected ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client')) {
      this.#view = this.client ? this.client.view(createAdminIdeasView, {}) : undefined;
      this.#state.store = this.#view?.$state;
      this.#boards.store = this.#view?.$boards;
      this.#savedViews.store = this.#view?.$savedViews;
      void this.#view?.loadSavedViews().catch(() => undefined);
    }
    if ((changed.has('client') || changed.has('params')) && this.#view) void this.#view.load(ideasQueryFromParams(this.params));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#searchTimer);
  }

  #screenShortcuts(): Shortcut[] {
    const shortcuts: Shortcut[] = [
      { key: '/', label: 'Search the ideas', run: () => this.search?.focus() },
      ...this.#cursor.shortcuts(),
      { key: 'x', label: 'Select or unselect the active idea', run: () => this.#toggle(this.#cursor.index, false) },
      { key: 's', label: 'Change the status of the selected ideas (or the active one)', run: () => this.#openDialog('status') },
    ];
    if (this.#selected.length >= 2) shortcuts.push({ key: 'm', label: 'Merge the selected ideas', run: () => this.#openDialog('merge') });
    if (this.dialog) shortcuts.push({ key: 'Escape', label: 'Close the dialog', run: () => this.#closeDialog() });
    return shortcuts;
  }

  #rowAt(index: number): HTMLElement | null {
    const row = this.renderRoot.querySelector<HTMLElement>(`[role="row"][data-index="${index}"]`);
    if (!row) (this.body as VirtualizerHostElement | undefined)?.[virtualizerRef]?.element(index)?.scrollIntoView({ block: 'nearest' });
    return row;
  }

  #open(row: AdminIdeaRow | undefined): void {
    if (!row) return;
    const from = new URLSearchParams(this.params as Record<string, string>).toString();
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'idea', params: from ? { id: row.id, from } : { id: row.id } }));
  }

  /** Shows the list with other params: the console puts them in the address and gives them back. */
  #navigate(changes: Record<string, string | undefined>): void {
    const next: Record<string, string> = { ...this.params };
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || value === '') delete next[key];
      else next[key] = value;
    }
    this.params = next;
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'ideas', params: next }));
  }

  #sortBy(column: AdminIdeaColumn, first: 'asc' | 'desc'): void {
    const { sort } = ideasQueryFromParams(this.params);
    const direction = sort.column === column ? (sort.direction === 'asc' ? 'desc' : 'asc') : first;
    this.#navigate({ sort: `${column}:${direction}` });
  }

  #toggle(index: number, range: boolean): void {
    const row = this.#rows[index];
    if (!row || !this.#view) return;
    const selecting = !this.#selected.includes(row.id);
    if (range && this.#anchor !== null) {
      const [from, to] = [Math.min(this.#anchor, index), Math.max(this.#anchor, index)];
      this.#view.select(this.#rows.slice(from, to + 1).map((each) => each.id), selecting);
    } else {
      this.#view.select([row.id], selecting);
    }
    this.#anchor = index;
  }

  /** The ideas an action is about: the selected ones, else the active row's. */
  #targets(): AdminIdeaRow[] {
    const selected = this.#rows.filter((row) => this.#selected.includes(row.id));
    if (selected.length > 0) return selected;
    const active = this.#rows[this.#cursor.index];
    return active ? [active] : [];
  }

  async #openDialog(kind: Dialog): Promise<void> {
    if (kind !== 'save-view' && this.#targets().length === 0) return;
    this.dialog = kind;
    this.dialogError = '';
    if (kind === 'tag') this.tagChoices = (await this.#view?.tagsOf(this.#targets().map((row) => row.board)).catch(() => [])) ?? [];
    await this.updateComplete;
    if (!this.dialogElement?.open) this.dialogElement?.showModal();
  }

  #closeDialog(): void {
    this.dialogElement?.close();
  }

  async #submitDialog(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.target as HTMLFormElement);
    const ids = this.#targets().map((row) => row.id);
    const view = this.#view!;
    const choice = String(form.get('choice') ?? '');
    if (this.dialog === 'save-view') {
      try {
        await view.saveView(String(form.get('name') ?? ''), { ...this.params });
        this.#closeDialog();
      } catch (error) {
        this.dialogError = `Could not save the view: ${(error as Error).message}`;
      }
      return;
    }
    if (!choice) {
      this.dialogError = 'Choose one first.';
      return;
    }
    this.#closeDialog();
    if (this.dialog === 'status') await view.setStatus(ids, choice);
    else if (this.dialog === 'tag') await view.addTag(ids, choice);
    else if (this.dialog === 'merge') await view.merge(ids, choice);
  }

  #onSearch(event: InputEvent): void {
    const value = (event.target as HTMLInputElement).value;
    clearTimeout(this.#searchTimer);
    this.#searchTimer = setTimeout(() => this.#navigate({ q: value.trim() }), 300);
  }

  #applyView(viewId: string): void {
    const saved = this.#savedViews.store?.get().find((view) => view.id === viewId);
    if (!saved) return;
    this.params = { ...saved.params };
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'ideas', params: { ...saved.params } }));
  }

  async #deleteView(viewId: string): Promise<void> {
    this.viewError = '';
    try {
      await this.#view?.deleteView(viewId);
    } catch (error) {
      this.viewError = `Could not delete the view: ${(error as Error).message}`;
    }
  }

  override render() {
    const state = this.#state.store?.get();
    if (!state) return html`<p class="muted">Sign in to see the ideas.</p>`;
    return html`
      <h1 class="heading">Ideas</h1>
      ${this.#renderToolbar(state)} ${this.#renderViews()} ${this.#renderBulk(state)} ${this.#renderStatusLine(state)}
      ${this.#renderTable(state)} ${this.#renderDialog()}
    `;
  }

  #renderToolbar(state: AdminIdeasState): TemplateResult {
    const { query } = state;
    const boards = this.#boards.store?.get() ?? [];
    const statuses = [...new Map(boards.filter((b) => !query.board || b.slug === query.board).flatMap((b) => b.statuses).map((s) => [s.id, s])).values()];
    const select = (name: string, label: string, value: string | undefined, options: ReadonlyArray<readonly [string, string]>, any: string) => html`
      <label
        >${label}
        <select name=${name} .value=${live(value ?? '')} @change=${(e: Event) => this.#navigate({ [name]: (e.target as HTMLSelectElement).value })}>
          <option value="">${any}</option>
          ${options.map(([key, text]) => html`<option value=${key} ?selected=${key === value}>${text}</option>`)}
        </select>
      </label>
    `;
    const field = (name: string, label: string, type: string, value: string | undefined) => html`
      <label
        >${label}
        <input name=${name} type=${type} min=${type === 'number' ? '0' : nothing} .value=${live(value ?? '')} @change=${(e: Event) => this.#navigate({ [name]: (e.target as HTMLInputElement).value })} />
      </label>
    `;
    return html`
      <div class="toolbar" part="toolbar" role="search">
        <label
          >Search
          <input name="q" type="search" .value=${live(query.q ?? '')} @input=${this.#onSearch} placeholder="Words in the title or text" />
        </label>
        ${select('board', 'Board', query.board, boards.map((b) => [b.slug, b.name] as const), 'Every board')}
        ${select('status', 'Status', query.status, statuses.map((s) => [s.id, s.name] as const), 'Any status')}
        ${field('tag', 'Tag', 'text', query.tag)} ${select('source', 'Source', query.source, SOURCES, 'Any source')}
        ${select(
          'hasDuplicates',
          'Duplicates',
          query.hasDuplicates === undefined ? undefined : String(query.hasDuplicates),
          [['true', 'Has open duplicates'], ['false', 'No open duplicates']],
          'Either',
        )}
        ${field('minPeople', 'Min people', 'number', query.minPeople?.toString())}
        ${field('createdFrom', 'Created from', 'date', query.createdFrom)} ${field('createdTo', 'Created to', 'date', query.createdTo)}
      </div>
    `;
  }

  #renderViews(): TemplateResult {
    const views = this.#savedViews.store?.get() ?? [];
    return html`
      <div class="toolbar" part="views">
        <label
          >Saved views
          <select name="view" @change=${(e: Event) => this.#applyView((e.target as HTMLSelectElement).value)}>
            <option value="">Choose a view</option>
            ${views.map((view) => html`<option value=${view.id}>${view.name}</option>`)}
          </select>
        </label>
        <button type="button" @click=${() => this.#openDialog('save-view')}>Save view…</button>
        ${views.length > 0
          ? html`<details>
              <summary>Manage views</summary>
              <ul>
                ${views.map(
                  (view) => html`<li>${view.name} <button type="button" @click=${() => this.#deleteView(view.id)}>Delete “${view.name}”</button></li>`,
                )}
              </ul>
            </details>`
          : nothing}
        ${this.viewError ? html`<span class="error" role="alert">${this.viewError}</span>` : nothing}
      </div>
    `;
  }

  #renderBulk(state: AdminIdeasState): TemplateResult | typeof nothing {
    const count = state.selected.length;
    if (count === 0) return nothing;
    return html`
      <div class="bulk" part="bulk" role="toolbar" aria-label="Selected ideas">
        <span>${count === 1 ? '1 idea selected' : `${count} ideas selected`}</span>
        <button type="button" ?disabled=${state.working} @click=${() => this.#openDialog('status')}>Change status…</button>
        <button type="button" ?disabled=${state.working} @click=${() => this.#openDialog('tag')}>Add tag…</button>
        <button type="button" ?disabled=${state.working || count < 2} @click=${() => this.#openDialog('merge')}>Merge…</button>
        <button type="button" @click=${() => this.#view?.clearSelection()}>Clear selection</button>
      </div>
    `;
  }

  #renderStatusLine(state: AdminIdeasState): TemplateResult {
    const outcome = state.outcome;
    return html`
      <div class="status-line" part="status-line" role="status">
        ${state.working ? 'Working…' : nothing}
        ${outcome
          ? html`${outcome.message}
            ${outcome.failures.map((failure) => html`<span class="error">“${failure.title}” was not changed: ${failure.message}</span>`)}`
          : nothing}
      </div>
    `;
  }

  #renderTable(state: AdminIdeasState): TemplateResult {
    if (state.status === 'error' && state.rows.length === 0) {
      return html`<div class="error" role="alert">
        Could not load the ideas: ${state.error?.message}
        <button type="button" @click=${() => this.#view?.load(state.query)}>Try again</button>
      </div>`;
    }
    if (state.status === 'ready' && state.rows.length === 0) {
      const filtered = Object.keys(ideasQueryParams(state.query)).some((key) => key !== 'sort');
      return html`<p class="empty">
        ${filtered
          ? html`No ideas match these filters. <button type="button" @click=${() => this.#navigate(Object.fromEntries(Object.keys(this.params).filter((k) => k !== 'sort').map((k) => [k, undefined])))}>Clear filters</button>`
          : 'No ideas yet: they show here as people post them on any board.'}
      </p>`;
    }
    const boards = new Map((this.#boards.store?.get() ?? []).map((board) => [board.slug, board]));
    const active = this.#cursor.index;
    // Outside the grid: a grid holds rows only.
    const loadingFirst = state.status === 'loading' && state.rows.length === 0;
    return html`
      <div class="table-wrap">
        <div role="grid" class="grid" part="table" aria-label="Ideas" aria-rowcount=${state.nextCursor ? -1 : state.rows.length + 1} aria-busy=${state.status === 'loading' ? 'true' : 'false'}>
          <div role="rowgroup">
            <div role="row" class="row head" aria-rowindex="1">
              <span role="columnheader" class="check"><span class="visually-hidden">Selected</span></span>
              ${COLUMNS.map(({ column, label, first }) => {
                if (column === 'tags' || !first) return html`<span role="columnheader" class=${column}>${label}</span>`;
                const sorted = state.query.sort.column === column;
                const ariaSort = sorted ? (state.query.sort.direction === 'asc' ? 'ascending' : 'descending') : 'none';
                return html`<span role="columnheader" aria-sort=${ariaSort} class=${column}>
                  <button type="button" class="sort" @click=${() => this.#sortBy(column, first)}>
                    ${label}<span aria-hidden="true">${sorted ? (state.query.sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}</span>
                  </button>
                </span>`;
              })}
            </div>
          </div>
          ${loadingFirst
            ? nothing
            : html`<div
                role="rowgroup"
                class="body"
                @rangeChanged=${(event: Event & { last: number }) => {
                  if (event.last >= state.rows.length - 10) void this.#view?.loadMore();
                }}
              >
                ${virtualize({
                  items: state.rows,
                  keyFunction: (row: AdminIdeaRow) => row.id,
                  renderItem: (row: AdminIdeaRow, index: number) => this.#renderRow(row, index, index === active, boards),
                })}
              </div>`}
        </div>
        ${loadingFirst ? html`<p class="muted loading" role="status">Loading ideas…</p>` : nothing}
        ${state.nextCursor
          ? html`<button type="button" class="more" ?disabled=${state.loadingMore} @click=${() => this.#view?.loadMore()}>
              ${state.loadingMore ? 'Loading more…' : 'Load more ideas'}
            </button>`
          : nothing}
        ${state.status === 'error' && state.rows.length > 0
          ? html`<p class="error" role="alert">Could not load more ideas: ${state.error?.message}</p>`
          : nothing}
      </div>
    `;
  }

  #renderRow(row: AdminIdeaRow, index: number, active: boolean, boards: Map<string, Board>): TemplateResult {
    const board = boards.get(row.board);
    const status = board?.statuses.find((each) => each.id === row.status)?.name ?? row.status;
    const selected = this.#selected.includes(row.id);
    return html`
      <div
        role="row"
        part="row"
        class="row"
        data-index=${index}
        aria-rowindex=${index + 2}
        aria-selected=${active ? 'true' : 'false'}
        tabindex=${active ? 0 : -1}
        @focus=${() => active || this.#cursor.activate(index)}
        @dblclick=${() => this.#open(row)}
      >
        <span role="gridcell" class="check">
          <input
            type="checkbox"
            aria-label=${`Select “${row.title}”`}
            .checked=${live(selected)}
            @click=${(event: MouseEvent) => {
              event.preventDefault();
              this.#toggle(index, event.shiftKey);
            }}
          />
        </span>
        <span role="gridcell" class="title"><a href="#" @click=${(event: Event) => (event.preventDefault(), this.#open(row))}>${row.title}</a></span>
        <span role="gridcell" class="board">${board?.name ?? row.board}</span>
        <span role="gridcell"><span class="badge">${status}</span></span>
        <span role="gridcell" class="number">${row.peopleCount}</span>
        <span role="gridcell" class="number mrr">${money.format(row.mrr)}</span>
        <span role="gridcell" class="number priority">${score.format(row.priority)}</span>
        <span role="gridcell" class="number evidence">${row.evidenceCount}</span>
        <span role="gridcell" class="tags">${row.tags.map((tag) => html`<span class="badge">${tag.name}</span>`)}</span>
        <span role="gridcell"><time datetime=${row.lastActivityAt}>${day.format(new Date(row.lastActivityAt))}</time></span>
      </div>
    `;
  }

  #renderDialog(): TemplateResult {
    const targets = this.#targets();
    const boards = new Map((this.#boards.store?.get() ?? []).map((board) => [board.slug, board]));
    const title = { status: 'Change status', tag: 'Add a tag', merge: 'Merge ideas', 'save-view': 'Save this view' }[this.dialog ?? 'status'];
    const about = targets.length === 1 ? `“${targets[0]!.title}”` : `${targets.length} ideas`;
    let body: TemplateResult = html``;
    let submit = '';
    if (this.dialog === 'status') {
      const statuses = [...new Map(targets.flatMap((row) => boards.get(row.board)?.statuses ?? []).map((s) => [s.id, s])).values()];
      submit = 'Change status';
      body = html`<p>Move ${about} to:</p>
        <label>Status <select name="choice">${statuses.map((s) => html`<option value=${s.id}>${s.name}</option>`)}</select></label>`;
    } else if (this.dialog === 'tag') {
      submit = 'Add tag';
      body = this.tagChoices.length
        ? html`<p>Tag ${about} with:</p>
            <label>Tag <select name="choice">${this.tagChoices.map((tag) => html`<option value=${tag.slug}>${tag.name}</option>`)}</select></label>`
        : html`<p>These boards have no tags yet: create them in Settings.</p>`;
    } else if (this.dialog === 'merge') {
      const sameBoard = new Set(targets.map((row) => row.board)).size === 1;
      const keep = [...targets].sort((a, b) => b.peopleCount - a.peopleCount)[0];
      submit = 'Merge';
      body = sameBoard
        ? html`<fieldset>
            <legend>Keep this idea; the others are merged into it:</legend>
            ${targets.map(
              (row) => html`<label class="choice"
                ><input type="radio" name="choice" value=${row.id} ?checked=${row === keep} />${row.title}
                <span class="muted">(${row.peopleCount} people)</span></label
              >`,
            )}
          </fieldset>`
        : html`<p class="error">Only ideas of one board can be merged: select ideas of the same board.</p>`;
      if (!sameBoard) submit = '';
    } else if (this.dialog === 'save-view') {
      submit = 'Save view';
      body = html`<label>Name <input name="name" required maxlength="60" autocomplete="off" /></label>`;
    }
    return html`
      <dialog aria-labelledby="dialog-title" @close=${() => (this.dialog = null)}>
        <form @submit=${this.#submitDialog}>
          <h2 id="dialog-title">${title}</h2>
          ${body} ${this.dialogError ? html`<p class="error" role="alert">${this.dialogError}</p>` : nothing}
          <div class="actions">
            <button type="button" @click=${() => this.#closeDialog()}>Cancel</button>
            ${submit ? html`<button type="submit" class="primary">${submit}</button>` : nothing}
          </div>
        </form>
      </dialog>
    `;
  }
}
