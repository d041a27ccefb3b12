import { SaysoNotifications } from './sayso-notifications.component.js';

export { SaysoNotifications };
export default SaysoNotifications;

SaysoNotifications.define('sayso-notifications');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-notifications': SaysoNotifications;
  }
}
