import { localized, msg, str } from '@lit/localize';
import {
  SaysoError,
  checkNewPost,
  createSubmission,
  statusName,
  type IdeaDraft,
  type InputProblem,
  type OutboxCreatePost,
  type OutboxSettlement,
  type Post,
  type SaysoClient,
  type SaysoErrorCode,
  type SubmissionState,
} from '@sayso/core';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { IdeaDraftController } from '../../controllers/idea-draft.js';
import { OutboxController } from '../../controllers/outbox.js';
import { SimilarIdeasController } from '../../controllers/similar-ideas.js';
import { StoreController } from '../../controllers/store.js';
import type { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { SaysoSubmitEvent } from '../../events/sayso-submit.js';
import { formatCount, plural } from '../../internal/intl.js';
import { browserIsOffline } from '../../internal/browser-outbox.js';
import type { LocalizedText } from '../../internal/localized-text.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { saysoIdeaFormExportparts } from '../../generated/exportparts.js';
import styles from './sayso-idea-form.styles.js';

type Field = keyof IdeaDraft;

const EMPTY_DRAFT: IdeaDraft = { title: '', body: '' };

/** Why an idea was not sent when the form has no client to send it with. */
const notConnected = new SaysoError('network', 'Sayso is not connected yet, so the idea was not posted.');

/**
 * What the visitor reads when an idea was refused, by the reason. (An idea that could not be
 * sent is no failure: it waits in the outbox, see {@link ideaWaitingMessage}.)
 */
export function submitFailureMessage(error: SaysoError): string {
  if (error === notConnected) return msg('Sayso is not connected yet, so your idea was not posted. Try again in a moment.');
  switch (error.code) {
    case 'not_found':
      return msg('This board could not be found, so your idea was not posted.');
    case 'invalid_input':
      return error.message || msg('Please check your idea and try again.');
    default:
      return msg('Your idea could not be posted. Your text is still here; try again.');
  }
}

/** What the visitor reads under a field of the idea the checks refused, in the active locale. */
export function ideaProblemMessage(problem: InputProblem): string {
  const limit = problem.limit === undefined ? '' : formatCount(problem.limit);
  if (problem.field === 'title' && problem.rule === 'too_short') return msg(str`Title needs at least ${limit} characters.`);
  if (problem.field === 'title' && problem.rule === 'too_long') return msg(str`Title can have at most ${limit} characters.`);
  if (problem.field === 'body' && problem.rule === 'too_long') return msg(str`Details can have at most ${limit} characters.`);
  // A check only the server knows: its own words.
  return problem.message;
}

/**
 * What the visitor reads when an idea waits in the outbox, by why the attempt failed and whether
 * the browser says it is offline (a server that cannot be reached fails the same way).
 */
export function ideaWaitingMessage(reason: SaysoErrorCode, offline: boolean): string {
  if (offline) return msg("You're offline. Your idea is saved on this device and will be sent when you're back online.");
  if (reason === 'rate_limited') return msg('You are posting very quickly. Your idea is saved on this device and will be sent in a moment.');
  return msg("The server can't be reached right now. Your idea is saved on this device and will be sent when it can.");
}

/** What a screen reader hears once similar ideas were found for what the visitor typed. */
export function similarIdeasFoundMessage(count: number): string {
  const n = formatCount(count);
  return plural(count, { one: () => msg(str`${n} similar idea`), other: () => msg(str`${n} similar ideas`) });
}

/** What the visitor reads after voting for a similar idea instead of posting theirs. */
export function similarVoteMessage(title: string): string {
  return msg(str`Your vote for “${title}” was added. Your text is still here, in case your idea is different.`);
}

/** What the visitor hears when an idea that waited in the outbox was posted at last. */
export function ideaSentMessage(title: string): string {
  return msg(str`Your idea “${title}” was posted.`);
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
 * An idea that cannot be sent yet (offline, server down) is not an error: the form clears, says
 * calmly that the idea is saved on this device, lists it as waiting, and announces when it was
 * posted. If the server later refuses it, the form says why and gives the text back.
 *
 * While the visitor types a title (and details), up to 5 existing ideas of the board that say
 * the same thing appear under the title, each with its status and a `<sayso-vote-button>`, so
 * the visitor can vote for one instead of posting a duplicate; their text stays in the form.
 * How many were found is announced politely once typing pauses. If the lookup fails, no list
 * shows and posting works as ever.
 *
 * @dependency sayso-vote-button
 *
 * @exportparts sayso-vote-button vote-button:similar-vote-button count:similar-vote-count
 *   message:similar-vote-message icon:similar-vote-icon
 *
 * @event {SaysoSubmitEvent} sayso-submit - An idea was posted (also one that waited to be sent). `detail`: `{ post }`.
 * @event {SaysoVoteEvent} sayso-vote - From a similar idea's vote button: the visitor's vote was saved.
 *
 * @csspart form - The `<form>`.
 * @csspart heading - The form's heading.
 * @csspart field - Each label + control + message group.
 * @csspart label - Each field's label.
 * @csspart input - The title input.
 * @csspart textarea - The details textarea.
 * @csspart field-error - The message under a field that is not valid.
 * @csspart similar - The region listing similar ideas, under the title.
 * @csspart similar-heading - Its heading.
 * @csspart similar-list - The list of similar ideas.
 * @csspart similar-idea - Each similar idea.
 * @csspart similar-vote - The `<sayso-vote-button>` of each; its parts are forwarded as
 *   `similar-vote-button`, `similar-vote-count` and `similar-vote-message`.
 * @csspart similar-title - The title of each similar idea.
 * @csspart similar-status - The status of each similar idea.
 * @csspart similar-announcement - The visually hidden live region that says how many were found.
 * @csspart error - The message when posting failed.
 * @csspart submit - The submit button.
 * @csspart status - The live region that confirms a posted idea, or that it waits to be sent.
 * @csspart queue - The list of this board's ideas waiting to be sent.
 * @csspart queued-idea - The title of each idea waiting to be sent.
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
 * @cssstate waiting - An idea of this board waits to be sent.
 */
@localized()
export class SaysoIdeaForm extends SaysoElement {
  static override styles = styles;

  /** Slug of the board the idea is posted to. */
  @property() board = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /** Text of the form's heading. Default: "Suggest an idea", in the active locale. */
  @property() heading = '';

  /**
   * What the form says besides the outcome of its own submission (a vote for a similar idea, an
   * idea that waited and was posted at last); it gives way to the next submission or keystroke.
   */
  @state() private notice: LocalizedText | null = null;
  /** Whether the browser said it was offline when the last idea was kept in the outbox. */
  @state() private offlineWhenQueued = false;

  @query('#title') private titleInput!: HTMLInputElement;
  @query('#body') private bodyInput!: HTMLTextAreaElement;

  readonly #client = new ClientController(this);
  readonly #submission = createSubmission<IdeaDraft, Post>({
    empty: EMPTY_DRAFT,
    check: checkNewPost,
    send: (draft) => {
      const client = this.#client.value;
      // Thrown at once, so the form says so in the same update as the click.
      if (!client) throw notConnected;
      return client.submitIdea({ board: this.board, ...draft });
    },
  });
  readonly #form = new StoreController<SubmissionState<IdeaDraft>>(this, this.#submission.$state);
  readonly #states = new CustomStatesController(this);
  readonly #drafts = new IdeaDraftController(this);
  readonly #similar = new SimilarIdeasController(this, () => this.#client.value, () => this.board);
  /** What the similar-ideas lookup was last given, so it is asked again only when that changes. */
  #similarAsked: { client: SaysoClient | undefined; board: string; text: string } | undefined;
  /** How many similar ideas were last announced; the count is said again only when it changes. */
  #similarAnnounced = 0;
  @state() private similarAnnouncement = '';
  readonly #outbox = new OutboxController(this, () => this.#client.value, (settlement) => this.#onSettled(settlement));

  /** This board's ideas that wait in the outbox after an attempt failed. */
  get #waiting(): OutboxCreatePost[] {
    return this.#outbox.entries.filter(
      (entry): entry is OutboxCreatePost => entry.kind === 'createPost' && entry.params.board === this.board && !!entry.lastError,
    );
  }

  /** An idea that waited was posted at last, or refused: say so; a refused one's text comes back. */
  #onSettled(settlement: OutboxSettlement): void {
    const { entry } = settlement;
    if (entry.kind !== 'createPost' || entry.params.board !== this.board || !entry.lastError) return;
    if ('post' in settlement) {
      const { title } = settlement.post;
      this.notice = () => ideaSentMessage(title);
      this.dispatchEvent(new SaysoSubmitEvent({ post: settlement.post }));
    } else if ('error' in settlement) {
      this.notice = null;
      this.#submission.refuse(settlement.error, { title: entry.params.title, body: entry.params.body });
      this.#drafts.save(this.board, this.#form.value!.draft);
    }
  }

  /** The board whose draft the form shows; `undefined` until the form first connects. */
  #draftBoard: string | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#takeUpDraft();
  }

  protected override willUpdate(): void {
    if (this.isConnected) this.#takeUpDraft();
    this.#followDraftWithSimilarIdeas();
  }

  /**
   * Similar ideas follow the draft, however it changed (typing, a restored draft, clearing after
   * a post); their count is announced once a lookup settles, and only when it changed.
   */
  #followDraftWithSimilarIdeas(): void {
    const { draft } = this.#form.value!;
    const asked = { client: this.#client.value, board: this.board, text: `${draft.title}\n${draft.body}` };
    const last = this.#similarAsked;
    if (!last || last.client !== asked.client || last.board !== asked.board || last.text !== asked.text) {
      this.#similarAsked = asked;
      this.#similar.look(asked.text);
    }
    const status = this.#similar.status;
    if (status === 'loading') return;
    const count = this.#similar.posts.length;
    if (count !== this.#similarAnnounced) {
      this.#similarAnnounced = count;
      this.similarAnnouncement = count > 0 ? similarIdeasFoundMessage(count) : '';
    }
  }

  /** A vote for a similar idea was saved: say so, and keep the visitor's text. */
  #onSimilarVote(event: SaysoVoteEvent): void {
    if (!event.detail.voted) return;
    const post = this.#similar.posts.find((p) => p.id === event.detail.postId);
    const title = post?.title ?? '';
    this.notice = () => similarVoteMessage(title);
  }

  #renderSimilarIdeas() {
    const posts = this.#similar.posts;
    if (posts.length === 0) return nothing;
    const client = this.#client.value;
    const board = client?.$boards.get()[this.board];
    return html`
      <section part="similar" class="similar" aria-labelledby="similar-heading">
        <h4 id="similar-heading" part="similar-heading">${msg('Similar ideas — vote for one instead?')}</h4>
        <ul part="similar-list" @sayso-vote=${this.#onSimilarVote}>
          ${repeat(
            posts,
            (post) => post.id,
            (post) => html`
              <li part="similar-idea">
                <sayso-vote-button
                  part="similar-vote"
                  exportparts=${saysoIdeaFormExportparts['sayso-vote-button']}
                  post-id=${post.id}
                  .client=${client}
                ></sayso-vote-button>
                <span part="similar-title" class="similar-title">${post.title}</span>
                <span part="similar-status" class="similar-status" data-status=${post.status}>${statusName(board, post.status)}</span>
              </li>
            `,
          )}
        </ul>
      </section>
    `;
  }

  /** Restores the saved draft of the current board (once per board). */
  #takeUpDraft(): void {
    if (this.#draftBoard === this.board) return;
    const previous = this.#draftBoard;
    this.#draftBoard = this.board;
    // Moved to another board: the old board keeps its text; the form takes up the new board's.
    if (previous) this.#drafts.flush();
    this.#submission.reset(this.#drafts.restore(this.board) ?? EMPTY_DRAFT);
  }

  protected override updated(): void {
    const { status, problems } = this.#form.value!;
    this.#states.set('sending', status === 'sending');
    this.#states.set('invalid', problems.length > 0);
    this.#states.set('waiting', this.#waiting.length > 0);
  }

  #problemFor(field: Field): string | undefined {
    const problem = this.#form.value!.problems.find((p) => p.field === field);
    return problem && ideaProblemMessage(problem);
  }

  #onInput(field: Field, event: Event): void {
    const value = (event.target as HTMLInputElement | HTMLTextAreaElement).value;
    this.#submission.edit({ [field]: value });
    this.#drafts.save(this.board, this.#form.value!.draft);
    this.notice = null;
  }

  #focusFirstProblem(): void {
    const first = this.#form.value!.problems[0]?.field;
    if (first === 'title') this.titleInput?.focus();
    else if (first === 'body') this.bodyInput?.focus();
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    this.notice = null;
    const board = this.board;
    const post = await this.#submission.submit();
    const { status, problems } = this.#form.value!;
    if (status === 'sent' || status === 'queued') this.#drafts.clear(board);
    if (status === 'queued') this.offlineWhenQueued = browserIsOffline();
    if (post) this.dispatchEvent(new SaysoSubmitEvent({ post }));
    else if (problems.length > 0) {
      await this.updateComplete;
      this.#focusFirstProblem();
    }
  }

  /** What the status line says: a notice of the form's own, else how the last submission went. */
  #announcement(state: SubmissionState<IdeaDraft>): string | undefined {
    if (this.notice) return this.notice();
    if (state.status === 'sent') return msg('Thanks — your idea was posted.');
    if (state.status === 'queued') return ideaWaitingMessage(state.error!.code, this.offlineWhenQueued);
    return undefined;
  }

  protected override render() {
    const state = this.#form.value!;
    const { draft } = state;
    const sending = state.status === 'sending';
    const failure = state.status === 'refused' ? state.error : null;
    const titleProblem = this.#problemFor('title');
    const bodyProblem = this.#problemFor('body');
    const waiting = this.#waiting;
    return html`
      <form part="form" novalidate aria-labelledby="heading" @submit=${this.#onSubmit}>
        <h3 id="heading" part="heading">${this.heading || msg('Suggest an idea')}</h3>
        <div part="field" class="field">
          <label part="label" for="title">${msg('Title')}</label>
          <input
            id="title"
            part="input"
            name="title"
            type="text"
            autocomplete="off"
            aria-required="true"
            aria-invalid=${titleProblem ? 'true' : 'false'}
            aria-describedby=${titleProblem ? 'title-error' : nothing}
            .value=${live(draft.title)}
            @input=${(event: Event) => this.#onInput('title', event)}
          />
          ${titleProblem ? html`<p id="title-error" part="field-error">${titleProblem}</p>` : nothing}
        </div>
        ${this.#renderSimilarIdeas()}
        <p part="similar-announcement" class="visually-hidden" role="status" aria-live="polite">${this.similarAnnouncement || nothing}</p>
        <div part="field" class="field">
          <label part="label" for="body">${msg('Details')} <span class="optional">${msg('(optional)')}</span></label>
          <textarea
            id="body"
            part="textarea"
            name="body"
            rows="4"
            aria-invalid=${bodyProblem ? 'true' : 'false'}
            aria-describedby=${bodyProblem ? 'body-error' : nothing}
            .value=${live(draft.body)}
            @input=${(event: Event) => this.#onInput('body', event)}
          ></textarea>
          ${bodyProblem ? html`<p id="body-error" part="field-error">${bodyProblem}</p>` : nothing}
        </div>
        ${failure ? html`<p part="error" role="alert">${submitFailureMessage(failure)}</p>` : nothing}
        <div class="actions">
          <button part="submit" class="button button--primary" type="submit" ?disabled=${sending}>
            ${sending ? msg('Posting…') : msg('Post idea')}
          </button>
          <p part="status" role="status" aria-live="polite" class=${!this.notice && state.status === 'queued' ? 'waiting' : 'done'}>${this.#announcement(state) ?? nothing}</p>
        </div>
        ${waiting.length > 0
          ? html`<div part="queue" class="queue">
              <p id="queue-heading">${msg('Waiting to be sent:')}</p>
              <ul aria-labelledby="queue-heading">
                ${waiting.map((entry) => html`<li part="queued-idea">${entry.params.title}</li>`)}
              </ul>
            </div>`
          : nothing}
      </form>
    `;
  }
}
