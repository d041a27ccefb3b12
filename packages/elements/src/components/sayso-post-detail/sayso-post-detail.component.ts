import { localized, msg, str } from '@lit/localize';
import {
  SaysoError,
  checkCommentBody,
  createSubmission,
  statusName,
  type Board,
  type Comment,
  type CommentsState,
  type CommentsView,
  type Post,
  type SaysoClient,
  type InputProblem,
  type SubmissionState,
} from '@sayso/core';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { StoreController } from '../../controllers/store.js';
import { SaysoCommentEvent } from '../../events/sayso-comment.js';
import { formatCount, formatDate } from '../../internal/intl.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { saysoPostDetailExportparts } from '../../generated/exportparts.js';
import { commentCountLabel } from '../sayso-post-card/sayso-post-card.component.js';
import styles from './sayso-post-detail.styles.js';

type MarkdownModule = typeof import('../../internal/markdown.js');

/** A comment not yet posted. */
interface CommentDraft {
  body: string;
}

/** Why a comment was not sent when the detail has no client to send it with. */
const notConnected = new SaysoError('network', 'Sayso is not connected yet, so the comment was not posted.');

/** What the visitor reads when a comment could not be posted, by the reason it failed. */
export function commentFailureMessage(error: SaysoError): string {
  if (error === notConnected) return msg('Sayso is not connected yet, so your comment was not posted. Try again in a moment.');
  switch (error.code) {
    case 'rate_limited':
      return msg('You are commenting very quickly. Wait a moment, then try again.');
    case 'network':
      return msg('You seem to be offline, so your comment was not posted. Your text is still here; try again when you are back online.');
    case 'unauthorized':
    case 'forbidden':
      return msg('You cannot comment on this idea. Your text is still here.');
    case 'not_found':
      return msg('This idea could not be found, so your comment was not posted.');
    case 'invalid_input':
      return error.message || msg('Please check your comment and try again.');
    default:
      return msg('Your comment could not be posted. Your text is still here; try again.');
  }
}

/** What the visitor reads under a comment the checks refused, in the active locale. */
function commentProblemMessage(problem: InputProblem): string {
  if (problem.rule === 'required') return msg('A comment cannot be empty.');
  if (problem.rule === 'too_long' && problem.limit !== undefined) {
    const limit = formatCount(problem.limit);
    return msg(str`A comment can have at most ${limit} characters.`);
  }
  return problem.message;
}

const commentsFailureMessage = (error: SaysoError | null) =>
  error?.code === 'network'
    ? msg('You seem to be offline, so the comments could not be loaded.')
    : msg('The comments could not be loaded right now.');

/**
 * @tag sayso-post-detail
 * @summary One idea in full: its title, details rendered as markdown, status, tags, a vote
 * button, its comments, and a form to add one.
 *
 * Details and comments are markdown, rendered through Sayso's single sanitising path (marked,
 * then DOMPurify with a strict allow-list), loaded only when a detail is first shown. Until it has
 * loaded, the text is shown as plain text.
 *
 * @dependency sayso-vote-button
 *
 * @exportparts sayso-vote-button
 *
 * @event {SaysoCommentEvent} sayso-comment - A comment was posted. `detail`: `{ comment }`.
 * @event {SaysoVoteEvent} sayso-vote - From the vote button inside: a vote was saved.
 *
 * @csspart detail - The `<article>` around everything.
 * @csspart heading - The idea's title.
 * @csspart meta - The line with status, tags and date.
 * @csspart status - The status badge.
 * @csspart tag - Each tag.
 * @csspart vote - The `<sayso-vote-button>` (its parts forwarded as `vote-button`, `count`, `message`).
 * @csspart body - The idea's rendered details.
 * @csspart comments - The comments section.
 * @csspart comments-heading - The comments heading, with the count.
 * @csspart comment-list - The list of comments.
 * @csspart comment - Each comment.
 * @csspart comment-author - A comment's author and date.
 * @csspart comment-body - A comment's rendered text.
 * @csspart comments-loading - The message while comments load.
 * @csspart comments-empty - The message when there are no comments yet.
 * @csspart comments-error - The message when comments could not be loaded.
 * @csspart retry - The button that loads the comments again.
 * @csspart load-more - The button that loads older comments.
 * @csspart comment-form - The comment `<form>`.
 * @csspart label - The comment field's label.
 * @csspart textarea - The comment field.
 * @csspart field-error - The message when the comment is not valid.
 * @csspart error - The message when posting failed.
 * @csspart submit - The submit button.
 * @csspart form-status - The live region that confirms a posted comment.
 * @csspart missing - The message when the idea is not known to the client.
 *
 * @cssproperty --sayso-color-primary - Links and the submit button.
 * @cssproperty --sayso-color-text - Text colour.
 * @cssproperty --sayso-color-text-muted - Dates, authors and muted messages.
 * @cssproperty --sayso-color-surface - Background.
 * @cssproperty --sayso-color-border - Borders.
 * @cssproperty --sayso-color-danger - Error messages.
 * @cssproperty --sayso-color-success - The confirmation message.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate sending - A comment is being posted.
 * @cssstate invalid - The comment is not valid.
 */
