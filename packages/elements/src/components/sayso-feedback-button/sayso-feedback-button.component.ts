import { ContextEvent } from '@lit/context';
import { localized, msg } from '@lit/localize';
import type { SaysoClient } from '@sayso/core';
import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import type { Placement } from '../../controllers/floating.js';
import { PopoverController } from '../../controllers/popover.js';
import { saysoClientContext } from '../../internal/client-context.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import type { FeedbackPanel } from './sayso-feedback-button.panel.js';
import styles from './sayso-feedback-button.styles.js';

/** Below this viewport width the panel is a full-screen sheet instead of a popover. */
const SHEET_QUERY = '(max-width: 479.98px)';

// The panel is a chunk of its own (inlined only in sayso.standalone.js): a page pays
// for positioning, the focus trap and the tabs only once a visitor reaches for the launcher.
const loadPanel = () => import('./sayso-feedback-button.panel.js');

let generatedIds = 0;

const chatIcon = svg`<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6A.5.5 0 0 1 5 19.2V16h1.5H6.5A2.5 2.5 0 0 1 4 13.5z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`;

/**
 * @tag sayso-feedback-button
 * @summary A launcher button that opens a panel with the idea form and, on a second tab, the
 * board. The panel floats next to the button (`placement`) and becomes a full-screen sheet on
 * screens narrower than 480 px.
 *
 * Focus moves into the open panel and stays there (Tab and Shift+Tab cycle); Escape, a click
 * outside, the close button or the launcher close it. The panel is a dialog: closing it gives
 * focus back to the launcher, except after a click outside (the visitor moved on to another
 * control). With
 * `for="some-id"` it uses a button of the host page as its launcher instead of its own, and keeps
 * that button's `aria-expanded`, `aria-controls` and `aria-haspopup` in step (restored when the
 * element is removed). The form and the board are loaded the first time the panel shows them;
 * the panel's own code (positioning, focus trap, tabs) when the pointer enters or focus reaches
 * the launcher, or at the latest when it opens. While it loads, `updateComplete` waits for it.
 *
 * @dependency sayso-idea-form
 * @dependency sayso-board
 *
 * @event {SaysoOpenEvent} sayso-open - The visitor opened the panel (not fired when code sets `open`).
 * @event {SaysoCloseEvent} sayso-close - The visitor closed the panel. `detail`: `{ reason }`, one
 *   of `'escape'`, `'outside'`, `'trigger'`, `'close-button'` (not fired when code sets `open`).
 * @event {SaysoSubmitEvent} sayso-submit - From the form inside: an idea was posted.
 * @event {SaysoVoteEvent} sayso-vote - From the board inside: a vote was saved.
 *
 * @csspart trigger - The launcher button (absent with `for`).
 * @csspart trigger-icon - The icon in the launcher.
 * @csspart trigger-label - The launcher's text.
 * @csspart unavailable - The note under the launcher when its panel could not be loaded (offline,
 *   say); the next click tries again.
 * @csspart panel - The dialog panel.
 * @csspart sheet - The panel, also, while it is a full-screen sheet.
 * @csspart header - The row with the panel's title and close button.
 * @csspart title - The panel's title (the `label`).
 * @csspart close-button - The button that closes the panel.
 * @csspart tabs - The tab list.
 * @csspart tab - Each tab (`aria-selected` marks the current one).
 * @csspart tabpanel - Each tab's content.
 * @csspart idea-form - The `<sayso-idea-form>` in the first tab.
 * @csspart board - The `<sayso-board>` in the second tab.
 *
 * @cssproperty --sayso-feedback-panel-width - Width of the floating panel (default 26rem).
 * @cssproperty --sayso-feedback-panel-height - Largest height of the floating panel (default 36rem).
 * @cssproperty --sayso-color-primary - Launcher colour and current tab.
 * @cssproperty --sayso-color-on-primary - Launcher text colour.
 * @cssproperty --sayso-color-surface - Panel background.
 * @cssproperty --sayso-color-border - Panel border.
 * @cssproperty --sayso-radius - Corner radius.
 * @cssproperty --sayso-font-family - Font of all Sayso text.
 *
 * @cssstate open - The panel is open.
 * @cssstate sheet - The panel shows as a full-screen sheet (narrow screen).
 */
@localized()
export class SaysoFeedbackButton extends SaysoElement {
  static override styles = styles;

  /** Slug of the board ideas are posted to and shown from. */
  @property() board = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /** Where the panel opens relative to the launcher (a floating-ui placement); flipped and shifted to fit. */
  @property() placement: Placement = 'top-end';

  /** Id of a button in the same document or shadow root to use as the launcher, instead of the element's own. */
  @property() for = '';

  /** Whether the panel is open. Setting it opens or closes the panel without firing `sayso-open`/`sayso-close`. */
  @property({ type: Boolean }) open = false;

  /** Text of the launcher and title of the panel. Default: "Feedback", in the active locale. */
  @property() label = '';

  @state() private sheet = false;
  /** The panel's code could not be fetched: the visitor reads why nothing opened. */
  @state() private unavailable = false;

  @query('[part~="trigger"]') private ownTrigger!: HTMLButtonElement | null;

  readonly #states = new CustomStatesController(this);
  /** The panel, created the first time it opens, then kept (with what the visitor typed). */
  #panel: FeedbackPanel | undefined;
  /** Settles once the panel exists, while it is being created. */
  #creatingPanel: Promise<void> | undefined;

  readonly #popover = new PopoverController(this, () => this.#panel?.popover);

  #media: MediaQueryList | undefined;
  #hostButton: HTMLElement | undefined;
  #hostButtonSaved: Record<string, string | null> = {};
  #generatedId = false;

