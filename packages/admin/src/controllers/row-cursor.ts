import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Shortcut } from './shortcuts.js';

/**
 * The active row of a list or table that `j`/`k` move through: an index the host renders as the
 * row with `aria-selected` and the roving `tabindex`, and focuses after each move. `Enter` opens
 * the active row. A mouse click on a row should call {@link activate} so both ways agree.
 */
export class RowCursorController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #options: { count: () => number; open: (index: number) => void; rowAt: (index: number) => HTMLElement | null | undefined };
  #index = 0;

  constructor(
    host: ReactiveControllerHost & HTMLElement,
    options: {
      /** How many rows there are now. */
      count: () => number;
      /** Opens the row at `index` (Enter). */
      open: (index: number) => void;
      /** The rendered row at `index`, to focus it (a virtualized list may not have it rendered yet). */
      rowAt: (index: number) => HTMLElement | null | undefined;
    },
  ) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  hostConnected(): void {}

  /** The active row, kept within the rows there are. */
  get index(): number {
    return Math.max(0, Math.min(this.#index, this.#options.count() - 1));
  }

  /** Makes `index` the active row (a click on it) without moving focus. */
  activate(index: number): void {
    this.#index = index;
    this.#host.requestUpdate();
  }

  /** Moves the active row by `delta` and focuses it once rendered. */
  async move(delta: number): Promise<void> {
    const count = this.#options.count();
    if (count === 0) return;
    this.#index = Math.max(0, Math.min(this.index + delta, count - 1));
    this.#host.requestUpdate();
    await (this.#host as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    const row = this.#options.rowAt(this.#index);
    row?.scrollIntoView({ block: 'nearest' });
    row?.focus();
  }

  /** `j`, `k` and `Enter`, for the screen's shortcuts. */
  shortcuts(): Shortcut[] {
    return [
      { key: 'j', label: 'Next row', run: () => void this.move(1) },
      { key: 'k', label: 'Previous row', run: () => void this.move(-1) },
      { key: 'Enter', label: 'Open the active row', run: () => this.#options.count() > 0 && this.#options.open(this.index) },
    ];
  }
}
