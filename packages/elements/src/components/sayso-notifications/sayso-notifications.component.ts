import { localized, msg, str } from '@lit/localize';
import {
  NOTIFICATIONS_REFRESH_MS,
  createEmailPreferencesView,
  hasEmailAddress,
  toSaysoError,
  type EmailPreferencesState,
  type EmailPreferencesView,
  type Notification,
  type NotificationsState,
  type NotificationsView,
  type SaysoClient,
  type SaysoError,
} from '@sayso/core';
import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import type { Placement } from '../../controllers/floating.js';
import { PopoverController } from '../../controllers/popover.js';
import { PopoverPanelController } from '../../controllers/popover-panel.js';
import { RefreshController } from '../../controllers/refresh.js';
import { StoreController } from '../../controllers/store.js';
import { ViewController } from '../../controllers/view.js';
import { SaysoOpenPostEvent } from '../../events/sayso-open-post.js';
import { formatCount } from '../../internal/intl.js';
import { loadErrorBox, pagedListEnd } from '../../internal/paged-list.js';
import { plainExcerpt } from '../../internal/plain-text.js';
import { postHref } from '../../internal/post-href.js';
import { relativeTime } from '../../internal/relative-time.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-notifications.styles.js';

/** A calm sentence for notifications that could not be loaded or changed, by the reason. */
export function notificationsFailureMessage(error: SaysoError | null): string {
  switch (error?.code) {
    case 'network':
      return msg('You seem to be offline, so your notifications could not be loaded.');
    case 'rate_limited':
      return msg('Too many requests just now. Wait a moment, then try again.');
    case 'unauthorized':
    case 'token_expired':
      return msg('Sign in again to see your notifications.');
    default:
      return msg('Your notifications could not be loaded right now.');
  }
}

/** "Notifications", or "Notifications, 3 unread": the bell's accessible name. */
export function bellLabel(unread: number): string {
  return unread > 0 ? msg(str`Notifications, ${formatCount(unread)} unread`) : msg('Notifications');
}

/** What happened, in one sentence: "Your request “Dark mode” shipped". */
export function notificationText(notification: Notification): string {
  const title = notification.post?.title ?? '';
  switch (notification.kind) {
    case 'fixed':
      return msg(str`Fixed: “${notification.backlogItem?.title ?? title}”, which you reported`);
    case 'shipped':
      return notification.changelog
        ? msg(str`Your request “${title}” shipped: ${notification.changelog.title}`)
        : msg(str`Your request “${title}” shipped`);
    case 'status':
      return notification.status ? msg(str`“${title}” is now ${notification.status.name}`) : msg(str`“${title}” moved on`);
    case 'reply':
      return msg(str`New reply on “${title}”`);
    case 'merged': {
      const from = notification.mergedFrom?.title;
      return from === undefined
        ? msg(str`An idea you asked for was merged into “${title}”; your vote counts there`)
        : msg(str`“${from}” was merged into “${title}”; your vote counts there`);
    }
  }
}

/** The longest part of an admin's note a notification shows; the idea itself has the rest. */
const NOTE_EXCERPT_MAX = 200;

/** What the visitor reads when turning email off or on failed. */
function emailSettingFailureMessage(error: SaysoError): string {
  return error.code === 'network'
    ? msg('You seem to be offline, so your email setting was not changed.')
    : msg('Your email setting could not be changed right now. Try again.');
}

const bellIcon = svg`<path d="M12 3a6 6 0 0 0-6 6v3.6l-1.6 2.7A1 1 0 0 0 5.3 17h13.4a1 1 0 0 0 .9-1.7L18 12.6V9a6 6 0 0 0-6-6zM9.5 19a2.5 2.5 0 0 0 5 0" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round" stroke-linecap="round"/>`;

