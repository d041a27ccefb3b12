import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SaysoCloseEvent, type SaysoCloseReason } from '../events/sayso-close.js';
import { SaysoOpenEvent } from '../events/sayso-open.js';

/**
 * What shows and hides a popover's panel: positioning, dismissal and the focus trap
 * (`PopoverPanelController` in popover-panel.ts, kept apart so that a launcher loads
 * `@floating-ui/dom` only when a visitor reaches for it).
 */
export interface PopoverPanel {
  readonly shown: boolean;
  show(): void;
  /** With `returnFocus`, focus goes back to the trigger if it was in the panel. */
  hide(returnFocus: boolean): void;
}

/** An element with a popover: `open` is its public, settable state. */
export interface PopoverHost extends ReactiveControllerHost, HTMLElement {
  open: boolean;
}

/**
 * Whether closing for `reason` gives focus back to the trigger. Both Sayso popovers are dialogs
 * (WAI-ARIA APG, dialog pattern): opening moves focus into the panel, and closing from inside it
 * (Escape, its close button, choosing an item) or from the trigger gives focus back to the
 * trigger, so a keyboard user goes on from where they started. A press outside means the visitor
 * went to another control: taking focus back would undo that move. A close by code (`open =
 * false`, `undefined` here) returns focus too, unless focus had already left the panel.
 */
export function returnsFocus(reason: SaysoCloseReason | undefined): boolean {
  return reason !== 'outside';
}

/**
 * The lifecycle of a popover (`<sayso-feedback-button>`'s panel, `<sayso-notifications>`' list):
 * the visitor opens and closes it through `toggle()`, `close(reason)`, which set the host's `open`
 * and fire `sayso-open`/`sayso-close`; code that sets `open` fires nothing. After each update the
 * panel is shown or hidden to match `open`, giving focus back by `returnsFocus`. The panel may come
 * later (loaded on first open): it is shown once it is there.
 */
export class PopoverController implements ReactiveController {
  readonly #host: PopoverHost;
  readonly #panel: () => PopoverPanel | undefined;
  /** Why the visitor closed it, until the next update hides the panel. */
  #reason: SaysoCloseReason | undefined;

  constructor(host: PopoverHost, panel: () => PopoverPanel | undefined) {
    this.#host = host;
    this.#panel = panel;
    host.addController(this);
  }

  /** The visitor pressed the trigger: opens, or closes with reason `trigger`. */
  toggle(): void {
    if (this.#host.open) {
      this.close('trigger');
      return;
    }
    this.#host.open = true;
    this.#host.dispatchEvent(new SaysoOpenEvent());
  }

  /** The visitor closed the popover (nothing happens when it is closed already). */
  close(reason: SaysoCloseReason): void {
    if (!this.#host.open) return;
    this.#host.open = false;
    this.#reason = reason;
    this.#host.dispatchEvent(new SaysoCloseEvent({ reason }));
  }

  hostUpdated(): void {
    // The update that follows `close()` is the one that hides the panel, if there is one.
    const reason = this.#reason;
    this.#reason = undefined;
    const panel = this.#panel();
    if (!panel || this.#host.open === panel.shown) return;
    if (this.#host.open) panel.show();
    else panel.hide(returnsFocus(reason));
  }

  /** Back in the page while open: shows the panel again where it was left. */
  hostConnected(): void {
    const panel = this.#panel();
    if (this.#host.open && panel && !panel.shown) this.#host.requestUpdate();
  }

  /** A removed element keeps `open`, and hides its panel until it comes back. */
  hostDisconnected(): void {
    const panel = this.#panel();
    if (panel?.shown) panel.hide(false);
  }
}
