import type { SaysoClient } from '@sayso/core';
import type { SaysoFeedbackButton } from './components/sayso-feedback-button/sayso-feedback-button.component.js';
import type { SaysoProvider } from './components/sayso-provider/sayso-provider.component.js';
import type { Placement } from './controllers/floating.js';

/** What {@link init} needs to put a feedback launcher on a page. */
export interface SaysoInitOptions {
  /** Base URL of a Sayso server's API, e.g. `/api/v1` or `https://feedback.example.com/api/v1`. */
  apiUrl: string;
  /** Slug of the board ideas are posted to and shown from. */
  board: string;
  /** A token the host app signed for its signed-in user (HS256 JWT). Without it (and `getToken`), the visitor is anonymous. */
  token?: string;
  /** Asks the host app for a (fresh) signed token; `null` when nobody is signed in. */
  getToken?: () => Promise<string | null> | string | null;
  /**
   * Where the launcher goes: an element or a CSS selector. Default: appended to `document.body`,
   * fixed in the bottom corner of the page.
   */
  target?: Element | string;
  /** Text of the launcher and title of the panel (default `Feedback`). */
  label?: string;
  /** Where the panel opens relative to the launcher (default `top-end`). */
  placement?: Placement;
  /**
   * Language of Sayso's text: `en` (default), `de`, a regional tag such as `de-AT`, or `auto`
   * for the visitor's browser language when Sayso ships it. Page-wide, as `<sayso-provider locale>`.
   */
  locale?: string;
}

/**
 * One launcher put on the page by {@link init}. Its elements may still be on their way (the
 * script-tag loader fetches them after `init` returns); what is set on them before they arrive
 * (`open()`, say) applies when they do.
 */
export interface SaysoInstance {
  /**
   * The client of this instance, its own state and connection shared with no other instance;
   * made on first need, so the first call may fetch its code.
   */
  getClient(): Promise<SaysoClient>;
  /** The `<sayso-feedback-button>`. */
  readonly element: SaysoFeedbackButton;
  /** The `<sayso-provider>` around it, the node that was added to the page. */
  readonly provider: SaysoProvider;
  /** Opens the panel (fires no `sayso-open`: the visitor did not ask). */
  open(): void;
  /** Closes the panel (fires no `sayso-close`). */
  close(): void;
  /** Removes the launcher from the page. Calling it again does nothing. */
  destroy(): void;
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function checkOptions(options: unknown): asserts options is SaysoInitOptions {
  if (!options || typeof options !== 'object') {
    throw new TypeError("Sayso.init needs an options object, e.g. Sayso.init({ apiUrl: '/api/v1', board: 'feedback' }).");
  }
  const { apiUrl, board, token, getToken, target, locale } = options as Record<string, unknown>;
  if (!isNonEmptyString(apiUrl)) {
    throw new TypeError("Sayso.init: `apiUrl` is missing. Give the URL of your Sayso server's API, e.g. apiUrl: '/api/v1'.");
  }
  if (!isNonEmptyString(board)) {
    throw new TypeError("Sayso.init: `board` is missing. Give the slug of the board ideas go to, e.g. board: 'feedback'.");
  }
  if (token !== undefined && typeof token !== 'string') throw new TypeError('Sayso.init: `token` must be a string.');
  if (getToken !== undefined && typeof getToken !== 'function') {
    throw new TypeError('Sayso.init: `getToken` must be a function that returns a token (or a promise of one, or null).');
  }
  if (locale !== undefined && typeof locale !== 'string') {
    throw new TypeError("Sayso.init: `locale` must be a string, e.g. locale: 'de' (or 'auto').");
  }
  if (target !== undefined && typeof target !== 'string' && !(target instanceof Element)) {
    throw new TypeError('Sayso.init: `target` must be an element or a CSS selector.');
  }
}

function resolveTarget(target: Element | string | undefined): Element | undefined {
  if (target === undefined || target instanceof Element) return target;
  const found = document.querySelector(target);
  if (!found) throw new TypeError(`Sayso.init: no element matches the target selector "${target}".`);
  return found;
}

/**
 * Puts a Sayso feedback launcher on the page, for hosts without a bundler:
 *
 * ```html
 * <script src="https://feedback.example.com/sayso.js"></script>
 * <script>
 *   const feedback = Sayso.init({ apiUrl: 'https://feedback.example.com/api/v1', board: 'feedback' });
 * </script>
 * ```
 *
 * It mounts a `<sayso-feedback-button board>` inside a `<sayso-provider api-url>` (with
 * `token`/`getToken` when given), appended to `document.body` (fixed in the bottom corner) or into
 * `target`. Each call makes a new, independent instance with a client of its own. The elements
 * come from `sayso.js`, which fetches them once they are on the page; with a bundler, register
 * them with `import '@sayso/elements/sayso'` (or the launcher's and provider's own modules).
 *
 * @throws {TypeError} When `apiUrl` or `board` is missing, another option has the wrong type, or
 *   the `target` selector matches nothing.
 */
export function init(options: SaysoInitOptions): SaysoInstance {
  checkOptions(options);
  if (typeof document === 'undefined') throw new Error('Sayso.init runs in a browser page; there is no document here.');
  const target = resolveTarget(options.target);
  const { apiUrl, board, token, getToken } = options;

  // Until its element is defined, what is set here is kept by the node and applied on upgrade.
  const provider = document.createElement('sayso-provider') as SaysoProvider;
  provider.apiUrl = apiUrl;
  if (token !== undefined) provider.token = token;
  if (getToken !== undefined) provider.getToken = getToken;
  if (options.locale !== undefined) provider.locale = options.locale;
  const element = document.createElement('sayso-feedback-button') as SaysoFeedbackButton;
  element.setAttribute('board', board);
  if (options.label !== undefined) element.label = options.label;
  if (options.placement !== undefined) element.placement = options.placement;
  provider.append(element);
  if (!target) {
    // The launcher floats in the bottom corner of the page, above the host's content.
    Object.assign(provider.style, { position: 'fixed', insetInlineEnd: '1.5rem', insetBlockEnd: '1.5rem', zIndex: '2147483000' });
  }
  (target ?? document.body).append(provider);

  return {
    getClient: async () => {
      await customElements.whenDefined('sayso-provider');
      return (await provider.getClient())!;
    },
    element,
    provider,
    open: () => void (element.open = true),
    close: () => void (element.open = false),
    destroy: () => {
      element.open = false;
      provider.remove();
    },
  };
}

/** The script-tag API: `window.Sayso` after `sayso.js` is loaded. */
export const Sayso = { init } as const;

declare global {
  interface Window {
    /** The script-tag API, set by `sayso.js`: `Sayso.init({ apiUrl, board })`. */
    Sayso?: typeof Sayso;
  }
}
