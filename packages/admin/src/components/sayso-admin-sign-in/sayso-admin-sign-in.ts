import { SaysoAdminSignIn } from './sayso-admin-sign-in.component.js';

export { SaysoAdminSignIn };
export default SaysoAdminSignIn;

SaysoAdminSignIn.define('sayso-admin-sign-in');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-sign-in': SaysoAdminSignIn;
  }
}
