import { LitElement } from 'lit';
import { property } from 'lit/decorators.js';

/**
 * The base class of every Sayso element. It holds only plumbing every element needs:
 * a registration that tolerates a second copy of Sayso on the same page, and `lang`/`dir`.
 *
 * Everything else (state, data, behaviour) lives in `@sayso/core` and in reactive controllers.
 */
export class SaysoElement extends LitElement {
  /**
   * Registers `this` under `tag` unless some element already holds that tag. A host page may
   * load two copies of Sayso (e.g. the script-tag bundle and a bundled app); the first copy wins
   * and the second one keeps working with the first copy's elements instead of throwing.
   */
  static define(tag: string, options?: ElementDefinitionOptions): void {
    if (typeof customElements === 'undefined' || customElements.get(tag)) return;
    customElements.define(tag, this, options);
  }

  /**
   * Text direction of the element. Left unset, it follows the page (`dir` on an ancestor);
   * styles use logical properties, so `rtl` needs nothing else.
   */
  @property({ reflect: true }) override dir!: string;

  /** Language of the element's own text; left unset, it follows the page. */
  @property({ reflect: true }) override lang!: string;
}
