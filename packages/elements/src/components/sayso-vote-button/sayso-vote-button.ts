import { SaysoVoteButton } from './sayso-vote-button.component.js';

export { SaysoVoteButton };
export default SaysoVoteButton;

SaysoVoteButton.define('sayso-vote-button');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-vote-button': SaysoVoteButton;
  }
}
