import { SaysoFollow } from './sayso-follow.component.js';

export { SaysoFollow };
export default SaysoFollow;

SaysoFollow.define('sayso-follow');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-follow': SaysoFollow;
  }
}
