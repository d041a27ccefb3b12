import { SaysoAdminIdea } from './sayso-admin-idea.component.js';

export { SaysoAdminIdea };
export default SaysoAdminIdea;

SaysoAdminIdea.define('sayso-admin-idea');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-admin-idea': SaysoAdminIdea;
  }
}
