import type { Asker, AskerFunctions } from './asker.js';
import type { BoardPolicies } from './board-policies.js';
import type { Database } from './db/database.js';
import type { Actor } from './db/identity.js';
import type { TellingOptions } from './services/notify.js';
import type { LiveChanges } from './services/live-changes.js';
import type { SimilarPosts } from './services/similar-posts.js';
import type { WebhookAddressPolicy } from './channels/webhook/address-policy.js';
import type { InboundSecrets } from './channels/inbound/inbound-secrets.js';

/**
 * What createApp's middleware keeps on each request. `caller` is who is asking, resolved once;
 * `voter` the private key of their verified identity (`visitor:…`, `user:…`, `admin:…`), `null`
 * without credentials, by which write limits and Idempotency-Key scopes are kept; `actor` the
 * caller as a route's access check let them through (routes/access.ts). `db`, `asker`,
 * `boardPolicies`, `similarPosts`, `webhookPolicy`, `inbound` (the inbound channels' secrets), `telling` (how changes tell their audiences) and
 * `liveChanges` are the app's own, for the handlers.
 */
export type AppEnv = {
  Variables: {
    caller: Asker;
    voter: string | null;
    actor: Actor;
    db: Database;
    asker: AskerFunctions;
    boardPolicies: BoardPolicies;
    similarPosts: SimilarPosts;
    webhookPolicy: WebhookAddressPolicy;
    inbound: InboundSecrets;
    telling: TellingOptions;
    liveChanges: LiveChanges;
  };
};
