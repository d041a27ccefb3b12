// The panel of <sayso-feedback-button>, kept out of the launcher's module: the launcher imports it
// when a visitor shows the intent to open (pointer over, or focus on, the launcher) or when it
// opens, so positioning (@floating-ui/dom), dismissal, the focus trap (PopoverPanelController)
// and the tabs cost a host page nothing until then.
import { msg } from '@lit/localize';
import type { SaysoClient } from '@sayso/core';
import { html, nothing, svg, type ReactiveController, type ReactiveControllerHost } from 'lit';
import type { Placement } from '../../controllers/floating.js';
import { PopoverPanelController } from '../../controllers/popover-panel.js';
import type { SaysoCloseReason } from '../../events/sayso-close.js';

type Tab = 'suggest' | 'browse';
const TABS: Array<{ id: Tab; label: () => string }> = [
  { id: 'suggest', label: () => msg('Suggest an idea') },
  { id: 'browse', label: () => msg('Browse ideas') },
];

/** The elements each tab shows, loaded the first time the tab is shown. */
const loadTab: Record<Tab, () => Promise<unknown>> = {
  suggest: () => import('../sayso-idea-form/sayso-idea-form.js'),
  browse: () => import('../sayso-board/sayso-board.js'),
};

const closeIcon = svg`<path d="M6 6l12 12M18 6L6 18" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round"/>`;

/** What the panel reads from its `<sayso-feedback-button>`. */
export interface FeedbackPanelHost extends ReactiveControllerHost, HTMLElement {
  readonly board: string;
  readonly client?: SaysoClient | undefined;
  readonly label: string;
  readonly placement: Placement;
  readonly renderRoot: HTMLElement | DocumentFragment;
}

export interface FeedbackPanelOptions {
  /** The launcher: the host page's button with `for`, otherwise the element's own. */
  trigger: () => HTMLElement | null;
  /** Whether the panel shows as a full-screen sheet (narrow screen) instead of a popover. */
  sheet: () => boolean;
  /** The visitor asked to close the panel from inside it, or by pressing Escape or outside it. */
  onClose: (reason: Exclude<SaysoCloseReason, 'trigger'>) => void;
}

/**
 * The dialog of `<sayso-feedback-button>` as a reactive controller: it renders the header and the
 * tabs (into the launcher's shadow root, with the launcher's styles); its `popover` floats it next
 * to the launcher or fills the screen as a sheet, closes on Escape and outside presses, and traps
 * focus while shown. The launcher creates it the first time it opens and keeps it, with what the
 * visitor typed.
 */
export class FeedbackPanel implements ReactiveController {
  readonly #host: FeedbackPanelHost;
  readonly #options: FeedbackPanelOptions;
  #tab: Tab = 'suggest';
  readonly #loaded = new Set<Tab>();
  /** Shows and hides the panel for the launcher's `PopoverController`. */
  readonly popover: PopoverPanelController;

  constructor(host: FeedbackPanelHost, options: FeedbackPanelOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
    this.popover = new PopoverPanelController(host, {
      trigger: options.trigger,
      panel: () => host.renderRoot.querySelector<HTMLElement>('#panel'),
      placement: () => host.placement,
      // Focus goes to the current tab, where the visitor left off.
      initialFocus: () => host.renderRoot.querySelector<HTMLElement>(`#tab-${this.#tab}`),
      sheet: options.sheet,
      onDismiss: options.onClose,
    });
  }

  hostUpdate(): void {
    if (this.#loaded.has(this.#tab)) return;
    this.#loaded.add(this.#tab);
    void loadTab[this.#tab]();
  }

  #select(tab: Tab, focus = false): void {
    this.#tab = tab;
    this.#host.requestUpdate();
    if (focus) {
      void this.#host.updateComplete.then(() => this.#host.renderRoot.querySelector<HTMLElement>(`#tab-${tab}`)?.focus());
    }
  }

  readonly #onTabKeydown = (event: KeyboardEvent): void => {
    const index = TABS.findIndex((t) => t.id === this.#tab);
    const rtl = this.#host.matches(':dir(rtl)');
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
  };

  /** The panel, hidden while `open` is false. */
  render(open: boolean) {
    const { board, client, label } = this.#host;
    const sheet = this.#options.sheet();
    const tabs = TABS.map(
      ({ id, label }) => html`
        <button
          part="tab"
          class="tab"
          id="tab-${id}"
          type="button"
          role="tab"
          aria-selected=${id === this.#tab ? 'true' : 'false'}
          aria-controls="tabpanel-${id}"
          tabindex=${id === this.#tab ? 0 : -1}
          @click=${() => this.#select(id)}
        >
          ${label()}
        </button>
      `,
    );
    return html`
      <div
        id="panel"
        part=${sheet ? 'panel sheet' : 'panel'}
        class="panel ${sheet ? 'panel--sheet' : ''}"
        role="dialog"
        aria-modal=${sheet ? 'true' : nothing}
        aria-labelledby="title"
        ?hidden=${!open}
      >
        <div part="header" class="header">
          <p part="title" class="title" id="title">${label || msg('Feedback')}</p>
          <button
            part="close-button"
            class="close"
            type="button"
            aria-label=${msg('Close')}
            @click=${() => this.#options.onClose('close-button')}
          >
            <svg viewBox="0 0 24 24" width="20" height="20" aria-hidden="true">${closeIcon}</svg>
          </button>
        </div>
        <div part="tabs" class="tabs" role="tablist" @keydown=${this.#onTabKeydown}>${tabs}</div>
        <div part="tabpanel" class="tabpanel" id="tabpanel-suggest" role="tabpanel" aria-labelledby="tab-suggest" ?hidden=${this.#tab !== 'suggest'}>
          ${this.#loaded.has('suggest')
            ? html`<sayso-idea-form part="idea-form" board=${board} .client=${client}></sayso-idea-form>`
            : nothing}
        </div>
        <div part="tabpanel" class="tabpanel" id="tabpanel-browse" role="tabpanel" aria-labelledby="tab-browse" ?hidden=${this.#tab !== 'browse'}>
          ${this.#loaded.has('browse') ? html`<sayso-board part="board" board=${board} .client=${client}></sayso-board>` : nothing}
        </div>
      </div>
    `;
  }
}
