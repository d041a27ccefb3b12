import { SaysoError, type Post, type SaysoClient } from '@sayso/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { StoreController } from '../../controllers/store.js';
import { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-vote-button.styles.js';

/** What a screen reader hears once a vote (or taking it back) is saved. */
export function voteSavedMessage(voted: boolean, voteCount: number): string {
  const total = `${voteCount} ${voteCount === 1 ? 'vote' : 'votes'}`;
  return voted ? `Vote saved. ${total}.` : `Vote taken back. ${total}.`;
}

/** What the visitor reads when a vote could not be saved, by the reason it failed. */
export function voteFailureMessage(error: unknown): string {
  const code = error instanceof SaysoError ? error.code : undefined;
  if (code === 'rate_limited') return 'You are voting very quickly. Wait a moment, then try again.';
  if (code === 'network') return 'You seem to be offline, so your vote was not saved. Try again when you are back online.';
  return 'Your vote could not be saved. Try again.';
}

/**
 * @tag sayso-vote-button
 * @summary Shows how many visitors want an idea and lets the visitor add or take back their vote.
 *
 * The count changes at once; if the backend refuses the vote, it rolls back and a short message
 * says so (announced politely to screen readers).
 *
 * @event {SaysoVoteEvent} sayso-vote - The visitor's vote (or its removal) was saved.
 *   `detail`: `{ postId, voted, voteCount }`.
 *
 * @csspart vote-button - The toggle button.
 * @csspart icon - The arrow inside the button.
 * @csspart count - The number of votes.
 * @csspart message - The live region that says why a vote was not saved.
 *
 * @cssproperty --sayso-vote-button-size - Width and height of the button. Default `3.25rem`.
 * @cssproperty --sayso-color-primary - Accent colour; fills the button once voted.
 * @cssproperty --sayso-color-on-primary - Text colour on the accent colour.
 * @cssproperty --sayso-color-border - Border of the button before voting.
 * @cssproperty --sayso-color-danger - Colour of the failure message.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate voted - The visitor has voted for the idea.
 * @cssstate pending - A vote is being saved.
 * @cssstate error - The last vote could not be saved.
 */
export class SaysoVoteButton extends SaysoElement {
  static override styles = styles;

  /** Id of the post to vote on; the button follows that post in the client's `$posts`. */
  @property({ attribute: 'post-id' }) postId = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  @state() private message = '';
  /** Read to screen readers only: sighted visitors see the count and pressed state change. */
  @state() private announcement = '';
  @state() private pending = false;

  readonly #client = new ClientController(this);
  readonly #posts = new StoreController<Record<string, Post>>(this);
  readonly #states = new CustomStatesController(this);

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#posts.store = this.#client.value?.$posts;
  }

  protected override updated(): void {
    this.#states.set('voted', this.#post?.voted ?? false);
    this.#states.set('pending', this.pending);
    this.#states.set('error', this.message !== '');
  }

  get #post(): Post | undefined {
    return this.#posts.value?.[this.postId];
  }

  async #toggle(): Promise<void> {
    const client = this.#client.value;
    const post = this.#post;
    if (!client || !post) return;
    this.message = '';
    this.announcement = '';
    this.pending = true;
    try {
      const result = await client.setVote(post.id, !post.voted);
      this.announcement = voteSavedMessage(result.voted, result.voteCount);
      this.dispatchEvent(new SaysoVoteEvent({ ...result }));
    } catch (error) {
      this.message = voteFailureMessage(error);
    } finally {
      this.pending = false;
    }
  }

  protected override render() {
    const post = this.#post;
    const voted = post?.voted ?? false;
    const count = post?.voteCount ?? 0;
    const noun = count === 1 ? 'vote' : 'votes';
    return html`
      <button
        part="vote-button"
        type="button"
        aria-pressed=${voted ? 'true' : 'false'}
        aria-describedby="message"
        ?disabled=${!post}
        @click=${this.#toggle}
      >
        <svg part="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
          <path d="M8 3 14 11H2z" fill="currentColor"></path>
        </svg>
        <span class="visually-hidden">${post ? `Vote for “${post.title}”,` : 'Vote,'}</span>
        <span part="count">${count}</span>
        <span class="visually-hidden">${noun}</span>
      </button>
      <div id="message" part="message" role="status" aria-live="polite">${this.message || nothing}</div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement || nothing}</div>
    `;
  }
}
