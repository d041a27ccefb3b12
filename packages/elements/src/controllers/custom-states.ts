import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Exposes an element's private state to host CSS as custom states (`:state(voted)`), instead of
 * reflecting it into attributes. The element's internals are attached on first connect, never in
 * the constructor, so server rendering never touches them.
 */
export class CustomStatesController implements ReactiveController {
  readonly #host: ReactiveControllerHost & HTMLElement;
  #states: CustomStateSet | undefined;
  readonly #wanted = new Map<string, boolean>();

  constructor(host: ReactiveControllerHost & HTMLElement) {
    this.#host = host;
    host.addController(this);
  }

  hostConnected(): void {
    if (!this.#states) {
      try {
        this.#states = this.#host.attachInternals().states;
      } catch {
        // Older browsers, or internals already taken: states are a progressive enhancement.
        return;
      }
      for (const [name, on] of this.#wanted) this.#apply(name, on);
    }
  }

  /** Turns the custom state `name` on or off. */
  set(name: string, on: boolean): void {
    this.#wanted.set(name, on);
    this.#apply(name, on);
  }

  /** Whether the custom state `name` is on. */
  has(name: string): boolean {
    return this.#wanted.get(name) ?? false;
  }

  #apply(name: string, on: boolean): void {
    if (!this.#states) return;
    if (on) this.#states.add(name);
    else this.#states.delete(name);
  }
}
