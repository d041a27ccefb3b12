import { localized, msg, str } from '@lit/localize';
import { wasQueued, type OutboxSettlement, type Post, type SaysoClient, type SaysoErrorCode } from '@sayso/core';
import { html, nothing, type PropertyValues } from 'lit';
import { property, state } from 'lit/decorators.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { OutboxController } from '../../controllers/outbox.js';
import { StoreController } from '../../controllers/store.js';
import { SaysoVoteEvent } from '../../events/sayso-vote.js';
import { formatCount, plural } from '../../internal/intl.js';
import { browserIsOffline } from '../../internal/browser-outbox.js';
import type { LocalizedText } from '../../internal/localized-text.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-vote-button.styles.js';

/**
 * "12 people want this": the demand a vote button shows, in words. People, not votes: the count
 * is the idea's distinct people, those of ideas merged into it included.
 */
export function peopleWantThis(peopleCount: number): string {
  const n = formatCount(peopleCount);
  return plural(peopleCount, { one: () => msg(str`${n} person wants this`), other: () => msg(str`${n} people want this`) });
}

/** What a screen reader hears once a vote (or taking it back) is saved. */
export function voteSavedMessage(voted: boolean, peopleCount: number): string {
  const total = peopleWantThis(peopleCount);
  return voted ? msg(str`Vote saved. ${total}.`) : msg(str`Vote taken back. ${total}.`);
}

/**
 * What the visitor reads when a vote was refused. (A vote that could not be sent is no failure:
 * it waits in the outbox, see {@link voteWaitingMessage}.)
 */
export function voteFailureMessage(): string {
  return msg('Your vote could not be saved. Try again.');
}

/**
 * What the visitor reads while a vote waits to be sent, by why the last attempt failed and
 * whether the browser says it is offline (a server that cannot be reached fails the same way).
 */
export function voteWaitingMessage(reason: SaysoErrorCode, offline: boolean): string {
  if (offline) return msg("You're offline. Your vote is saved here and will be sent when you're back online.");
  if (reason === 'rate_limited') return msg('You are voting very quickly. Your vote is saved here and will be sent in a moment.');
  return msg("The server can't be reached right now. Your vote is saved here and will be sent when it can.");
}

/**
 * @tag sayso-vote-button
 * @summary Shows how many people want an idea and lets the visitor add or take back their vote.
 *
 * The count is the idea's distinct people (`post.peopleCount`): its voters, the people recorded
 * as asking for it, and those of every idea merged into it, each once.
 *
 * The count changes at once; if the backend refuses the vote, it rolls back and a short message
 * says so (announced politely to screen readers). A vote that cannot be sent yet (offline, server
 * down) stays shown, with a calm note that it waits in the outbox, and is announced once sent.
 *
 * @event {SaysoVoteEvent} sayso-vote - The visitor's vote (or its removal) was saved.
 *   `detail`: `{ postId, voted, voteCount, peopleCount }` (`postId` is the idea the vote counts on).
 *
 * @csspart vote-button - The toggle button.
 * @csspart icon - The arrow inside the button.
 * @csspart count - The number of people who want the idea.
 * @csspart message - The live region that says why a vote was not saved, or that it waits to be sent.
 *
 * @cssproperty --sayso-vote-button-size - Width and height of the button. Default `3.25rem`.
 * @cssproperty --sayso-color-primary - Accent colour; fills the button once voted.
 * @cssproperty --sayso-color-on-primary - Text colour on the accent colour.
 * @cssproperty --sayso-color-border - Border of the button before voting.
 * @cssproperty --sayso-color-danger - Colour of the failure message.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate voted - The visitor has voted for the idea.
 * @cssstate pending - A vote is being saved (sent, or waiting to be sent).
 * @cssstate queued - The visitor's vote waits in the outbox to be sent.
 * @cssstate error - The last vote could not be saved.
 */
@localized()
export class SaysoVoteButton extends SaysoElement {
  static override styles = styles;

  /** Id of the post to vote on; the button follows that post in the client's `$posts`. */
  @property({ attribute: 'post-id' }) postId = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  @state() private message: LocalizedText | null = null;
  /** Read to screen readers only: sighted visitors see the count and pressed state change. */
  @state() private announcement = '';
  @state() private pending = false;

  readonly #client = new ClientController(this);
  readonly #posts = new StoreController<Record<string, Post>>(this);
  readonly #states = new CustomStatesController(this);
  readonly #outbox = new OutboxController(this, () => this.#client.value, (settlement) => this.#onSettled(settlement));

  protected override willUpdate(_changed: PropertyValues<this>): void {
    this.#posts.store = this.#client.value?.$posts;
  }

  protected override updated(): void {
    const waiting = this.#waiting !== undefined;
    this.#states.set('voted', this.#post?.voted ?? false);
    this.#states.set('pending', this.pending || waiting);
    this.#states.set('queued', waiting);
    this.#states.set('error', this.message !== null);
  }

  /** Why this post's vote waits in the outbox; `undefined` when none waits (or it is being sent). */
  get #waiting(): SaysoErrorCode | undefined {
    return this.#outbox.entries.find((e) => e.kind === 'setVote' && e.params.postId === this.postId)?.lastError?.code;
  }

  /** A vote that waited was sent at last, or refused: say so, as for a vote sent at once. */
  #onSettled(settlement: OutboxSettlement): void {
    if (settlement.entry.kind !== 'setVote' || settlement.entry.params.postId !== this.postId || !settlement.entry.lastError) return;
    if ('result' in settlement) {
      this.announcement = voteSavedMessage(settlement.result.voted, settlement.result.peopleCount);
      this.dispatchEvent(new SaysoVoteEvent({ ...settlement.result }));
    } else if ('error' in settlement) {
      this.message = voteFailureMessage;
    }
  }

  get #post(): Post | undefined {
    return this.#posts.value?.[this.postId];
  }

  async #toggle(): Promise<void> {
    const client = this.#client.value;
    const post = this.#post;
    if (!client || !post) return;
    this.message = null;
    this.announcement = '';
    this.pending = true;
    try {
      const result = await client.setVote(post.id, !post.voted);
      this.announcement = voteSavedMessage(result.voted, result.peopleCount);
      this.dispatchEvent(new SaysoVoteEvent({ ...result }));
    } catch (error) {
      // A queued vote is no failure: the outbox note says it waits.
      if (!wasQueued(error)) this.message = voteFailureMessage;
    } finally {
      this.pending = false;
    }
  }

  protected override render() {
    const post = this.#post;
    const voted = post?.voted ?? false;
    const count = post?.peopleCount ?? 0;
    const waiting = this.#waiting;
    const noun = plural(count, {
      one: () => msg('person wants this', { desc: 'Read after the count by screen readers: "1 person wants this".' }),
      other: () => msg('people want this', { desc: 'Read after the count by screen readers: "12 people want this".' }),
    });
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
        <span class="visually-hidden">${post ? msg(str`Vote for “${post.title}”,`) : msg('Vote,')}</span>
        <span part="count">${formatCount(count)}</span>
        <span class="visually-hidden">${noun}</span>
      </button>
      <div id="message" part="message" role="status" aria-live="polite" class=${this.message ? 'failure' : 'waiting'}>${this.message ? this.message() : waiting ? voteWaitingMessage(waiting, browserIsOffline()) : nothing}</div>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement || nothing}</div>
    `;
  }
}
