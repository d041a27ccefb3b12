import type { LoadStatus } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadableAtom } from 'nanostores';

/** A core view an element can follow: a state store with a load status, and a first fetch. */
export interface LoadableView {
  readonly $state: ReadableAtom<{ status: LoadStatus }>;
  load(): Promise<void>;
  /**
   * An element started showing the view after it was fetched (views are shared): a view that
   * keeps part of its state outside the page takes it up again here.
   */
  shown?(): void;
}

/** How a {@link ViewController} gets its view and hands the view's stores to the element. */
export interface ViewControllerOptions<V extends LoadableView> {
  /** The inputs the view depends on; the view is asked for again whenever one of them changes. */
  inputs: () => readonly unknown[];
  /**
   * The view for the current inputs (`undefined` while they are incomplete): the client's shared
   * one (`client.view(...)`), so elements showing the same thing share one view and one fetch.
   */
  create: () => V | undefined;
  /** Points the element's store controllers at the new view's stores. */
  bind: (view: V | undefined) => void;
}

/**
 * Follows one core view (a board list, a roadmap, a changelog) for an element: asks for it
 * again when its inputs change, and fetches its first page as soon as the element is on a page and
 * the view has not been fetched yet. Nothing is fetched before the element is connected, so
 * server rendering sends no requests.
 */
export class ViewController<V extends LoadableView> implements ReactiveController {
  readonly #options: ViewControllerOptions<V>;
  #inputs: readonly unknown[] | undefined;
  #view: V | undefined;
  #connected = false;
  /** Whether the host has yet to show the view it follows since it connected or the view changed. */
  #unshown = true;

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
    this.#unshown = true;
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
      this.#unshown = true;
    }
    if (!this.#connected || !this.#view) return;
    if (this.#view.$state.get().status === 'idle') void this.#view.load();
    else if (this.#unshown) this.#view.shown?.();
    this.#unshown = false;
  }
}
