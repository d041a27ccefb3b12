import type { SaysoClient } from '@sayso/core';
import { html, nothing, svg, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { DismissController } from '../../controllers/dismiss.js';
import { FloatingController, type Placement } from '../../controllers/floating.js';
import { FocusTrapController, deepActiveElement } from '../../controllers/focus-trap.js';
import { SaysoCloseEvent, type SaysoCloseReason } from '../../events/sayso-close.js';
import { SaysoOpenEvent } from '../../events/sayso-open.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-feedback-button.styles.js';

type Tab = 'suggest' | 'browse';
const TABS: Array<{ id: Tab; label: string }> = [
  { id: 'suggest', label: 'Suggest an idea' },
  { id: 'browse', label: 'Browse ideas' },
];

/** Below this viewport width the panel is a full-screen sheet instead of a popover. */
const SHEET_QUERY = '(max-width: 479.98px)';

/** The elements each tab shows, loaded the first time the tab is shown. */
const loadTab: Record<Tab, () => Promise<unknown>> = {
  suggest: () => import('../sayso-idea-form/sayso-idea-form.js'),
  browse: () => import('../sayso-board/sayso-board.js'),
};

let generatedIds = 0;

const chatIcon = svg`<path d="M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6A.5.5 0 0 1 5 19.2V16h1.5H6.5A2.5 2.5 0 0 1 4 13.5z" fill="none" stroke="currentColor" stroke-width="1.8" stroke-linejoin="round"/>`;
const closeIcon = svg`<path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`;

/**
 * @tag sayso-feedback-button
 * @summary A launcher button that opens a panel with the idea form and, on a second tab, the
 * board. The panel floats next to the button (`placement`) and becomes a full-screen sheet on
 * screens narrower than 480 px.
 *
 * Focus moves into the open panel and stays there (Tab and Shift+Tab cycle); Escape, a click
 * outside, the close button or the launcher close it and give focus back to the launcher. With
 * `for="some-id"` it uses a button of the host page as its launcher instead of its own, and keeps
 * that button's `aria-expanded`, `aria-controls` and `aria-haspopup` in step (restored when the
 * element is removed). The form and the board are loaded the first time the panel shows them.
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

  /** Text of the launcher and title of the panel. */
  @property() label = 'Feedback';

  @state() private tab: Tab = 'suggest';
  @state() private sheet = false;
  /** The panel is rendered from the first time it opens, then kept (with what the visitor typed). */
  @state() private rendered = false;
  @state() private shown: ReadonlySet<Tab> = new Set();

  @query('#panel') private panel!: HTMLElement | null;
  @query('[part~="trigger"]') private ownTrigger!: HTMLButtonElement | null;

  readonly #states = new CustomStatesController(this);
  readonly #floating = new FloatingController(this, {
    reference: () => this.#trigger(),
    floating: () => this.panel,
    placement: () => this.placement,
  });
  readonly #dismiss = new DismissController(this, {
    inside: () => [this.panel, this.#trigger()],
    onDismiss: (reason) => this.#setOpenByVisitor(false, reason),
  });
  readonly #focusTrap = new FocusTrapController(this);

  #media: MediaQueryList | undefined;
  #closeReason: SaysoCloseReason | undefined;
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
    // Moved in the page while open: take up the panel again where it was left.
    if (this.open && this.hasUpdated) void this.updateComplete.then(() => this.open && this.#showPanel());
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#media?.removeEventListener('change', this.#onMediaChange);
    this.#media = undefined;
    this.#detachHostButton();
    if (this.open) this.#hidePanel();
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
  }

  #detachHostButton(): void {
    const button = this.#hostButton;
    if (!button) return;
    button.removeEventListener('click', this.#onTriggerClick);
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

  readonly #onTriggerClick = (): void => {
    if (this.open) this.#setOpenByVisitor(false, 'trigger');
    else this.#setOpenByVisitor(true);
  };

  /** A visitor's open or close: changes `open` and tells the host page. */
  #setOpenByVisitor(open: boolean, reason?: SaysoCloseReason): void {
    if (this.open === open) return;
    this.open = open;
    this.#closeReason = reason;
    this.dispatchEvent(open ? new SaysoOpenEvent() : new SaysoCloseEvent({ reason: reason ?? 'trigger' }));
  }

  #select(tab: Tab, focus = false): void {
    this.tab = tab;
    if (focus) void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
  }

  #onTabKeydown(event: KeyboardEvent): void {
    const index = TABS.findIndex((t) => t.id === this.tab);
    const rtl = this.matches(':dir(rtl)');
    const next: Record<string, number> = {
      [rtl ? 'ArrowLeft' : 'ArrowRight']: index + 1,
      [rtl ? 'ArrowRight' : 'ArrowLeft']: index - 1,
      Home: 0,
      End: TABS.length - 1,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    this.#select(TABS[(target + TABS.length) % TABS.length]!.id, true);
  }

  protected override willUpdate(): void {
    if (this.open && !this.rendered) this.rendered = true;
    if (this.rendered && !this.shown.has(this.tab)) {
      this.shown = new Set([...this.shown, this.tab]);
      void loadTab[this.tab]();
    }
  }

  protected override updated(changed: PropertyValues): void {
    this.#states.set('open', this.open);
    this.#states.set('sheet', this.sheet);
    if (changed.has('for') && changed.get('for') !== undefined) this.#attachHostButton();
    this.#hostButton?.setAttribute('aria-expanded', String(this.open));

    const wasOpen = changed.get('open') === true;
    if (changed.has('open') && this.open !== wasOpen) {
      if (this.open) this.#showPanel();
      else this.#hidePanel();
    } else if (this.open && changed.has('sheet')) {
      this.#position();
    } else if (this.open && changed.has('placement')) {
      void this.#floating.update();
    }
  }

  #showPanel(): void {
    const panel = this.panel;
    if (!panel) return;
    this.#position();
    this.#dismiss.start(this.ownerDocument);
    this.#focusTrap.activate(panel, {
      returnTo: this.#trigger(),
      initial: this.renderRoot.querySelector<HTMLElement>(`#tab-${this.tab}`),
    });
  }

  #hidePanel(): void {
    this.#floating.stop();
    this.#dismiss.stop();
    // Focus goes back to the launcher unless the visitor clicked elsewhere, or already moved on.
    const active = deepActiveElement(this.ownerDocument);
    const focusWasInside = !active || active === this.ownerDocument.body || this.matches(':focus-within');
    this.#focusTrap.deactivate({ restoreFocus: this.#closeReason !== 'outside' && focusWasInside && this.isConnected });
    this.#closeReason = undefined;
  }

  /** Floats the panel next to the launcher, or lets it fill the screen as a sheet. */
  #position(): void {
    if (this.sheet) {
      this.#floating.stop();
      this.#floating.reset();
    } else {
      this.#floating.start();
    }
  }

  #renderPanel() {
    const tabs = TABS.map(
      ({ id, label }) => html`
        <button
          part="tab"
          class="tab"
          id="tab-${id}"
          type="button"
          role="tab"
          aria-selected=${id === this.tab ? 'true' : 'false'}
          aria-controls="tabpanel-${id}"
          tabindex=${id === this.tab ? 0 : -1}
          @click=${() => this.#select(id)}
        >
          ${label}
        </button>
      `,
    );
    return html`
      <div
        id="panel"
        part=${this.sheet ? 'panel sheet' : 'panel'}
        class="panel ${this.sheet ? 'panel--sheet' : ''}"
        role="dialog"
        aria-modal=${this.sheet ? 'true' : nothing}
        aria-labelledby="title"
        ?hidden=${!this.open}
      >
        <div part="header" class="header">
          <p part="title" class="title" id="title">${this.label}</p>
          <button
            part="close-button"
            class="close"
            type="button"
            aria-label="Close"
            @click=${() => this.#setOpenByVisitor(false, 'close-button')}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">${closeIcon}</svg>
          </button>
        </div>
        <div part="tabs" class="tabs" role="tablist" @keydown=${this.#onTabKeydown}>${tabs}</div>
        <div part="tabpanel" class="tabpanel" id="tabpanel-suggest" role="tabpanel" aria-labelledby="tab-suggest" ?hidden=${this.tab !== 'suggest'}>
          ${this.shown.has('suggest')
            ? html`<sayso-idea-form
                part="idea-form"
                board=${this.board}
                .client=${this.client}
              ></sayso-idea-form>`
            : nothing}
        </div>
        <div part="tabpanel" class="tabpanel" id="tabpanel-browse" role="tabpanel" aria-labelledby="tab-browse" ?hidden=${this.tab !== 'browse'}>
          ${this.shown.has('browse')
            ? html`<sayso-board part="board" board=${this.board} .client=${this.client}></sayso-board>`
            : nothing}
        </div>
      </div>
    `;
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
              aria-controls=${this.rendered ? 'panel' : nothing}
              @click=${this.#onTriggerClick}
            >
              <svg part="trigger-icon" viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">${chatIcon}</svg>
              <span part="trigger-label">${this.label}</span>
            </button>
          `}
      ${this.rendered ? this.#renderPanel() : nothing}
    `;
  }
}
