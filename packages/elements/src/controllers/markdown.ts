import { html, type ReactiveController, type ReactiveControllerHost } from 'lit';

type MarkdownModule = typeof import('../internal/markdown.js');

/**
 * Renders user markdown through Sayso's one sanitising path (`internal/markdown.ts`: marked, then
 * DOMPurify). The module is fetched only when an element that shows markdown is first connected,
 * so a board's first paint does not carry marked and DOMPurify; until it has loaded (or if it
 * cannot load), the text is shown as plain text.
 */
export class MarkdownController implements ReactiveController {
  readonly #host: ReactiveControllerHost;
  #module: MarkdownModule | undefined;

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
    host.addController(this);
  }

  /** Whether the renderer has loaded (the text is shown as markdown, not plain text). */
  get loaded(): boolean {
    return this.#module !== undefined;
  }

  hostConnected(): void {
    if (this.#module) return;
    import('../internal/markdown.js').then(
      (module) => {
        this.#module = module;
        this.#host.requestUpdate();
      },
      () => undefined, // Stay with plain text.
    );
  }

  /** `source` as sanitised HTML, or as plain text while the renderer loads. */
  render(source: string) {
    return this.#module ? this.#module.markdown(source) : html`<p class="plain">${source}</p>`;
  }
}
