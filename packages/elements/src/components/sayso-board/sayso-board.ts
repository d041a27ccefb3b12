import '../sayso-idea-form/sayso-idea-form.js';
import '../sayso-post-card/sayso-post-card.js';
import '../sayso-post-detail/sayso-post-detail.js';
import { SaysoBoard } from './sayso-board.component.js';

export { SaysoBoard };
export default SaysoBoard;

SaysoBoard.define('sayso-board');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-board': SaysoBoard;
  }
}
