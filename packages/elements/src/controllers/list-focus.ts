import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How a {@link ListFocusController} recognises the items of its list. */
export interface ListFocusOptions {
  /** The key of the item `element` is (e.g. a card's post id), or `undefined` if it is no item. */
  keyOf: (element: Element) => string | undefined;
  /** The rendered element of the item with `key`, if it is rendered now. */
  find: (key: string) => Element | undefined;
}

/**
 * Keeps keyboard focus on a list item whose element goes away and comes back: a virtualized list
 * removes items scrolled far out of view, and re-creates every item when it switches from a plain
 * list to a virtualized one. Without help, focus would fall to the page's `<body>`.
 *
 * It remembers the focused item (by key) and the control inside it (by the `part` names down its
 * shadow roots, e.g. `vote` → `vote-button`), and focuses that control again once the item is
 * rendered, unless the visitor has put focus somewhere else meanwhile. Wire `focusin`/`focusout`
 * of the list to the handlers and call {@link ListFocusController.restore} after the list
 * rendered.
 */
export class ListFocusController implements ReactiveController {
  readonly #options: ListFocusOptions;
  #remembered: { key: string; parts: string[] } | undefined;

  constructor(host: ReactiveControllerHost, options: ListFocusOptions) {
    this.#options = options;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#remembered = undefined;
  }

  readonly onFocusIn = (event: FocusEvent): void => {
    this.#remembered = this.#locate(event.composedPath());
  };

  readonly onFocusOut = (event: FocusEvent): void => {
    const remembered = this.#remembered;
    if (!remembered) return;
    // Focus moved to another element: the visitor chose it (a `focusin` follows if it is in the
    // list). Focus moved nowhere: either the visitor clicked something unfocusable or left the
    // window (the item is still there), or the item was removed.
    if (event.relatedTarget) {
      this.#remembered = undefined;
      return;
    }
    const item = this.#options.find(remembered.key);
    queueMicrotask(() => {
      if (item?.isConnected && this.#remembered === remembered) this.#remembered = undefined;
    });
  };

  /** Focuses the remembered control again if focus was lost and its item is rendered now. */
  restore(): void {
    const remembered = this.#remembered;
    if (!remembered || !focusIsLost()) return;
    let node: Element | null | undefined = this.#options.find(remembered.key);
    for (const part of remembered.parts) node = (node?.shadowRoot ?? node)?.querySelector(`[part~="${part}"]`);
    if (node instanceof HTMLElement) node.focus({ preventScroll: true });
  }

  /** The item and the control path of the focused element in `path` (innermost first). */
  #locate(path: EventTarget[]): { key: string; parts: string[] } | undefined {
    const parts: string[] = [];
    let focused = path[0];
    for (let i = 0; i < path.length; i++) {
      const node = path[i];
      if (!(node instanceof Element)) continue;
      const key = this.#options.keyOf(node);
      if (key !== undefined) return { key, parts: parts.reverse() };
      // The focused element, and each shadow host above it, is named by its part.
      if (node === focused) {
        const part = node.getAttribute('part')?.split(/\s+/)[0];
        if (!part) return undefined;
        parts.push(part);
      }
      if (path[i + 1] instanceof ShadowRoot) focused = path[i + 2];
    }
    return undefined;
  }
}

/** Whether nothing on the page has focus any more (it fell back to `<body>`). */
function focusIsLost(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body;
}
