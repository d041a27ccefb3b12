import { SaysoAdminDuplicates } from './sayso-admin-duplicates.component.js';

export { SaysoAdminDuplicates };
export default SaysoAdminDuplicates;

SaysoAdminDuplicates.define('sayso-admin-duplicates');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-duplicates': SaysoAdminDuplicates;
  }
}
