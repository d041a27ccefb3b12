import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** One keyboard shortcut of a screen: the key (`KeyboardEvent.key`), what it does, and the action. */
export interface Shortcut {
  key: string;
  /** What the key does, as the `?` overview lists it ("Merge the selected ideas"). */
  label: string;
  run: (event: KeyboardEvent) => void;
}

/**
 * Whether a key is the control's own, not a command: typed into a field, pressed with a
 * modifier, or Enter and Space on a button or link (which activate it).
 */
function belongsToControl(event: KeyboardEvent): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName)) return true;
  return (event.key === 'Enter' || event.key === ' ') && target.matches('button, a[href], summary, [role="button"], [role="link"]');
}

/**
 * Esc pressed in a field leaves the field (what was typed stays) and answers true: the screen's
 * own Esc (close, go back) is for Esc pressed anywhere else.
 */
export function leftField(event: KeyboardEvent): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof HTMLElement && target.matches('input, textarea, select'))) return false;
  target.blur();
  return true;
}

/**
 * A screen's keyboard shortcuts (`j`/`k`, `m`, `s`, …), active while the screen is on the page.
 * Keys typed into a field are text, not commands, except `Escape`; Enter on a button presses it; a key another handler took
 * (`defaultPrevented`, e.g. an open dialog's) is left alone. The shortcuts are read on every key,
 * so they may depend on the screen's state (no `m` without a selection).
 */
export class ShortcutsController implements ReactiveController {
  readonly #shortcuts: () => readonly Shortcut[];

  constructor(host: ReactiveControllerHost, shortcuts: () => readonly Shortcut[]) {
    this.#shortcuts = shortcuts;
    host.addController(this);
  }

  /** The shortcuts in force now, for the `?` overview. */
  get shortcuts(): readonly Shortcut[] {
    return this.#shortcuts();
  }

  hostConnected(): void {
    window.addEventListener('keydown', this.#onKey);
  }

  hostDisconnected(): void {
    window.removeEventListener('keydown', this.#onKey);
  }

  readonly #onKey = (event: KeyboardEvent): void => {
    if (event.defaultPrevented || (event.key !== 'Escape' && belongsToControl(event))) return;
    const shortcut = this.#shortcuts().find((candidate) => candidate.key === event.key);
    if (!shortcut) return;
    event.preventDefault();
    shortcut.run(event);
  };
}
