import type { LoadStatus } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** A core view an element can follow: a state store with a load status, and a first fetch. */
export interface LoadableView {
  readonly $state: ReadableAtom<{ status: LoadStatus }>;
  load(): Promise<void>;
}

/** How a {@link ViewController} makes its view and hands the view's stores to the element. */
export interface ViewControllerOptions<V extends LoadableView> {
  /** The inputs the view depends on; a new view is made whenever one of them changes. */
  inputs: () => readonly unknown[];
  /** Makes the view for the current inputs (`undefined` while they are incomplete). */
  create: () => V | undefined;
  /** Points the element's store controllers at the new view's stores. */
  bind: (view: V | undefined) => void;
}

/**
 * Follows one core view (a board list, a roadmap, a changelog) for an element: makes it anew
 * when its inputs change, and fetches its first page as soon as the element is on a page and
 * the view has not been fetched yet. Nothing is fetched before the element is connected, so
 * server rendering sends no requests.
 */
export class ViewController<V extends LoadableView> implements ReactiveController {
  readonly #options: ViewControllerOptions<V>;
  #inputs: readonly unknown[] | undefined;
  #view: V | undefined;
  #connected = false;

  constructor(host: ReactiveControllerHost, options: ViewControllerOptions<V>) {
    this.#options = options;
    host.addController(this);
  }

  /** The view followed now. */
  get view(): V | undefined {
    return this.#view;
  }

  hostConnected(): void {
    this.#connected = true;
  }

  hostDisconnected(): void {
    this.#connected = false;
  }

  hostUpdate(): void {
    const inputs = this.#options.inputs();
    const previous = this.#inputs;
    if (!previous || inputs.length !== previous.length || inputs.some((input, i) => input !== previous[i])) {
      this.#inputs = inputs;
      this.#view = this.#options.create();
      this.#options.bind(this.#view);
    }
    if (this.#connected && this.#view?.$state.get().status === 'idle') void this.#view.load();
  }
}
