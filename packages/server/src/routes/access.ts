import { SaysoError, type AnonymousPolicy } from '@sayso/core';
import type { Context, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../app-env.js';
import { VISITOR_HEADER } from '../asker.js';
import type { Actor } from '../db/identity.js';
import type { ErrorStatus } from './operation.js';

// Who may call an operation: one value per route declaration, which is both the check (route
// middleware, before the request's parameters and body are validated) and the operation's
// `security` in the OpenAPI document. The caller was resolved once, by createApp's middleware.

/** The OpenAPI security requirements of each kind of access. */
const CREDENTIALS: Array<Record<string, string[]>> = [{ visitorToken: [] }, { userToken: [] }, { adminKey: [] }];

export interface Access {
  /** As listed in docs/api.md. */
  name: 'anyone' | 'participant' | 'admin' | 'signed' | 'admin or ingestion key';
  security: Array<Record<string, string[]>>;
  /** What the check itself may answer; every operation with this access documents them. */
  errors: readonly ErrorStatus[];
  check: MiddlewareHandler<AppEnv>;
}

/** An ingestion key may post feedback and nothing else: every other operation refuses it. */
function refuseIngestionKey(c: Context<AppEnv>): void {
  if (c.var.caller.kind === 'ingestion') throw new SaysoError('forbidden', 'An ingestion key may only post feedback (POST /feedback).');
}

/** No identity needed; credentials that are sent were still checked (401 when invalid). */
export const anyone: Access = {
  name: 'anyone',
  security: [{}, ...CREDENTIALS],
  errors: [],
  check: async (c, next) => {
    refuseIngestionKey(c);
    await next();
  },
};

/** What a board's anonymous policy is asked about: voting, or posting and commenting. */
type Act = 'vote' | 'post';

/** Where the board whose policy applies comes from: the `board` path parameter, or the post `id`. */
type PolicyOf = 'board' | 'post';

const policyOf = (c: Context<AppEnv>, where: PolicyOf): Promise<AnonymousPolicy | undefined> => {
  if (where === 'board') return c.var.boardPolicies.ofBoard(c.req.param('board') ?? '');
  // The id is a UUID: the route's parameters were checked before its access (routes/operation.ts).
  return c.var.boardPolicies.ofPost(c.req.param('id') ?? '');
};

function requireIdentity(c: Context<AppEnv>): Actor {
  const { key, admin } = c.var.caller;
  if (!key) {
    throw new SaysoError(
      'unauthorized',
      `Say who you are: send a visitor token (${VISITOR_HEADER}, from POST /visitors) or a sign-in token (Authorization: Bearer).`,
    );
  }
  return { key, admin };
}

/**
 * Any identity: a visitor token, a host-signed user token or an admin key. With `act`, anonymous
 * visitors also need the board's policy to allow it (identified users and admins always may);
 * an unknown board or post passes, for the route to answer 404.
 */
export function participant(act?: { act: Act; on: PolicyOf }): Access {
  return {
    name: 'participant',
    security: CREDENTIALS,
    errors: [401],
    check: async (c, next) => {
      refuseIngestionKey(c);
      const actor = requireIdentity(c);
      if (act && c.var.caller.kind === 'visitor') {
        const policy = await policyOf(c, act.on);
        if (policy === 'off' || (policy === 'votes' && act.act === 'post')) {
          throw new SaysoError(
            'unauthorized',
            policy === 'off'
              ? 'Sign-in is required on this board: anonymous visitors may read it, but not vote, post or comment.'
              : 'Sign-in is required to post or comment on this board; anonymous visitors may only vote.',
            { policy },
          );
        }
      }
      c.set('actor', actor);
      await next();
    },
  };
}

/** An admin key: 401 without identity, 403 for anyone else. */
export const admin: Access = {
  name: 'admin',
  security: [{ adminKey: [] }],
  errors: [401, 403],
  check: async (c, next) => {
    const { key, admin: isAdmin } = c.var.caller;
    if (!key) throw new SaysoError('unauthorized', 'This needs an admin key: "Authorization: Bearer <key>".');
    if (!isAdmin) throw new SaysoError('forbidden', 'Only an admin may do this.');
    c.set('actor', { key, admin: true });
    await next();
  },
};

/**
 * An inbound channel (routes/channels.ts): no Sayso credentials, but a secret or signature the
 * sending service holds, which the handler checks over the raw body it reads once (401 when it
 * does not match, 404 when the channel's secret is not configured).
 */
export const signed: Access = {
  name: 'signed',
  security: [{}],
  errors: [401, 404],
  check: async (_c, next) => next(),
};

/** An admin key, or an ingestion key (`Authorization: Bearer sik_…`, POST /ingestion-keys): 401 without either, 403 for anyone else. */
export const feedbackPoster: Access = {
  name: 'admin or ingestion key',
  security: [{ adminKey: [] }, { ingestionKey: [] }],
  errors: [401, 403],
  check: async (c, next) => {
    const { key, admin: isAdmin, kind } = c.var.caller;
    if (!key) throw new SaysoError('unauthorized', 'This needs an admin key or an ingestion key: "Authorization: Bearer <key>".');
    if (!isAdmin && kind !== 'ingestion') throw new SaysoError('forbidden', 'Only an admin or an ingestion key may post feedback.');
    c.set('actor', { key, admin: isAdmin });
    await next();
  },
};
