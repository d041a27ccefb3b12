// Registers every Sayso element, and exports the same API as index.ts: `@sayso/elements/sayso`
// for bundlers, and the entry of dist/sayso.standalone.js (see vite.config.ts), the script-tag
// build in one file, a classic script that keeps only the side effects: the elements and
// `window.Sayso`. Most script-tag hosts use dist/sayso.js instead, which loads the same lazily.
//   <script src="https://your-sayso-server/sayso.standalone.js" defer></script>
import './components/sayso-provider/sayso-provider.js';
import './components/sayso-vote-button/sayso-vote-button.js';
import './components/sayso-post-card/sayso-post-card.js';
import './components/sayso-idea-form/sayso-idea-form.js';
import './components/sayso-board/sayso-board.js';
import './components/sayso-follow/sayso-follow.js';
import './components/sayso-post-detail/sayso-post-detail.js';
import './components/sayso-feedback-button/sayso-feedback-button.js';
import './components/sayso-roadmap/sayso-roadmap.js';
import './components/sayso-changelog/sayso-changelog.js';
import './components/sayso-notifications/sayso-notifications.js';

export * from './index.js';

// For pages that load the script with `<script src>` and call `Sayso.init(...)` from another
// script. A page that already has a `Sayso` keeps its own.
import { Sayso } from './init.js';

if (typeof window !== 'undefined' && !window.Sayso) window.Sayso = Sayso;
