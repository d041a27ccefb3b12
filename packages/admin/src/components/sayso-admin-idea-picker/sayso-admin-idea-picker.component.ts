import { toSaysoError, type PostRef } from '@sayso/core';
import { SaysoElement } from '@sayso/elements';
import { componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { SaysoAdminPickEvent } from '../../events/sayso-admin-pick.js';
import { adminStyles } from '../../styles/admin.styles.js';
import styles from './sayso-admin-idea-picker.styles.js';

/** How long typing pauses before the ideas are looked up, so each key is not a request. */
export const IDEA_SEARCH_DELAY_MS = 150;

/**
 * @tag sayso-admin-idea-picker
 * @summary A field to find an idea by its words and pick it: an ARIA combobox whose listbox
 * `ArrowDown`/`ArrowUp` move through, `Enter` picks the highlighted idea, `Escape` closes.
 *
 * Give it `search`, which answers the ideas matching the typed text (the first ideas for no
 * text); ideas whose ids are in `exclude` (already picked) are not offered.
 *
 * @csspart input - The search field.
 * @csspart listbox - The ideas offered.
 * @csspart option - One idea offered.
 *
 * @event sayso-admin-pick - The admin picked an idea ({@link SaysoAdminPickEvent}); the field empties.
 */
export class SaysoAdminIdeaPicker extends SaysoElement {
  static override styles = [componentStyles, adminStyles, styles];

  /** The field's label. */
  @property() label = 'Add an idea';

  /** Answers the ideas matching the typed text. */
  @property({ attribute: false }) search?: (text: string) => Promise<PostRef[]>;

  /** Ids of ideas not to offer. */
  @property({ attribute: false }) exclude: readonly string[] = [];

  @property({ type: Boolean }) disabled = false;

  @state() private found: PostRef[] = [];
  @state() private expanded = false;
  @state() private active = -1;
  @state() private failure: string | null = null;

  @query('input') private input!: HTMLInputElement;

  #lookup = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Settles once the ideas for what is typed now are in (Enter pressed early waits for them). */
  #found: Promise<void> = Promise.resolve();

  /** The ideas offered now: what was found, less those excluded. */
  get #options(): PostRef[] {
    return this.found.filter((idea) => !this.exclude.includes(idea.id));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#timer);
  }

  /** Focuses the field. */
  override focus(): void {
    this.input?.focus();
  }

  override render() {
    const options = this.#options;
    const active = Math.min(this.active, options.length - 1);
    const open = this.expanded && options.length > 0;
    return html`<label
        >${this.label}
        <input
          part="input"
          type="search"
          role="combobox"
          autocomplete="off"
          aria-autocomplete="list"
          aria-controls="ideas"
          aria-expanded=${open ? 'true' : 'false'}
          aria-activedescendant=${open && active >= 0 ? `idea-${active}` : nothing}
          ?disabled=${this.disabled}
          @input=${this.#typed}
          @focus=${this.#typed}
          @keydown=${this.#key}
          @blur=${() => (this.expanded = false)}
      /></label>
      <ul id="ideas" part="listbox" role="listbox" aria-label="Ideas" ?hidden=${!open}>
        ${open
          ? options.map(
              (idea, index) =>
                html`<li
                  id="idea-${index}"
                  part="option"
                  role="option"
                  aria-selected=${index === active ? 'true' : 'false'}
                  @mousedown=${(event: MouseEvent) => event.preventDefault()}
                  @click=${() => this.#pick(idea)}
                >
                  ${idea.title}
                </li>`,
            )
          : nothing}
      </ul>
      <div class="note muted" role="status">
        ${this.failure ??
        (this.expanded && this.input?.value.trim() && options.length === 0 ? 'No idea matches these words.' : nothing)}
      </div>`;
  }

  #typed(): void {
    this.expanded = true;
    this.active = -1;
    clearTimeout(this.#timer);
    const text = this.input.value;
    this.#found = new Promise((resolve) => {
      this.#timer = setTimeout(() => void this.#find(text).then(resolve), IDEA_SEARCH_DELAY_MS);
    });
  }

  async #find(text: string): Promise<void> {
    if (!this.search) return;
    const mine = ++this.#lookup;
    try {
      const found = await this.search(text);
      if (mine !== this.#lookup) return;
      this.found = found;
      this.failure = null;
    } catch (error) {
      if (mine !== this.#lookup) return;
      this.found = [];
      this.failure = `Ideas could not be looked up (${toSaysoError(error).message}). Type again to retry.`;
    }
  }

  #key(event: KeyboardEvent): void {
    const count = this.#options.length;
    switch (event.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        event.preventDefault();
        this.expanded = true;
        const step = event.key === 'ArrowDown' ? 1 : -1;
        // Pressed before the ideas arrived, ArrowDown still means "the first one".
        const from = this.active < 0 ? (step > 0 ? -1 : count) : Math.min(this.active, count - 1);
        this.active = count === 0 ? 0 : (from + step + count) % count;
        break;
      }
      case 'Enter':
        if (!this.expanded || this.active < 0) return;
        event.preventDefault();
        void this.#pickActive();
        break;
      case 'Escape':
        if (!this.expanded) return;
        // Closing the list is all Escape does here; the screen must not also close the editor.
        event.preventDefault();
        this.expanded = false;
        break;
    }
  }

  async #pickActive(): Promise<void> {
    await this.#found;
    const options = this.#options;
    const idea = options[Math.min(this.active, options.length - 1)];
    if (idea) this.#pick(idea);
  }

  #pick(idea: PostRef): void {
    this.input.value = '';
    this.expanded = false;
    this.active = -1;
    this.dispatchEvent(new SaysoAdminPickEvent(idea));
    // The next idea to add is likely among the first ones again.
    this.#found = this.#find('');
  }
}
