import { SaysoAdminBacklog } from './sayso-admin-backlog.component.js';

export { SaysoAdminBacklog };
export default SaysoAdminBacklog;

SaysoAdminBacklog.define('sayso-admin-backlog');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-backlog': SaysoAdminBacklog;
  }
}
