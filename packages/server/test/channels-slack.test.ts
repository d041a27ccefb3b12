// Issue 12: Slack's slash command and message shortcut become feedback items, verified with the
// app's signing secret and answered at once with a message only the sender sees.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ENGINES, testDatabases } from './support/databases.js';
import { SECRETS, channelTestbed, storedItems, watchWarnings } from './support/inbound.js';

const databases = testDatabases();
const BOARD = 'slack-channel';

/** Headers Slack sends with `body`, signed at `at` (unix seconds) with `secret`. */
function slackHeaders(body: string, at = Math.floor(Date.now() / 1000), secret = SECRETS.slack) {
  const signature = `v0=${createHmac('sha256', secret).update(`v0:${at}:${body}`).digest('hex')}`;
  return { 'Content-Type': 'application/x-www-form-urlencoded', 'X-Slack-Request-Timestamp': String(at), 'X-Slack-Signature': signature };
}

/** A slash command as Slack posts it (api.slack.com/interactivity/slash-commands). */
const slashCommand = (text: string, trigger = '13345224609.738474920.8088930838d88f008e0') =>
  new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'acme',
    channel_id: 'C2147483705',
    channel_name: 'product',
    user_id: 'U2147483697',
    user_name: 'steve',
    command: '/feedback',
    text,
    api_app_id: 'A123456',
    response_url: 'https://hooks.slack.com/commands/1234/5678',
    trigger_id: trigger,
  }).toString();

/** A message shortcut as Slack posts it (api.slack.com/reference/interaction-payloads/shortcuts). */
const messageShortcut = (text: string) =>
  new URLSearchParams({
    payload: JSON.stringify({
      type: 'message_action',
      token: 'deprecated-verification-token',
      action_ts: '1741176000.123456',
      team: { id: 'T0001', domain: 'acme' },
      user: { id: 'U2147483697', name: 'steve', username: 'steve' },
      channel: { id: 'C2147483705', name: 'product' },
      callback_id: 'send_to_sayso',
      trigger_id: '13345224609.738474920.8088930838d88f008e1',
      message_ts: '1741175000.000200',
      message: { type: 'message', user: 'U0CUSTOMER', text, ts: '1741175000.000200', user_profile: { real_name: 'Pat Customer', display_name: 'pat' } },
      response_url: 'https://hooks.slack.com/app/1234/5678',
    }),
  }).toString();

describe.each(ENGINES)('the Slack channel on %s', (engine) => {
  const channel = channelTestbed(databases, engine, BOARD);

  const send = (body: string, headers = slackHeaders(body)) => channel.on(`/channels/slack?board=${BOARD}`, { body, headers });

  it('keeps a slash command\'s text, from its user at the team\'s domain, and answers at once, ephemerally', async () => {
    const body = slashCommand('Please let us pin ideas to the top');
    const started = performance.now();
    const answer = await send(body);
    const tookMs = performance.now() - started;
    expect(answer).toEqual({ status: 200, json: { response_type: 'ephemeral', text: expect.stringContaining('Thanks') } });
    // Slack gives up after 3 s; the answer must come well before, even on a loaded machine.
    expect(tookMs).toBeLessThan(1500);
    const [item] = await storedItems(channel.db, BOARD);
    expect(item).toMatchObject({ source: 'slack', source_id: 'T0001/13345224609.738474920.8088930838d88f008e0', text: 'Please let us pin ideas to the top' });
    const [author] = await channel.db.query(`SELECT author_name, author_company, link FROM feedback_items WHERE source_id = $1`, [item!.source_id]);
    expect(author).toEqual({ author_name: 'steve', author_company: 'acme', link: null });
    // The same call again (Slack retries) keeps nothing more.
    expect((await send(body)).status).toBe(200);
    expect(await storedItems(channel.db, BOARD)).toHaveLength(1);
  });

  it('keeps a shared message once, by its author, linked back to it', async () => {
    const body = messageShortcut('The mobile app logs me out every day');
    expect((await send(body)).json).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('Thanks') });
    expect((await send(body)).status).toBe(200);
    const kept = await channel.db.query(`SELECT source_id, text, author_name, author_company, link FROM feedback_items WHERE source = 'slack' AND link IS NOT NULL`);
    expect(kept).toEqual([
      {
        source_id: 'T0001/C2147483705/1741175000.000200',
        text: 'The mobile app logs me out every day',
        author_name: 'Pat Customer',
        author_company: 'acme',
        link: 'https://acme.slack.com/archives/C2147483705/p1741175000000200',
      },
    ]);
  });

  it('answers an empty command with how to use it, keeping nothing', async () => {
    const before = (await storedItems(channel.db, BOARD)).length;
    const answer = await send(slashCommand('   ', 'empty-trigger'));
    expect(answer.json).toEqual({ response_type: 'ephemeral', text: expect.stringContaining('/feedback') });
    expect(await storedItems(channel.db, BOARD)).toHaveLength(before);
  });

  it('refuses a stale timestamp, a bad signature and an unconfigured channel, logging each', async () => {
    const warnings = watchWarnings();
    const before = (await storedItems(channel.db, BOARD)).length;
    const body = slashCommand('Replayed later', 'replayed-trigger');
    const stale = await send(body, slackHeaders(body, Math.floor(Date.now() / 1000) - 6 * 60));
    expect(stale.status).toBe(401);
    expect(stale.json.error).toMatchObject({ code: 'unauthorized', message: expect.stringContaining('Timestamp') });
    const forged = await send(body, slackHeaders(body, undefined, 'another-apps-secret'));
    expect(forged.status).toBe(401);
    expect(forged.json.error.message).toContain('X-Slack-Signature');
    const tampered = await send(body.replace('Replayed', 'Tampered'), slackHeaders(body));
    expect(tampered.status).toBe(401);
    const off = await channel.off(`/channels/slack?board=${BOARD}`, { body, headers: slackHeaders(body) });
    expect(off.status).toBe(404);
    expect(off.json.error.details).toEqual({ setting: 'SAYSO_SLACK_SIGNING_SECRET' });
    expect(await storedItems(channel.db, BOARD)).toHaveLength(before);
    expect(warnings).toHaveBeenCalledTimes(4);
    warnings.mockRestore();
  });
});
