import '../sayso-follow/sayso-follow.js';
import '../sayso-vote-button/sayso-vote-button.js';
import { SaysoPostDetail } from './sayso-post-detail.component.js';

export { SaysoPostDetail };
export default SaysoPostDetail;

SaysoPostDetail.define('sayso-post-detail');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-post-detail': SaysoPostDetail;
  }
}
