import '../sayso-vote-button/sayso-vote-button.js';
import { SaysoIdeaForm } from './sayso-idea-form.component.js';

export { SaysoIdeaForm };
export default SaysoIdeaForm;

SaysoIdeaForm.define('sayso-idea-form');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-idea-form': SaysoIdeaForm;
  }
}
