import { SaysoAdminChangelog } from './sayso-admin-changelog.component.js';

export { SaysoAdminChangelog };
export default SaysoAdminChangelog;

SaysoAdminChangelog.define('sayso-admin-changelog');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-changelog': SaysoAdminChangelog;
  }
}
