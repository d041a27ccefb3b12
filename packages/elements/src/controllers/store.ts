import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/**
 * Binds a nanostores store to an element: the element re-renders when the store changes.
 * It listens only while the element is connected, so a removed element holds no subscription.
 * The store may be swapped at any time (e.g. when the element's client or board changes).
 *
 * ```ts
 * #posts = new StoreController(this, client.$posts);
 * render() { return html`${Object.keys(this.#posts.value).length} ideas`; }
 * ```
 */
export class StoreController<T> implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #store: ReadableAtom<T> | undefined;
  #unlisten: (() => void) | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, store?: ReadableAtom<T>) {
    this.#host = host;
    this.#store = store;
    host.addController(this);
  }

  /** The store being followed, or `undefined` for none. */
  get store(): ReadableAtom<T> | undefined {
    return this.#store;
  }

  set store(store: ReadableAtom<T> | undefined) {
    if (store === this.#store) return;
    this.#unlisten?.();
    this.#unlisten = undefined;
    this.#store = store;
    if (this.#connected) this.#listen();
    this.#host.requestUpdate();
  }

  /** The store's current value (`undefined` while there is no store). */
  get value(): T | undefined {
    return this.#store?.get();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#listen();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unlisten?.();
    this.#unlisten = undefined;
  }

  #listen(): void {
    if (!this.#store || this.#unlisten) return;
    this.#unlisten = this.#store.listen(() => this.#host.requestUpdate());
    // The store may have changed while nobody listened.
    this.#host.requestUpdate();
  }
}
