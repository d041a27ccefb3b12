import '../sayso-vote-button/sayso-vote-button.js';
import { SaysoRoadmap } from './sayso-roadmap.component.js';

export { SaysoRoadmap };
export default SaysoRoadmap;

SaysoRoadmap.define('sayso-roadmap');

declare global {
  interface HTMLElementTagNameMap {
    'sayso-roadmap': SaysoRoadmap;
  }
}
