// Issue 12: support tools' webhooks (Intercom, Zendesk) and a generic signed webhook become
// feedback items, each verified its own way; unsigned or badly signed calls keep nothing, and a
// redelivered call keeps nothing twice.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../src/channels/webhook/signature.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { SECRETS, channelTestbed, storedItems, watchWarnings } from './support/inbound.js';

const databases = testDatabases();
const BOARD = 'webhook-channels';
const JSON_TYPE = { 'Content-Type': 'application/json' };
const now = () => Math.floor(Date.now() / 1000);

/** An Intercom `conversation.user.created` notification (developers.intercom.com, webhook models). */
const intercomCreated = {
  type: 'notification_event',
  app_id: 'abc123de',
  id: 'notif_1',
  topic: 'conversation.user.created',
  delivery_attempts: 1,
  created_at: 1741176000,
  data: {
    type: 'notification_event_data',
    item: {
      type: 'conversation',
      id: '147',
      created_at: 1741175900,
      source: {
        type: 'conversation',
        id: '403918330',
        delivered_as: 'customer_initiated',
        subject: '',
        body: '<p>Can we get <b>SSO with Okta</b>?</p>',
        author: { type: 'user', id: '5f1a', name: 'Quinn Buyer', email: 'quinn@bigco.example' },
        url: null,
      },
      conversation_parts: { type: 'conversation_part.list', conversation_parts: [], total_count: 0 },
    },
  },
};

const intercomReplied = {
  ...intercomCreated,
  id: 'notif_2',
  topic: 'conversation.user.replied',
  data: {
    ...intercomCreated.data,
    item: {
      ...intercomCreated.data.item,
      conversation_parts: {
        type: 'conversation_part.list',
        total_count: 1,
        conversation_parts: [
          { type: 'conversation_part', id: '9001', part_type: 'comment', body: '<p>Also SCIM provisioning.</p>', created_at: 1741176100, author: { type: 'user', id: '5f1a', name: 'Quinn Buyer', email: 'quinn@bigco.example' } },
        ],
      },
    },
  },
};

/** The body of a Zendesk trigger's webhook action, as docs/channels.md gives it, placeholders filled. */
const zendeskTrigger = {
  ticket: {
    id: '8812',
    title: 'Export to Excel',
    description: 'Our finance team needs the report as an Excel file.',
    url: 'acme.zendesk.com/agent/tickets/8812',
    created_at: '2026-03-04T08:30:00Z',
    requester: { name: 'Rita Finance', email: 'rita@acme.example' },
    organization: 'Acme Corp',
  },
};

const intercomHeaders = (body: string, secret = SECRETS.intercom) => ({
  ...JSON_TYPE,
  'X-Hub-Signature': `sha1=${createHmac('sha1', secret).update(body).digest('hex')}`,
});
const zendeskHeaders = (body: string, at = new Date().toISOString(), secret = SECRETS.zendesk) => ({
  ...JSON_TYPE,
  'X-Zendesk-Webhook-Signature-Timestamp': at,
  'X-Zendesk-Webhook-Signature': createHmac('sha256', secret).update(at + body).digest('base64'),
});
const sayso = (body: string, at = now(), secret = SECRETS.feedbackWebhook) => ({ ...JSON_TYPE, 'Sayso-Signature': signWebhook(secret, body, at) });

