import { SaysoAdminInbox } from './sayso-admin-inbox.component.js';

export { SaysoAdminInbox };
export default SaysoAdminInbox;

SaysoAdminInbox.define('sayso-admin-inbox');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-inbox': SaysoAdminInbox;
  }
}
