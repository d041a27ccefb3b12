import {
  ANONYMOUS_POLICIES,
  NOTIFIABLE_KINDS,
  WEBHOOK_EVENT_TYPES,
  createAdminSettingsView,
  type AdminSettingsView,
  type AnonymousPolicy,
  type ApiKey,
  type ApiKeyKind,
  type Board,
  type BoardSettings,
  type Delivery,
  type Loaded,
  type Outcome,
  type SaysoClient,
  type SaysoError,
  type StatusKind,
  type Tag,
  type WebhookEndpoint,
  type WebhookEventType,
  type WorkflowStatus,
} from '@sayso/core';
import { SaysoElement, StoreController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { BoardsController } from '../../controllers/boards.js';
import type { Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { adminStyles } from '../../styles/admin.styles.js';
import { screenStyles } from '../../styles/screen.styles.js';
import styles from './sayso-admin-settings.styles.js';

/** What the admin reads when a settings change failed: the server's reason, and that the field kept what was typed. */
export function settingsFailureMessage(error: SaysoError): string {
  switch (error.code) {
    case 'network':
      return 'The server could not be reached. Try again when you are back online.';
    case 'unauthorized':
    case 'forbidden':
      return 'Your admin key no longer allows this. Sign in again.';
    case 'invalid_input':
    case 'conflict':
    case 'not_found':
      return error.message;
    default:
      return `The server failed (${error.message}). Try again in a moment.`;
  }
}

const KEY_KINDS: ReadonlyArray<{ kind: ApiKeyKind; title: string; about: string }> = [
  { kind: 'admin', title: 'Admin keys', about: 'An admin key may do anything an admin can: keep each one to one person or system.' },
  { kind: 'ingestion', title: 'Ingestion keys', about: 'An ingestion key may only send feedback (POST /feedback): give one to each system that sends it.' },
];

const STATUS_KINDS = ['open', 'active', 'done', 'declined', 'duplicate'] as const satisfies readonly StatusKind[];

const POLICY_NAMES: Record<AnonymousPolicy, string> = {
  off: 'Read only (sign-in to vote or post)',
  votes: 'Vote without signing in',
  'votes-and-posts': 'Vote, post and comment without signing in',
};

const KIND_NAMES: Record<StatusKind, string> = { open: 'Open', active: 'Active (e.g. planned, in progress)', done: 'Done (shipped)', declined: 'Declined', duplicate: 'Duplicate' };

const dateTime = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
const when = (iso: string) => dateTime.format(new Date(iso));

/** A secret the server shows once, until the admin has copied it and said so. */
interface ShownOnce {
  /** What it is, as the field is labelled ("New admin key"). */
  label: string;
  secret: string;
  copied: boolean;
}

/** A destructive action waiting for the admin's confirmation. */
interface Confirmation {
  question: string;
  action: string;
  run: () => Promise<Outcome<unknown>>;
  /** Where its failure shows. */
  form: string;
}

/**
 * @tag sayso-admin-settings
 * @summary The console's settings: the deployment's API keys (admin and ingestion: a new key is
 * shown once, with a copy button), webhook endpoints and their delivery log (with replay), and
 * a board's tags, which status kinds tell followers, and its priority formula.
 *
 * A change that fails keeps what was typed in its field, with the reason beside it.
 * Revoking a key, removing an endpoint and deleting a tag ask first.
 *
 * @csspart section - Each settings section.
 * @csspart secret - A new key or signing secret, shown once.
 */
export class SaysoAdminSettings extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, screenStyles, styles];

  @property({ attribute: false }) client?: SaysoClient;

  /** `board`: the board whose tags, notifications and formula show (default: the first board). */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  readonly #boards = new BoardsController(this, () => this.client);
  /** Why the last submit of each form failed, by the form's id. */
  @state() private failures: Record<string, SaysoError> = {};
  @state() private shownOnce: ShownOnce | null = null;
  @state() private confirmation: Confirmation | null = null;
  /** The workflow being edited, in order; `null` while it is the board's as saved. */
  @state() private workflow: WorkflowStatus[] | null = null;

  #view: AdminSettingsView | undefined;
  readonly #adminKeys = new StoreController<Loaded<ApiKey[]>>(this);
  readonly #ingestionKeys = new StoreController<Loaded<ApiKey[]>>(this);
  readonly #webhooks = new StoreController<Loaded<WebhookEndpoint[]>>(this);
  readonly #deliveries = new StoreController<Loaded<Delivery[]>>(this);
  readonly #tags = new StoreController<Loaded<Tag[]>>(this);
  readonly #board = new StoreController<Loaded<BoardSettings | null>>(this);

  @query('#confirm') private confirmDialog!: HTMLDialogElement;

  /** No keys of its own: every action is a form or a button, reached with Tab. */
  readonly shortcuts: readonly Shortcut[] = [];

  get #boardSlug(): string | undefined {
    return this.#boards.slugFor(this.params);
  }

  protected override willUpdate(): void {
    const board = this.#boardSlug;
    // The view of the board shown (one per board and client): again once the boards arrived.
    if (!this.client || !board) return;
    const view = this.client.view(createAdminSettingsView, { board });
    if (view === this.#view) return;
    this.#view = view;
    this.workflow = null;
    this.#adminKeys.store = view.$keys.admin;
    this.#ingestionKeys.store = view.$keys.ingestion;
    this.#webhooks.store = view.$webhooks;
    this.#deliveries.store = view.$deliveries;
    this.#tags.store = view.$tags;
    this.#board.store = view.$board;
    if (view.$board.get().status === 'idle') void view.load();
  }

  /**
   * Runs a form's action: on success the form empties (or `done` runs); on failure the form
   * keeps what was typed and shows why beside it.
   */
  async #submit<T>(event: SubmitEvent, act: (data: FormData) => Promise<Outcome<T>>, done?: (value: T) => void): Promise<void> {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const result = await act(new FormData(form));
    this.#settle(form.id, result);
    if (!result.ok) return;
    form.reset();
    done?.(result.value);
  }

  #settle(formId: string, result: Outcome<unknown>): void {
    const { [formId]: _previous, ...others } = this.failures;
    this.failures = result.ok ? others : { ...others, [formId]: result.error };
  }

  #ask(confirmation: Confirmation): void {
    this.confirmation = confirmation;
    void this.updateComplete.then(() => this.confirmDialog.showModal());
  }

  /** A button named `name` (its text the action) that asks before it acts. */
  #askingButton(name: string, confirmation: Confirmation) {
    return html`<button class="button" type="button" aria-label=${name} @click=${() => this.#ask(confirmation)}>${confirmation.action}</button>`;
  }

  async #confirmed(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const confirmation = this.confirmation;
    this.confirmDialog.close();
    if (confirmation) this.#settle(confirmation.form, await confirmation.run());
  }

  async #copy(): Promise<void> {
    if (!this.shownOnce) return;
    try {
      await navigator.clipboard.writeText(this.shownOnce.secret);
      this.shownOnce = { ...this.shownOnce, copied: true };
    } catch {
      // A page without clipboard access: the field is selected, for the admin to copy by hand.
      this.renderRoot.querySelector<HTMLInputElement>('#secret')?.select();
    }
  }

  override render() {
    if (this.#boards.error) return this.#boards.renderError();
    return html`
      <div class="toolbar"><h1>Settings</h1></div>
      ${this.#renderShownOnce()} ${this.#renderBoard()} ${KEY_KINDS.map((kind) => this.#renderKeys(kind))} ${this.#renderWebhooks()}
      ${this.#renderDeliveries()}
      <dialog id="confirm" aria-labelledby="confirm-question" @close=${() => (this.confirmation = null)}>
        <form method="dialog" @submit=${this.#confirmed}>
          <h2 id="confirm-question">${this.confirmation?.question}</h2>
          <div class="actions">
            <button class="button danger" type="submit">${this.confirmation?.action}</button>
            <button class="button" type="button" @click=${() => this.confirmDialog.close()}>Cancel</button>
          </div>
        </form>
      </dialog>
    `;
  }

  #renderShownOnce() {
    const shown = this.shownOnce;
    if (!shown) return nothing;
    return html`<div part="secret" class="secret" role="status">
      <label for="secret">${shown.label}</label>
      <div class="row">
        <input id="secret" readonly .value=${shown.secret} aria-describedby="secret-hint" @focus=${(event: FocusEvent) => (event.target as HTMLInputElement).select()} />
        <button class="button primary" type="button" @click=${() => void this.#copy()}>${shown.copied ? 'Copied' : 'Copy'}</button>
        <button class="button" type="button" @click=${() => (this.shownOnce = null)}>Done</button>
      </div>
      <p id="secret-hint" class="muted">Copy it now: it is not shown again. Only its hash is kept.</p>
    </div>`;
  }

  /** A form's failure, beside its fields (they keep what was typed). */
  #failure(formId: string) {
    const error = this.failures[formId];
    return error ? html`<p id="${formId}-error" class="error" role="alert">${settingsFailureMessage(error)}</p>` : nothing;
  }

  #described(formId: string) {
    return this.failures[formId] ? `${formId}-error` : nothing;
  }

  /** A section's body once loaded; while loading or after a failure, says so. */
  #loaded<T>(loaded: Loaded<T> | undefined, what: string, body: (value: T) => TemplateResult | typeof nothing) {
    if (!loaded || loaded.status === 'idle' || loaded.status === 'loading') return html`<p class="muted" role="status">Loading ${what}…</p>`;
    if (loaded.status === 'error') {
      return html`<p class="error" role="alert">
        The ${what} could not be loaded (${loaded.error?.message}).
        <button class="button" type="button" @click=${() => void this.#view?.load()}>Try again</button>
      </p>`;
    }
    return body(loaded.value);
  }

  #renderBoard() {
    const view = this.#view;
    return html`<section part="section" aria-labelledby="board-heading">
      <h2 id="board-heading">Board</h2>
      <label class="inline"
        >Board
        <select
          @change=${(event: Event) =>
            this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'settings', params: { ...this.params, board: (event.target as HTMLSelectElement).value } }))}
        >
          ${this.#boards.boards.map((board) => html`<option value=${board.slug} ?selected=${board.slug === this.#boardSlug}>${board.name}</option>`)}
        </select>
      </label>
      ${this.#renderBoardDetails()}
      ${this.#loaded(this.#board.value, 'board settings', (settings) =>
        !settings || !view
          ? nothing
          : html`<form
                id="notify"
                @submit=${(event: SubmitEvent) =>
                  this.#submit(event, (data) => view.setNotifyKinds(data.getAll('kind') as StatusKind[]))}
              >
                <fieldset>
                  <legend>Which status changes tell the ideas' followers</legend>
                  ${NOTIFIABLE_KINDS.map(
                    (kind) =>
                      html`<label class="check"
                        ><input
                          type="checkbox"
                          name="kind"
                          value=${kind}
                          .defaultChecked=${settings.notifyKinds.includes(kind)}
                          ?disabled=${kind === 'done'}
                        />${KIND_NAMES[kind]}${kind === 'done' ? ' (always)' : ''}</label
                      >`,
                  )}
                  <input type="hidden" name="kind" value="done" />
                </fieldset>
                ${this.#failure('notify')}
                <button class="button" type="submit" aria-describedby=${this.#described('notify')}>Save notifications</button>
              </form>
              <form
                id="formula"
                @submit=${(event: SubmitEvent) =>
                  this.#submit(event, (data) => view.setFormula({ peopleWeight: Number(data.get('peopleWeight')), mrrWeight: Number(data.get('mrrWeight')) }))}
              >
                <fieldset>
                  <legend>Priority formula: people × weight + MRR × weight</legend>
                  <label class="inline"
                    >People weight
                    <input name="peopleWeight" type="number" min="0" step="any" required .defaultValue=${String(settings.formula.peopleWeight)} aria-describedby=${this.#described('formula')}
                  /></label>
                  <label class="inline"
                    >MRR weight
                    <input name="mrrWeight" type="number" min="0" step="any" required .defaultValue=${String(settings.formula.mrrWeight)} aria-describedby=${this.#described('formula')}
                  /></label>
                </fieldset>
                ${this.#failure('formula')}
                <button class="button" type="submit">Save formula</button>
              </form>`,
      )}
      ${this.#renderTags()} ${this.#renderNewBoard()}
    </section>`;
  }

  /** The board shown, as listed. */
  get #current(): Board | undefined {
    return this.#boards.boards.find((board) => board.slug === this.#boardSlug);
  }

  #renderBoardDetails() {
    const board = this.#current;
    const view = this.#view;
    if (!board || !view) return nothing;
    return html`<form id="board-details" @submit=${(event: SubmitEvent) =>
        this.#submit(
          event,
          (data) =>
            view.updateBoard({
              name: String(data.get('name')),
              description: String(data.get('description')),
              anonymous: String(data.get('anonymous')) as AnonymousPolicy,
            }),
          (saved) => this.#boards.saved(saved),
        )}>
        <label class="inline">Name <input name="name" required .defaultValue=${board.name} aria-describedby=${this.#described('board-details')} /></label>
        <label class="inline">Description <textarea name="description" rows="2" .defaultValue=${board.description}></textarea></label>
        <label class="inline"
          >Anonymous visitors may
          <select name="anonymous">
            ${ANONYMOUS_POLICIES.map((policy) => html`<option value=${policy} ?selected=${policy === board.anonymous}>${POLICY_NAMES[policy]}</option>`)}
          </select>
        </label>
        ${this.#failure('board-details')}
        <button class="button" type="submit">Save board</button>
      </form>
      ${this.#renderWorkflow(board, view)}`;
  }

  #renderWorkflow(board: Board, view: AdminSettingsView) {
    // Each handler reads the workflow as it is when the event comes, never as it was rendered:
    // two quick edits between renders must both count.
    const current = () => this.workflow ?? board.statuses.map(({ id, name, kind }) => ({ id, name, kind }));
    const statuses = current();
    const edit = (index: number, change: Partial<WorkflowStatus>) =>
      (this.workflow = current().map((status, at) => (at === index ? { ...status, ...change } : status)));
    const move = (index: number, by: number) => {
      const moved = [...current()];
      const [status] = moved.splice(index, 1);
      moved.splice(index + by, 0, status!);
      this.workflow = moved;
    };
    return html`<form
      id="workflow"
      @submit=${(event: SubmitEvent) =>
        this.#submit(event, () => view.updateBoard({ statuses: current() }), (saved) => {
          this.workflow = null;
          this.#boards.saved(saved);
        })}
    >
      <fieldset class="workflow">
        <legend>Statuses, in the order ideas go through them</legend>
        <ol class="rows">
          ${statuses.map(
            (status, index) =>
              html`<li class="row">
                <input
                  aria-label="Name of status ${index + 1}"
                  required
                  .value=${live(status.name)}
                  @input=${(event: InputEvent) => edit(index, { name: (event.target as HTMLInputElement).value })}
                />
                <select aria-label="Kind of “${status.name}”" @change=${(event: Event) => edit(index, { kind: (event.target as HTMLSelectElement).value as StatusKind })}>
                  ${STATUS_KINDS.map((kind) => html`<option value=${kind} ?selected=${kind === status.kind}>${kind}</option>`)}
                </select>
                <button class="button" type="button" aria-label="Move “${status.name}” up" ?disabled=${index === 0} @click=${() => move(index, -1)}>↑</button>
                <button class="button" type="button" aria-label="Move “${status.name}” down" ?disabled=${index === statuses.length - 1} @click=${() => move(index, 1)}>↓</button>
                ${status.id ? nothing : html`<span class="badge">new</span>`}
              </li>`,
          )}
        </ol>
        <button class="button" type="button" @click=${() => (this.workflow = [...current(), { name: '', kind: 'active' }])}>Add status</button>
      </fieldset>
      ${this.#failure('workflow')}
      <div class="actions">
        <button class="button" type="submit" aria-describedby=${this.#described('workflow')}>Save workflow</button>
        ${this.workflow ? html`<button class="button" type="button" @click=${() => (this.workflow = null)}>Discard changes</button>` : nothing}
      </div>
    </form>`;
  }

  #renderNewBoard() {
    const view = this.#view;
    if (!view) return nothing;
    return html`<h3>New board</h3>
      <form
        id="new-board"
        class="row"
        @submit=${(event: SubmitEvent) =>
          this.#submit(event, (data) => view.createBoard({ slug: String(data.get('slug')), name: String(data.get('name')) }), (created) => {
            this.#boards.saved(created);
            this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'settings', params: { ...this.params, board: created.slug } }));
          })}
      >
        <label class="inline">Board name <input name="name" required aria-describedby=${this.#described('new-board')} /></label>
        <label class="inline"
          >Address (slug) <input name="slug" required pattern="[a-z0-9][a-z0-9\-]{0,62}" placeholder="e.g. mobile-app" aria-describedby=${this.#described('new-board')}
        /></label>
        <button class="button" type="submit">Create board</button>
      </form>
      ${this.#failure('new-board')}`;
  }

  #renderTags() {
    const view = this.#view;
    if (!view) return nothing;
    return html`<h3>Tags</h3>
      ${this.#loaded(
        this.#tags.value,
        'tags',
        (tags) => html`${tags.length === 0 ? html`<p class="muted">No tags on this board yet.</p>` : nothing}
          <ul class="rows">
            ${tags.map(
              (tag) =>
                html`<li>
                  <form
                    id="tag-${tag.slug}"
                    class="row"
                    @submit=${(event: SubmitEvent) => this.#submit(event, (data) => view.renameTag(tag.slug, String(data.get('name'))))}
                  >
                    <input name="name" aria-label="Name of the tag “${tag.name}”" required .defaultValue=${tag.name} aria-describedby=${this.#described(`tag-${tag.slug}`)} />
                    <button class="button" type="submit">Rename</button>
                    ${this.#askingButton(`Delete the tag “${tag.name}”`, {
                      question: `Delete the tag “${tag.name}”? It comes off every idea that has it.`,
                      action: 'Delete',
                      form: `tag-${tag.slug}`,
                      run: () => view.deleteTag(tag.slug),
                    })}
                  </form>
                  ${this.#failure(`tag-${tag.slug}`)}
                </li>`,
            )}
          </ul>
          <form id="new-tag" class="row" @submit=${(event: SubmitEvent) => this.#submit(event, (data) => view.createTag(String(data.get('name'))))}>
            <label class="inline">New tag <input name="name" required aria-describedby=${this.#described('new-tag')} /></label>
            <button class="button" type="submit">Add tag</button>
          </form>
          ${this.#failure('new-tag')}`,
      )}`;
  }

  #renderKeys({ kind, title, about }: (typeof KEY_KINDS)[number]) {
    const view = this.#view;
    const loaded = (kind === 'admin' ? this.#adminKeys : this.#ingestionKeys).value;
    const formId = `new-${kind}-key`;
    const singular = title.slice(0, -1).toLowerCase();
    return html`<section part="section" aria-labelledby="${kind}-keys-heading">
      <h2 id="${kind}-keys-heading">${title}</h2>
      <p class="muted">${about}</p>
      ${this.#loaded(
        loaded,
        title.toLowerCase(),
        (keys) => html`${keys.length === 0
            ? html`<p class="muted">No ${title.toLowerCase()} made here yet.</p>`
            : html`<table class="table" aria-labelledby="${kind}-keys-heading">
                <thead>
                  <tr><th scope="col">Label</th><th scope="col">Created</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
                </thead>
                <tbody>
                  ${keys.map(
                    (key) =>
                      html`<tr>
                        <td>${key.label}</td>
                        <td>${when(key.createdAt)}</td>
                        <td>
                          ${this.#askingButton(`Revoke “${key.label}”`, {
                            question: `Revoke the ${singular} “${key.label}”? Whatever uses it is refused from then on.`,
                            action: 'Revoke',
                            form: formId,
                            run: () => view!.revokeKey(kind, key.id),
                          })}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`}
          <form
            id=${formId}
            class="row"
            @submit=${(event: SubmitEvent) =>
              this.#submit(event, (data) => view!.createKey(kind, String(data.get('label'))), (created) => {
                this.shownOnce = { label: `New ${singular} “${created.label}”`, secret: created.key, copied: false };
                void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLInputElement>('#secret')?.focus());
              })}
          >
            <label class="inline">Label of a new ${singular} <input name="label" required maxlength="100" aria-describedby=${this.#described(formId)} /></label>
            <button class="button" type="submit">Create ${singular}</button>
          </form>
          ${this.#failure(formId)}`,
      )}
    </section>`;
  }

  #renderWebhooks() {
    const view = this.#view;
    return html`<section part="section" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Webhooks</h2>
      ${this.#loaded(
        this.#webhooks.value,
        'webhook endpoints',
        (endpoints) => html`${endpoints.length === 0
            ? html`<p class="muted">No endpoints yet.</p>`
            : html`<table class="table" aria-labelledby="webhooks-heading">
                <thead>
                  <tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">State</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr>
                </thead>
                <tbody>
                  ${endpoints.map(
                    (endpoint) =>
                      html`<tr>
                        <td class="url">${endpoint.url}</td>
                        <td>${endpoint.events.join(', ')}</td>
                        <td><span class="badge">${endpoint.active ? 'Active' : 'Paused'}</span></td>
                        <td class="actions">
                          <button
                            class="button"
                            type="button"
                            aria-label="${endpoint.active ? 'Pause' : 'Resume'} ${endpoint.url}"
                            @click=${async () => this.#settle('new-webhook', await view!.setWebhookActive(endpoint.id, !endpoint.active))}
                          >
                            ${endpoint.active ? 'Pause' : 'Resume'}
                          </button>
                          ${this.#askingButton(`Remove ${endpoint.url}`, {
                            question: `Remove the endpoint ${endpoint.url}? Its deliveries stay in the log.`,
                            action: 'Remove',
                            form: 'new-webhook',
                            run: () => view!.deleteWebhook(endpoint.id),
                          })}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>`}
          <form
            id="new-webhook"
            @submit=${(event: SubmitEvent) =>
              this.#submit(
                event,
                (data) => view!.createWebhook({ url: String(data.get('url')), events: data.getAll('event') as WebhookEventType[] }),
                (created) => (this.shownOnce = { label: `Signing secret of ${created.url}`, secret: created.secret, copied: false }),
              )}
          >
            <label class="inline">Endpoint URL <input name="url" type="url" required placeholder="https://" aria-describedby=${this.#described('new-webhook')} /></label>
            <fieldset>
              <legend>Events</legend>
              ${WEBHOOK_EVENT_TYPES.map((type) => html`<label class="check"><input type="checkbox" name="event" value=${type} />${type}</label>`)}
            </fieldset>
            ${this.#failure('new-webhook')}
            <button class="button" type="submit">Add endpoint</button>
          </form>`,
      )}
    </section>`;
  }

  #renderDeliveries() {
    const view = this.#view;
    return html`<section part="section" aria-labelledby="deliveries-heading">
      <h2 id="deliveries-heading">Delivery log</h2>
      ${this.#failure('replay')}
      ${this.#loaded(this.#deliveries.value, 'delivery log', (deliveries) =>
        deliveries.length === 0
          ? html`<p class="muted">Nothing delivered yet.</p>`
          : html`<div class="scroll">
              <table class="table" aria-labelledby="deliveries-heading">
                <thead>
                  <tr>
                    <th scope="col">When</th><th scope="col">Channel</th><th scope="col">Event</th><th scope="col">To</th><th scope="col">State</th>
                    <th scope="col"><span class="visually-hidden">Actions</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${deliveries.map(
                    (delivery) =>
                      html`<tr>
                        <td>${when(delivery.createdAt)}</td>
                        <td>${delivery.channel.replace('in_app', 'in-app')}</td>
                        <td>${delivery.event.type}${delivery.post ? html`<br /><span class="muted">${delivery.post.title}</span>` : nothing}</td>
                        <td class="url">${delivery.endpoint?.url ?? delivery.person?.name ?? delivery.person?.email ?? '—'}</td>
                        <td>
                          <span class="badge">${delivery.status}</span>
                          ${delivery.lastError ? html`<br /><span class="error">${delivery.responseStatus ?? ''} ${delivery.lastError}</span>` : nothing}
                        </td>
                        <td>
                          ${delivery.channel === 'webhook'
                            ? html`<button
                                class="button"
                                type="button"
                                aria-label="Replay the ${delivery.event.type} delivery to ${delivery.endpoint?.url ?? 'the endpoint'}"
                                @click=${async () => this.#settle('replay', await view!.replayDelivery(delivery.id))}
                              >
                                Replay
                              </button>`
                            : nothing}
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`,
      )}
    </section>`;
  }
}