/**
 * @tag sayso-notifications
 * @summary A bell with the visitor's unread count that opens their notifications: "your request
 * shipped" for ideas they asked for, new replies under ideas they wrote or discussed, ideas
 * they asked for that were merged into another (choosing it opens that other idea, where their
 * vote now counts), and engineering work done that fixes what they reported ("Fixed: …").
 * News about no idea (work backed only by the visitor's own feedback) is not offered as a link:
 * its row has its own Mark as read button instead.
 *
 * The list floats next to the bell (`placement`). Opening it refreshes it; while the page is
 * visible it is also refreshed every `refresh-interval` ms, and at once when the visitor comes
 * back to the tab. Choosing a notification marks it read, closes the list and fires
 * `sayso-open-post` for the host to show the idea. Escape or a click outside closes the list.
 * The list is a dialog: focus moves into it when it opens, and goes back to the bell when it
 * closes, except after a click outside (the visitor moved on to another control).
 *
 * A status change says what the admin noted on it (as plain text), and an idea shipped by a
 * changelog entry names the entry, linked ("Read what shipped") when `changelog-href` says where
 * entries are shown. A visitor Sayso has an address for can turn email off
 * entirely in the list's footer ("Email me about ideas I follow"); the bell keeps telling them.
 *
 * @event {SaysoOpenPostEvent} sayso-open-post - The visitor chose a notification. `detail`: `{ postId, board }`.
 * @event {SaysoOpenEvent} sayso-open - The visitor opened the list (not fired when code sets `open`).
 * @event {SaysoCloseEvent} sayso-close - The visitor closed the list. `detail`: `{ reason }`
 *   (`trigger`, `escape`, `outside`, or `choice` when a notification was chosen).
 *
 * @csspart trigger - The bell button; its accessible name includes the unread count.
 * @csspart icon - The bell icon.
 * @csspart badge - The unread count on the bell (absent when nothing is unread).
 * @csspart panel - The floating list.
 * @csspart header - The row with the heading and Mark all as read.
 * @csspart heading - The list's heading.
 * @csspart mark-all-read - The Mark all as read button.
 * @csspart list - The list of notifications.
 * @csspart item - Each notification, a button that opens its idea, or plain text when it names none (`data-unread` marks unread ones).
 * @csspart mark-read - Mark as read, on an unread notification that names no idea.
 * @csspart dot - The marker of an unread notification.
 * @csspart text - What happened.
 * @csspart time - How long ago it happened.
 * @csspart note - The admin's note on a status change, as plain text.
 * @csspart changelog-link - "Read what shipped": the link to the changelog entry (with `changelog-href`).
 * @csspart footer - The row under the list with the email setting.
 * @csspart email-toggle - The "Email me about ideas I follow" checkbox.
 * @csspart email-label - Its label.
 * @csspart email-status - The live confirmation of a changed email setting.
 * @csspart email-error - Why the email setting could not be changed.
 * @csspart loading - The loading message.
 * @csspart empty - The message shown when there are no notifications.
 * @csspart error - The message shown when notifications could not be loaded or marked read.
 * @csspart retry - The button that tries loading again.
 * @csspart load-more - The button that loads older notifications.
 *
 * @cssproperty --sayso-notifications-panel-width - Width of the list (default 22rem).
 * @cssproperty --sayso-notifications-panel-height - Largest height of the list (default 28rem).
 * @cssproperty --sayso-color-primary - Badge, unread markers.
 * @cssproperty --sayso-color-on-primary - Text on the badge.
 * @cssproperty --sayso-color-surface - List background.
 * @cssproperty --sayso-color-border - Borders.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate open - The list is open.
 * @cssstate unread - The visitor has unread notifications.
 * @cssstate loading - Notifications are being fetched for the first time.
 * @cssstate empty - The visitor has no notifications.
 * @cssstate error - Notifications could not be fetched.
 */
@localized()
export class SaysoNotifications extends SaysoElement {
  static override styles = styles;

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /** Where the list opens relative to the bell (a floating-ui placement); flipped and shifted to fit. */
  @property() placement: Placement = 'bottom-end';

  /** How often to look for news while the page is visible, in ms (at least 1000); 0: only on open and on return to the tab. */
  @property({ type: Number, attribute: 'refresh-interval' }) refreshInterval = NOTIFICATIONS_REFRESH_MS;

  /** URL template for links to changelog entries: `{id}` and `{board}` are filled in. No links without it. */
  @property({ attribute: 'changelog-href' }) changelogHref = '';

  /** Whether the list is open. */
  @property({ type: Boolean, reflect: true }) open = false;

  /** The list is rendered from the first time it opens, then kept. */
  @state() private rendered = false;
  /** Why marking read failed, shown until the next attempt. */
  @state() private actionError: SaysoError | null = null;
  /** The visitor changed their email setting here, to confirm it in the live region. */
  @state() private emailChanged = false;

