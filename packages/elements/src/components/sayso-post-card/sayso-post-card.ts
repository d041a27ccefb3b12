import '../sayso-vote-button/sayso-vote-button.js';
import { SaysoPostCard } from './sayso-post-card.component.js';

export { SaysoPostCard };
export default SaysoPostCard;

SaysoPostCard.define('sayso-post-card');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-post-card': SaysoPostCard;
  }
}
