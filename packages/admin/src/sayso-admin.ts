// Registers every admin element: `import '@sayso/admin/sayso-admin'`.
import './components/sayso-admin-console/sayso-admin-console.js';
import './components/sayso-admin-duplicates/sayso-admin-duplicates.js';
import './components/sayso-admin-inbox/sayso-admin-inbox.js';
import './components/sayso-admin-ideas/sayso-admin-ideas.js';
import './components/sayso-admin-idea/sayso-admin-idea.js';
import './components/sayso-admin-shortcuts/sayso-admin-shortcuts.js';
import './components/sayso-admin-sign-in/sayso-admin-sign-in.js';
import './components/sayso-admin-capacity/sayso-admin-capacity.js';
import './components/sayso-admin-changelog/sayso-admin-changelog.js';
import './components/sayso-admin-idea-picker/sayso-admin-idea-picker.js';
import './components/sayso-admin-settings/sayso-admin-settings.js';
import './components/sayso-admin-backlog/sayso-admin-backlog.js';
