import { SaysoError, type NewFeedbackItem } from '@sayso/core';
import { z } from 'zod';
import { hmacOf, isRecent, sameSecret, unixMs, unsigned } from './inbound-secrets.js';

// Slack: a slash command (`/feedback the export is slow`) and a message shortcut ("Send to
// Sayso" on any message), both posted form-encoded and signed with the app's signing secret
// (api.slack.com/authentication/verifying-requests-from-slack).

/**
 * Refuses a call Slack did not sign: `X-Slack-Signature: v0=<hex>` must be the HMAC-SHA256 of
 * `v0:<X-Slack-Request-Timestamp>:<raw body>`, the timestamp within five minutes (a captured
 * call replayed later is refused).
 */
export function verifySlack(params: { secret: string; body: Buffer; timestamp: string | undefined; signature: string | undefined }) {
  if (!isRecent(unixMs(params.timestamp))) throw unsigned('X-Slack-Request-Timestamp is missing or more than five minutes from now.');
  const expected = `v0=${hmacOf('sha256', params.secret, [`v0:${params.timestamp}:`, params.body], 'hex')}`;
  if (!sameSecret(params.signature ?? '', expected)) throw unsigned('X-Slack-Signature does not match the body: is SAYSO_SLACK_SIGNING_SECRET the app\'s signing secret?');
}

/** A slash command's form fields that are read. */
const slashCommand = z.object({
  team_id: z.string(),
  team_domain: z.string(),
  user_name: z.string(),
  text: z.string(),
  trigger_id: z.string(),
});

/** A message shortcut's `payload` (type `message_action`), the parts that are read. */
const messageShortcut = z.object({
  type: z.literal('message_action'),
  team: z.object({ id: z.string(), domain: z.string() }),
  channel: z.object({ id: z.string() }),
  user: z.object({ name: z.string().optional(), username: z.string().optional() }),
  message_ts: z.string(),
  message: z.object({
    text: z.string().optional(),
    user: z.string().optional(),
    ts: z.string(),
    user_profile: z.object({ real_name: z.string().optional(), display_name: z.string().optional(), name: z.string().optional() }).optional(),
  }),
});

/** What a Slack call comes to: the feedback to keep (none when there are no words), and the ephemeral answer's text. */
export interface SlackFeedback {
  item: NewFeedbackItem | null;
  reply: string;
}

const notUnderstood = (what: string, error: z.ZodError) =>
  new SaysoError('invalid_input', `This is not a Slack ${what}: ${error.issues[0]?.path.join('.')} ${error.issues[0]?.message}`);

/** The feedback of a slash command or message shortcut, from the form Slack posted. */
export function feedbackFromSlack(form: URLSearchParams, board?: string): SlackFeedback {
  const onBoard = board ? { board } : {};
  const payload = form.get('payload');
  if (payload !== null) {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      throw new SaysoError('invalid_input', 'The Slack payload is not JSON.');
    }
    const parsed = messageShortcut.safeParse(json);
    if (!parsed.success) throw notUnderstood('message shortcut', parsed.error);
    const { team, channel, message, user } = parsed.data;
    const profile = message.user_profile;
    // The message's author, not whoever shared it; Slack names them only by id when it sends no profile.
    const author = profile?.real_name || profile?.display_name || profile?.name || (message.user ? `Slack user ${message.user}` : user.name ?? user.username);
    return {
      ...(message.text?.trim()
        ? { reply: 'Thanks! The message is in the feedback inbox.', item: {
            ...onBoard,
            sourceId: `${team.id}/${channel.id}/${parsed.data.message_ts}`,
            text: message.text,
            author: { name: author ?? null, company: team.domain },
            link: `https://${team.domain}.slack.com/archives/${channel.id}/p${message.ts.replace('.', '')}`,
          } }
        : { reply: 'That message has no words to send as feedback.', item: null }),
    };
  }
  const parsed = slashCommand.safeParse(Object.fromEntries(form));
  if (!parsed.success) throw notUnderstood('slash command', parsed.error);
  const command = parsed.data;
  if (!command.text.trim()) return { item: null, reply: 'Write your feedback after the command, e.g. `/feedback exports take too long`.' };
  return {
    item: { ...onBoard, sourceId: `${command.team_id}/${command.trigger_id}`, text: command.text, author: { name: command.user_name, company: command.team_domain } },
    reply: 'Thanks! Your feedback is in the inbox.',
  };
}
