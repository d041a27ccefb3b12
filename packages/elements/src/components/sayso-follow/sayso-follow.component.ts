import { localized, msg } from '@lit/localize';
import {
  createEmailPreferencesView,
  createSubscriptionView,
  followControl,
  isEmailAddress,
  type EmailPreferencesState,
  type EmailPreferencesView,
  type SaysoClient,
  type SaysoError,
  type SubscriptionState,
  type SubscriptionView,
} from '@sayso/core';
import { html, nothing } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { ClientController } from '../../controllers/client.js';
import { CustomStatesController } from '../../controllers/custom-states.js';
import { StoreController } from '../../controllers/store.js';
import { ViewController } from '../../controllers/view.js';
import { SaysoElement } from '../../internal/sayso-element.js';
import styles from './sayso-follow.styles.js';

/** What the visitor reads when following could not be changed, by the reason it failed. */
export function followFailureMessage(error: SaysoError): string {
  switch (error.code) {
    case 'network':
      return msg('You seem to be offline, so following could not be changed. Try again when you are back online.');
    case 'rate_limited':
      return msg('Too many requests just now. Wait a moment, then try again.');
    case 'unauthorized':
    case 'token_expired':
    case 'forbidden':
      return msg('You cannot follow this idea.');
    case 'not_found':
      return msg('This idea could not be found.');
    default:
      return msg('Following could not be changed right now. Try again.');
  }
}

/** The server's own words on a refused address: the `email` problem, else its message. */
function addressProblem(error: SaysoError): string {
  const problems = error.details.problems;
  const problem = Array.isArray(problems) ? problems.find((p: { field?: string }) => p.field === 'email') : undefined;
  return (problem as { message?: string } | undefined)?.message ?? error.message;
}

/** What the visitor did last, for the live confirmation. */
type FollowAction = 'followed' | 'unfollowed' | 'left-address';

/**
 * @tag sayso-follow
 * @summary Follow an idea to hear when it ships. A visitor Sayso can reach (with an address, a
 * signed-in user, or following already) gets a toggle; an anonymous visitor without an address
 * gets "Tell me when this ships" with an email field, confirmed by a link sent to it (beside the
 * toggle once they follow, e.g. by their vote: "Also tell me by email").
 *
 * The toggle changes at once and goes back, with the reason shown, when the change is refused.
 * An address is checked before it is sent; whatever the visitor typed stays in the field when it
 * is refused. Changes are confirmed in a polite live region. `<sayso-post-detail>` shows one for
 * the idea it shows.
 *
 * @csspart base - The wrapper around everything.
 * @csspart toggle - The Follow / Following button (`data-following` while following).
 * @csspart form - The "Tell me when this ships" form.
 * @csspart label - The email field's label.
 * @csspart input - The email field.
 * @csspart submit - The button that sends the address.
 * @csspart hint - The line under the field saying a confirmation link is sent first.
 * @csspart field-error - Why the address was refused.
 * @csspart error - Why following could not be changed.
 * @csspart status - The live confirmation ("Check your inbox to confirm").
 * @csspart loading - The message while the subscription loads.
 * @csspart retry - The button that loads the subscription again.
 *
 * @cssproperty --sayso-color-primary - The toggle while following.
 * @cssproperty --sayso-color-border - Borders.
 * @cssproperty --sayso-color-danger - Error messages.
 * @cssproperty --sayso-color-success - The confirmation.
 * @cssproperty --sayso-color-text-muted - The hint.
 * @cssproperty --sayso-radius - Corner radius.
 *
 * @cssstate following - The visitor follows the idea.
 * @cssstate saving - A change is being saved.
 * @cssstate pending - The visitor's address waits for its confirmation link.
 */
@localized()
export class SaysoFollow extends SaysoElement {
  static override styles = styles;

  /** Id of the idea to follow. */
  @property({ attribute: 'post-id' }) postId = '';

  /** The client to use; without one, the nearest `<sayso-provider>`'s client is used. */
  @property({ attribute: false }) client?: SaysoClient;

  /** The address being typed; kept when sending it fails. */
  @state() private address = '';
  /** The address is malformed (checked before sending). */
  @state() private addressInvalid = false;
  @state() private lastAction: FollowAction | null = null;

  @query('#email') private emailInput!: HTMLInputElement | null;

