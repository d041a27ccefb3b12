import {
  BACKLOG_CATEGORIES,
  BACKLOG_CATEGORY_NAMES,
  BACKLOG_LIMITS,
  BACKLOG_STATUSES,
  BACKLOG_STATUS_NAMES,
  backlogFiltersFromParams,
  backlogFiltersParams,
  checkBacklogItem,
  createAdminBacklogView,
  trackerIssueOf,
  type AdminBacklogItemState,
  type AdminBacklogListState,
  type AdminBacklogView,
  type BacklogCategory,
  type BacklogEvidence,
  type BacklogExportFormat,
  type BacklogItem,
  type BacklogItemFields,
  type BacklogPriorityTerm,
  type BacklogRisk,
  type BacklogStatus,
  type Outcome,
  type SaysoClient,
  type SaysoError,
} from '@sayso/core';
import { SaysoElement, StoreController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { BoardsController } from '../../controllers/boards.js';
import { RowCursorController } from '../../controllers/row-cursor.js';
import { ShortcutsController, leftField, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { SaysoAdminPickEvent } from '../../events/sayso-admin-pick.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { failureMessage } from '../../internal/failure.js';
import { sourceName } from '../../internal/feedback-source.js';
import { adminStyles } from '../../styles/admin.styles.js';
import { screenStyles } from '../../styles/screen.styles.js';
import { triageStyles } from '../../styles/triage.styles.js';
import '../sayso-admin-idea-picker/sayso-admin-idea-picker.js';
import styles from './sayso-admin-backlog.styles.js';

/** The address parameters of this screen: the board, the filters, and the open item. */
const PARAMS = ['board', 'category', 'status', 'vague', 'stale', 'q', 'item'] as const;
type Param = (typeof PARAMS)[number];

const RISKS: ReadonlyArray<{ risk: BacklogRisk; label: string }> = [
  { risk: 0, label: 'None' },
  { risk: 1, label: 'Low' },
  { risk: 2, label: 'Medium' },
  { risk: 3, label: 'High' },
];

const TERM_NAMES: Record<BacklogPriorityTerm['name'], string> = { people: 'People', mrr: 'MRR', risk: 'Risk', effort: 'Effort' };

const score = new Intl.NumberFormat('en', { maximumFractionDigits: 2 });
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/** How a feedback item is named in a button or a list: its title, else the start of its text. */
function feedbackLabel(feedback: { title: string | null; text: string }): string {
  if (feedback.title) return feedback.title;
  const text = feedback.text.replace(/\s+/g, ' ').trim();
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

const evidenceLabel = (evidence: BacklogEvidence) => (evidence.post ? evidence.post.title : evidence.feedback ? feedbackLabel(evidence.feedback) : '');

/** What an edit form holds, as the item's fields; `undefined` when a field is not in the form. */
function fieldsOf(form: HTMLFormElement): BacklogItemFields {
  const data = new FormData(form);
  const text = (name: string) => String(data.get(name) ?? '').trim();
  const fields: BacklogItemFields = { title: text('title'), category: text('category') as BacklogCategory };
  if (data.has('description')) fields.description = text('description');
  if (data.has('nextStep')) fields.nextStep = text('nextStep');
  if (data.has('estimate')) fields.estimate = text('estimate') === '' ? null : Number(text('estimate'));
  if (data.has('owner')) fields.owner = text('owner') || null;
  if (data.has('trackerUrls')) fields.trackerUrls = text('trackerUrls').split(/\s+/).filter(Boolean);
  if (data.has('status')) fields.status = text('status') as BacklogStatus;
  if (data.has('risk')) fields.risk = Number(text('risk')) as BacklogRisk;
  if (form.querySelector('[name="public"]')) fields.public = data.has('public');
  return fields;
}

/** Whether anything in the form differs from what it was rendered with (typed and not saved). */
function formChanged(form: HTMLFormElement | null | undefined): boolean {
  if (!form) return false;
  return [...form.elements].some((field) => {
    if (field instanceof HTMLInputElement && field.type === 'checkbox') return field.checked !== field.defaultChecked;
    if (field instanceof HTMLInputElement || field instanceof HTMLTextAreaElement) return field.value !== field.defaultValue;
    if (field instanceof HTMLSelectElement) return [...field.options].some((option) => option.selected !== option.defaultSelected);
    return false;
  });
}

/** Why a form's action failed, shown beside it; `conflict` when the item changed under it (offer Reload). */
interface FormError {
  message: string;
  conflict: boolean;
}

function formError(error: SaysoError, what: string): FormError {
  if (error.code === 'conflict') {
    return { conflict: true, message: `${error.message} Nothing was saved. Reload to see it as it is now: what you typed stays here, to save again.` };
  }
  if (error.code === 'invalid_input') return { conflict: false, message: `${what} was not saved: ${error.message}` };
  return { conflict: false, message: failureMessage(what, error) };
}

/**
 * @tag sayso-admin-backlog
 * @summary The engineering backlog of a board, ranked by what users suffer: each item's priority
 * comes from the people behind its evidence (ideas and feedback linked to it), their MRR, its
 * risk and its estimate. Open an item to edit it, see why it ranks where it does, link evidence
 * (suggested by the similarity engine, one click each, or an idea found by its words) and
 * follow its tracker issues. Items without a next step are flagged Vague; open items untouched
 * for long are flagged Stale.
 *
 * Keys: `/` search, `j`/`k` move, `Enter` opens the item, `n` new item, `Esc` closes the panel
 * (when nothing typed in it is unsaved). The filters (`category`, `status`, `vague`, `stale`,
 * `q`), the board and the open `item` are `params`, kept in the address.
 *
 * @csspart toolbar - The heading, the new item and export buttons.
 * @csspart filters - The filters and search.
 * @csspart status - What the last action did.
 * @csspart table - The ranked items.
 * @csspart create - The new item form.
 * @csspart panel - The open item.
 * @csspart trackers - The open item's tracker issues, as chips.
 * @csspart priority - Why the open item ranks where it does.
 * @csspart evidence - What backs the open item.
 * @csspart suggestions - Ideas and feedback that look related, to link.
 *
 * @event sayso-admin-navigate - Other filters, board or open item; or an idea of the evidence opened.
 */
export class SaysoAdminBacklog extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, screenStyles, triageStyles, styles];

  /** A client over an adapter with the `admin` part. */
  @property({ attribute: false }) client?: SaysoClient;

  /** `board` (default: the first), the filters `category`, `status`, `vague`, `stale`, `q`, and the open `item`. */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  /** The new item form is open. */
  @state() private creating = false;
  /** Said after an action. */
  @state() private said = '';
  /** Each form's failure, by form (`create`, `edit`, `evidence`, `export`). */
  @state() private errors: Record<string, FormError | undefined> = {};
  @state() private saving = '';

  #view: AdminBacklogView | undefined;
  /** The filters the list was last asked for, to ask again only when they change. */
  #loaded = '';
  readonly #list = new StoreController<AdminBacklogListState>(this);
  readonly #item = new StoreController<AdminBacklogItemState | null>(this);
  readonly #boards = new BoardsController(this, () => this.client);

  @query('#search') private search?: HTMLInputElement;
  @query('form[part="create"]') private createForm?: HTMLFormElement;
  @query('form.edit') private editForm?: HTMLFormElement;
  @query('#new-item') private newItemButton?: HTMLButtonElement;
  @query('#delete-dialog') private deleteDialog?: HTMLDialogElement;

  readonly #cursor = new RowCursorController(this, {
    count: () => this.#items.length,
    open: (index) => this.#openItem(this.#items[index]),
    rowAt: (index) => this.renderRoot.querySelector<HTMLElement>(`tbody tr:nth-child(${index + 1})`),
  });
  readonly #keys = new ShortcutsController(this, () => this.#shortcuts());

  get shortcuts(): readonly Shortcut[] {
    return this.#keys.shortcuts;
  }

  get #items(): BacklogItem[] {
    return this.#list.value?.items ?? [];
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    const board = this.#boards.slugFor(this.params);
    if (!this.client || !board) return;
    const view = this.client.view(createAdminBacklogView, { board });
    const filters = backlogFiltersFromParams(this.params);
    if (view !== this.#view) {
      this.#view = view;
      this.#list.store = view.$list;
      this.#item.store = view.$item;
      this.#loaded = '';
    }
    // Shown or filtered again: fetched again, as others work on the backlog too.
    if (JSON.stringify(filters) !== this.#loaded) {
      this.#loaded = JSON.stringify(filters);
      void view.load(filters);
    }
    const itemId = this.params['item'];
    if (itemId && view.$item.get()?.itemId !== itemId) void view.open(itemId);
    else if (!itemId && view.$item.get()) view.close();
    // Another item: the last one's failures mean nothing here.
    if (changed.has('params') && (changed.get('params')?.['item'] ?? '') !== (itemId ?? '')) {
      this.errors = {};
      if (itemId) this.creating = false;
    }
  }

  #shortcuts(): Shortcut[] {
    // The open dialog has the keys (Esc cancels it).
    if (this.deleteDialog?.open) return [];
    const shortcuts: Shortcut[] = [
      { key: '/', label: 'Search the backlog', run: () => this.search?.focus() },
      ...this.#cursor.shortcuts(),
      { key: 'n', label: 'New item', run: () => void this.#startCreating() },
    ];
    if (this.creating || this.params['item']) shortcuts.push({ key: 'Escape', label: 'Close the item (when nothing typed is unsaved)', run: (event) => this.#escape(event) });
    return shortcuts;
  }

  /** Esc in a field leaves the field; elsewhere it closes the panel, unless that would drop what was typed. */
  #escape(event: KeyboardEvent): void {
    if (leftField(event)) return;
    if (formChanged(this.creating ? this.createForm : this.editForm)) {
      this.said = 'Save or undo what you typed before closing.';
      return;
    }
    void this.#closePanel();
  }

  /** Shows the backlog with other params: the console puts them in the address and gives them back. */
  #navigate(changes: Partial<Record<Param, string>>): void {
    const next: Record<string, string> = {};
    for (const key of PARAMS) {
      const value = key in changes ? changes[key] : this.params[key];
      if (value) next[key] = value;
    }
    this.params = next;
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'backlog', params: next }));
  }

  #filter(name: Exclude<Param, 'board' | 'item'>, value: string): void {
    this.#navigate({ [name]: value });
  }

  #openItem(item: BacklogItem | undefined): void {
    if (!item) return;
    this.creating = false;
    this.#cursor.activate(this.#items.indexOf(item));
    this.#navigate({ item: item.id });
  }

  async #closePanel(): Promise<void> {
    this.creating = false;
    this.#navigate({ item: '' });
    await this.updateComplete;
    (this.renderRoot.querySelector<HTMLElement>('tbody tr[tabindex="0"]') ?? this.newItemButton)?.focus();
  }

  async #startCreating(): Promise<void> {
    if (this.params['item']) this.#navigate({ item: '' });
    this.creating = true;
    this.errors = { ...this.errors, create: undefined };
    await this.updateComplete;
    this.createForm?.querySelector<HTMLInputElement>('[name="title"]')?.focus();
  }

  /** Checks the fields as the backend will, so a mistake is said before any request; answers whether they are fine. */
  #checked(form: string, fields: Partial<BacklogItemFields>, partial: boolean): boolean {
    const problems = checkBacklogItem(fields, { partial });
    if (problems.length === 0) return true;
    this.errors = { ...this.errors, [form]: { conflict: false, message: problems.map((problem) => problem.message).join(' ') } };
    return false;
  }

  /** Runs a form's action; its failure is kept beside the form. Answers the action's success, `undefined` after a failure. */
  async #run<T>(form: string, what: string, action: () => Promise<Outcome<T>>): Promise<{ value: T } | undefined> {
    this.saving = form;
    this.errors = { ...this.errors, [form]: undefined };
    const result = await action();
    this.saving = '';
    if (result.ok) return result;
    this.errors = { ...this.errors, [form]: formError(result.error, what) };
    return undefined;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = fieldsOf(event.target as HTMLFormElement);
    if (!this.#checked('create', fields, false)) return;
    const item = (await this.#run('create', 'The new item', () => this.#view!.create(fields)))?.value;
    if (!item) return;
    this.creating = false;
    this.said = `Created “${item.title}”.`;
    this.#navigate({ item: item.id });
  }

  async #save(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const fields = fieldsOf(event.target as HTMLFormElement);
    if (!this.#checked('edit', fields, true)) return;
    const item = (await this.#run('edit', 'The item', () => this.#view!.update(fields)))?.value;
    if (item) this.said = `Saved “${item.title}”.`;
  }

  async #delete(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const title = this.#item.value?.item?.title;
    if (!(await this.#run('delete', 'Deleting the item', () => this.#view!.remove()))) return;
    this.deleteDialog?.close();
    this.said = `Deleted “${title}”.`;
    await this.#closePanel();
  }

  async #link(evidence: { postIds?: string[]; feedbackItemIds?: string[] }, label: string): Promise<void> {
    if (await this.#run('evidence', 'Linking', () => this.#view!.link(evidence))) this.said = `Linked “${label}”.`;
  }

  async #unlink(evidence: BacklogEvidence): Promise<void> {
    if (await this.#run('evidence', 'Removing the evidence', () => this.#view!.unlink(evidence.id))) this.said = `Removed “${evidenceLabel(evidence)}” from the evidence.`;
  }

  /** Fetches the item as it is now; fields being edited keep what was typed (only untouched ones follow). */
  async #reload(): Promise<void> {
    const itemId = this.params['item'];
    if (!itemId) return;
    await this.#view?.open(itemId);
    if (this.#item.value?.status === 'ready') this.errors = { ...this.errors, edit: undefined };
  }

  async #export(format: BacklogExportFormat): Promise<void> {
    const file = (await this.#run('export', `Exporting ${format.toUpperCase()}`, () => this.#view!.exportFile(format)))?.value;
    if (!file) return;
    const url = URL.createObjectURL(new Blob([file.body], { type: file.contentType }));
    const download = Object.assign(document.createElement('a'), { href: url, download: file.filename });
    download.click();
    // The browser has read the URL once the click's download started.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.said = `Exported ${file.filename}.`;
  }

  #error(form: string) {
    const error = this.errors[form];
    if (!error) return nothing;
    return html`<div class="error" role="alert" id="${form}-error">
      <p>${error.message}</p>
      ${error.conflict ? html`<button class="button" type="button" @click=${() => void this.#reload()}>Reload</button>` : nothing}
    </div>`;
  }

  override render() {
    if (this.#boards.error) return this.#boards.renderError();
    const list = this.#list.value;
    const open = this.creating || Boolean(this.params['item']);
    return html`
      <div part="toolbar" class="toolbar">
        <h1>Backlog</h1>
        ${this.#boards.boards.length > 1
          ? html`<label
              >Board
              <select @change=${(event: Event) => this.#navigate({ board: (event.target as HTMLSelectElement).value, item: '' })}>
                ${this.#boards.boards.map((board) => html`<option value=${board.slug} ?selected=${board.slug === this.#boards.slugFor(this.params)}>${board.name}</option>`)}
              </select>
            </label>`
          : nothing}
        <button class="button" type="button" ?disabled=${this.saving === 'export'} @click=${() => void this.#export('csv')}>Export CSV</button>
        <button class="button" type="button" ?disabled=${this.saving === 'export'} @click=${() => void this.#export('json')}>Export JSON</button>
        <button id="new-item" class="button primary" type="button" aria-keyshortcuts="n" @click=${() => void this.#startCreating()}>New item</button>
      </div>
      ${this.#renderFilters()}
      <div part="status" class="status" role="status">${this.said}</div>
      ${this.#error('export')}
      <div class="layout ${open ? 'with-panel' : ''}">
        ${this.#renderList(list)} ${this.creating ? this.#renderCreate() : this.params['item'] ? this.#renderPanel(this.#item.value) : nothing}
      </div>
    `;
  }

  // The category filter is "Kind of work", not "Category": the item forms' Category field keeps its label to itself.
  #renderFilters() {
    const filters = backlogFiltersFromParams(this.params);
    const select = (name: 'category' | 'status', value: string | undefined, every: string, options: ReadonlyArray<[string, string]>) =>
      html`<select @change=${(event: Event) => this.#filter(name, (event.target as HTMLSelectElement).value)}>
        <option value="" ?selected=${!value}>${every}</option>
        ${options.map(([id, label]) => html`<option value=${id} ?selected=${value === id}>${label}</option>`)}
      </select>`;
    return html`<form
      part="filters"
      class="toolbar"
      role="search"
      @submit=${(event: SubmitEvent) => {
        event.preventDefault();
        this.#filter('q', this.search?.value.trim() ?? '');
      }}
    >
      <label>Search <input id="search" type="search" .value=${filters.q ?? ''} placeholder="Words of a title or next step (Enter)" /></label>
      <label>Kind of work ${select('category', filters.category, 'Every kind', BACKLOG_CATEGORIES.map((id) => [id, BACKLOG_CATEGORY_NAMES[id]]))}</label>
      <label>Status ${select('status', filters.status, 'Every status', BACKLOG_STATUSES.map((id) => [id, BACKLOG_STATUS_NAMES[id]]))}</label>
      <label class="check"><input type="checkbox" .checked=${Boolean(filters.vague)} @change=${(event: Event) => this.#filter('vague', (event.target as HTMLInputElement).checked ? 'true' : '')} /> Vague only</label>
      <label class="check"><input type="checkbox" .checked=${Boolean(filters.stale)} @change=${(event: Event) => this.#filter('stale', (event.target as HTMLInputElement).checked ? 'true' : '')} /> Stale only</label>
    </form>`;
  }

  #renderList(list: AdminBacklogListState | undefined) {
    if (!list || list.status === 'idle' || (list.status === 'loading' && list.items.length === 0)) return html`<p class="muted" role="status">Loading the backlog…</p>`;
    if (list.status === 'error') {
      return html`<p class="error" role="alert">
        ${failureMessage('Loading the backlog', list.error!)}
        <button class="button" type="button" @click=${() => void this.#view?.load()}>Try again</button>
      </p>`;
    }
    if (list.items.length === 0) {
      return Object.keys(backlogFiltersParams(list.filters)).length > 0
        ? html`<p class="muted">No item matches these filters.</p>`
        : html`<p class="muted">The backlog is empty. Press <kbd>n</kbd> or “New item” to add the first piece of engineering work.</p>`;
    }
    const active = this.#cursor.index;
    return html`<div class="scroll">
      <table part="table" class="table" aria-label="Backlog items, highest priority first">
        <thead>
          <tr>
            <th scope="col">Rank</th>
            <th scope="col">Title</th>
            <th scope="col">Category</th>
            <th scope="col">Status</th>
            <th scope="col">People</th>
            <th scope="col">Priority</th>
            <th scope="col">Estimate</th>
            <th scope="col">Owner</th>
            <th scope="col">Flags</th>
          </tr>
        </thead>
        <tbody>
          ${list.items.map(
            (item, index) =>
              html`<tr
                tabindex=${index === active ? 0 : -1}
                aria-selected=${index === active ? 'true' : 'false'}
                aria-current=${item.id === this.params['item'] ? 'true' : nothing}
                @click=${() => this.#openItem(item)}
                @focus=${() => index !== this.#cursor.index && this.#cursor.activate(index)}
              >
                <td class="number">${list.ranks[item.id] ?? index + 1}</td>
                <td><span class="title">${item.title}</span></td>
                <td>${BACKLOG_CATEGORY_NAMES[item.category]}</td>
                <td><span class="badge">${BACKLOG_STATUS_NAMES[item.status]}</span></td>
                <td class="number">${item.demand.people}</td>
                <td class="number">${score.format(item.priority.score)}</td>
                <td class="number">${item.estimate ?? html`<span class="muted">—</span>`}</td>
                <td>${item.owner ?? html`<span class="muted">—</span>`}</td>
                <td>
                  ${item.vague ? html`<span class="badge flag" title="No next step written">Vague</span>` : nothing}
                  ${item.stale ? html`<span class="badge flag" title="Untouched for long: prune it or move it">Stale</span>` : nothing}
                </td>
              </tr>`,
          )}
        </tbody>
      </table>
    </div>`;
  }

  /** The fields of an item, filled from `item` (a new item: empty); `edit` adds what only an existing item has. */
  #renderFields(item: BacklogItem | null, prefix: string) {
    const id = (name: string) => `${prefix}-${name}`;
    return html`
      <label for=${id('title')}>Title</label>
      <input id=${id('title')} name="title" required maxlength=${BACKLOG_LIMITS.titleMax} autocomplete="off" .defaultValue=${item?.title ?? ''} />
      <label for=${id('category')}>Category</label>
      <select id=${id('category')} name="category">
        ${BACKLOG_CATEGORIES.map((category) => html`<option value=${category} ?selected=${(item?.category ?? 'tech_debt') === category}>${BACKLOG_CATEGORY_NAMES[category]}</option>`)}
      </select>
      ${item
        ? html`<label for=${id('status')}>Status</label>
            <select id=${id('status')} name="status" aria-describedby=${id('status-hint')}>
              ${BACKLOG_STATUSES.map((status) => html`<option value=${status} ?selected=${item.status === status}>${BACKLOG_STATUS_NAMES[status]}</option>`)}
            </select>
            <span id=${id('status-hint')} class="hint muted"
              >${item.doneAt ? 'Done: the people behind its evidence were told.' : `Done tells the ${plural(item.demand.people, 'person', 'people')} behind its evidence, once.`}</span
            >`
        : nothing}
      <label for=${id('description')}>Description</label>
      <textarea id=${id('description')} name="description" rows="3" maxlength=${BACKLOG_LIMITS.descriptionMax} .defaultValue=${item?.description ?? ''}></textarea>
      <label for=${id('next-step')}>Next step</label>
      <input id=${id('next-step')} name="nextStep" maxlength=${BACKLOG_LIMITS.nextStepMax} autocomplete="off" aria-describedby=${id('next-step-hint')} .defaultValue=${item?.nextStep ?? ''} />
      <span id=${id('next-step-hint')} class="hint muted">The concrete next thing to do; without one the item is flagged Vague.</span>
      <label for=${id('estimate')}>Estimate</label>
      <input id=${id('estimate')} name="estimate" type="number" min="0" step="any" inputmode="decimal" aria-describedby=${id('estimate-hint')} .defaultValue=${item?.estimate == null ? '' : String(item.estimate)} />
      <span id=${id('estimate-hint')} class="hint muted">Effort in points or days; empty when not estimated (counts as 1).</span>
      ${item
        ? html`<label for=${id('risk')}>Risk</label>
            <select id=${id('risk')} name="risk" aria-describedby=${id('risk-hint')}>
              ${RISKS.map(({ risk, label }) => html`<option value=${risk} ?selected=${item.risk === risk}>${label}</option>`)}
            </select>
            <span id=${id('risk-hint')} class="hint muted">Weighs in the priority of security and compliance items only.</span>`
        : nothing}
      <label for=${id('owner')}>Owner</label>
      <input id=${id('owner')} name="owner" maxlength=${BACKLOG_LIMITS.ownerMax} autocomplete="off" .defaultValue=${item?.owner ?? ''} />
      <label for=${id('trackers')}>Tracker links</label>
      <textarea id=${id('trackers')} name="trackerUrls" rows="2" aria-describedby=${id('trackers-hint')} .defaultValue=${item?.trackerUrls.join('\n') ?? ''}></textarea>
      <span id=${id('trackers-hint')} class="hint muted">GitHub, GitLab, Jira or Linear issue URLs, one a line. A linked GitHub issue closing moves the item to done.</span>
      ${item
        ? html`<label class="check"><input name="public" type="checkbox" .defaultChecked=${item.public} /> Show on the public roadmap</label>`
        : nothing}
    `;
  }

  #renderCreate() {
    return html`<form part="create" class="panel" aria-labelledby="create-heading" @submit=${this.#create}>
      <h2 id="create-heading">New item</h2>
      ${this.#renderFields(null, 'new')} ${this.#error('create')}
      <div class="actions">
        <button class="button primary" type="submit" ?disabled=${this.saving === 'create'}>Create</button>
        <button class="button" type="button" @click=${() => void this.#closePanel()}>Cancel</button>
      </div>
    </form>`;
  }

  #renderPanel(state: AdminBacklogItemState | null | undefined) {
    const item = state?.item;
    const close = html`<button class="button" type="button" @click=${() => void this.#closePanel()}>Close</button>`;
    if (!item) {
      return html`<section part="panel" class="panel" aria-label="Item">
        ${state?.status === 'error'
          ? html`<p class="error" role="alert">${failureMessage('Loading the item', state.error!)}</p>
              <div class="actions"><button class="button" type="button" @click=${() => void this.#reload()}>Try again</button>${close}</div>`
          : html`<p class="muted" role="status">Loading the item…</p>`}
      </section>`;
    }
    return html`<section part="panel" class="panel" aria-labelledby="item-heading">
      <header class="panel-header">
        <h2 id="item-heading">${item.title}</h2>
        ${close}
      </header>
      ${state.status === 'error' ? html`<p class="error" role="alert">Refreshing failed (${state.error?.message}); this is the item as it was shown.</p>` : nothing}
      ${this.#renderTrackers(item)} ${this.#renderPriority(item)} ${this.#renderEvidence(state)} ${this.#renderSuggestions(state)}
      ${keyed(
        item.id,
        html`<form class="edit" aria-labelledby="edit-heading" @submit=${this.#save}>
          <h3 id="edit-heading">Details</h3>
          ${this.#renderFields(item, 'edit')} ${this.#error('edit')}
          <div class="actions">
            <button class="button primary" type="submit" ?disabled=${this.saving === 'edit'}>Save changes</button>
            <button class="button" type="button" @click=${() => this.deleteDialog?.showModal()}>Delete item…</button>
          </div>
        </form>`,
      )}
      <dialog id="delete-dialog" aria-labelledby="delete-heading">
        <form method="dialog" @submit=${this.#delete}>
          <h2 id="delete-heading">Delete “${item.title}”?</h2>
          <p>Its evidence links go with it; the ideas and feedback stay. To keep it on record, move it to Dropped instead.</p>
          ${this.#error('delete')}
          <div class="actions">
            <button class="button primary" type="submit" ?disabled=${this.saving === 'delete'}>Delete</button>
            <button class="button" type="button" @click=${() => this.deleteDialog?.close()}>Cancel</button>
          </div>
        </form>
      </dialog>
    </section>`;
  }

  #renderTrackers(item: BacklogItem) {
    if (item.trackerUrls.length === 0) return nothing;
    return html`<ul part="trackers" class="chips" aria-label="Tracker issues">
      ${item.trackerUrls.map((url) => {
        const issue = trackerIssueOf(url);
        return html`<li><a class="chip" href=${url} target="_blank" rel="noopener noreferrer">${issue?.label ?? url}</a></li>`;
      })}
    </ul>`;
  }

  #renderPriority(item: BacklogItem) {
    const { priority, demand } = item;
    const term = (name: BacklogPriorityTerm['name']) => priority.terms.find((candidate) => candidate.name === name);
    const effort = term('effort');
    return html`<section part="priority" aria-labelledby="priority-heading">
      <h3 id="priority-heading">Why it ranks here</h3>
      <p>
        Priority <strong>${score.format(priority.score)}</strong>:
        ${demand.people === 0
          ? 'nobody is behind it yet (no evidence linked).'
          : html`${plural(demand.people, 'person', 'people')} behind ${plural(demand.ideas, 'idea')} and ${plural(demand.feedback, 'piece', 'pieces')} of
              feedback${demand.customers.mrr ? html`, MRR ${demand.customers.mrr}` : nothing}.`}
      </p>
      <p class="formula"><code>${priority.formula}</code></p>
      <ul class="plain">
        ${priority.terms
          .filter((each) => each.name !== 'effort')
          .map(
            (each) =>
              html`<li>
                ${TERM_NAMES[each.name]}: ${score.format(each.value)} × ${each.weight} = ${score.format(each.contribution)}
                ${each.name === 'risk' && item.category !== 'security_compliance' ? html`<span class="muted">(counts for security and compliance only)</span>` : nothing}
              </li>`,
          )}
        ${effort
          ? html`<li>÷ ${TERM_NAMES.effort}: ${score.format(effort.value)} ${item.estimate === null ? html`<span class="muted">(not estimated: counts as 1)</span>` : nothing}</li>`
          : nothing}
      </ul>
    </section>`;
  }

  #renderEvidence(state: AdminBacklogItemState) {
    const busy = this.saving === 'evidence';
    return html`<section part="evidence" aria-labelledby="evidence-heading">
      <h3 id="evidence-heading">Evidence</h3>
      ${this.#error('evidence')}
      ${state.evidence.length
        ? html`<ul class="items">
            ${state.evidence.map(
              (evidence) =>
                html`<li>
                  ${evidence.post
                    ? html`<span class="badge">Idea</span>
                        <button class="link-button" type="button" @click=${() => this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'idea', params: { id: evidence.post!.id } }))}>
                          ${evidence.post.title}
                        </button>
                        <span class="muted">${plural(evidence.post.people, 'person', 'people')}</span>`
                    : evidence.feedback
                      ? html`<span class="badge">${sourceName(evidence.feedback.source)}</span> ${feedbackLabel(evidence.feedback)}
                          <span class="muted">${evidence.feedback.authorName ?? evidence.feedback.authorEmail ?? 'Someone'}${evidence.feedback.authorCompany ? ` (${evidence.feedback.authorCompany})` : ''}</span>`
                      : nothing}
                  <button class="button" type="button" ?disabled=${busy} aria-label="Remove “${evidenceLabel(evidence)}” from the evidence" @click=${() => void this.#unlink(evidence)}>
                    Remove
                  </button>
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">No evidence yet: link the ideas and feedback of the people this work would help.</p>`}
      <sayso-admin-idea-picker
        label="Link an idea"
        ?disabled=${busy}
        .search=${this.#view!.searchIdeas}
        .exclude=${state.evidence.flatMap((evidence) => (evidence.post ? [evidence.post.id] : []))}
        @sayso-admin-pick=${(event: SaysoAdminPickEvent) => void this.#link({ postIds: [event.detail.id] }, event.detail.title)}
      ></sayso-admin-idea-picker>
    </section>`;
  }

  #renderSuggestions(state: AdminBacklogItemState) {
    const { suggestions, suggestionsError } = state;
    const busy = this.saving === 'evidence';
    let content;
    if (suggestionsError) content = html`<p class="error">${failureMessage('Finding related ideas and feedback', suggestionsError)}</p>`;
    else if (!suggestions) content = html`<p class="muted">Looking for related ideas and feedback…</p>`;
    else if (suggestions.ideas.length + suggestions.feedback.length === 0) content = html`<p class="muted">Nothing else looks related.</p>`;
    else {
      content = html`<ul class="items">
        ${suggestions.ideas.map(
          (idea) =>
            html`<li>
              <button class="button" type="button" ?disabled=${busy} @click=${() => void this.#link({ postIds: [idea.id] }, idea.title)}>Link “${idea.title}”</button>
              <span class="muted">idea, ${plural(idea.people, 'person', 'people')}, ${Math.round(idea.score * 100)} % alike</span>
            </li>`,
        )}
        ${suggestions.feedback.map(
          (feedback) =>
            html`<li>
              <button class="button" type="button" ?disabled=${busy} @click=${() => void this.#link({ feedbackItemIds: [feedback.id] }, feedbackLabel(feedback))}>
                Link “${feedbackLabel(feedback)}”
              </button>
              <span class="muted">${sourceName(feedback.source)}, ${Math.round(feedback.score * 100)} % alike</span>
            </li>`,
        )}
      </ul>`;
    }
    return html`<section part="suggestions" aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading">Suggestions</h3>
      ${content}
    </section>`;
  }
}
