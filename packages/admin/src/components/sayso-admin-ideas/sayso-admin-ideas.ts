import { SaysoAdminIdeas } from './sayso-admin-ideas.component.js';

export { SaysoAdminIdeas };
export default SaysoAdminIdeas;

SaysoAdminIdeas.define('sayso-admin-ideas');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-ideas': SaysoAdminIdeas;
  }
}
