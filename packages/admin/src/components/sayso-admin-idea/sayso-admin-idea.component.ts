import {
  REQUEST_IMPORTANCES,
  createAdminIdeaView,
  toSaysoError,
  type AdminIdeaState,
  type AdminIdeaView,
  type NewCustomerRequest,
  type NotificationAudience,
  type PostHistoryEntry,
  type RequestImportance,
  type SaysoClient,
} from '@sayso/core';
import { SaysoElement, StoreController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { ShortcutsController, leftField, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { demandChart } from '../../internal/demand-chart.js';
import { CHANNEL_NAMES, audienceSummary } from '../../internal/audience.js';
import { adminStyles } from '../../styles/admin.styles.js';
import styles from './sayso-admin-idea.styles.js';

/** What the history says each event was. */
const EVENT_LABELS: Record<string, string> = {
  'post.created': 'Created',
  'post.edited': 'Edited',
  'post.status_changed': 'Status changed',
  'post.merged': 'Merged',
  'post.unmerged': 'Unmerged',
  'post.priority_changed': 'Priority inputs changed',
  'customer_request.added': 'Request added',
};

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

const dateTime = (iso: string) => new Date(iso).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short' });

/** The merged idea a merge entry of the history names, as `{ id, title }`. */
function mergedIdeaOf(entry: PostHistoryEntry): { id: string; title: string } | null {
  const duplicate = entry.details['duplicate'];
  if (typeof duplicate !== 'object' || duplicate === null) return null;
  const { id, title } = duplicate as Record<string, unknown>;
  return typeof id === 'string' ? { id, title: typeof title === 'string' ? title : id } : null;
}

/** The merges of the history still in force: a merge not undone by a later unmerge of the same idea. */
function mergesInForce(history: readonly PostHistoryEntry[]): Set<PostHistoryEntry> {
  const inForce = new Map<string, PostHistoryEntry>();
  for (const entry of history) {
    const merged = mergedIdeaOf(entry);
    if (!merged) continue;
    if (entry.type === 'post.merged') inForce.set(merged.id, entry);
    else if (entry.type === 'post.unmerged') inForce.delete(merged.id);
  }
  return new Set(inForce.values());
}

/** Why an edit failed, shown beside its form; `conflict` when the idea changed under it (offer Reload). */
interface FormError {
  message: string;
  conflict: boolean;
}

/** A form's error from whatever its edit rejected with. */
function failureOf(error: unknown, what: string): FormError {
  const failure = toSaysoError(error);
  if (failure.code === 'conflict') {
    return { conflict: true, message: `${failure.message} Nothing was saved. Reload to see it as it is now: what you typed stays here, to save again.` };
  }
  if (failure.code === 'invalid_input') return { conflict: false, message: `${what} was not saved: ${failure.message}` };
  return { conflict: false, message: `${what} was not saved (${failure.message}). Check the connection and try again.` };
}

const formValues = (form: HTMLFormElement) => Object.fromEntries([...new FormData(form)].map(([name, value]) => [name, String(value).trim()]));

/**
 * @tag sayso-admin-idea
 * @summary Everything about one idea for the team: its text, status (telling who will hear
 * before it changes), impact and effort, demand and why it ranks where it does, the
 * conversation (reply as the team, or keep internal notes only admins see), the requests
 * recorded for customers, its evidence and its history (with Unmerge).
 *
 * A console screen (`params.id` is the idea; `params.from` the ideas list's parameters, to go
 * back to on Esc). Every edit keeps what was typed in its field, with the reason beside it, when
 * it fails.
 *
 * @csspart header - The title bar with the way back.
 * @csspart text - The title and description form.
 * @csspart status - The status and its change button.
 * @csspart priority - Impact, effort and the priority explanation.
 * @csspart demand - Who wants the idea, and from where.
 * @csspart comments - The conversation, with the team's replies and internal notes, and the form to add one.
 * @csspart requests - The requests recorded on behalf of customers.
 * @csspart evidence - The feedback items backing the idea.
 * @csspart history - What happened to the idea, and who did it.
 * @csspart status-dialog - The status change dialog.
 *
 * @event sayso-admin-navigate - To go back to the ideas list.
 */
export class SaysoAdminIdea extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, styles];

  @property({ attribute: false }) client?: SaysoClient | undefined;

  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  /** Each form's failure, by form name, shown beside it. */
  @state() private errors: Record<string, FormError | undefined> = {};
  /** The status picked in the change dialog, and who it would tell. */
  @state() private pickedStatus = '';
  @state() private audience: NotificationAudience | 'loading' | null = null;
  @state() private saving = '';

  #view: AdminIdeaView | undefined;
  readonly #state = new StoreController<AdminIdeaState>(this);
  readonly #shortcuts = new ShortcutsController(this, () => this.#screenShortcuts());

  @query('dialog') private statusDialog!: HTMLDialogElement;

  get shortcuts(): readonly Shortcut[] {
    return this.#shortcuts.shortcuts;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('client') || changed.has('params')) && this.client && this.params['id']) {
      const view = this.client.view(createAdminIdeaView, { postId: this.params['id'] });
      if (view !== this.#view) {
        this.#view = view;
        this.#state.store = view.$state;
        this.errors = {};
        void view.load();
      }
    }
  }

  #screenShortcuts(): Shortcut[] {
    if (this.statusDialog?.open) return [];
    const shortcuts: Shortcut[] = [{ key: 'Escape', label: 'Back to the ideas', run: (event) => this.#escape(event) }];
    if (this.#state.value?.post) shortcuts.push({ key: 's', label: 'Change the status', run: () => void this.openStatusDialog() });
    return shortcuts;
  }

  /** Esc in a field leaves the field (what was typed stays); anywhere else it goes back to the list. */
  #escape(event: KeyboardEvent): void {
    if (!leftField(event)) this.back();
  }

  /** Goes back to the ideas list as it was (`params.from`). */
  back(): void {
    const from = Object.fromEntries(new URLSearchParams(this.params['from'] ?? ''));
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'ideas', params: from }));
  }

  /** Opens the status change, with who the first other status would tell. */
  async openStatusDialog(): Promise<void> {
    const { post, board } = this.#state.value ?? {};
    if (!post || !board) return;
    await this.updateComplete;
    this.errors = { ...this.errors, status: undefined };
    this.statusDialog.showModal();
    const first = board.statuses.find((status) => status.id !== post.status) ?? board.statuses[0];
    if (first) await this.#preview(first.id);
  }

  async #preview(status: string): Promise<void> {
    this.pickedStatus = status;
    this.audience = 'loading';
    try {
      const audience = await this.#view!.previewStatus(status);
      if (this.pickedStatus === status) this.audience = audience;
    } catch (error) {
      this.audience = null;
      const message = `Could not tell who would hear of it (${toSaysoError(error).message}); you can still change the status.`;
      this.errors = { ...this.errors, status: { message, conflict: false } };
    }
  }

  async #run(form: string, what: string, edit: () => Promise<void>): Promise<boolean> {
    this.saving = form;
    this.errors = { ...this.errors, [form]: undefined };
    try {
      await edit();
      return true;
    } catch (error) {
      this.errors = { ...this.errors, [form]: failureOf(error, what) };
      return false;
    } finally {
      this.saving = '';
    }
  }

  async #saveText(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { title, body } = formValues(event.target as HTMLFormElement);
    await this.#run('text', 'The text', () => this.#view!.edit({ title: title ?? '', body: body ?? '' }));
  }

  async #changeStatus(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { note } = formValues(event.target as HTMLFormElement);
    if (await this.#run('status', 'The status', () => this.#view!.setStatus(this.pickedStatus, note))) this.statusDialog.close();
  }

  async #savePriority(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { impact, effort } = formValues(event.target as HTMLFormElement);
    await this.#run('priority', 'Impact and effort', () => this.#view!.setPriorityInputs({ impact: Number(impact), effort: Number(effort) }));
  }

  async #addRequest(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = formValues(form);
    const request: NewCustomerRequest = { importance: values['importance'] as RequestImportance };
    for (const field of ['name', 'email', 'company', 'note'] as const) if (values[field]) request[field] = values[field];
    if (await this.#run('request', 'The request', () => this.#view!.addRequest(request))) form.reset();
  }

  async #comment(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const internal = (event.submitter as HTMLButtonElement | null)?.value === 'internal';
    const { body } = formValues(form);
    if (await this.#run('comment', internal ? 'The note' : 'The reply', () => this.#view!.comment(body ?? '', internal))) form.reset();
  }

  async #unmerge(postId: string): Promise<void> {
    await this.#run('history', 'The unmerge', () => this.#view!.unmerge(postId));
  }

  /** Fetches the idea as it is now; fields being edited keep what was typed (only untouched ones follow). */
  async #reload(form: string): Promise<void> {
    await this.#view?.load();
    if (this.#state.value?.status === 'ready') this.errors = { ...this.errors, [form]: undefined };
  }

  #error(form: string) {
    const error = this.errors[form];
    if (!error) return nothing;
    return html`<div class="error" role="alert" id="${form}-error">
      <p>${error.message}</p>
      ${error.conflict ? html`<button class="button" type="button" @click=${() => void this.#reload(form)}>Reload</button>` : nothing}
    </div>`;
  }

  override render() {
    const current = this.#state.value;
    if (!this.params['id']) return html`<p class="muted">No idea is open. Pick one from the ideas list.</p>`;
    if (!current?.post) {
      if (current?.status === 'error') {
        return html`${this.#header('Idea')}
          <p class="error" role="alert">This idea could not be loaded (${current.error?.message}).</p>
          <button class="button" type="button" @click=${() => void this.#view?.load()}>Try again</button>`;
      }
      return html`${this.#header('Idea')}<p class="muted" role="status">Loading the idea…</p>`;
    }
    const { post } = current;
    return html`
      ${this.#header(post.title)}
      ${current.status === 'error' ? html`<p class="error" role="alert">Refreshing failed (${current.error?.message}); this is what was shown before.</p>` : nothing}
      ${post.mergedInto ? html`<p class="muted">Merged into “${post.mergedInto.title}”.</p>` : nothing}
      <div class="columns">
        <div class="column">
          ${this.#renderText(current)} ${this.#renderComments(current)} ${this.#renderRequests(current)} ${this.#renderEvidence(current)} ${this.#renderHistory(current)}
        </div>
        <div class="column side">${this.#renderStatus(current)} ${this.#renderDemand(current)} ${this.#renderPriority(current)}</div>
      </div>
      ${this.#renderStatusDialog(current)}
    `;
  }

  #header(title: string) {
    return html`<header part="header" class="toolbar">
      <button class="button" type="button" @click=${this.back}>← Back to ideas</button>
      <h1>${title}</h1>
    </header>`;
  }

  #renderText({ post }: AdminIdeaState) {
    return html`<section part="text" aria-labelledby="text-heading">
      <h2 id="text-heading">Text</h2>
      <form class="stack" @submit=${this.#saveText}>
        <label>Title <input name="title" required maxlength="200" .defaultValue=${post!.title} aria-describedby="text-error" /></label>
        <label>Description <textarea name="body" rows="6" .defaultValue=${post!.body} aria-describedby="text-error"></textarea></label>
        ${this.#error('text')}
        <div><button class="button primary" type="submit" ?disabled=${this.saving === 'text'}>Save text</button></div>
      </form>
    </section>`;
  }

  #renderStatus({ post, board }: AdminIdeaState) {
    const status = board?.statuses.find((candidate) => candidate.id === post!.status);
    return html`<section part="status" aria-labelledby="status-heading">
      <h2 id="status-heading">Status</h2>
      <p><span class="badge">${status?.name ?? post!.status}</span></p>
      <button class="button" type="button" aria-keyshortcuts="s" @click=${() => void this.openStatusDialog()}>Change status…</button>
    </section>`;
  }

  #renderStatusDialog({ post, board }: AdminIdeaState) {
    const audience = this.audience;
    return html`<dialog part="status-dialog" aria-labelledby="status-dialog-title" @close=${() => (this.audience = null)}>
      <h2 id="status-dialog-title">Change status</h2>
      <form class="stack" @submit=${this.#changeStatus}>
        <label
          >New status
          <select name="status" .value=${this.pickedStatus} @change=${(event: Event) => void this.#preview((event.target as HTMLSelectElement).value)}>
            ${board?.statuses.map(
              (status) => html`<option value=${status.id} ?selected=${status.id === this.pickedStatus} ?disabled=${status.id === post!.status}>${status.name}</option>`,
            )}
          </select>
        </label>
        <div role="status" class="audience">
          ${audience === 'loading'
            ? html`<p class="muted">Finding who would be told…</p>`
            : audience
              ? html`<p>${audienceSummary(audience)}</p>
                  ${audience.people.length
                    ? html`<ul class="people">
                        ${audience.people.map(
                          (member) =>
                            html`<li>${member.person.name ?? member.person.email ?? 'Someone anonymous'} <span class="muted">(${member.channels.map((channel) => CHANNEL_NAMES[channel]).join(', ')})</span></li>`,
                        )}
                      </ul>`
                    : nothing}`
              : nothing}
        </div>
        <label>Note for the history (optional) <textarea name="note" rows="2"></textarea></label>
        ${this.#error('status')}
        <div class="toolbar">
          <button class="button primary" type="submit" ?disabled=${this.saving === 'status' || !this.pickedStatus}>Change status</button>
          <button class="button" type="button" @click=${() => this.statusDialog.close()}>Cancel</button>
        </div>
      </form>
    </dialog>`;
  }

  #renderDemand({ demand, growth }: AdminIdeaState) {
    if (!demand) return nothing;
    const { people, customers } = demand;
    return html`<section part="demand" aria-labelledby="demand-heading">
      <h2 id="demand-heading">Demand</h2>
      <p><strong>${plural(people.total, 'person', 'people')}</strong> want this.</p>
      ${growth ? demandChart(growth.days) : nothing}
      <ul class="plain">
        <li>${people.direct} on this idea (votes and requests)</li>
        <li>${people.viaMerged} through merged ideas${people.inBoth ? html` (${people.inBoth} in both)` : nothing}</li>
        ${demand.evidence.map((source) => html`<li>${plural(source.people, 'person', 'people')} via ${source.source} (${plural(source.items, 'item')})</li>`)}
      </ul>
      ${demand.merged.length
        ? html`<h3>Merged into this idea</h3>
            <ul class="plain">
              ${demand.merged.map((merged) => html`<li>${merged.title} <span class="muted">(${plural(merged.people, 'person', 'people')})</span></li>`)}
            </ul>`
        : nothing}
      ${customers?.companies.length
        ? html`<h3>Companies (MRR ${customers.mrr})</h3>
            <ul class="plain">
              ${customers.companies.map((company) => html`<li>${company.name}: MRR ${company.mrr}, ${plural(company.people, 'person', 'people')}</li>`)}
            </ul>`
        : nothing}
    </section>`;
  }

  #renderPriority({ demand }: AdminIdeaState) {
    const priority = demand?.priority;
    if (!priority) return nothing;
    const term = (name: string) => priority.terms.find((candidate) => candidate.name === name);
    return html`<section part="priority" aria-labelledby="priority-heading">
      <h2 id="priority-heading">Priority</h2>
      <p>Score <strong>${priority.score.toFixed(2)}</strong></p>
      <details open>
        <summary>Why it ranks here</summary>
        <p class="formula"><code>${priority.formula}</code></p>
        <ul class="plain">
          ${priority.terms.map(
            (item) =>
              html`<li>${item.name}: ${item.value}${item.weight === null ? nothing : html` × weight ${item.weight}`} → ${Number(item.contribution.toFixed(2))}</li>`,
          )}
        </ul>
      </details>
      <form class="toolbar" @submit=${this.#savePriority}>
        <label>Impact <input name="impact" type="number" min="0" step="any" required .defaultValue=${String(term('impact')?.value ?? 1)} aria-describedby="priority-error" /></label>
        <label>Effort <input name="effort" type="number" min="0" step="any" required .defaultValue=${String(term('effort')?.value ?? 1)} aria-describedby="priority-error" /></label>
        <button class="button" type="submit" ?disabled=${this.saving === 'priority'}>Save priority</button>
      </form>
      ${this.#error('priority')}
    </section>`;
  }

  #renderRequests({ demand }: AdminIdeaState) {
    const requests = demand?.requests ?? [];
    return html`<section part="requests" aria-labelledby="requests-heading">
      <h2 id="requests-heading">Requests on behalf of customers</h2>
      ${requests.length
        ? html`<table class="table">
            <thead>
              <tr><th scope="col">Who</th><th scope="col">Company</th><th scope="col">Importance</th><th scope="col">Added by</th><th scope="col">When</th></tr>
            </thead>
            <tbody>
              ${requests.map(
                (request) =>
                  html`<tr>
                    <td>${request.person.name ?? request.person.email}${request.note ? html`<div class="muted">${request.note}</div>` : nothing}</td>
                    <td>${request.company ?? '—'}</td>
                    <td>${request.importance}</td>
                    <td>${request.addedBy.name ?? 'An admin'}</td>
                    <td>${dateTime(request.createdAt)}</td>
                  </tr>`,
              )}
            </tbody>
          </table>`
        : html`<p class="muted">No requests recorded yet.</p>`}
      <form class="toolbar" aria-label="Add a request" @submit=${this.#addRequest}>
        <label>Name <input name="name" autocomplete="off" /></label>
        <label>Email <input name="email" type="email" autocomplete="off" /></label>
        <label>Company <input name="company" autocomplete="off" /></label>
        <label
          >Importance
          <select name="importance">
            ${REQUEST_IMPORTANCES.map((importance) => html`<option value=${importance} ?selected=${importance === 'important'}>${importance}</option>`)}
          </select>
        </label>
        <label>Note <input name="note" autocomplete="off" /></label>
        <button class="button" type="submit" ?disabled=${this.saving === 'request'}>Add request</button>
      </form>
      ${this.#error('request')}
    </section>`;
  }

  #renderComments({ comments }: AdminIdeaState) {
    return html`<section part="comments" aria-labelledby="comments-heading">
      <h2 id="comments-heading">Comments and notes</h2>
      ${comments.length
        ? html`<ol class="items">
            ${comments.map(
              (comment) =>
                html`<li class=${comment.internal ? 'note' : ''}>
                  <div class="muted">
                    ${comment.internal ? html`<span class="badge">Internal note</span>` : comment.team ? html`<span class="badge">From the team</span>` : nothing}
                    ${comment.author.name ?? 'Someone anonymous'}, ${dateTime(comment.createdAt)}${comment.mergedFrom ? ` · from “${comment.mergedFrom.title}”` : ''}
                  </div>
                  <p>${comment.body}</p>
                </li>`,
            )}
          </ol>`
        : html`<p class="muted">No comments yet.</p>`}
      <form class="stack" @submit=${this.#comment}>
        <label>Comment <textarea name="body" rows="3" required aria-describedby="comment-error"></textarea></label>
        ${this.#error('comment')}
        <div class="toolbar">
          <button class="button primary" type="submit" value="reply" ?disabled=${this.saving === 'comment'}>Reply as the team</button>
          <button class="button" type="submit" value="internal" ?disabled=${this.saving === 'comment'}>Add internal note</button>
        </div>
        <p class="muted">An internal note is seen by admins only and tells nobody.</p>
      </form>
    </section>`;
  }

  #renderEvidence({ evidence }: AdminIdeaState) {
    return html`<section part="evidence" aria-labelledby="evidence-heading">
      <h2 id="evidence-heading">Evidence</h2>
      ${evidence.length
        ? html`<ul class="items">
            ${evidence.map(
              (item) =>
                html`<li>
                  <div class="muted">
                    <span class="badge">${item.source}</span> ${item.author.name ?? item.author.email ?? 'Someone'}${item.author.company ? ` (${item.author.company})` : ''},
                    ${dateTime(item.receivedAt)}${item.public ? ' · public' : ''}
                  </div>
                  ${item.title ? html`<strong>${item.title}</strong>` : nothing}
                  <p>${item.text}</p>
                  ${item.link ? html`<a href=${item.link} target="_blank" rel="noopener noreferrer">Open at the source</a>` : nothing}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">No feedback is linked to this idea yet.</p>`}
    </section>`;
  }

  #renderHistory({ history }: AdminIdeaState) {
    const undoable = mergesInForce(history);
    return html`<section part="history" aria-labelledby="history-heading">
      <h2 id="history-heading">History</h2>
      ${this.#error('history')}
      <ol class="items">
        ${history.map((entry) => {
          const merged = mergedIdeaOf(entry);
          return html`<li>
            <strong>${EVENT_LABELS[entry.type] ?? entry.type}</strong>
            ${merged ? html`“${merged.title}”` : nothing}
            <span class="muted">by ${entry.actor?.name ?? 'someone anonymous'}, ${dateTime(entry.occurredAt)}</span>
            ${merged && undoable.has(entry)
              ? html`<button class="button" type="button" ?disabled=${this.saving === 'history'} @click=${() => void this.#unmerge(merged.id)}>
                  Unmerge<span class="visually-hidden"> “${merged.title}”</span>
                </button>`
              : nothing}
          </li>`;
        })}
      </ol>
    </section>`;
  }
}
