import { SaysoError, checkNewPost, toSaysoError, type InputProblem, type SaysoClient } from '@sayso/core';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { IdeaDraftController } from '../../controllers/idea-draft.js';
import { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-idea-form.styles.js';

type Field = 'title' | 'body';

/** What the visitor reads when an idea could not be posted, by the reason it failed. */
export function submitFailureMessage(error: SaysoError): string {
  switch (error.code) {
    case 'rate_limited':
      return 'You are posting very quickly. Wait a moment, then try again.';
    case 'network':
      return 'You seem to be offline, so your idea was not posted. Your text is still here; try again when you are back online.';
    case 'not_found':
      return 'This board could not be found, so your idea was not posted.';
    case 'invalid_input':
      return error.message || 'Please check your idea and try again.';
    default:
      return 'Your idea could not be posted. Your text is still here; try again.';
  }
}

/**
 * @tag sayso-idea-form
 * @summary A form to suggest an idea: a title, optional details, and a submit button.
 *
 * It checks the input with the server's own limits before sending. After a successful post it
 * clears and says thanks; after a failure it keeps everything the visitor typed.
 *
 * What the visitor types is saved in the browser per board (`localStorage`, key
 * `sayso:draft:<board>`) and restored when a form for that board appears again, e.g. after a
 * reload; the draft is forgotten once the idea is posted.
 *
 * @event {SaysoSubmitEvent} sayso-submit - An idea was posted. `detail`: `{ post }`.
 *
 * @csspart form - The `<form>`.
 * @csspart heading - The form's heading.
 * @csspart field - Each label + control + message group.
 * @csspart label - Each field's label.
 * @csspart input - The title input.
 * @csspart textarea - The details textarea.
 * @csspart field-error - The message under a field that is not valid.
 * @csspart error - The message when posting failed.
 * @csspart submit - The submit button.
 * @csspart status - The live region that confirms a posted idea.
 *
 * @cssproperty --sayso-color-primary - Submit button colour.
 * @cssproperty --sayso-color-on-primary - Submit button text colour.
 * @cssproperty --sayso-color-border - Field borders.
 * @cssproperty --sayso-color-danger - Error messages and invalid field borders.
 * @cssproperty --sayso-color-success - The thank-you message.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate sending - The idea is being posted.
 * @cssstate invalid - A field is not valid.
 */
export class SaysoIdeaForm extends SaysoElement {
  static override styles = styles;

  /** Slug of the board the idea is posted to. */
  @property() board = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /** Text of the form's heading. */
  @property() heading = 'Suggest an idea';

  /** What the visitor has typed so far. */
  @state() private draft: Record<Field, string> = { title: '', body: '' };
  @state() private problems: InputProblem[] = [];
  @state() private error = '';
  @state() private announcement = '';
  @state() private sending = false;

  @query('#title') private titleInput!: HTMLInputElement;
  @query('#body') private bodyInput!: HTMLTextAreaElement;

  readonly #client = new ClientController(this);
  readonly #states = new CustomStatesController(this);
  readonly #drafts = new IdeaDraftController(this);

  /** The board whose draft the form shows; `undefined` until the form first connects. */
  #draftBoard: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#takeUpDraft();
  }

  protected override willUpdate(): void {
    if (this.isConnected) this.#takeUpDraft();
  }

  /** Restores the saved draft of the current board (once per board). */
  #takeUpDraft(): void {
    if (this.#draftBoard === this.board) return;
    const previous = this.#draftBoard;
    this.#draftBoard = this.board;
    if (previous) {
      // Moved to another board: the old board keeps its text; the form takes up the new board's.
      this.#drafts.flush();
      this.draft = { title: '', body: '' };
    }
    const saved = this.#drafts.restore(this.board);
    if (saved) this.draft = saved;
  }

  protected override updated(): void {
    this.#states.set('sending', this.sending);
    this.#states.set('invalid', this.problems.length > 0);
  }

  #problemFor(field: Field): string | undefined {
    return this.problems.find((p) => p.field === field)?.message;
  }

  #onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.draft = { ...this.draft, [field]: value };
    this.#drafts.save(this.board, this.draft);
    this.announcement = '';
    if (this.#problemFor(field)) this.problems = this.problems.filter((p) => p.field !== field);
  }

  #focusFirstProblem(): void {
    const first = this.problems[0]?.field;
    if (first === 'title') this.titleInput?.focus();
    else if (first === 'body') this.bodyInput?.focus();
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.sending) return;
    this.error = '';
    this.announcement = '';
    const input = { ...this.draft };
    this.problems = checkNewPost(input);
    if (this.problems.length > 0) {
      await this.updateComplete;
      this.#focusFirstProblem();
      return;
    }
    const client = this.#client.value;
    if (!client) {
      this.error = 'Sayso is not connected yet, so your idea was not posted. Try again in a moment.';
      return;
    }
    this.sending = true;
    try {
      const board = this.board;
      const post = await client.submitIdea({ board, ...input });
      this.draft = { title: '', body: '' };
      this.#drafts.clear(board);
      this.announcement = 'Thanks — your idea was posted.';
      this.dispatchEvent(new SaysoSubmitEvent({ post }));
    } catch (caught) {
      const error = toSaysoError(caught);
      const problems = error.details['problems'];
      if (error.code === 'invalid_input' && Array.isArray(problems) && problems.length > 0) {
        this.problems = problems as InputProblem[];
        await this.updateComplete;
        this.#focusFirstProblem();
      } else {
        this.error = submitFailureMessage(error);
      }
    } finally {
      this.sending = false;
    }
  }

  protected override render() {
    const titleProblem = this.#problemFor('title');
    const bodyProblem = this.#problemFor('body');
    return html`
      <form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
        <h3 id="heading" part="heading">${this.heading}</h3>
        <div part="field" class="field">
          <label part="label" for="title">Title</label>
          <input
            id="title"
            part="input"
            name="title"
            type="text"
            autocomplete="off"
            aria-required="true"
            aria-invalid=${titleProblem ? 'true' : 'false'}
            aria-describedby=${titleProblem ? 'title-error' : nothing}
            .value=${live(this.draft.title)}
            @input=${(event: Event) => this.#onInput('title', event)}
          />
          ${titleProblem ? html`<p id="title-error" part="field-error">${titleProblem}</p>` : nothing}
        </div>
        <div part="field" class="field">
          <label part="label" for="body">Details <span class="optional">(optional)</span></label>
          <textarea
            id="body"
            part="textarea"
            name="body"
            rows="4"
            aria-invalid=${bodyProblem ? 'true' : 'false'}
            aria-describedby=${bodyProblem ? 'body-error' : nothing}
            .value=${live(this.draft.body)}
            @input=${(event: Event) => this.#onInput('body', event)}
          ></textarea>
          ${bodyProblem ? html`<p id="body-error" part="field-error">${bodyProblem}</p>` : nothing}
        </div>
        ${this.error ? html`<p part="error" role="alert">${this.error}</p>` : nothing}
        <div class="actions">
          <button part="submit" class="button button--primary" type="submit" ?disabled=${this.sending}>
            ${this.sending ? 'Posting…' : 'Post idea'}
          </button>
          <p part="status" role="status" aria-live="polite">${this.announcement || nothing}</p>
        </div>
      </form>
    `;
  }
}
