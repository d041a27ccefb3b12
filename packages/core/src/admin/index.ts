// The admin console's state and rules (packages/admin renders them).
export { ADMIN_CREDENTIAL_KEY, createAdminSession } from './session.js';
export type { AdminSession, AdminSessionOptions, AdminSessionState, CredentialStorage } from './session.js';
export { ADMIN_SCREENS, adminRouteHash, parseAdminRoute } from './route.js';
export type { AdminRoute, AdminScreen } from './route.js';
export { createAdminIdeaView } from './idea.js';
export type { AdminIdeaOptions, AdminIdeaState, AdminIdeaView } from './idea.js';
