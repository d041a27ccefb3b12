import { SaysoAdminShortcuts } from './sayso-admin-shortcuts.component.js';

export { SaysoAdminShortcuts };
export default SaysoAdminShortcuts;

SaysoAdminShortcuts.define('sayso-admin-shortcuts');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-shortcuts': SaysoAdminShortcuts;
  }
}
