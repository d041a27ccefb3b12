import { SaysoProvider } from './sayso-provider.component.js';

export { SaysoProvider };
export default SaysoProvider;

SaysoProvider.define('sayso-provider');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-provider': SaysoProvider;
  }
}
