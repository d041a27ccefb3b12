import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** Why a popover was dismissed. */
export type DismissReason = 'escape' | 'outside';

export interface DismissOptions {
  /** The elements that count as inside (the panel and its trigger); a press elsewhere dismisses. */
  inside: () => Array<Element | null | undefined>;
  /** Called when the visitor pressed Escape or pressed outside. */
  onDismiss: (reason: DismissReason) => void;
}

/**
 * Closes a popover on Escape and on a press outside it. It listens on the document only between
 * `start()` and `stop()` (and stops when its host disconnects). Shadow DOM is seen through with
 * `composedPath()`, so presses inside nested Sayso elements count as inside.
 */
export class DismissController implements ReactiveController {
  readonly #options: DismissOptions;
  #document: Document | undefined;

  constructor(host: ReactiveControllerHost, options: DismissOptions) {
    this.#options = options;
    host.addController(this);
  }

  start(ownerDocument: Document = document): void {
    this.stop();
    this.#document = ownerDocument;
    ownerDocument.addEventListener('keydown', this.#onKeydown);
    ownerDocument.addEventListener('pointerdown', this.#onPointerdown, true);
  }

  stop(): void {
    this.#document?.removeEventListener('keydown', this.#onKeydown);
    this.#document?.removeEventListener('pointerdown', this.#onPointerdown, true);
    this.#document = undefined;
  }

  hostDisconnected(): void {
    this.stop();
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    if (event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
    event.preventDefault();
    this.#options.onDismiss('escape');
  };

  readonly #onPointerdown = (event: PointerEvent): void => {
    const path = event.composedPath();
    const inside = this.#options.inside().some((el) => el && path.includes(el));
    if (!inside) this.#options.onDismiss('outside');
  };
}
