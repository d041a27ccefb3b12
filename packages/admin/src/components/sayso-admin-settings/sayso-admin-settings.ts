import { SaysoAdminSettings } from './sayso-admin-settings.component.js';

export { SaysoAdminSettings };
export default SaysoAdminSettings;

SaysoAdminSettings.define('sayso-admin-settings');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-settings': SaysoAdminSettings;
  }
}
