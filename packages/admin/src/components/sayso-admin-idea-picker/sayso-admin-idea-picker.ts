import { SaysoAdminIdeaPicker } from './sayso-admin-idea-picker.component.js';

export { SaysoAdminIdeaPicker };
export default SaysoAdminIdeaPicker;

SaysoAdminIdeaPicker.define('sayso-admin-idea-picker');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-idea-picker': SaysoAdminIdeaPicker;
  }
}
