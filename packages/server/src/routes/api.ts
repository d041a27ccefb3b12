import { adminIdeaRoutes } from './admin-ideas.js';
import { adminIdentityRoutes, adminKeyRoutes, ingestionKeyRoutes } from './admin-keys.js';
import { backlogRoutes } from './backlog.js';
import { boardRoutes } from './boards.js';
import { changelogRoutes } from './changelog.js';
import { channelRoutes } from './channels.js';
import { commentRoutes } from './comments.js';
import { deliveryRoutes } from './deliveries.js';
import { demandRoutes } from './demand.js';
import { duplicateRoutes } from './duplicates.js';
import { eventRoutes } from './events.js';
import { feedbackImportRoutes } from './feedback-imports.js';
import { feedbackRoutes } from './feedback.js';
import { historyRoutes } from './history.js';
import { identityRoutes } from './identity.js';
import { mergeRoutes } from './merges.js';
import { metaRoutes } from './meta.js';
import { notificationRoutes } from './notifications.js';
import { router } from './operation.js';
import { postRoutes } from './posts.js';
import { subscriptionRoutes } from './subscriptions.js';
import { tagRoutes } from './tags.js';
import { voteRoutes } from './votes.js';
import { webhookRoutes } from './webhooks.js';

/** Every resource's routes, in the order the document lists them. A new resource is one line here. */
const RESOURCES = [
  metaRoutes, identityRoutes, boardRoutes, postRoutes, mergeRoutes, demandRoutes, historyRoutes,
  voteRoutes, commentRoutes, notificationRoutes, eventRoutes, subscriptionRoutes, tagRoutes, duplicateRoutes, changelogRoutes, webhookRoutes,
  channelRoutes, deliveryRoutes, feedbackRoutes, feedbackImportRoutes, ingestionKeyRoutes, adminKeyRoutes, adminIdentityRoutes,
  adminIdeaRoutes, backlogRoutes,
];

/** Every route of the REST API, relative to `/api/v1` (mounted by createApp after its middleware). */
export function apiRoutes() {
  const api = router();
  for (const routes of RESOURCES) api.route('/', routes());
  return api;
}
