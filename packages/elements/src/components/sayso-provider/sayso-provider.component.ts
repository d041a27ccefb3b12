import { ContextProvider } from '@lit/context';
import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { saysoClientContext } from '../../controllers/client.js';
import { OutboxTriggersController } from '../../controllers/outbox-triggers.js';
import { browserOutbox } from '../../internal/browser-outbox.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import { setLocale } from '../../localization.js';
import styles from './sayso-provider.styles.js';

/**
 * @tag sayso-provider
 * @summary Gives every Sayso element inside it one shared client: the state (posts, votes) and
 * the connection to a backend. Two providers on one page never share state.
 *
 * Give it, in order of precedence, a ready `client`, an `adapter` to wrap, or an `api-url` of a
 * Sayso server. With `api-url`, the visitor is anonymous (a token from the server, kept in this
 * browser) unless the host passes its signed-in user's token as `token` or `getToken`.
 *
 * Votes and ideas that cannot be sent yet (offline, server down) wait in the client's outbox and
 * go out when the browser is back online, when the page is shown again, and with backoff
 * meanwhile. With `api-url` the outbox is kept in IndexedDB (`sayso-outbox:<api url>`), so it
 * survives a reload and is shared by the tabs of the page's origin; with `adapter` it is kept in
 * memory, since only the host knows who that adapter acts for.
 *
 * `locale` sets the language of Sayso's text (`en`, `de`; `auto` for the visitor's browser
 * language). It applies to every Sayso element on the page, inside this provider or not.
 *
 * @slot - The Sayso elements (and any other content) that use this provider's client.
 */
export class SaysoProvider extends SaysoElement {
  static override styles = styles;

  /** A client made with `createSaysoClient`; wins over `adapter` and `api-url`. */
  @property({ attribute: false }) client?: SaysoClient;

  /** Any `SaysoAdapter`; the provider wraps it in a client of its own. Wins over `api-url`. */
  @property({ attribute: false }) adapter?: SaysoAdapter;

  /** Base URL of a Sayso server's API, e.g. `/api/v1` or `https://feedback.example.com/api/v1`. */
  @property({ attribute: 'api-url' }) apiUrl?: string;

  /** A token the host app signed for its signed-in user (HS256 JWT); used with `api-url`. */
  @property({ attribute: false }) token?: string;

  /**
   * Asks the host app for a signed token (and again, once, when it expired); `null` when nobody
   * is signed in. Used with `api-url`.
   */
  @property({ attribute: false }) getToken?: () => Promise<string | null> | string | null;

  /**
   * Language of Sayso's text on this page: a locale Sayso ships (`en`, `de`; regional tags such
   * as `de-AT` work), or `auto` for the first of the visitor's browser languages Sayso ships.
   * Unset, the text stays in the locale already chosen (English to begin with).
   */
  @property() locale?: string;

  readonly #provider = new ContextProvider(this, { context: saysoClientContext });
  readonly #outboxTriggers = new OutboxTriggersController(this, () => this.activeClient);
  #fromAdapter: { adapter: SaysoAdapter; client: SaysoClient } | undefined;
  #fromUrl: { url: string; token?: string; getToken?: SaysoProvider['getToken']; client: SaysoClient } | undefined;

  /** The client the elements inside use now (`undefined` until one of the inputs is set). */
  get activeClient(): SaysoClient | undefined {
    if (this.client) return this.client;
    if (this.adapter) {
      if (this.#fromAdapter?.adapter !== this.adapter) {
        this.#fromAdapter = { adapter: this.adapter, client: createSaysoClient({ adapter: this.adapter }) };
      }
      return this.#fromAdapter.client;
    }
    if (this.apiUrl) {
      const { apiUrl: url, token, getToken } = this;
      if (this.#fromUrl?.url !== url || this.#fromUrl.token !== token || this.#fromUrl.getToken !== getToken) {
        // Storage is read lazily, on the first request, so nothing touches it here.
        const adapter = createHttpAdapter({ baseUrl: url, token, getToken });
        this.#fromUrl = { url, token, getToken, client: createSaysoClient({ adapter, outbox: browserOutbox(url) }) };
      }
      return this.#fromUrl.client;
    }
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('adapter') || changed.has('apiUrl') || changed.has('token') || changed.has('getToken')) {
      const client = this.activeClient;
      if (client !== this.#provider.value) this.#provider.setValue(client);
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // Text that could not be fetched (offline) stays in the locale shown now; lit-localize
    // reports it as a `lit-localize-status` event with status `error`.
    if (changed.has('locale') && this.locale) setLocale(this.locale).catch(() => undefined);
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
