import { SaysoChangelog } from './sayso-changelog.component.js';

export { SaysoChangelog };
export default SaysoChangelog;

SaysoChangelog.define('sayso-changelog');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-changelog': SaysoChangelog;
  }
}
