import { localized, msg, str } from '@lit/localize';
import { statusName, type Board, type Post, type PostRef, type SaysoClient } from '@sayso/core';
import { html, nothing } from 'lit';
import { property } from 'lit/decorators.js';
import { ClientController } from '../../controllers/client.js';
import { StoreController } from '../../controllers/store.js';
import { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { formatCount, plural } from '../../internal/intl.js';
import { plainExcerpt } from '../../internal/plain-text.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { saysoPostCardExportparts } from '../../generated/exportparts.js';
import styles from './sayso-post-card.styles.js';

/** "1 comment", "12 comments", in the active locale. */
export function commentCountLabel(count: number): string {
  const n = formatCount(count);
  return plural(count, { one: () => msg(str`${n} comment`), other: () => msg(str`${n} comments`) });
}

/** Before the title of the idea a merged idea now counts on: Merged into “Dark mode”. */
export function mergedIntoNote(): string {
  return msg('Merged into', { desc: 'Before the title of the idea this one was merged into: Merged into “Dark mode”.' });
}

/**
 * @tag sayso-post-card
 * @summary One idea on a board: its title, details, status, comment count and a vote button.
 *
 * The vote button counts the idea's distinct people (those of ideas merged into it included). An
 * idea that was merged into another (listed, e.g., under a status of kind `duplicate`) names that
 * idea; with `openable`, as a button that opens it.
 *
 * User text is always shown as plain text: the details as a short excerpt with the markdown
 * syntax taken out (the full, rendered text is in `<sayso-post-detail>`).
 *
 * @dependency sayso-vote-button
 *
 * @exportparts sayso-vote-button
 *
 * @event {SaysoVoteEvent} sayso-vote - From the vote button inside: the visitor's vote was saved.
 * @event {SaysoOpenPostEvent} sayso-open-post - With `openable`: the visitor activated the title
 *   (or, on a merged idea, the idea it was merged into). `detail`: `{ postId, board }`. Cancelable.
 *
 * @csspart card - The card around everything.
 * @csspart vote - The `<sayso-vote-button>`; its parts are forwarded.
 * @csspart content - The column with the text.
 * @csspart title - The idea's title.
 * @csspart title-button - With `openable`: the button inside the title that opens the idea.
 * @csspart body - A plain-text excerpt of the idea's details.
 * @csspart meta - The line with status and comment count.
 * @csspart status - The status badge.
 * @csspart comments - The comment count.
 * @csspart merged-into - On a merged idea: "Merged into “…”".
 * @csspart merged-into-button - With `openable`: the button in it that opens the idea merged into.
 *
 * @cssproperty --sayso-color-surface - Card background.
 * @cssproperty --sayso-color-border - Card border.
 * @cssproperty --sayso-color-text - Title and body text.
 * @cssproperty --sayso-color-text-muted - Status and comment count.
 * @cssproperty --sayso-radius - Corner radius.
 * @cssproperty --sayso-space-4 - Inner padding.
 */
@localized()
export class SaysoPostCard extends SaysoElement {
  static override styles = styles;

  /** The idea to show. The vote count comes live from the client, by `post.id`. */
  @property({ attribute: false }) post?: Post;

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /** Makes the title a button that fires `sayso-open-post` (as `<sayso-board>` does). */
  @property({ type: Boolean }) openable = false;

  readonly #client = new ClientController(this);
  readonly #boards = new StoreController<Record<string, Board>>(this);

  protected override willUpdate(): void {
    this.#boards.store = this.#client.value?.$boards;
  }

  /** Moves focus to the title button (with `openable`), e.g. when coming back from the detail. */
  focusTitle(): void {
    this.renderRoot.querySelector<HTMLElement>('[part~="title-button"]')?.focus();
  }

  #open(postId: string): void {
    if (this.post) this.dispatchEvent(new SaysoOpenPostEvent({ postId, board: this.post.board }));
  }

  #renderMergedInto(into: PostRef) {
    return html`<span part="merged-into"
      >${mergedIntoNote()}
      ${this.openable
        ? html`<button part="merged-into-button" class="link-button" type="button" @click=${() => this.#open(into.id)}>“${into.title}”</button>`
        : html`“${into.title}”`}</span
    >`;
  }

  #renderTitleButton(post: Post) {
    return html`<button part="title-button" class="title-button" type="button" @click=${() => this.#open(post.id)}>${post.title}</button>`;
  }

  protected override render() {
    const post = this.post;
    if (!post) return nothing;
    const comments = commentCountLabel(post.commentCount);
    return html`
      <article part="card" aria-labelledby="title">
        <sayso-vote-button
          part="vote"
          exportparts=${saysoPostCardExportparts['sayso-vote-button']}
          post-id=${post.id}
          .client=${this.client}
        ></sayso-vote-button>
        <div part="content">
          <h3 id="title" part="title">${this.openable ? this.#renderTitleButton(post) : post.title}</h3>
          ${post.body ? html`<p part="body">${plainExcerpt(post.body)}</p>` : nothing}
          <p part="meta">
            <span part="status" class="pill" data-status=${post.status}>${statusName(this.#boards.value?.[post.board], post.status)}</span>
            <span part="comments">${comments}</span>
            ${post.mergedInto ? this.#renderMergedInto(post.mergedInto) : nothing}
          </p>
        </div>
      </article>
    `;
  }
}
