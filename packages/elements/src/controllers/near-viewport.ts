import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Calls `onNear` when an element comes within `margin` of the viewport: the end of a list, to
 * fetch its next page before the visitor reaches it. An `IntersectionObserver` only reports
 * changes, so an element that stays near (a page too short to push it away) would never be
 * reported again; {@link NearViewportController.watch} therefore takes a fresh reading whenever
 * the caller says the content above the element changed.
 */
export class NearViewportController implements ReactiveController {
  readonly #onNear: () => void;
  readonly #margin: string;
  #observer: IntersectionObserver | undefined;
  #target: Element | undefined;
  #revision: unknown;

  constructor(host: ReactiveControllerHost, onNear: () => void, options: { margin?: string } = {}) {
    this.#onNear = onNear;
    this.#margin = options.margin ?? '800px';
    host.addController(this);
  }

  /**
   * Watches `target` (`undefined` stops watching). Watching the same element with another
   * `revision` (e.g. the number of items above it) takes a fresh reading.
   */
  watch(target: Element | undefined, revision: unknown): void {
    if (target === this.#target && revision === this.#revision) return;
    this.#target = target;
    this.#revision = revision;
    this.#observer?.disconnect();
    if (!target || typeof IntersectionObserver === 'undefined') return;
    this.#observer ??= new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) this.#onNear();
      },
      { rootMargin: this.#margin },
    );
    this.#observer.observe(target);
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#target = undefined;
  }
}
