import {
  createDuplicatesView,
  statusName,
  type ComparedIdea,
  type DuplicateCandidate,
  type DuplicatesState,
  type DuplicatesView,
  type SaysoClient,
} from '@sayso/core';
import { SaysoElement, StoreController, ViewController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { BoardsController } from '../../controllers/boards.js';
import { RowCursorController } from '../../controllers/row-cursor.js';
import { ShortcutsController, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { AdminScreenElement } from '../../internal/admin-screen.js';
import { failureMessage } from '../../internal/failure.js';
import { sourceName } from '../../internal/feedback-source.js';
import { adminStyles } from '../../styles/admin.styles.js';
import { screenStyles } from '../../styles/screen.styles.js';
import { triageStyles } from '../../styles/triage.styles.js';
import styles from './sayso-admin-duplicates.styles.js';

const pairOf = (candidate: DuplicateCandidate): [string, string] => [candidate.posts[0].id, candidate.posts[1].id];
const day = (iso: string) => new Date(iso).toLocaleDateString('en', { year: 'numeric', month: 'short', day: 'numeric' });

/**
 * @tag sayso-admin-duplicates
 * @summary The duplicate queue of a board: pairs of ideas that may say the same thing, each
 * opened side by side with the people they share, merged (choosing the idea to keep, with Undo)
 * or dismissed as not duplicates.
 *
 * Keys: `j`/`k` move through the pairs, `Enter` compares the active pair, `m` merges it, `d`
 * dismisses it, `u` undoes the last merge, `Esc` closes the comparison. `params.board` is the board
 * shown (default: the first).
 *
 * @csspart toolbar - The board select.
 * @csspart status - The line saying what the last action did, with Undo.
 * @csspart table - The queue.
 * @csspart compare - The two ideas side by side.
 * @csspart merge-dialog - The "Merge ideas" dialog.
 *
 * @event sayso-admin-navigate - Another board was chosen (`params.board`).
 */
export class SaysoAdminDuplicates extends SaysoElement implements AdminScreenElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, screenStyles, triageStyles, styles];

  /** A client over an adapter with the `admin` part. */
  @property({ attribute: false }) client?: SaysoClient;

  /** `board`: the board whose queue shows. */
  @property({ attribute: false }) params: Readonly<Record<string, string>> = {};

  /** The pair the merge dialog is for, and the idea chosen to keep. */
  @state() private merging: { pair: [string, string]; keep: string } | null = null;
  /** Said after an action, beside Undo when it was a merge. */
  @state() private said = '';

  @query('dialog') private dialog?: HTMLDialogElement;

  readonly #state = new StoreController<DuplicatesState>(this);
  readonly #follow = new ViewController<DuplicatesView>(this, {
    inputs: () => [this.client, this.#board],
    create: () => (this.client && this.#board ? this.client.view(createDuplicatesView, { board: this.#board }) : undefined),
    bind: (view) => (this.#state.store = view?.$state),
  });
  readonly #cursor = new RowCursorController(this, {
    count: () => this.#candidates.length,
    open: (index) => void this.#compare(index),
    rowAt: (index) => this.renderRoot.querySelector<HTMLElement>(`tbody tr:nth-child(${index + 1})`),
  });
  readonly #keys = new ShortcutsController(this, () => this.#shortcuts());
  readonly #boards = new BoardsController(this, () => this.client);

  get shortcuts(): readonly Shortcut[] {
    return this.#keys.shortcuts;
  }

  get #board(): string | undefined {
    return this.params.board ?? this.#boards.boards[0]?.slug;
  }

  get #candidates(): DuplicateCandidate[] {
    return this.#state.value?.candidates ?? [];
  }

  /** The pair `m` and `d` act on: the one compared, else the active row's. */
  get #pair(): [string, string] | undefined {
    const open = this.#state.value?.open;
    if (open) return open.postIds;
    const active = this.#candidates[this.#cursor.index];
    return active && pairOf(active);
  }

  #shortcuts(): Shortcut[] {
    if (this.merging) return [];
    const shortcuts: Shortcut[] = [...this.#cursor.shortcuts()];
    if (this.#pair) {
      shortcuts.push(
        { key: 'm', label: 'Merge the pair', run: () => this.#openMerge() },
        { key: 'd', label: 'Not duplicates: dismiss the pair', run: () => void this.#dismiss() },
      );
    }
    if (this.#state.value?.lastMerge) shortcuts.push({ key: 'u', label: 'Undo the last merge', run: () => void this.#undo() });
    if (this.#state.value?.open) shortcuts.push({ key: 'Escape', label: 'Close the comparison', run: () => this.#closeCompare() });
    return shortcuts;
  }

  async #compare(index: number): Promise<void> {
    const candidate = this.#candidates[index];
    if (!candidate) return;
    this.#cursor.activate(index);
    await this.#follow.view?.compare(pairOf(candidate));
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[part="compare"]')?.focus();
  }

  async #closeCompare(): Promise<void> {
    this.#follow.view?.close();
    await this.#cursor.move(0);
  }

  #postOf(id: string) {
    for (const candidate of this.#candidates) for (const post of candidate.posts) if (post.id === id) return post;
    return this.#state.value?.open?.comparison?.ideas.find((idea) => idea.post.id === id)?.post;
  }

  #openMerge(): void {
    const pair = this.#pair;
    if (!pair) return;
    const [a, b] = pair.map((id) => this.#postOf(id));
    // The idea with more people is kept unless the admin chooses the other.
    const keep = a && b && b.peopleCount > a.peopleCount ? pair[1] : pair[0];
    this.merging = { pair, keep };
    void this.updateComplete.then(() => this.dialog?.showModal());
  }

  async #merge(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const merging = this.merging;
    if (!merging) return;
    const duplicate = merging.pair.find((id) => id !== merging.keep)!;
    const [from, into] = [this.#postOf(duplicate)?.title, this.#postOf(merging.keep)?.title];
    this.dialog?.close();
    if (await this.#follow.view?.merge({ postId: duplicate, into: merging.keep })) {
      this.said = `Merged “${from}” into “${into}”.`;
      await this.#cursor.move(0);
    }
  }

  async #undo(): Promise<void> {
    const last = this.#state.value?.lastMerge;
    if (last && (await this.#follow.view?.undoMerge())) this.said = `Unmerged “${last.duplicate.title}”: it stands on its own again.`;
  }

  async #dismiss(): Promise<void> {
    const pair = this.#pair;
    if (!pair) return;
    const titles = pair.map((id) => `“${this.#postOf(id)?.title}”`).join(' and ');
    if (await this.#follow.view?.dismiss(pair)) {
      this.said = `${titles} are no longer listed as duplicates.`;
      await this.#cursor.move(0);
    }
  }

  #chooseBoard(event: Event): void {
    const board = (event.target as HTMLSelectElement).value;
    this.dispatchEvent(new SaysoAdminNavigateEvent({ screen: 'duplicates', params: { ...this.params, board } }));
  }

  override render() {
    const state = this.#state.value;
    return html`
      <div part="toolbar" class="toolbar">
        <h1>Duplicates</h1>
        <label>
          Board
          <select @change=${this.#chooseBoard}>
            ${(this.#boards.boards.length > 0 ? this.#boards.boards : this.#board ? [{ slug: this.#board, name: this.#board }] : []).map(
              (board) => html`<option value=${board.slug} ?selected=${board.slug === this.#board}>${board.name}</option>`,
            )}
          </select>
        </label>
      </div>
      <div part="status" class="status" role="status">
        ${this.said ? html`<span>${this.said}</span>` : nothing}
        ${state?.lastMerge && this.said.startsWith('Merged')
          ? html`<button class="button" type="button" @click=${() => void this.#undo()}>Undo</button>`
          : nothing}
      </div>
      ${state?.actionError ? html`<p class="error" role="alert">${failureMessage('That action', state.actionError)}</p>` : nothing}
      ${this.#renderQueue(state)} ${this.#renderCompare(state)} ${this.#renderMergeDialog()}
    `;
  }

  #renderQueue(state: DuplicatesState | undefined) {
    if (!state || state.status === 'idle' || state.status === 'loading') return html`<p class="muted">Loading the duplicate queue…</p>`;
    if (state.status === 'error') {
      return html`<p class="error" role="alert">
        ${failureMessage('Loading the duplicate queue', state.error!)}
        <button class="button" type="button" @click=${() => void this.#follow.view?.load()}>Try again</button>
      </p>`;
    }
    if (state.candidates.length === 0) {
      return html`<p class="muted">No possible duplicates on this board. New ideas are checked as they arrive.</p>`;
    }
    const active = this.#cursor.index;
    return html`<table part="table" class="table" aria-label="Possible duplicates">
      <thead>
        <tr>
          <th scope="col">Idea to keep</th>
          <th scope="col">Possible duplicate</th>
          <th scope="col">Similarity</th>
          <th scope="col"><span class="muted">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        ${state.candidates.map(
          (candidate, index) => html`<tr
            tabindex=${index === active ? 0 : -1}
            aria-selected=${index === active ? 'true' : 'false'}
            @click=${() => this.#cursor.activate(index)}
            @focus=${() => index !== this.#cursor.index && this.#cursor.activate(index)}
          >
            ${candidate.posts.map(
              (post) => html`<td>${post.title} <span class="muted">· ${post.peopleCount} ${post.peopleCount === 1 ? 'person' : 'people'}</span></td>`,
            )}
            <td>${Math.round(candidate.score * 100)}%</td>
            <td class="actions">
              <button class="button" type="button" @click=${() => void this.#compare(index)}>Compare</button>
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  #renderCompare(state: DuplicatesState | undefined) {
    const open = state?.open;
    if (!open) return nothing;
    const body =
      open.status === 'error'
        ? html`<p class="error" role="alert">${failureMessage('Comparing the two ideas', open.error!)}</p>`
        : !open.comparison
          ? html`<p class="muted">Comparing…</p>`
          : html`
              <div class="columns">${open.comparison.ideas.map((idea) => this.#renderIdea(idea))}</div>
              <p class="overlap">
                <strong>Shared people: ${open.comparison.sharedPeople}</strong>
                ${open.comparison.sharedNames.length > 0 ? html`(${open.comparison.sharedNames.join(', ')})` : nothing}
                · only in “${open.comparison.ideas[0].post.title}”: ${open.comparison.ideas[0].onlyHere}
                · only in “${open.comparison.ideas[1].post.title}”: ${open.comparison.ideas[1].onlyHere}
              </p>
            `;
    return html`<section part="compare" class="compare" tabindex="-1" aria-labelledby="compare-heading">
      <h2 id="compare-heading">Compare</h2>
      ${body}
      <div class="actions">
        <button class="button primary" type="button" @click=${() => this.#openMerge()}>Merge…</button>
        <button class="button" type="button" @click=${() => void this.#dismiss()}>Not duplicates</button>
        <button class="button" type="button" @click=${() => void this.#closeCompare()}>Close</button>
      </div>
    </section>`;
  }

  #renderIdea({ post, evidence }: ComparedIdea) {
    return html`<article aria-label=${post.title}>
      <h3>${post.title}</h3>
      <div class="body">${post.body || html`<span class="muted">No description.</span>`}</div>
      <dl>
        <dt>Status</dt>
        <dd>${statusName(this.#boards.boards.find((board) => board.slug === post.board), post.status)}</dd>
        <dt>People</dt>
        <dd>${post.peopleCount}</dd>
        <dt>Votes</dt>
        <dd>${post.voteCount}</dd>
        <dt>Evidence</dt>
        <dd>${evidence.length === 0 ? 'none' : evidence.map((count) => `${count.items} via ${sourceName(count.source)}`).join(', ')}</dd>
        <dt>Created</dt>
        <dd>${day(post.createdAt)}</dd>
      </dl>
    </article>`;
  }

  #renderMergeDialog() {
    const merging = this.merging;
    return html`<dialog part="merge-dialog" aria-labelledby="merge-heading" @close=${this.#dialogClosed}>
      ${merging
        ? html`<form @submit=${this.#merge}>
            <h2 id="merge-heading">Merge ideas</h2>
            <fieldset>
              <legend>Keep which idea? The other is merged into it: its people, comments and tags count there.</legend>
              ${merging.pair.map((id) => {
                const post = this.#postOf(id);
                return html`<label>
                  <input
                    type="radio"
                    name="keep"
                    value=${id}
                    .checked=${merging.keep === id}
                    ?autofocus=${merging.keep === id}
                    @change=${() => (this.merging = { ...merging, keep: id })}
                  />
                  ${post?.title ?? id}
                </label>`;
              })}
            </fieldset>
            <div class="dialog-actions">
              <button class="button" type="button" @click=${() => this.dialog?.close()}>Cancel</button>
              <button class="button primary" type="submit">Merge</button>
            </div>
          </form>`
        : nothing}
    </dialog>`;
  }

  #dialogClosed(): void {
    this.merging = null;
    // Focus goes back where the admin was: the comparison, else the active row.
    const compare = this.renderRoot.querySelector<HTMLElement>('[part="compare"]');
    if (compare) compare.focus();
    else void this.#cursor.move(0);
  }
}