  @query('#panel') private panel!: HTMLElement | null;
  @query('[part~="trigger"]') private trigger!: HTMLButtonElement | null;

  readonly #client = new ClientController(this);
  readonly #state = new StoreController<NotificationsState>(this);
  readonly #states = new CustomStatesController(this);
  readonly #follow = new ViewController<NotificationsView>(this, {
    inputs: () => [this.#client.value],
    create: () => this.#client.value?.notifications(),
    bind: (view) => {
      this.#state.store = view?.$state;
    },
  });
  readonly #emailSettings = new StoreController<EmailPreferencesState>(this);
  // Fetched once the list is first opened: most page views never open it.
  readonly #emailView = new ViewController<EmailPreferencesView>(this, {
    inputs: () => [this.#client.value, this.rendered],
    create: () => (this.rendered ? this.#client.value?.view(createEmailPreferencesView, {}) : undefined),
    bind: (view) => (this.#emailSettings.store = view?.$state),
  });
  readonly #refresh = new RefreshController(this, {
    view: () => this.#follow.view,
    everyMs: () => this.refreshInterval,
  });
  readonly #popoverPanel = new PopoverPanelController(this, {
    trigger: () => this.trigger,
    panel: () => this.panel,
    placement: () => this.placement,
    onDismiss: (reason) => this.#popover.close(reason),
  });
  readonly #popover = new PopoverController(this, () => this.#popoverPanel);

  /** The notifications view shown now (`undefined` without a client). */
  get view(): NotificationsView | undefined {
    return this.#follow.view;
  }

  /** How many of the visitor's notifications are unread. */
  get unreadCount(): number {
    return this.#state.value?.unreadCount ?? 0;
  }

  async #mark(work: (view: NotificationsView) => Promise<void>): Promise<void> {
    const view = this.#follow.view;
    if (!view) return;
    this.actionError = null;
    try {
      await work(view);
    } catch (error) {
      this.actionError = toSaysoError(error);
    }
  }

  #choose(notification: Notification, post: { id: string; board: string }): void {
    if (notification.readAt === null) void this.#mark((view) => view.markRead([notification.id]));
    this.#popover.close('choice');
    this.dispatchEvent(new SaysoOpenPostEvent({ postId: post.id, board: post.board }));
  }

  async #setEmailOn(on: boolean): Promise<void> {
    this.emailChanged = false;
    if (await this.#emailView.view?.setEmailOff(!on)) this.emailChanged = true;
  }

  #renderChangelogLink(notification: Notification, board: string) {
    const entry = notification.changelog;
    const href = entry ? postHref(this.changelogHref, { id: entry.id, board }) : undefined;
    return href ? html`<a part="changelog-link" class="changelog-link" href=${href}>${msg('Read what shipped')}</a>` : nothing;
  }

  #renderFooter() {
    const settings = this.#emailSettings.value;
    if (settings?.status !== 'ready' || !hasEmailAddress(settings.preferences)) return nothing;
    const on = !settings.preferences!.emailOff;
    return html`
      <div part="footer" class="footer">
        <label part="email-label" class="email-label">
          <input
            part="email-toggle"
            type="checkbox"
            .checked=${live(on)}
            ?disabled=${settings.saving}
            @change=${(e: Event) => void this.#setEmailOn((e.target as HTMLInputElement).checked)}
          />
          ${msg('Email me about ideas I follow')}
        </label>
        ${settings.saveError
          ? html`<p part="email-error" class="email-error" role="alert">${emailSettingFailureMessage(settings.saveError)}</p>`
          : nothing}
        <p part="email-status" class="email-status" role="status" aria-live="polite">
          ${this.emailChanged ? (on ? msg('Email is on for ideas you follow.') : msg('Email is off. You will still hear here, in the bell.')) : nothing}
        </p>
      </div>
    `;
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.open && !this.rendered) this.rendered = true;
    if (changed.has('open') && this.open && changed.get('open') === false) void this.#follow.view?.refresh();
  }

  protected override updated(changed: PropertyValues): void {
    const state = this.#state.value;
    this.#states.set('open', this.open);
    this.#states.set('unread', this.unreadCount > 0);
    this.#states.set('loading', !state || state.status === 'idle' || state.status === 'loading');
    this.#states.set('error', state?.status === 'error');
    this.#states.set('empty', state?.status === 'ready' && state.items.length === 0);
    if (this.#popoverPanel.shown && changed.has('placement')) this.#popoverPanel.reposition();
  }

  #renderItem(notification: Notification, now: number) {
    const unread = notification.readAt === null;
    const content = html`
      <span part="dot" class="dot" aria-hidden="true"></span>
      <span class="content">
        <span part="text" class="text"
          >${unread ? html`<span class="visually-hidden">${msg('Unread:')} </span>` : nothing}${notificationText(notification)}</span
        >
        ${notification.note ? html`<span part="note" class="note">${plainExcerpt(notification.note, NOTE_EXCERPT_MAX)}</span>` : nothing}
        <time part="time" class="time" datetime=${notification.createdAt}>${relativeTime(notification.createdAt, now, this.lang)}</time>
      </span>
    `;
    // News about no idea has nothing to open: plain text, read with its own button.
    const post = notification.post;
    if (!post) {
      return html`
        <li class="entry">
          <div part="item" class="item item--plain" ?data-unread=${unread}>${content}</div>
          ${unread
            ? html`<button part="mark-read" class="button mark-read" type="button" @click=${() => void this.#mark((view) => view.markRead([notification.id]))}>
                ${msg('Mark as read')}
              </button>`
            : nothing}
        </li>
      `;
    }
    return html`
      <li class="entry">
        <button part="item" class="item" type="button" ?data-unread=${unread} @click=${() => this.#choose(notification, post)}>${content}</button>
        ${this.#renderChangelogLink(notification, post.board)}
      </li>
    `;
  }

  #renderBody() {
    const state = this.#state.value;
    if (state?.status === 'error' && state.items.length === 0) {
      return loadErrorBox(notificationsFailureMessage(state.error), () => void this.#follow.view?.load());
    }
    if (!state || state.status === 'idle' || state.status === 'loading') {
      return html`<p part="loading" class="message" role="status">${msg('Loading notifications…')}</p>`;
    }
    if (state.items.length === 0) {
      return html`<p part="empty" class="message">${msg('No notifications yet. You will hear here when an idea you asked for ships or someone replies.')}</p>`;
    }
    const now = Date.now();
    return html`
      <ul part="list" class="list">
        ${repeat(state.items, (n) => n.id, (n) => this.#renderItem(n, now))}
      </ul>
      ${pagedListEnd({
        error: state.error ? notificationsFailureMessage(state.error) : null,
        hasMore: Boolean(state.nextCursor),
        loadingMore: state.loadingMore,
        label: state.loadingMore ? msg('Loading older notifications…') : msg('Load older notifications'),
        loadMore: () => void this.#follow.view?.loadMore(),
      })}
    `;
  }

  #renderPanel() {
    const unread = this.unreadCount;
    return html`
      <div id="panel" part="panel" class="panel" role="dialog" aria-labelledby="heading" ?hidden=${!this.open}>
        <div part="header" class="header">
          <p part="heading" class="heading" id="heading">${msg('Notifications')}</p>
          ${unread > 0
            ? html`<button
                part="mark-all-read"
                class="button mark-all-read"
                type="button"
                @click=${() => void this.#mark((view) => view.markAllRead())}
              >
                ${msg('Mark all as read')}
              </button>`
            : nothing}
        </div>
        <div class="body">
          ${this.actionError
            ? html`<p part="error" class="message message--error" role="alert">
                ${msg(str`Could not mark as read. ${notificationsFailureMessage(this.actionError)}`)}
              </p>`
            : nothing}
          ${this.#renderBody()}
        </div>
        ${this.#renderFooter()}
      </div>
    `;
  }

  protected override render() {
    const unread = this.unreadCount;
    return html`
      <button
        part="trigger"
        class="trigger"
        type="button"
        aria-label=${bellLabel(unread)}
        aria-haspopup="dialog"
        aria-expanded=${this.open ? 'true' : 'false'}
        aria-controls=${this.rendered ? 'panel' : nothing}
        @click=${() => this.#popover.toggle()}
      >
        <svg part="icon" viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">${bellIcon}</svg>
        ${unread > 0 ? html`<span part="badge" class="badge" aria-hidden="true">${unread > 99 ? '99+' : formatCount(unread)}</span>` : nothing}
      </button>
      ${this.rendered ? this.#renderPanel() : nothing}
    `;
  }
}
