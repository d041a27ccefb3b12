import { ContextProvider } from '@lit/context';
import { createHttpAdapter, getAnonymousVoterId } from '@sayso/adapter-http';
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
 * Sayso server (the visitor is then identified by an anonymous id kept in this browser).
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

  readonly #provider = new ContextProvider(this, { context: saysoClientContext });
  #fromAdapter: { adapter: SaysoAdapter; client: SaysoClient } | undefined;
  #fromUrl: { url: string; client: SaysoClient } | undefined;

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
      if (this.#fromUrl?.url !== this.apiUrl) {
        // The voter id is read lazily, on the first request, so nothing touches storage here.
        const adapter = createHttpAdapter({ baseUrl: this.apiUrl, voterId: () => getAnonymousVoterId() });
        this.#fromUrl = { url: this.apiUrl, client: createSaysoClient({ adapter }) };
      }
      return this.#fromUrl.client;
    }
    return undefined;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('adapter') || changed.has('apiUrl')) {
      const client = this.activeClient;
      if (client !== this.#provider.value) this.#provider.setValue(client);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
