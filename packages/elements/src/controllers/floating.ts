import { autoUpdate, computePosition, flip, offset, shift, size, type Placement } from '@floating-ui/dom';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export type { Placement } from '@floating-ui/dom';

/** What a `FloatingController` positions: a floating element next to a reference element. */
export interface FloatingOptions {
  /** The element the floating element sits next to (a trigger button). */
  reference: () => Element | null | undefined;
  /** The element to position (a panel). It is given `position: fixed` and `left`/`top`. */
  floating: () => HTMLElement | null | undefined;
  /** Where the floating element goes relative to the reference; flipped and shifted to fit. */
  placement: () => Placement;
  /** Gap between the reference and the floating element, in px. */
  gap?: number;
  /** Space kept free at the viewport's edges, in px. */
  padding?: number;
}

/**
 * The one popover primitive of Sayso: keeps a floating element next to its reference with
 * `@floating-ui/dom` (middleware in the order offset, flip, shift, size). It follows scroll and
 * resize with `autoUpdate` only between `start()` and `stop()`, and always stops when its host
 * disconnects, so a closed or removed popover leaves no listeners behind.
 *
 * The floating element gets `--sayso-available-width` / `--sayso-available-height` from the size
 * middleware, to cap its size with CSS.
 */
export class FloatingController implements ReactiveController {
  readonly #options: FloatingOptions;
  #cleanup: (() => void) | undefined;

  constructor(host: ReactiveControllerHost, options: FloatingOptions) {
    this.#options = options;
    host.addController(this);
  }

  /** Whether `autoUpdate` is running. */
  get active(): boolean {
    return this.#cleanup !== undefined;
  }

  /** Positions the floating element now and keeps it positioned until `stop()`. */
  start(): void {
    this.stop();
    const reference = this.#options.reference();
    const floating = this.#options.floating();
    if (!reference || !floating) return;
    this.#cleanup = autoUpdate(reference, floating, () => void this.update());
  }

  /** Stops following scroll and resize, and lets go of the position. */
  stop(): void {
    this.#cleanup?.();
    this.#cleanup = undefined;
  }

  /** Computes and applies the position once (e.g. after the placement changed). */
  async update(): Promise<void> {
    const reference = this.#options.reference();
    const floating = this.#options.floating();
    if (!reference || !floating) return;
    const padding = this.#options.padding ?? 8;
    const { x, y, placement } = await computePosition(reference, floating, {
      strategy: 'fixed',
      placement: this.#options.placement(),
      middleware: [
        offset(this.#options.gap ?? 8),
        flip({ padding }),
        shift({ padding }),
        size({
          padding,
          apply({ availableWidth, availableHeight, elements }) {
            elements.floating.style.setProperty('--sayso-available-width', `${Math.max(0, availableWidth)}px`);
            elements.floating.style.setProperty('--sayso-available-height', `${Math.max(0, availableHeight)}px`);
          },
        }),
      ],
    });
    // A late answer for a popover that was closed meanwhile must not move it.
    if (!this.active) return;
    Object.assign(floating.style, { position: 'fixed', left: `${x}px`, top: `${y}px` });
    floating.dataset['placement'] = placement;
  }

  /** Clears what `update()` set on the floating element (e.g. when it becomes a full-screen sheet). */
  reset(): void {
    const floating = this.#options.floating();
    if (!floating) return;
    for (const name of ['position', 'left', 'top', '--sayso-available-width', '--sayso-available-height']) {
      floating.style.removeProperty(name);
    }
    delete floating.dataset['placement'];
  }

  hostDisconnected(): void {
    this.stop();
  }
}
