import { SaysoFeedbackButton } from './sayso-feedback-button.component.js';

export { SaysoFeedbackButton };
export default SaysoFeedbackButton;

// The idea form and the board are imported when the panel first shows them, not here: the
// launcher stays light on pages where nobody opens it.
SaysoFeedbackButton.define('sayso-feedback-button');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-feedback-button': SaysoFeedbackButton;
  }
}
