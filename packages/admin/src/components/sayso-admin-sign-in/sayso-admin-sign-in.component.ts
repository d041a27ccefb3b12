import { SaysoElement } from '@sayso/elements';
import { buttonStyles, componentStyles } from '@sayso/elements/styles/tokens.styles.js';
import type { SaysoError } from '@sayso/core';
import { html, nothing } from 'lit';
import { property, query } from 'lit/decorators.js';
import { SaysoSignInEvent } from '../../events/sayso-sign-in.js';
import { adminStyles } from '../../styles/admin.styles.js';
import styles from './sayso-admin-sign-in.styles.js';

/** What the admin reads when signing in failed, by the reason. */
export function signInFailureMessage(error: SaysoError): string {
  switch (error.code) {
    case 'unauthorized':
    case 'token_expired':
      return 'That key is not valid, or it was revoked. Check it, or ask a teammate for a new one.';
    case 'forbidden':
      return 'These credentials do not grant admin.';
    case 'network':
      return 'The server could not be reached. Check your connection and try again.';
    case 'invalid_input':
      return error.message;
    default:
      return 'Signing in failed on the server. Try again in a moment.';
  }
}

/**
 * @tag sayso-admin-sign-in
 * @summary The console's sign-in: an admin key typed in. The key stays in its field when it is
 * refused, with the reason beside it.
 *
 * @csspart form - The sign-in form.
 * @csspart input - The key field.
 * @csspart submit - The sign-in button.
 * @csspart error - Why signing in failed.
 *
 * @event sayso-sign-in - The admin submitted a key ({@link SaysoSignInEvent}).
 */
export class SaysoAdminSignIn extends SaysoElement {
  static override styles = [componentStyles, buttonStyles, adminStyles, styles];

  /** Why the last attempt failed; shown under the field. */
  @property({ attribute: false }) error: SaysoError | null = null;

  /** While a key is being checked: the button waits. */
  @property({ type: Boolean }) checking = false;

  @query('input') private input!: HTMLInputElement;

  override render() {
    return html`<form part="form" @submit=${this.#submit} aria-labelledby="heading">
      <h1 id="heading">Sign in to Sayso admin</h1>
      <label for="key">Admin key</label>
      <input
        id="key"
        part="input"
        type="password"
        autocomplete="off"
        spellcheck="false"
        aria-describedby=${this.error ? 'error' : 'hint'}
        aria-invalid=${this.error ? 'true' : 'false'}
      />
      <p id="hint" class="muted">Kept in this tab only, until you sign out or close it.</p>
      ${this.error ? html`<p id="error" part="error" class="error" role="alert">${signInFailureMessage(this.error)}</p>` : nothing}
      <button part="submit" class="button primary" type="submit" ?disabled=${this.checking}>
        ${this.checking ? 'Checking…' : 'Sign in'}
      </button>
    </form>`;
  }

  /** Focuses the key field. */
  override focus(): void {
    this.input?.focus();
  }

  // Signing in is the only thing to do on this screen: the key field takes focus at once.
  protected override firstUpdated(): void {
    this.input.focus();
  }

  #submit(event: SubmitEvent): void {
    event.preventDefault();
    this.dispatchEvent(new SaysoSignInEvent(this.input.value));
  }
}
