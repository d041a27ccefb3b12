import { SaysoAdminConsole } from './sayso-admin-console.component.js';

export { SaysoAdminConsole };
export default SaysoAdminConsole;

SaysoAdminConsole.define('sayso-admin-console');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-console': SaysoAdminConsole;
  }
}
