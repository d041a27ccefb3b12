import type { ReactiveControllerHost } from 'lit';
import { DismissController, type DismissReason } from './dismiss.js';
import { FloatingController, type Placement } from './floating.js';
import { FocusTrapController, deepActiveElement } from './focus-trap.js';
import type { PopoverPanel } from './popover.js';

export interface PopoverPanelOptions {
  /** The button that opens the panel: it anchors the panel and gets focus back. */
  trigger: () => HTMLElement | null;
  /** The panel (rendered, hidden while closed). */
  panel: () => HTMLElement | null;
  placement: () => Placement;
  /** Where focus goes when the panel shows; default: its first tabbable element. */
  initialFocus?: () => HTMLElement | null;
  /** Whether the panel fills the screen (a sheet on a narrow screen) instead of floating. */
  sheet?: () => boolean;
  /** The visitor pressed Escape, or pressed outside the panel and the trigger. */
  onDismiss: (reason: DismissReason) => void;
}

/**
 * A shown popover panel: floats next to its trigger (or fills the screen as a sheet), closes on
 * Escape and outside presses, and keeps focus inside while shown. The `PopoverPanel` that a
 * `PopoverController` shows and hides.
 */
export class PopoverPanelController implements PopoverPanel {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: PopoverPanelOptions;
  readonly #floating: FloatingController;
  readonly #dismiss: DismissController;
  readonly #focusTrap: FocusTrapController;
  #shown = false;

  constructor(host: ReactiveControllerHost & HTMLElement, options: PopoverPanelOptions) {
    this.#host = host;
    this.#options = options;
    this.#floating = new FloatingController(host, {
      reference: options.trigger,
      floating: options.panel,
      placement: options.placement,
    });
    this.#dismiss = new DismissController(host, {
      inside: () => [options.panel(), options.trigger()],
      onDismiss: options.onDismiss,
    });
    this.#focusTrap = new FocusTrapController(host);
  }

  get shown(): boolean {
    return this.#shown;
  }

  /** Positions the panel, listens for dismissal, moves focus into it. */
  show(): void {
    const panel = this.#options.panel();
    if (!panel) return;
    this.#shown = true;
    this.position();
    this.#dismiss.start(this.#host.ownerDocument);
    this.#focusTrap.activate(panel, { returnTo: this.#options.trigger(), initial: this.#options.initialFocus?.() ?? null });
  }

  /** Stops all of it; focus goes back to the trigger if asked and it was still in the panel. */
  hide(returnFocus: boolean): void {
    this.#shown = false;
    this.#floating.stop();
    this.#dismiss.stop();
    const host = this.#host;
    const active = deepActiveElement(host.ownerDocument);
    const focusWasInside = !active || active === host.ownerDocument.body || host.matches(':focus-within');
    this.#focusTrap.deactivate({ restoreFocus: returnFocus && focusWasInside && host.isConnected });
  }

  /** Floats the panel next to the trigger, or lets it fill the screen as a sheet. */
  position(): void {
    if (this.#options.sheet?.()) {
      this.#floating.stop();
      this.#floating.reset();
    } else {
      this.#floating.start();
    }
  }

  /** Places the floating panel again (e.g. after `placement` changed). */
  reposition(): void {
    void this.#floating.update();
  }
}