  override connectedCallback(): void {
    super.connectedCallback();
    if (typeof window.matchMedia === 'function') {
      this.#media = window.matchMedia(SHEET_QUERY);
      this.#media.addEventListener('change', this.#onMediaChange);
      this.sheet = this.#media.matches;
    }
    this.#attachHostButton();
    if (!this.#hostButton && this.for && document.readyState === 'loading') {
      document.addEventListener('DOMContentLoaded', () => this.#attachHostButton(), { once: true });
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#media?.removeEventListener('change', this.#onMediaChange);
    this.#media = undefined;
    this.#detachHostButton();
  }

  readonly #onMediaChange = (event: MediaQueryListEvent): void => {
    this.sheet = event.matches;
  };

  /** The launcher: the host page's button with `for`, otherwise the element's own. */
  #trigger(): HTMLElement | null {
    return this.for ? (this.#hostButton ?? null) : this.ownTrigger;
  }

  #attachHostButton(): void {
    this.#detachHostButton();
    if (!this.for || !this.isConnected) return;
    const root = this.getRootNode() as Document | ShadowRoot;
    const button = root.getElementById?.(this.for);
    if (!button) return;
    this.#hostButton = button;
    this.#hostButtonSaved = Object.fromEntries(
      ['aria-expanded', 'aria-controls', 'aria-haspopup'].map((name) => [name, button.getAttribute(name)]),
    );
    if (!this.id) {
      this.id = `sayso-feedback-button-${++generatedIds}`;
      this.#generatedId = true;
    }
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-controls', this.id);
    button.setAttribute('aria-expanded', String(this.open));
    button.addEventListener('click', this.#onTriggerClick);
    button.addEventListener('pointerenter', this.#preloadPanel);
    button.addEventListener('focus', this.#preloadPanel);
  }

  #detachHostButton(): void {
    const button = this.#hostButton;
    if (!button) return;
    button.removeEventListener('click', this.#onTriggerClick);
    button.removeEventListener('pointerenter', this.#preloadPanel);
    button.removeEventListener('focus', this.#preloadPanel);
    for (const [name, value] of Object.entries(this.#hostButtonSaved)) {
      if (value === null) button.removeAttribute(name);
      else button.setAttribute(name, value);
    }
    if (this.#generatedId) {
      this.removeAttribute('id');
      this.#generatedId = false;
    }
    this.#hostButton = undefined;
    this.#hostButtonSaved = {};
  }

  readonly #onTriggerClick = (): void => this.#popover.toggle();

  /**
   * Starts fetching the panel's code when a visitor shows the intent to open (pointer over, or
   * focus on, the launcher), so it is there by the click. A failed fetch is retried on opening.
   * It also asks for the client once, so that a `<sayso-provider>` above, which makes its client
   * only when something needs it, fetches it now rather than when the form first shows.
   */
  readonly #preloadPanel = (): void => {
    loadPanel().catch(() => undefined);
    if (!this.client) this.dispatchEvent(new ContextEvent(saysoClientContext, this, () => undefined));
  };

  /**
   * Creates the panel once its code is there. A failed fetch closes again and says so under the
   * launcher (a warning for the host's developers in the console, nothing thrown into the page);
   * the next click tries again.
   */
  #createPanel(): Promise<void> {
    this.unavailable = false;
    return (this.#creatingPanel ??= loadPanel()
      .then(({ FeedbackPanel }) => {
        this.#panel = new FeedbackPanel(this, {
          trigger: () => this.#trigger(),
          sheet: () => this.sheet,
          onClose: (reason) => this.#popover.close(reason),
        });
        this.requestUpdate();
      })
      .catch((error: unknown) => {
        this.open = false;
        this.unavailable = true;
        console.warn('Sayso: the feedback panel could not be loaded.', error);
      })
      .finally(() => (this.#creatingPanel = undefined)));
  }

  /** Also waits for the panel's code when the element opened before it arrived. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const complete = await super.getUpdateComplete();
    if (!this.#creatingPanel) return complete;
    await this.#creatingPanel;
    return super.getUpdateComplete();
  }

  protected override willUpdate(): void {
    if (this.open && !this.#panel) void this.#createPanel();
  }

  protected override updated(changed: PropertyValues): void {
    this.#states.set('open', this.open);
    this.#states.set('sheet', this.sheet);
    if (changed.has('for') && changed.get('for') !== undefined) this.#attachHostButton();
    this.#hostButton?.setAttribute('aria-expanded', String(this.open));

    // The popover controller has shown or hidden the panel already (`hostUpdated`).
    const popover = this.#panel?.popover;
    if (!popover?.shown) return;
    if (changed.has('sheet')) popover.position();
    else if (changed.has('placement')) popover.reposition();
  }

  protected override render() {
    return html`
      ${this.for
        ? nothing
        : html`
            <button
              part="trigger"
              class="trigger"
              type="button"
              aria-haspopup="dialog"
              aria-expanded=${this.open ? 'true' : 'false'}
              aria-controls=${this.#panel ? 'panel' : nothing}
              @click=${this.#onTriggerClick}
              @pointerenter=${this.#preloadPanel}
              @focus=${this.#preloadPanel}
            >
              <svg part="trigger-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">${chatIcon}</svg>
              <span part="trigger-label">${this.label || msg('Feedback')}</span>
            </button>
          `}
      <p part="unavailable" class="unavailable" role="status">${this.unavailable ? msg('Feedback could not be opened. Check your connection and try again.') : nothing}</p>
      ${this.#panel ? this.#panel.render(this.open) : nothing}
    `;
  }
}