@localized()
export class SaysoPostDetail extends SaysoElement {
  static override styles = styles;

  /** Id of the idea to show; it is taken from the client's posts (loaded by a board list). */
  @property({ attribute: 'post-id' }) postId = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  @state() private markdownModule: MarkdownModule | undefined;

  @query('#comment') private commentInput!: HTMLTextAreaElement;

  readonly #client = new ClientController(this);
  readonly #states = new CustomStatesController(this);
  readonly #posts = new StoreController<Record<string, Post>>(this);
  readonly #boards = new StoreController<Record<string, Board>>(this);
  readonly #comments = new StoreController<CommentsState>(this);
  #commentsView: CommentsView | undefined;
  readonly #submission = createSubmission<CommentDraft, Comment>({
    empty: { body: '' },
    check: ({ body }) => checkCommentBody(body),
    send: ({ body }) => {
      // Thrown at once, so the form says so in the same update as the click.
      if (!this.#commentsView) throw notConnected;
      return this.#commentsView.add(body);
    },
  });
  readonly #form = new StoreController<SubmissionState<CommentDraft>>(this, this.#submission.$state);
  #connected = false;

  override connectedCallback(): void {
    super.connectedCallback();
    this.#connected = true;
    // The markdown renderer (marked + DOMPurify) is fetched only when a detail is shown.
    if (!this.markdownModule) {
      import('../../internal/markdown.js').then(
        (module) => (this.markdownModule = module),
        () => undefined, // Stay with plain text.
      );
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connected = false;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const client = this.#client.value;
    this.#posts.store = client?.$posts;
    this.#boards.store = client?.$boards;
    const view = client && this.postId ? client.comments(this.postId) : undefined;
    if (view !== this.#commentsView) {
      this.#commentsView = view;
      this.#comments.store = view?.$state;
    }
    if (changed.has('postId')) this.#submission.reset();
    // Only once on a page (connectedCallback never runs in server rendering): fetch the comments
    // if nobody has yet.
    if (this.#connected && view?.$state.get().status === 'idle') void view.load();
  }

  protected override updated(): void {
    const { status, problems } = this.#form.value!;
    this.#states.set('sending', status === 'sending');
    this.#states.set('invalid', problems.length > 0);
  }

  #text(source: string) {
    return this.markdownModule ? this.markdownModule.markdown(source) : html`<p class="plain">${source}</p>`;
  }

  #onInput(event: Event): void {
    this.#submission.edit({ body: (event.target as HTMLTextAreaElement).value });
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const comment = await this.#submission.submit();
    if (comment) this.dispatchEvent(new SaysoCommentEvent({ comment }));
    else if (this.#form.value!.problems.length > 0) {
      await this.updateComplete;
      this.commentInput?.focus();
    }
  }

  #renderComments(post: Post) {
    const state = this.#comments.value;
    const count = commentCountLabel(post.commentCount);
    let content;
    if (state?.status === 'error') {
      content = html`
        <div part="comments-error" class="message message--error" role="alert">
          <p>${commentsFailureMessage(state.error)}</p>
          <button part="retry" class="button" type="button" @click=${() => void this.#commentsView?.load()}>
            ${msg('Try again')}
          </button>
        </div>
      `;
    } else if (!state || state.status === 'idle' || (state.status === 'loading' && state.items.length === 0)) {
      content = html`<p part="comments-loading" class="message" role="status">${msg('Loading comments…')}</p>`;
    } else if (state.items.length === 0) {
      content = html`<p part="comments-empty" class="message">${msg('No comments yet.')}</p>`;
    } else {
      content = html`
        <ol part="comment-list" class="comments" aria-label=${msg('Comments')}>
          ${repeat(
            state.items,
            (comment) => comment.id,
            (comment) => html`
              <li part="comment" class="comment">
                <p part="comment-author" class="comment-author">
                  <span class="author">${comment.author.name ?? msg('Anonymous')}</span>
                  <time datetime=${comment.createdAt}>${formatDate(comment.createdAt, this.lang)}</time>
                </p>
                <div part="comment-body" class="markdown">${this.#text(comment.body)}</div>
              </li>
            `,
          )}
        </ol>
        ${state.error
          ? html`<p part="comments-error" class="message message--error" role="alert">
              ${msg(str`More comments could not be loaded. ${commentsFailureMessage(state.error)}`)}
            </p>`
          : nothing}
        ${state.nextCursor
          ? html`<button
              part="load-more"
              class="button load-more"
              type="button"
              ?disabled=${state.loadingMore}
              @click=${() => void this.#commentsView?.loadMore()}
            >
              ${state.loadingMore ? msg('Loading more comments…') : msg('Load more comments')}
            </button>`
          : nothing}
      `;
    }
    return html`
      <section part="comments" class="comments-section" aria-labelledby="comments-heading">
        <h3 id="comments-heading" part="comments-heading">${count}</h3>
        ${content} ${this.#renderForm()}
      </section>
    `;
  }

  #renderForm() {
    const { draft, problems, status, error } = this.#form.value!;
    const problem = problems[0];
    const sending = status === 'sending';
    return html`
      <form part="comment-form" class="form" novalidate @submit=${this.#onSubmit}>
        <label part="label" for="comment">${msg('Add a comment')}</label>
        <textarea
          id="comment"
          part="textarea"
          name="comment"
          rows="3"
          aria-required="true"
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? 'comment-error' : nothing}
          .value=${live(draft.body)}
          @input=${this.#onInput}
        ></textarea>
        ${problem ? html`<p id="comment-error" part="field-error">${commentProblemMessage(problem)}</p>` : nothing}
        ${status === 'refused' && error ? html`<p part="error" role="alert">${commentFailureMessage(error)}</p>` : nothing}
        <div class="actions">
          <button part="submit" class="button button--primary" type="submit" ?disabled=${sending}>
            ${sending ? msg('Posting…') : msg('Post comment')}
          </button>
          <p part="form-status" role="status" aria-live="polite">${status === 'sent' ? msg('Thanks — your comment was posted.') : nothing}</p>
        </div>
      </form>
    `;
  }

  protected override render() {
    const post = this.postId ? this.#posts.value?.[this.postId] : undefined;
    if (!post) {
      return this.postId ? html`<p part="missing" class="message">${msg('This idea could not be found.')}</p>` : nothing;
    }
    return html`
      <article part="detail" class="detail" aria-labelledby="heading">
        <div class="head">
          <sayso-vote-button
            part="vote"
            exportparts=${saysoPostDetailExportparts['sayso-vote-button']}
            post-id=${post.id}
            .client=${this.client}
          ></sayso-vote-button>
          <div class="head-text">
            <h2 id="heading" part="heading" tabindex="-1">${post.title}</h2>
            <p part="meta" class="meta">
              <span part="status" class="pill" data-status=${post.status}
                >${statusName(this.#boards.value?.[post.board], post.status)}</span
              >
              ${post.tags.map((tag) => html`<span part="tag" class="pill" data-tag=${tag.slug}>${tag.name}</span>`)}
              <span class="author">${post.author.name ?? msg('Anonymous')}</span>
              <time datetime=${post.createdAt}>${formatDate(post.createdAt, this.lang)}</time>
            </p>
          </div>
        </div>
        ${post.body ? html`<div part="body" class="markdown">${this.#text(post.body)}</div>` : nothing}
        ${this.#renderComments(post)}
      </article>
    `;
  }

  /** Moves focus to the idea's title (for example right after the detail was opened). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }
}
