import type { ReactiveController, ReactiveControllerHost } from 'lit';

const FOCUSABLE = 'a[href], area[href], button, input, select, textarea, iframe, summary, [tabindex], [contenteditable]';

/** The element that really has focus, looking inside open shadow roots. */
export function deepActiveElement(root: Document | ShadowRoot = document): Element | null {
  let active = root.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

function isTabbable(el: Element): el is HTMLElement {
  if (!(el instanceof HTMLElement) || el.tabIndex < 0 || !el.matches(FOCUSABLE)) return false;
  if ((el as HTMLButtonElement).disabled || el.closest('[inert]')) return false;
  return el.checkVisibility({ visibilityProperty: true });
}

/** Every element Tab reaches inside `root`, in order, looking inside open shadow roots and slots. */
export function tabbables(root: Element | ShadowRoot): HTMLElement[] {
  const found: HTMLElement[] = [];
  const visit = (node: Element | ShadowRoot) => {
    const children = node instanceof HTMLSlotElement ? node.assignedElements({ flatten: true }) : [...node.children];
    for (const child of children) {
      if (child instanceof HTMLElement && child.hidden) continue;
      if (isTabbable(child)) found.push(child);
      if (child.shadowRoot) visit(child.shadowRoot);
      else visit(child);
    }
  };
  visit(root);
  return found;
}

/**
 * Keeps Tab and Shift+Tab cycling inside a container (a dialog), and gives focus back to where it
 * came from when released. Active only between `activate()` and `deactivate()`.
 */
export class FocusTrapController implements ReactiveController {
  #container: HTMLElement | undefined;
  #returnTo: HTMLElement | undefined;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Traps focus in `container`, focuses `initial` (or the first tabbable), remembers `returnTo`. */
  activate(container: HTMLElement, options: { returnTo?: HTMLElement | null; initial?: HTMLElement | null } = {}): void {
    this.#release();
    this.#container = container;
    this.#returnTo = options.returnTo ?? undefined;
    container.addEventListener('keydown', this.#onKeydown);
    const first = options.initial ?? tabbables(container)[0] ?? container;
    first.focus();
  }

  /** Stops trapping; with `restoreFocus`, focus goes back to the element given as `returnTo`. */
  deactivate({ restoreFocus = true }: { restoreFocus?: boolean } = {}): void {
    const returnTo = this.#returnTo;
    this.#release();
    if (restoreFocus) returnTo?.focus();
  }

  get active(): boolean {
    return this.#container !== undefined;
  }

  hostDisconnected(): void {
    this.#release();
  }

  #release(): void {
    this.#container?.removeEventListener('keydown', this.#onKeydown);
    this.#container = undefined;
    this.#returnTo = undefined;
  }

  readonly #onKeydown = (event: KeyboardEvent): void => {
    const container = this.#container;
    if (event.key !== 'Tab' || !container || event.defaultPrevented) return;
    const list = tabbables(container);
    if (list.length === 0) {
      event.preventDefault();
      return;
    }
    const active = deepActiveElement(container.ownerDocument);
    const index = active ? list.indexOf(active as HTMLElement) : -1;
    const first = list[0]!;
    const last = list[list.length - 1]!;
    if (event.shiftKey && index <= 0) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (index === list.length - 1 || (index === -1 && active === container))) {
      event.preventDefault();
      first.focus();
    }
  };
}
