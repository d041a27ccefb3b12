import { createHttpAdapter } from '@sayso/adapter-http';
import {
  adminRouteHash,
  createAdminSession,
  createSaysoClient,
  parseAdminRoute,
  type AdminRoute,
  type AdminSession,
  type AdminSessionState,
  type SaysoAdapter,
  type SaysoClient,
} from '@sayso/core';
import { SaysoElement, StoreController } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import { html, nothing, type PropertyValues } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';
import { ShortcutsController, type Shortcut } from '../../controllers/shortcuts.js';
import { SaysoAdminNavigateEvent } from '../../events/sayso-admin-navigate.js';
import type { SaysoSignInEvent } from '../../events/sayso-sign-in.js';
import { ADMIN_NAVIGATION, ADMIN_SCREEN_TAGS, type AdminScreenElement } from '../../internal/admin-screen.js';
import { adminStyles } from '../../styles/admin.styles.js';
import '../sayso-admin-shortcuts/sayso-admin-shortcuts.js';
import type { SaysoAdminShortcuts } from '../sayso-admin-shortcuts/sayso-admin-shortcuts.component.js';
import '../sayso-admin-sign-in/sayso-admin-sign-in.js';
import styles from './sayso-admin-console.styles.js';

/** One client per adapter: screens share its views (a board's ideas fetched once). */
const clients = new WeakMap<SaysoAdapter, SaysoClient>();
const clientOf = (adapter: SaysoAdapter): SaysoClient => {
  let client = clients.get(adapter);
  if (!client) clients.set(adapter, (client = createSaysoClient({ adapter })));
  return client;
};

/** The tab's session storage, when the page may use it (a sandboxed frame may not). */
function tabStorage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    return undefined;
  }
}

/**
 * @tag sayso-admin-console
 * @summary The admin console: sign-in, then the screens (ideas, an idea, duplicates, inbox,
 * changelog, settings) with their keyboard shortcuts (`?` lists them).
 *
 * Give it the server (`api-url`): the admin types a key, which is checked before it is kept, and
 * kept only in the tab's `sessionStorage` (never a URL or `localStorage`); "Sign out" forgets it.
 * Or give it `getToken`, a function answering a token the host app signed whose claims grant
 * admin (`sayso_admin: true`), to open the console from the host's own app without a key. Or
 * give it a ready `adapter` with the admin part (the memory adapter in Storybook, a custom backend).
 *
 * The screen and its filters live in the address (`#/ideas?status=planned`), so a view can be
 * shared; set `routing="none"` when the host page owns its address.
 *
 * @csspart header - The bar with the navigation and who is signed in.
 * @csspart nav - The screens' navigation.
 * @csspart identity - Who is signed in.
 * @csspart sign-out - The sign-out button.
 * @csspart main - Where the screen shows.
 */