describe.each(ENGINES)('the webhook channels on %s', (engine) => {
  const channel = channelTestbed(databases, engine, BOARD);

  it('keeps an Intercom conversation and a reply in it, each once, linked to the conversation', async () => {
    const created = JSON.stringify(intercomCreated);
    const first = await channel.on(`/channels/webhook/intercom?board=${BOARD}`, { body: created, headers: intercomHeaders(created) });
    expect(first.status).toBe(201);
    expect(first.json.item).toMatchObject({
      source: 'webhook:intercom',
      sourceId: '147',
      text: 'Can we get SSO with Okta?',
      author: { name: 'Quinn Buyer', email: 'quinn@bigco.example' },
      link: 'https://app.intercom.com/a/inbox/abc123de/inbox/conversation/147',
      receivedAt: '2025-03-05T11:58:20.000Z',
    });
    const replied = JSON.stringify(intercomReplied);
    const reply = await channel.on(`/channels/webhook/intercom?board=${BOARD}`, { body: replied, headers: intercomHeaders(replied) });
    expect(reply.json.item).toMatchObject({ sourceId: '147/9001', text: 'Also SCIM provisioning.' });
    const again = await channel.on(`/channels/webhook/intercom?board=${BOARD}`, { body: created, headers: intercomHeaders(created) });
    expect(again).toMatchObject({ status: 200, json: { created: false, item: { id: first.json.item.id } } });
    // A topic without a customer's words (Intercom's test ping) is acknowledged, nothing kept.
    const ping = JSON.stringify({ type: 'notification_event', topic: 'ping', data: { item: { type: 'ping', message: 'hi' } } });
    expect(await channel.on(`/channels/webhook/intercom?board=${BOARD}`, { body: ping, headers: intercomHeaders(ping) })).toEqual({ status: 200, json: { item: null, created: false } });
    expect((await storedItems(channel.db, BOARD)).filter((item) => item.source === 'webhook:intercom')).toHaveLength(2);
  });

  it('keeps a Zendesk ticket once, with its requester and organisation, linked to the ticket', async () => {
    const body = JSON.stringify(zendeskTrigger);
    const first = await channel.on(`/channels/webhook/zendesk?board=${BOARD}`, { body, headers: zendeskHeaders(body) });
    expect(first.status).toBe(201);
    expect(first.json.item).toMatchObject({
      source: 'webhook:zendesk',
      sourceId: '8812',
      title: 'Export to Excel',
      text: 'Our finance team needs the report as an Excel file.',
      author: { name: 'Rita Finance', email: 'rita@acme.example', company: 'Acme Corp' },
      link: 'https://acme.zendesk.com/agent/tickets/8812',
      receivedAt: '2026-03-04T08:30:00.000Z',
    });
    expect((await channel.on(`/channels/webhook/zendesk?board=${BOARD}`, { body, headers: zendeskHeaders(body) })).status).toBe(200);
    // A ticket event of an event-subscribed webhook names the ticket in `detail`.
    const event = JSON.stringify({
      type: 'zen:event-type:ticket.created',
      account_id: 1,
      id: 'e1',
      time: '2026-03-04T09:00:00Z',
      zendesk_event_version: '2022-11-06',
      subject: 'zen:ticket:8813',
      detail: { id: '8813', subject: 'Dark theme', description: 'Dark theme for the agent view.', requester_id: '99' },
      event: {},
    });
    const fromEvent = await channel.on(`/channels/webhook/zendesk?board=${BOARD}`, { body: event, headers: zendeskHeaders(event) });
    expect(fromEvent.json.item).toMatchObject({ sourceId: '8813', title: 'Dark theme', text: 'Dark theme for the agent view.' });
  });

  it('keeps a signed NewFeedbackItem from any tool as webhook:<source>, once', async () => {
    const body = JSON.stringify({ sourceId: 'resp-77', title: 'NPS comment', text: 'Love it, but the search is slow.', author: { name: 'Sam', email: 'sam@example.com' }, link: 'https://forms.example/r/77' });
    const first = await channel.on(`/channels/webhook/typeform?board=${BOARD}`, { body, headers: sayso(body) });
    expect(first.status).toBe(201);
    expect(first.json.item).toMatchObject({ board: BOARD, source: 'webhook:typeform', sourceId: 'resp-77', text: 'Love it, but the search is slow.', link: 'https://forms.example/r/77' });
    expect((await channel.on(`/channels/webhook/typeform?board=${BOARD}`, { body, headers: sayso(body) })).json.created).toBe(false);
    // One feedback.received event, by no one (a channel is not a person), for webhooks and the rest to read.
    const events = await channel.db.query(`SELECT type, actor_id, payload FROM domain_events WHERE subject_type = 'feedback_item' AND subject_id = $1`, [first.json.item.id]);
    expect(events).toEqual([{ type: 'feedback.received', actor_id: null, payload: { source: 'webhook:typeform', filtered: null } }]);
    const warnings = watchWarnings();
    const invalid = JSON.stringify({ text: '' });
    const refused = await channel.on(`/channels/webhook/typeform?board=${BOARD}`, { body: invalid, headers: sayso(invalid) });
    expect(refused.status).toBe(400);
    expect(refused.json.error.code).toBe('invalid_input');
    expect(warnings).toHaveBeenCalledOnce();
    warnings.mockRestore();
  });

  it('refuses unsigned, badly signed, stale and unconfigured calls, keeping nothing and logging each', async () => {
    const warnings = watchWarnings();
    const before = (await storedItems(channel.db, BOARD)).length;
    const item = JSON.stringify({ text: 'Unsigned feedback' });
    const ticket = JSON.stringify({ ticket: { ...zendeskTrigger.ticket, id: '9999' } });
    const conversation = JSON.stringify({ ...intercomCreated, data: { item: { ...intercomCreated.data.item, id: '999' } } });
    const refusals = [
      await channel.on(`/channels/webhook/typeform?board=${BOARD}`, { body: item, headers: JSON_TYPE }),
      await channel.on(`/channels/webhook/typeform?board=${BOARD}`, { body: item, headers: sayso(item, now(), 'whsec_wrong') }),
      await channel.on(`/channels/webhook/typeform?board=${BOARD}`, { body: item, headers: sayso(item, now() - 600) }),
      await channel.on(`/channels/webhook/intercom?board=${BOARD}`, { body: conversation, headers: JSON_TYPE }),
      await channel.on(`/channels/webhook/intercom?board=${BOARD}`, { body: conversation, headers: intercomHeaders(conversation, 'wrong') }),
      await channel.on(`/channels/webhook/zendesk?board=${BOARD}`, { body: ticket, headers: JSON_TYPE }),
      await channel.on(`/channels/webhook/zendesk?board=${BOARD}`, { body: ticket, headers: zendeskHeaders(ticket, new Date(Date.now() - 600_000).toISOString()) }),
      await channel.on(`/channels/webhook/zendesk?board=${BOARD}`, { body: ticket, headers: zendeskHeaders(ticket, undefined, 'wrong') }),
    ];
    expect(refusals.map((answer) => [answer.status, answer.json.error.code])).toEqual(Array(8).fill([401, 'unauthorized']));
    const off = [
      await channel.off(`/channels/webhook/typeform?board=${BOARD}`, { body: item, headers: sayso(item) }),
      await channel.off(`/channels/webhook/intercom?board=${BOARD}`, { body: conversation, headers: intercomHeaders(conversation) }),
      await channel.off(`/channels/webhook/zendesk?board=${BOARD}`, { body: ticket, headers: zendeskHeaders(ticket) }),
    ];
    expect(off.map((answer) => [answer.status, answer.json.error.details.setting])).toEqual([
      [404, 'SAYSO_FEEDBACK_WEBHOOK_SECRET'],
      [404, 'SAYSO_INTERCOM_CLIENT_SECRET'],
      [404, 'SAYSO_ZENDESK_WEBHOOK_SECRET'],
    ]);
    const badName = await channel.on(`/channels/webhook/Not%20A%20Tool?board=${BOARD}`, { body: item, headers: sayso(item) });
    expect(badName.status).toBe(404);
    expect(await storedItems(channel.db, BOARD)).toHaveLength(before);
    expect(warnings).toHaveBeenCalledTimes(11);
    warnings.mockRestore();
  });
});
