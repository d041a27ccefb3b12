import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';

/**
 * The box that stands in for a list that could not be loaded: why, and a Try again button
 * (parts `error` and `retry`). Board, roadmap, changelog and notifications show the same one.
 */
export function loadErrorBox(message: string, retry: () => void): TemplateResult {
  return html`
    <div part="error" class="message message--error" role="alert">
      <p>${message}</p>
      <button part="retry" class="button" type="button" @click=${retry}>${msg('Try again')}</button>
    </div>
  `;
}

/** What a paged list shows under the items it has. */
export interface PagedListEnd {
  /** Why the last page could not be loaded, or null. */
  error: string | null;
  /** Whether there is another page to load. */
  hasMore: boolean;
  /** Whether the next page is being loaded (the button is disabled meanwhile). */
  loadingMore: boolean;
  /** The button's label, already chosen for `loadingMore`. */
  label: string | TemplateResult;
  loadMore: () => void;
}

/**
 * The end of a paged list: the reason the next page failed (part `error`), then the button that
 * loads it (part `load-more`) while there is one.
 */
export function pagedListEnd(end: PagedListEnd): TemplateResult {
  return html`
    ${end.error ? html`<p part="error" class="message message--error" role="alert">${end.error}</p>` : nothing}
    ${end.hasMore
      ? html`
          <button part="load-more" class="button load-more" type="button" ?disabled=${end.loadingMore} @click=${end.loadMore}>
            ${end.label}
          </button>
        `
      : nothing}
  `;
}
