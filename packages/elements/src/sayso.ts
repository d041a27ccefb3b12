// The script-tag entry: registers every Sayso element, and exports the same API as index.ts.
//   <script type="module" src="/sayso.js"></script>
import './components/sayso-provider/sayso-provider.js';
import './components/sayso-vote-button/sayso-vote-button.js';
import './components/sayso-post-card/sayso-post-card.js';
import './components/sayso-idea-form/sayso-idea-form.js';
import './components/sayso-board/sayso-board.js';
import './components/sayso-post-detail/sayso-post-detail.js';
import './components/sayso-feedback-button/sayso-feedback-button.js';
import './components/sayso-roadmap/sayso-roadmap.js';
import './components/sayso-changelog/sayso-changelog.js';

export * from './index.js';

// For pages that load this file with a plain <script type="module"> and call `Sayso.init(...)`
// from another script. A page that already has a `Sayso` keeps its own.
import { Sayso } from './init.js';

declare global {
  interface Window {
    /** The script-tag API, set by `sayso.js`: `Sayso.init({ apiUrl, board })`. */
    Sayso?: typeof Sayso;
  }
}

if (typeof window !== 'undefined' && !window.Sayso) window.Sayso = Sayso;
