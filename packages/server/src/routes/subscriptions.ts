import {
  boardNotificationSettingsInput,
  boardNotificationSettingsSchema,
  boardParams,
  emailPreferencesSchema,
  postParams,
  setEmailPreferencesInput,
  setSubscriptionInput,
  subscriptionSchema,
} from '../schemas.js';
import { notificationSettingsOf, setNotificationSettings } from '../services/boards.js';
import { changeEmailPreferences, changeSubscription, emailPreferencesOf, subscriptionOf } from '../services/subscriptions.js';
import { admin, anyone, participant } from './access.js';
import { jsonBody, operation, router } from './operation.js';

// Who is told of an idea's progress: the caller's subscriptions and email settings, and which
// status kinds of a board tell. The pages an email links to are in email-pages.ts.

const subscription = operation({
  method: 'get', path: '/posts/{id}/subscription', tag: 'notifications', access: anyone, errors: [401, 404],
  summary: 'Whether the caller follows an idea, and why',
  description:
    'On a merged idea, the subscription to its canonical. Identified callers follow what they wrote, voted for, ' +
    'commented on or were recorded as asking for, unless they stopped; a caller without identity follows nothing.',
  request: { params: postParams },
  response: { status: 200, description: 'The caller\'s subscription.', schema: subscriptionSchema },
});

const subscribe = operation({
  method: 'put', path: '/posts/{id}/subscription', tag: 'notifications', access: participant(), errors: [400, 404],
  summary: 'Follow an idea, or stop following it',
  description:
    'Stopping sticks: voting or commenting later does not subscribe again. An anonymous visitor may leave `email` ' +
    '("tell me when this ships"): a confirmation link is mailed to it first, and nothing else until it is followed. ' +
    'A signed-in user\'s mail goes to the address of their sign-in token (sending `email` is 400).',
  request: { params: postParams, body: jsonBody(setSubscriptionInput) },
  response: { status: 200, description: 'The caller\'s subscription afterwards.', schema: subscriptionSchema },
});

const preferences = operation({
  method: 'get', path: '/me/email', tag: 'notifications', access: anyone, errors: [401],
  summary: 'The caller\'s email settings',
  response: { status: 200, description: 'Where the caller\'s mail goes, whether it may, and whether email is off.', schema: emailPreferencesSchema },
});

const setPreferences = operation({
  method: 'put', path: '/me/email', tag: 'notifications', access: participant(), errors: [400],
  summary: 'Turn email off (or on again) for the caller entirely',
  request: { body: jsonBody(setEmailPreferencesInput) },
  response: { status: 200, description: 'The caller\'s email settings afterwards.', schema: emailPreferencesSchema },
});

const boardSettings = operation({
  method: 'get', path: '/boards/{board}/notifications', tag: 'admin', access: admin, errors: [404],
  summary: 'Which status kinds of a board tell the ideas\' followers',
  request: { params: boardParams },
  response: { status: 200, description: 'The board\'s notify kinds (`done` always).', schema: boardNotificationSettingsSchema },
});

const setBoardSettings = operation({
  method: 'put', path: '/boards/{board}/notifications', tag: 'admin', access: admin, errors: [400, 404],
  summary: 'Choose which status kinds of a board tell the ideas\' followers',
  description: '`done` must stay (400 otherwise); `active` adds statuses such as "Planned" and "In progress".',
  request: { params: boardParams, body: jsonBody(boardNotificationSettingsInput) },
  response: { status: 200, description: 'The board\'s notify kinds afterwards.', schema: boardNotificationSettingsSchema },
});

export const subscriptionRoutes = () =>
  router()
    .openapi(subscription, async (c) => c.json(await subscriptionOf(c.var.db, { postId: c.req.valid('param').id, viewer: c.var.caller.key }), 200))
    .openapi(subscribe, async (c) =>
      c.json(await changeSubscription(c.var.db, { postId: c.req.valid('param').id, actor: c.var.actor, ...c.req.valid('json') }), 200),
    )
    .openapi(preferences, async (c) => c.json(await emailPreferencesOf(c.var.db, c.var.caller.key), 200))
    .openapi(setPreferences, async (c) => c.json(await changeEmailPreferences(c.var.db, { actor: c.var.actor, ...c.req.valid('json') }), 200))
    .openapi(boardSettings, async (c) => c.json(await notificationSettingsOf(c.var.db, c.req.valid('param').board), 200))
    .openapi(setBoardSettings, async (c) =>
      c.json(
        await setNotificationSettings(c.var.db, { board: c.req.valid('param').board, notifyKinds: c.req.valid('json').notifyKinds, actor: c.var.actor }),
        200,
      ),
    );