  readonly #client = new ClientController(this);
  readonly #states = new CustomStatesController(this);
  readonly #subscription = new StoreController<SubscriptionState>(this);
  readonly #preferences = new StoreController<EmailPreferencesState>(this);
  readonly #follow = new ViewController<SubscriptionView>(this, {
    inputs: () => [this.#client.value, this.postId],
    create: () => (this.postId ? this.#client.value?.view(createSubscriptionView, { postId: this.postId }) : undefined),
    bind: (view) => (this.#subscription.store = view?.$state),
  });
  readonly #settings = new ViewController<EmailPreferencesView>(this, {
    inputs: () => [this.#client.value],
    create: () => this.#client.value?.view(createEmailPreferencesView, {}),
    bind: (view) => (this.#preferences.store = view?.$state),
  });

  /** The subscription view shown now (`undefined` without a client or idea). */
  get view(): SubscriptionView | undefined {
    return this.#follow.view;
  }

  /** Fetches whether the visitor follows the idea again (voting or commenting may have changed it). */
  refresh(): Promise<void> {
    return this.#follow.view?.refresh() ?? Promise.resolve();
  }

  protected override willUpdate(changed: Map<PropertyKey, unknown>): void {
    if (changed.has('postId') && changed.get('postId') !== undefined) {
      this.lastAction = null;
      this.addressInvalid = false;
    }
  }

  protected override updated(): void {
    const subscription = this.#subscription.value?.subscription;
    this.#states.set('following', subscription?.subscribed === true);
    this.#states.set('saving', this.#subscription.value?.saving === true);
    this.#states.set('pending', subscription?.emailPending === true);
  }

  async #toggle(): Promise<void> {
    const view = this.#follow.view;
    const following = view?.$state.get().subscription?.subscribed === true;
    if (!view) return;
    this.lastAction = null;
    if (await view.setSubscribed(!following)) this.lastAction = following ? 'unfollowed' : 'followed';
  }

  #onInput(event: Event): void {
    this.address = (event.target as HTMLInputElement).value;
    this.addressInvalid = false;
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const view = this.#follow.view;
    if (!view) return;
    this.lastAction = null;
    if (!isEmailAddress(this.address.trim())) {
      this.addressInvalid = true;
      this.emailInput?.focus();
      return;
    }
    if (await view.followByEmail(this.address)) {
      this.address = '';
      this.lastAction = 'left-address';
    } else {
      await this.updateComplete;
      if (view.$state.get().saveError?.code === 'invalid_input') this.emailInput?.focus();
    }
  }

  #statusText(): string {
    const subscription = this.#subscription.value?.subscription;
    if (subscription?.subscribed && subscription.emailPending) return msg('Check your inbox to confirm your address.');
    switch (this.lastAction) {
      case 'followed':
        return msg('You follow this idea now.');
      case 'unfollowed':
        return msg('You no longer follow this idea.');
      default:
        return '';
    }
  }

  #renderToggle(state: SubscriptionState) {
    const following = state.subscription?.subscribed === true;
    return html`
      <button part="toggle" class="button" type="button" ?data-following=${following} ?disabled=${state.saving} @click=${() => void this.#toggle()}>
        ${following ? msg("Following — you'll hear when this ships") : msg('Follow')}
      </button>
    `;
  }

  /** `alsoFollowing`: beside the toggle of a visitor who follows already (the bell tells them; this adds email). */
  #renderAddressForm(state: SubscriptionState, { alsoFollowing }: { alsoFollowing: boolean }) {
    const refused = state.saveError?.code === 'invalid_input' ? state.saveError : null;
    const problem = this.addressInvalid ? msg('Enter an email address, like name@example.com.') : refused ? addressProblem(refused) : null;
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <label part="label" for="email">${alsoFollowing ? msg('Also tell me by email when this ships') : msg('Tell me when this ships')}</label>
        <div class="row">
          <input
            id="email"
            part="input"
            type="email"
            name="email"
            autocomplete="email"
            placeholder=${msg('name@example.com')}
            aria-invalid=${problem ? 'true' : 'false'}
            aria-describedby=${problem ? 'email-error email-hint' : 'email-hint'}
            .value=${live(this.address)}
            @input=${this.#onInput}
          />
          <button part="submit" class="button button--primary" type="submit" ?disabled=${state.saving}>
            ${state.saving ? msg('Sending…') : msg('Notify me')}
          </button>
        </div>
        ${problem ? html`<p id="email-error" part="field-error" role="alert">${problem}</p>` : nothing}
        <p id="email-hint" part="hint">${msg('We will email you a link to confirm your address first.')}</p>
      </form>
    `;
  }

  #renderControl() {
    const state = this.#subscription.value;
    const settings = this.#preferences.value;
    if (state?.status === 'error') {
      return html`<div part="error" role="alert">
        <p>${msg('Whether you follow this idea could not be loaded.')}</p>
        <button part="retry" class="button" type="button" @click=${() => void this.#follow.view?.load()}>${msg('Try again')}</button>
      </div>`;
    }
    const settled = (status: string | undefined) => status === 'ready' || status === 'error';
    if (!state || !settled(state.status) || !settled(settings?.status)) {
      return html`<p part="loading" role="status">${msg('Loading…')}</p>`;
    }
    // Without the email settings (they failed to load), offer the toggle: the bell still tells.
    const control = settings?.status === 'ready' ? followControl(state.subscription, settings.preferences) : { toggle: true, address: false };
    const failure = state.saveError && !(control.address && state.saveError.code === 'invalid_input') ? state.saveError : null;
    return html`
      ${control.toggle ? this.#renderToggle(state) : nothing} ${control.address ? this.#renderAddressForm(state, { alsoFollowing: control.toggle }) : nothing}
      ${failure ? html`<p part="error" role="alert">${followFailureMessage(failure)}</p>` : nothing}
    `;
  }

  protected override render() {
    if (!this.postId) return nothing;
    const status = this.#statusText();
    return html`
      <div part="base">
        ${this.#renderControl()}
        <p part="status" role="status" aria-live="polite" ?data-confirm=${this.lastAction !== null}>${status}</p>
      </div>
    `;
  }
}
