import { vi } from 'vitest';
import { createApp } from '../../src/app.js';
import type { InboundSecrets } from '../../src/channels/inbound/inbound-secrets.js';
import type { Database } from '../../src/db/database.js';
import { createBoard } from '../../src/services/boards.js';

/** The secrets every channel test configures. */
export const SECRETS: Required<InboundSecrets> = {
  email: 'inbound-email-secret-0123456789',
  slack: 'slack-signing-secret-0123456789',
  feedbackWebhook: 'whsec_feedback-webhook-secret-0123',
  intercom: 'intercom-client-secret-0123456789',
  zendesk: 'zendesk-webhook-secret-0123456789',
};

/** A channel's answer: status and JSON. */
export interface ChannelAnswer {
  status: number;
  json: any;
}

/**
 * An app with every inbound channel on, a second app with none, and a board of its own per
 * test file (the first board is where items land when a call names none).
 */
export async function channelApps(db: Database, board: string) {
  await createBoard(db, { slug: board });
  const on = createApp({ db, inbound: SECRETS });
  const off = createApp({ db });
  const post = (app: typeof on) => async (path: string, init: { body: string | Buffer; headers?: Record<string, string> }): Promise<ChannelAnswer> => {
    const response = await app.request(`/api/v1${path}`, { method: 'POST', body: init.body, headers: init.headers });
    return { status: response.status, json: await response.json() };
  };
  return { on: post(on), off: post(off) };
}

/** Items of a board, as stored. */
export const storedItems = (db: Database, board: string) =>
  db.query<{ source: string; source_id: string | null; title: string | null; text: string; filtered: string | null }>(
    `SELECT f.source, f.source_id, f.title, f.text, f.filtered FROM feedback_items f JOIN boards b ON b.id = f.board_id WHERE b.slug = $1 ORDER BY f.created_at`,
    [board],
  );

/** Captures the server's warnings, where channel refusals are logged. */
export function watchWarnings() {
  return vi.spyOn(console, 'warn').mockImplementation(() => {});
}
