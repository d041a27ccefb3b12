import { ContextProvider } from '@lit/context';
import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient, type SaysoAdapter, type SaysoClient } from '@sayso/core';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { saysoClientContext } from '../../controllers/client.js';
import { SaysoElement } from '../../internal/sayso-element.js';
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

  readonly #provider = new ContextProvider(this, { context: saysoClientContext });
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
        this.#fromUrl = { url, token, getToken, client: createSaysoClient({ adapter }) };
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

  protected override render() {
    return html`<slot></slot>`;
  }
}
