import { localized, msg, str } from '@lit/localize';
import {
  SaysoError,
  checkCommentBody,
  createDemandView,
  createSubmission,
  statusName,
  type Board,
  type Comment,
  type CommentsState,
  type CommentsView,
  type Demand,
  type DemandState,
  type DemandView,
  type EvidenceCount,
  type FeedbackSource,
  type Post,
  type PostRef,
  type PostState,
  type SaysoClient,
  type InputProblem,
  type SubmissionState,
} from '@sayso/core';
import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { MarkdownController } from '../../controllers/markdown.js';
import { StoreController } from '../../controllers/store.js';
import { ViewController } from '../../controllers/view.js';
import { SaysoCommentEvent } from '../../events/sayso-comment.js';
import { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { formatCount, formatDate, formatUnitList, plural } from '../../internal/intl.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { saysoPostDetailExportparts } from '../../generated/exportparts.js';
import { commentCountLabel, mergedIntoNote } from '../sayso-post-card/sayso-post-card.component.js';
import { peopleWantThis } from '../sayso-vote-button/sayso-vote-button.component.js';
import type { SaysoFollow } from '../sayso-follow/sayso-follow.component.js';
import styles from './sayso-post-detail.styles.js';

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

/** The banner on an idea reached through one merged into it. */
function mergedBannerText(mergedFrom: PostRef): string {
  const title = mergedFrom.title;
  return msg(str`“${title}” was merged into this idea. Your vote counts here.`);
}

/** "8 direct + 6 via merged ideas (2 in both)": where an idea's people come from. */
function peopleBreakdownText({ direct, viaMerged, inBoth }: Demand['people']): string {
  const [d, m, k] = [direct, viaMerged, inBoth].map(formatCount);
  return inBoth > 0 ? msg(str`${d} direct + ${m} via merged ideas (${k} in both)`) : msg(str`${d} direct + ${m} via merged ideas`);
}

/** "1 person", "12 people": the people of one merged idea. */
function peopleLabel(count: number): string {
  const n = formatCount(count);
  return plural(count, { one: () => msg(str`${n} person`), other: () => msg(str`${n} people`) });
}

/**
 * A feedback source as people say it: common nouns lower-case (email, widget), names as written
 * (Slack, CSV, API), a support tool's webhook by the tool's name (`webhook:zendesk` is Zendesk).
 */
function feedbackSourceName(source: FeedbackSource): string {
  switch (source) {
    case 'email':
      return msg('email', { desc: 'A feedback source, after "via": 12 people via email.' });
    case 'widget':
      return msg('widget', { desc: 'A feedback source, after "via": the feedback widget on the host site.' });
    case 'slack':
      return 'Slack';
    case 'csv':
      return 'CSV';
    case 'api':
      return 'API';
    default: {
      const tool = source.slice('webhook:'.length).replace(/[-_]+/g, ' ');
      return tool.charAt(0).toUpperCase() + tool.slice(1);
    }
  }
}

/** "12 people via email, 4 via Slack, 1 via CSV": who backs an idea through which channel, most people first. */
function evidenceText(evidence: EvidenceCount[]): string {
  return formatUnitList(
    evidence.map(({ source, people }, index) => {
      const [n, via] = [formatCount(people), feedbackSourceName(source)];
      if (index > 0) return msg(str`${n} via ${via}`, { desc: 'A further source in the evidence line: "4 via Slack".' });
      return plural(people, { one: () => msg(str`${n} person via ${via}`), other: () => msg(str`${n} people via ${via}`) });
    }),
  );
}

/** Whether an idea has evidence from a channel beyond the board's own widget, worth a line of its own. */
const hasChannelEvidence = (evidence: EvidenceCount[]) => evidence.some((count) => count.source !== 'widget');

const commentsFailureMessage = (error: SaysoError | null) =>
  error?.code === 'network'
    ? msg('You seem to be offline, so the comments could not be loaded.')
    : msg('The comments could not be loaded right now.');

/**
 * @tag sayso-post-detail
 * @summary One idea in full: its title, details rendered as markdown, status, tags, a vote
 * button, where its people come from, its comments, and a form to add one.
 *
 * The vote button counts the idea's distinct people. When other ideas were merged into it, the
 * detail says how many people come directly and how many through those ideas, and lists them;
 * their comments show here, each marked with the idea it came from. An idea opened by the id of
 * an idea merged into it (e.g. an old link) says so in a banner. An idea that was itself merged
 * (as a list of merged ideas holds it) names the idea its people now count on, where its
 * discussion goes on, and shows no comments of its own.
 *
 * Details and comments are markdown, rendered through Sayso's single sanitising path (marked,
 * then DOMPurify with a strict allow-list), loaded only when a detail is first shown. Until it has
 * loaded, the text is shown as plain text.
 *
 * The visitor can follow the idea there (`<sayso-follow>`): after they vote or comment, which
 * makes them follow it, the follow control asks again.
 *
 * @dependency sayso-vote-button
 * @dependency sayso-follow
 *
 * @exportparts sayso-vote-button
 * @exportparts sayso-follow base:follow toggle:follow-toggle form:follow-form label:follow-label
 *   input:follow-input submit:follow-submit hint:follow-hint field-error:follow-field-error
 *   error:follow-error status:follow-status loading:follow-loading retry:follow-retry
 *
 * @event {SaysoCommentEvent} sayso-comment - A comment was posted. `detail`: `{ comment }`.
 * @event {SaysoVoteEvent} sayso-vote - From the vote button inside: a vote was saved.
 * @event {SaysoOpenPostEvent} sayso-open-post - The visitor chose the idea this one was merged
 *   into. `detail`: `{ postId, board }`. Cancelable (`<sayso-board>` opens it).
 *
 * @csspart detail - The `<article>` around everything.
 * @csspart heading - The idea's title.
 * @csspart meta - The line with status, tags and date.
 * @csspart status - The status badge.
 * @csspart tag - Each tag.
 * @csspart vote - The `<sayso-vote-button>` (its parts forwarded as `vote-button`, `count`, `message`).
 * @csspart merged-banner - The live note on an idea reached through an idea merged into it.
 * @csspart merged-into - The note on an idea merged into another, naming that idea.
 * @csspart merged-into-button - The button in that note that opens the idea merged into.
 * @csspart body - The idea's rendered details.
 * @csspart demand - The section on where the idea's people come from (when ideas were merged into it, or feedback from a channel backs it).
 * @csspart demand-heading - Its heading: how many people want the idea.
 * @csspart breakdown - "N direct + M via merged ideas (K in both)".
 * @csspart evidence - The feedback backing the idea, per channel: "12 people via email, 4 via Slack, 1 via CSV".
 * @csspart merged-list - The list of ideas merged into this one.
 * @csspart merged-idea - Each idea merged into this one, with its people.
 * @csspart comments - The comments section.
 * @csspart comments-heading - The comments heading, with the count.
 * @csspart comment-list - The list of comments.
 * @csspart comment - Each comment.
 * @csspart comment-author - A comment's author and date.
 * @csspart comment-body - A comment's rendered text.
 * @csspart comment-merged-from - On a comment of an idea merged into this one: "merged from “…”".
 * @csspart comment-merged-from-button - The button in it that shows that idea in the merged list.
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

  @query('#comment') private commentInput!: HTMLTextAreaElement;
  @query('sayso-follow') private followControl!: SaysoFollow | null;

  readonly #client = new ClientController(this);
  readonly #states = new CustomStatesController(this);
  readonly #markdown = new MarkdownController(this);
  readonly #posts = new StoreController<Record<string, Post>>(this);
  readonly #boards = new StoreController<Record<string, Board>>(this);
  readonly #comments = new StoreController<CommentsState>(this);
  /** Which idea `postId` shows: itself, or the idea it was merged into once the backend said so. */
  readonly #opened = new StoreController<PostState>(this);
  readonly #demand = new StoreController<DemandState>(this);
  readonly #demandView = new ViewController<DemandView>(this, {
    inputs: () => [this.#client.value, this.#shownId],
    create: () => (this.#shownId ? this.#client.value?.view(createDemandView, { postId: this.#shownId }) : undefined),
    bind: (view) => (this.#demand.store = view?.$state),
  });
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
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#connected = false;
  }

  /** The id of the idea shown: `postId`, or the idea it was merged into. */
  get #shownId(): string {
    return this.#opened.value?.shownId ?? this.postId;
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    const client = this.#client.value;
    this.#posts.store = client?.$posts;
    this.#boards.store = client?.$boards;
    this.#opened.store = client && this.postId ? client.post(this.postId).$state : undefined;
    const view = client && this.#shownId ? client.comments(this.#shownId) : undefined;
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

  #onInput(event: Event): void {
    this.#submission.edit({ body: (event.target as HTMLTextAreaElement).value });
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const comment = await this.#submission.submit();
    if (comment) {
      this.dispatchEvent(new SaysoCommentEvent({ comment }));
      // Commenting makes the visitor follow the idea (unless they stopped following it).
      void this.followControl?.refresh();
    }
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
                  ${comment.mergedFrom ? this.#renderMergedFrom(comment.mergedFrom) : nothing}
                </p>
                <div part="comment-body" class="markdown">${this.#markdown.render(comment.body)}</div>
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

  /** The visitor's vote changed the idea's people: the demand section, when shown, follows; so does following. */
  #onVote(): void {
    if (this.#mergedIdeas.length > 0 || hasChannelEvidence(this.#demand.value?.demand?.evidence ?? [])) void this.#demandView.view?.load();
    void this.followControl?.refresh();
  }

  /** The ideas merged into the one shown, once their demand is known. */
  get #mergedIdeas(): Demand['merged'] {
    const demand = this.#demand.value?.demand;
    return demand?.postId === this.#shownId ? demand.merged : [];
  }

  /**
   * "merged from “…”" on a comment: a button to that idea in the list of merged ideas (opening
   * the idea itself would only lead back here), plain text while that list is not shown.
   */
  #renderMergedFrom(from: PostRef) {
    const title = from.title;
    const listed = this.#mergedIdeas.some((idea) => idea.id === from.id);
    return html`<span part="comment-merged-from" class="merged-from"
      >${listed
        ? html`${msg('merged from', { desc: 'Before the title of the merged idea a comment came from: merged from “Night theme”.' })}
            <button part="comment-merged-from-button" class="link-button" type="button" @click=${() => this.#showMergedIdea(from.id)}>
              “${title}”
            </button>`
        : msg(str`merged from “${title}”`)}</span
    >`;
  }

  #showMergedIdea(postId: string): void {
    const entry = [...this.renderRoot.querySelectorAll<HTMLElement>('[part~="merged-idea"]')].find((el) => el.dataset.postId === postId);
    entry?.scrollIntoView({ block: 'nearest' });
    entry?.focus();
  }

  #renderDemand() {
    const demand = this.#demand.value?.demand;
    const merged = this.#mergedIdeas;
    // Older servers answer no evidence at all.
    const evidence = demand?.postId === this.#shownId ? (demand.evidence ?? []) : [];
    if (!demand || (merged.length === 0 && !hasChannelEvidence(evidence))) return nothing;
    return html`
      <section part="demand" class="demand" aria-labelledby="demand-heading">
        <h3 id="demand-heading" part="demand-heading">${peopleWantThis(demand.people.total)}</h3>
        ${merged.length > 0 ? html`<p part="breakdown" class="breakdown">${peopleBreakdownText(demand.people)}</p>` : nothing}
        ${hasChannelEvidence(evidence) ? html`<p part="evidence" class="evidence">${evidenceText(evidence)}</p>` : nothing}
        ${merged.length > 0
          ? html`<p id="merged-list-label" class="merged-list-label">${msg('Ideas merged into this one:')}</p>
              <ul part="merged-list" class="merged-list" aria-labelledby="merged-list-label">
                ${repeat(
                  merged,
                  (idea) => idea.id,
                  (idea) => html`<li part="merged-idea" tabindex="-1" data-post-id=${idea.id}>
                    <span class="merged-title">${idea.title}</span> <span class="merged-people">${peopleLabel(idea.people)}</span>
                  </li>`,
                )}
              </ul>`
          : nothing}
      </section>
    `;
  }

  #renderMergedInto(post: Post, into: PostRef) {
    return html`<p part="merged-into" class="merged-into">
      ${mergedIntoNote()}
      <button
        part="merged-into-button"
        class="link-button"
        type="button"
        @click=${() => this.dispatchEvent(new SaysoOpenPostEvent({ postId: into.id, board: post.board }))}
      >
        “${into.title}”
      </button>
    </p>`;
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
    const post = this.postId ? this.#posts.value?.[this.#shownId] : undefined;
    const mergedFrom = this.#opened.value?.mergedFrom;
    if (!post) {
      return this.postId ? html`<p part="missing" class="message">${msg('This idea could not be found.')}</p>` : nothing;
    }
    return html`
      <article part="detail" class="detail" aria-labelledby="heading" @sayso-vote=${this.#onVote}>
        ${mergedFrom
          ? html`<p part="merged-banner" class="merged-banner" role="status" aria-live="polite">${mergedBannerText(mergedFrom)}</p>`
          : nothing}
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
        ${post.mergedInto ? this.#renderMergedInto(post, post.mergedInto) : nothing}
        ${post.body ? html`<div part="body" class="markdown">${this.#markdown.render(post.body)}</div>` : nothing}
        ${post.mergedInto
          ? nothing
          : html`<sayso-follow
              class="follow"
              exportparts=${saysoPostDetailExportparts['sayso-follow']}
              post-id=${post.id}
              .client=${this.client}
            ></sayso-follow>`}
        ${post.mergedInto ? nothing : html`${this.#renderDemand()} ${this.#renderComments(post)}`}
      </article>
    `;
  }

  /** Moves focus to the idea's title (for example right after the detail was opened). */
  focusHeading(): void {
    this.renderRoot.querySelector<HTMLElement>('#heading')?.focus();
  }
}