export class SaysoAdminConsole extends SaysoElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, styles];

  /** The Sayso server, e.g. `https://feedback.example.com` (`''`: this page's origin). */
  @property({ attribute: 'api-url' }) apiUrl?: string;

  /** A ready admin adapter; the console then asks for no key. */
  @property({ attribute: false }) adapter?: SaysoAdapter;

  /** Answers a host-signed token granting admin; the console then asks for no key. */
  @property({ attribute: false }) getToken?: () => Promise<string | null> | string | null;

  /**
   * How a typed key (or a host token) becomes an admin adapter; default: the HTTP adapter at
   * `api-url` with the key. For a custom backend that signs admins in with keys of its own.
   */
  @property({ attribute: false }) connect?: (credential: string) => SaysoAdapter;

  /** `hash`: the route lives in the page's address; `none`: only in the console. */
  @property() routing: 'hash' | 'none' = 'hash';

  /** Where the console is now. */
  @state() route: AdminRoute = { screen: 'ideas', params: {} };

  #session: AdminSession | undefined;
  readonly #state = new StoreController<AdminSessionState>(this);

  @query('sayso-admin-shortcuts') private overview!: SaysoAdminShortcuts;
  @query('main') private main!: HTMLElement;
  @query('.screen') private screen?: AdminScreenElement;

  readonly #shortcuts = new ShortcutsController(this, () => this.#consoleShortcuts());

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.#followAddress);
    if (this.routing === 'hash') this.route = parseAdminRoute(location.hash);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.#followAddress);
  }

  /** The session in force (for hosts and tests): sign in or out through it. */
  get session(): AdminSession | undefined {
    return this.#session;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('adapter') || changed.has('apiUrl') || changed.has('getToken') || changed.has('connect')) this.#startSession();
  }

  protected override updated(changed: PropertyValues<this>): void {
    // A new screen: focus its region, so a screen reader announces it and keys act on it.
    if (changed.has('route') && (changed.get('route') as AdminRoute | undefined)?.screen !== this.route.screen) this.main?.focus();
  }

  #startSession(): void {
    const given = this.adapter;
    if (given) {
      this.#session = createAdminSession({ connect: () => given });
      this.#state.store = this.#session.$state;
      void this.#session.signIn('adapter');
      return;
    }
    if (this.apiUrl === undefined && !this.getToken && !this.connect) return;
    const baseUrl = this.apiUrl ?? '';
    const connect = this.connect ?? ((credential: string) => createHttpAdapter({ baseUrl, adminKey: credential }));
    const storage = tabStorage();
    this.#session = createAdminSession({ connect, ...(storage ? { storage } : {}) });
    this.#state.store = this.#session.$state;
    void this.#resume(this.#session);
  }

  async #resume(session: AdminSession): Promise<void> {
    const token = this.getToken ? await this.getToken() : null;
    if (token) await session.signIn(token);
    else await session.resume();
  }

  /** Goes to `route`, through the address when the console owns it. */
  navigate(route: AdminRoute): void {
    if (this.routing === 'hash') {
      const hash = adminRouteHash(route);
      if (location.hash !== hash) location.hash = hash;
      else this.route = route;
    } else {
      this.route = route;
    }
  }

  readonly #followAddress = (): void => {
    if (this.routing === 'hash') this.route = parseAdminRoute(location.hash);
  };

  #consoleShortcuts(): Shortcut[] {
    if (this.#state.value?.status !== 'signed-in') return [];
    return [
      { key: '?', label: 'Show the keyboard shortcuts', run: () => void this.#showOverview() },
      ...ADMIN_NAVIGATION.map(({ screen, label }, index) => ({
        key: String(index + 1),
        label: `Go to ${label}`,
        run: () => this.navigate({ screen, params: {} }),
      })),
    ];
  }

  async #showOverview(): Promise<void> {
    this.overview.shortcuts = [...(this.screen?.shortcuts ?? []), ...this.#shortcuts.shortcuts];
    await this.overview.show();
  }

  override render() {
    const state = this.#state.value;
    if (!state) return nothing;
    // The form stays while a key is checked, so a refused key is still in its field.
    if (state.status !== 'signed-in') {
      return html`<sayso-admin-sign-in .error=${state.error} ?checking=${state.status === 'checking'} @sayso-sign-in=${this.#signIn}></sayso-admin-sign-in>`;
    }
    return html`
      <header part="header">
        <span class="brand">Sayso admin</span>
        <nav part="nav" aria-label="Console">
          ${ADMIN_NAVIGATION.map(
            ({ screen, label }) =>
              html`<a
                href=${adminRouteHash({ screen, params: {} })}
                aria-current=${this.route.screen === screen ? 'page' : 'false'}
                @click=${(event: MouseEvent) => this.#follow(event, { screen, params: {} })}
                >${label}</a
              >`,
          )}
        </nav>
        <span part="identity" class="identity">Signed in as <strong>${state.identity.label}</strong></span>
        ${this.adapter ? nothing : html`<button part="sign-out" class="button" type="button" @click=${this.#signOut}>Sign out</button>`}
      </header>
      <main part="main" tabindex="-1" @sayso-admin-navigate=${(event: SaysoAdminNavigateEvent) => this.navigate(event.detail)}>
        ${this.#renderScreen(clientOf(state.adapter))}
      </main>
      <sayso-admin-shortcuts></sayso-admin-shortcuts>
    `;
  }

  #renderScreen(client: SaysoClient) {
    const tag = ADMIN_SCREEN_TAGS[this.route.screen];
    if (!customElements.get(tag)) return html`<p class="muted">This screen is not part of this build of the console.</p>`;
    const name = unsafeStatic(tag);
    return staticHtml`<${name} class="screen" .client=${client} .params=${this.route.params}></${name}>`;
  }

  #follow(event: MouseEvent, route: AdminRoute): void {
    if (this.routing === 'hash' || event.button !== 0 || event.metaKey || event.ctrlKey) return;
    event.preventDefault();
    this.navigate(route);
  }

  async #signIn(event: SaysoSignInEvent): Promise<void> {
    if (await this.#session?.signIn(event.detail.credential)) {
      await this.updateComplete;
      this.main?.focus();
    } else {
      await this.updateComplete;
      this.renderRoot.querySelector('sayso-admin-sign-in')?.focus();
    }
  }

  #signOut(): void {
    this.#session?.signOut();
  }
}

