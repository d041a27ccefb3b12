// Registers every admin element: `import '@sayso/admin/sayso-admin'`.
import './components/sayso-admin-console/sayso-admin-console.js';
import './components/sayso-admin-idea/sayso-admin-idea.js';
import './components/sayso-admin-shortcuts/sayso-admin-shortcuts.js';
import './components/sayso-admin-sign-in/sayso-admin-sign-in.js';
