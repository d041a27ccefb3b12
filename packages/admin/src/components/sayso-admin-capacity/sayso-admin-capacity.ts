import { SaysoAdminCapacity } from './sayso-admin-capacity.component.js';

export { SaysoAdminCapacity };
export default SaysoAdminCapacity;

SaysoAdminCapacity.define('sayso-admin-capacity');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-capacity': SaysoAdminCapacity;
  }
}
