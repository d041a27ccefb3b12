import {
  createAdminChangelogView,
  type AdminChangelogListState,
  type AdminChangelogView,
  type ChangelogDraft,
  type ChangelogEntry,
  type NotificationAudience,
  type SaysoClient,
  type SaysoError,
} from '@sayso/core';
import { SaysoElement, StoreController, markdown } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing } from 'lit';
import { property, query, queryAll, state } from 'lit/decorators.js';
import { BoardsController } from '../../controllers/boards.js';
import { RowCursorController } from '../../controllers/row-cursor.js';
import { ShortcutsController, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { SaysoAdminPickEvent } from '../../events/sayso-admin-pick.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { audienceSummary } from '../../internal/audience.js';
import { adminStyles } from '../../styles/admin.styles.js';
import { screenStyles } from '../../styles/screen.styles.js';
import '../sayso-admin-idea-picker/sayso-admin-idea-picker.js';
import styles from './sayso-admin-changelog.styles.js';

/** What the admin reads when saving, previewing or publishing an entry failed, by the reason. */
export function changelogEditFailureMessage(error: SaysoError): string {
  switch (error.code) {
    case 'invalid_input':
      return `${error.message} Correct it and try again; nothing you typed was lost.`;
    case 'conflict':
      return `${error.message} Reload the entries to see it as it is now.`;
    case 'network':
      return 'The server could not be reached. Nothing you typed was lost: try again when you are back online.';
    case 'unauthorized':
    case 'forbidden':
      return 'Your admin key no longer allows this. Sign in again; nothing you typed was lost until you leave the page.';
    default:
      return `The server failed (${error.message}). Nothing you typed was lost: try again in a moment.`;
  }
}

const dateFormat = new Intl.DateTimeFormat('en', { dateStyle: 'medium' });
const published = (entry: ChangelogEntry) => (entry.publishedAt ? `Published ${dateFormat.format(new Date(entry.publishedAt))}` : 'Draft');

/**
 * @tag sayso-admin-changelog
 * @summary The console's changelog: a board's entries (drafts and published), and an editor to
 * write one in markdown with a live preview, pick the ideas it ships, see who publishing would
 * tell, and publish it after a confirmation.
 *
 * Keys: `n` new entry, `j`/`k` and `Enter` open an entry, `Esc` closes the editor (saving what
 * was typed first). A failed save, preview or publish keeps every typed character.
 *
 * @csspart list - The entries table.
 * @csspart editor - The entry editor.
 * @csspart preview - The rendered markdown.
 * @csspart audience - Who publishing would tell.
 * @csspart error - Why the last action failed.
 */
export class SaysoAdminChangelog extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, screenStyles, styles];

  @property({ attribute: false }) client?: SaysoClient;

  /** `board`: the board whose changelog shows (default: the first board). */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  readonly #boards = new BoardsController(this, () => this.client);

  #view: AdminChangelogView | undefined;
  readonly #list = new StoreController<AdminChangelogListState>(this);
  readonly #draft = new StoreController<ChangelogDraft | null>(this);

  @query('#title') private titleField?: HTMLInputElement;
  @query('#publish-dialog') private publishDialog?: HTMLDialogElement;
  @query('#new-entry') private newEntryButton?: HTMLButtonElement;
  @queryAll('tbody tr') private rows!: NodeListOf<HTMLTableRowElement>;

  readonly #cursor = new RowCursorController(this, {
    count: () => this.#list.value?.entries.length ?? 0,
    open: (index) => {
      const entry = this.#list.value?.entries[index];
      if (entry) void this.#open(entry);
    },
    rowAt: (index) => this.rows[index],
  });

  readonly #shortcuts = new ShortcutsController(this, () => this.#screenShortcuts());

  get shortcuts(): readonly Shortcut[] {
    return this.#shortcuts.shortcuts;
  }

  /** The board shown: the address's, else the first one. */
  get #board(): string | undefined {
    return this.#boards.slugFor(this.params);
  }

  protected override willUpdate(): void {
    const board = this.#board;
    // The view of the board shown (one per board and client): again once the boards arrived.
    if (this.client && board) {
      const view = this.client.view(createAdminChangelogView, { board });
      if (view !== this.#view) {
        this.#view = view;
        this.#list.store = view.$list;
        this.#draft.store = view.$draft;
        if (view.$list.get().status === 'idle') void view.load();
      }
    }
  }

  #screenShortcuts(): Shortcut[] {
    const editing = Boolean(this.#draft.value);
    return [
      { key: 'n', label: 'Write a new entry', run: () => void this.#open() },
      ...(editing ? [{ key: 'Escape', label: 'Close the editor (saving what was typed)', run: () => void this.#close() }] : this.#cursor.shortcuts()),
    ];
  }

  async #open(entry?: ChangelogEntry): Promise<void> {
    const current = this.#draft.value;
    // Opening another entry must not drop what was typed in this one.
    if (current?.dirty && !(await this.#view!.save())) return;
    this.#view?.open(entry);
    await this.updateComplete;
    this.titleField?.focus();
  }

  async #close(): Promise<void> {
    if (this.publishDialog?.open) return;
    const draft = this.#draft.value;
    const blank = draft && !draft.entry && !draft.title.trim() && !draft.body.trim() && draft.posts.length === 0;
    if (draft?.dirty && !blank && !(await this.#view!.save())) return;
    this.#view?.close();
    await this.updateComplete;
    (this.rows[this.#cursor.index] ?? this.newEntryButton)?.focus();
  }

  #chooseBoard(event: Event): void {
    const board = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'changelog', params: { ...this.params, board } }));
  }

  async #confirmPublish(): Promise<void> {
    // The dialog shows the counts: ask for them if they are not known yet.
    if (!this.#draft.value?.audience && !(await this.#view!.previewRecipients())) return;
    this.publishDialog?.showModal();
  }

  async #publish(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.publishDialog?.close();
    await this.#view!.publish();
  }

  override render() {
    if (this.#boards.error) return this.#boards.renderError();
    const list = this.#list.value;
    const draft = this.#draft.value;
    return html`
      <div class="toolbar">
        <h1>Changelog</h1>
        <label
          >Board
          <select @change=${this.#chooseBoard}>
            ${this.#boards.boards.map((board) => html`<option value=${board.slug} ?selected=${board.slug === this.#board}>${board.name}</option>`)}
          </select>
        </label>
        <button id="new-entry" class="button primary" type="button" aria-keyshortcuts="n" @click=${() => void this.#open()}>New entry</button>
      </div>
      <div class="layout">${this.#renderList(list)} ${draft ? this.#renderEditor(draft) : nothing}</div>
    `;
  }

  #renderList(list: AdminChangelogListState | undefined) {
    if (!list || list.status === 'idle' || list.status === 'loading') return html`<p class="muted" role="status">Loading entries…</p>`;
    if (list.status === 'error') {
      return html`<p class="error" role="alert">
        The entries could not be loaded (${list.error?.message}).
        <button class="button" type="button" @click=${() => void this.#view?.load()}>Try again</button>
      </p>`;
    }
    if (list.entries.length === 0) return html`<p class="muted">No entries yet. Press <kbd>n</kbd> or "New entry" to write the first.</p>`;
    const active = this.#cursor.index;
    const open = this.#draft.value?.entry?.id;
    return html`<div class="entries">
      <table part="list" class="table" aria-label="Entries">
        <thead>
          <tr><th scope="col">Title</th><th scope="col">State</th><th scope="col">Ideas</th></tr>
        </thead>
        <tbody>
          ${list.entries.map(
            (entry, index) =>
              html`<tr
                tabindex=${index === active ? 0 : -1}
                aria-selected=${index === active ? 'true' : 'false'}
                aria-current=${entry.id === open ? 'true' : nothing}
                @click=${() => {
                  this.#cursor.activate(index);
                  void this.#open(entry);
                }}
              >
                <td>${entry.title}</td>
                <td><span class="badge">${published(entry)}</span></td>
                <td>${entry.posts.length}</td>
              </tr>`,
          )}
        </tbody>
      </table>
      ${list.nextCursor
        ? html`<button class="button" type="button" ?disabled=${list.loadingMore} @click=${() => void this.#view?.loadMore()}>More entries</button>`
        : nothing}
    </div>`;
  }

  #renderEditor(draft: ChangelogDraft) {
    const view = this.#view!;
    const isPublished = Boolean(draft.entry?.publishedAt);
    const busy = draft.busy !== null;
    return html`<section part="editor" class="editor" aria-labelledby="editor-heading">
      <h2 id="editor-heading">${draft.entry ? `Edit “${draft.entry.title}”` : 'New entry'}</h2>
      <p class="state" role="status">${draft.entry ? published(draft.entry) : 'Not saved yet'}${draft.dirty ? ' · unsaved changes' : ''}</p>
      <label for="title">Title</label>
      <input id="title" .value=${draft.title} @input=${(event: InputEvent) => view.edit({ title: (event.target as HTMLInputElement).value })} />
      <div class="writing">
        <div class="field">
          <label for="body">Body</label>
          <textarea
            id="body"
            rows="10"
            aria-describedby="body-hint"
            .value=${draft.body}
            @input=${(event: InputEvent) => view.edit({ body: (event.target as HTMLTextAreaElement).value })}
          ></textarea>
          <span id="body-hint" class="muted">Markdown: **bold**, _italic_, [links](https://…), lists.</span>
        </div>
        <div part="preview" class="preview" role="region" aria-label="Preview">${markdown(draft.body)}</div>
      </div>
      <h3>Ideas it ships</h3>
      ${draft.posts.length
        ? html`<ul class="ideas">
            ${draft.posts.map(
              (post) =>
                html`<li>
                  ${post.title}
                  ${isPublished
                    ? nothing
                    : html`<button class="button" type="button" aria-label="Remove “${post.title}”" @click=${() => view.removeIdea(post.id)}>Remove</button>`}
                </li>`,
            )}
          </ul>`
        : html`<p class="muted">None yet.</p>`}
      ${isPublished
        ? html`<p class="muted">Published entries keep the ideas they shipped.</p>`
        : html`<sayso-admin-idea-picker
            .search=${view.searchIdeas}
            .exclude=${draft.posts.map((post) => post.id)}
            @sayso-admin-pick=${(event: SaysoAdminPickEvent) => view.addIdea(event.detail)}
          ></sayso-admin-idea-picker>`}
      ${draft.error ? html`<p part="error" class="error" role="alert">${changelogEditFailureMessage(draft.error)}</p>` : nothing}
      <div class="actions">
        <button class="button" type="button" ?disabled=${busy} @click=${() => void view.save()}>
          ${draft.busy === 'saving' ? 'Saving…' : isPublished ? 'Save changes' : 'Save draft'}
        </button>
        ${isPublished
          ? nothing
          : html`<button class="button" type="button" ?disabled=${busy} @click=${() => void view.previewRecipients()}>
                ${draft.busy === 'previewing' ? 'Counting…' : 'Preview recipients'}
              </button>
              <button class="button primary" type="button" ?disabled=${busy} @click=${() => void this.#confirmPublish()}>
                ${draft.busy === 'publishing' ? 'Publishing…' : 'Publish…'}
              </button>`}
        <button class="button" type="button" ?disabled=${busy} @click=${() => void this.#close()}>Close</button>
      </div>
      ${draft.audience ? this.#renderAudience(draft.audience) : nothing}
      <dialog id="publish-dialog" aria-labelledby="publish-heading" @close=${() => this.renderRoot.querySelector<HTMLElement>('.actions .primary')?.focus()}>
        <form method="dialog" @submit=${this.#publish}>
          <h2 id="publish-heading">Publish this entry?</h2>
          <p>The ideas it ships move to done. ${draft.audience ? audienceSummary(draft.audience) : ''} This cannot be undone.</p>
          <div class="actions">
            <button class="button primary" type="submit">Publish</button>
            <button class="button" type="button" @click=${() => this.publishDialog?.close()}>Cancel</button>
          </div>
        </form>
      </dialog>
    </section>`;
  }

  #renderAudience(audience: NotificationAudience) {
    return html`<div part="audience" class="audience" role="region" aria-label="Recipients">
      <p role="status">${audienceSummary(audience)}</p>
      ${audience.people.length
        ? html`<ul>
            ${audience.people.map(
              (member) =>
                html`<li>${member.person.name ?? member.person.email ?? 'Someone'} <span class="muted">(${member.channels.join(', ').replace('in_app', 'in-app')})</span></li>`,
            )}
          </ul>`
        : nothing}
      ${audience.truncated ? html`<p class="muted">And more not listed.</p>` : nothing}
    </div>`;
  }
}
