import { ContextProvider } from '@lit/context';
import type { SaysoAdapter, SaysoClient } from '@sayso/core';
import { html, type PropertyValues } from 'lit';
import { property } from 'lit/decorators.js';
import { saysoClientContext } from '../../internal/client-context.js';
import { OutboxTriggersController } from '../../controllers/outbox-triggers.js';
import { hasWaitingChanges } from '../../internal/outbox-database.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import type { ClientSource } from './sayso-provider.client.js';
import styles from './sayso-provider.styles.js';

type ClientModule = typeof import('./sayso-provider.client.js');
/** Set once the client chunk is in: from then on every provider makes its clients at once. */
let clientModule: ClientModule | undefined;
let clientModuleLoad: Promise<ClientModule> | undefined;

function loadClientModule(): Promise<ClientModule> {
  clientModuleLoad ??= import('./sayso-provider.client.js').then(
    (loaded) => (clientModule = loaded),
    (error: unknown) => {
      // Not fetched (offline before the first need): the next need tries again.
      clientModuleLoad = undefined;
      throw error;
    },
  );
  return clientModuleLoad;
}

const sameSource = (a: ClientSource, b: ClientSource) =>
  'adapter' in a || 'adapter' in b
    ? 'adapter' in a && 'adapter' in b && a.adapter === b.adapter
    : a.url === b.url && a.token === b.token && a.getToken === b.getToken;

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
 * With `adapter` or `api-url`, the client is made when something first needs it: an element
 * inside asks for it, the host calls `getClient()`, or an earlier visit left changes waiting.
 * Its code (the client, the HTTP adapter, the outbox) comes in a chunk of its own then, so a
 * page that shows only a launcher downloads none of it before anyone clicks.
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
  readonly #outboxTriggers = new OutboxTriggersController(this, () => void this.#flushOutbox().catch(() => undefined));
  /** Whether anything has needed the client yet; until then none is made. */
  #needed = false;
  #made: { source: ClientSource; client: SaysoClient } | undefined;

  constructor() {
    super();
    // Every Sayso element inside asks for the client when it connects: the first ask makes it.
    this.addEventListener('context-request', (event) => {
      if (event.context === saysoClientContext) this.#need();
    });
  }

  /**
   * The client the elements inside use now: the `client` set, or the one made from `adapter` or
   * `api-url` once something needed it (`undefined` before, and while none of the three is set).
   */
  get activeClient(): SaysoClient | undefined {
    if (this.client) return this.client;
    const source = this.#source();
    if (!source || !this.#needed || !clientModule) return undefined;
    if (!this.#made || !sameSource(this.#made.source, source)) this.#made = { source, client: clientModule.clientFor(source) };
    return this.#made.client;
  }

  /**
   * The client of the elements inside, made now if none was yet; `undefined` while none of
   * `client`, `adapter` and `api-url` is set.
   * @throws When the client's code cannot be fetched (offline before it was first needed).
   */
  async getClient(): Promise<SaysoClient | undefined> {
    this.#needed = true;
    if (!this.client && this.#source()) await loadClientModule();
    this.#publish();
    return this.activeClient;
  }

  #source(): ClientSource | undefined {
    if (this.adapter) return { adapter: this.adapter };
    if (this.apiUrl) return { url: this.apiUrl, token: this.token, getToken: this.getToken };
    return undefined;
  }

  #need(): void {
    if (this.#needed) return;
    this.#needed = true;
    this.#publish();
  }

  /** Gives the elements inside the client for the current inputs, fetching its code first if needed. */
  #publish(): void {
    if (this.#needed && !clientModule && !this.client && this.#source()) {
      loadClientModule().then(
        () => this.#publish(),
        () => undefined, // the elements stay in their loading state; `online` tries again
      );
    }
    const client = this.activeClient;
    if (client !== this.#provider.value) this.#provider.setValue(client);
  }

  /** Sends the outbox: the client's, or, before there is one, what an earlier visit left waiting. */
  async #flushOutbox(): Promise<void> {
    this.#publish(); // back online: fetches the client's code again if an earlier try failed
    const client = this.activeClient;
    if (client) return client.outbox.flush();
    // Only a server's outbox outlives the page (an adapter's is kept in memory).
    const source = this.#source();
    if (source && 'url' in source && (await hasWaitingChanges(source.url))) {
      await (await this.getClient())?.outbox.flush();
    }
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('client') || changed.has('adapter') || changed.has('apiUrl') || changed.has('token') || changed.has('getToken')) {
      this.#publish();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    // The localization runtime comes in only when a page picks a locale. Text that could not be
    // fetched (offline) stays in the locale shown now; lit-localize reports it as a
    // `lit-localize-status` event with status `error`.
    if (changed.has('locale') && this.locale) {
      const locale = this.locale;
      import('../../localization.js').then(({ setLocale }) => setLocale(locale)).catch(() => undefined);
    }
  }

  protected override render() {
    return html`<slot></slot>`;
  }
}
