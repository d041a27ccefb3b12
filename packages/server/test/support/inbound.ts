import { beforeAll, vi } from 'vitest';
import { createApp } from '../../src/app.js';
import type { InboundSecrets } from '../../src/channels/inbound/inbound-secrets.js';
import type { Database } from '../../src/db/database.js';
import type { Engine, testDatabases } from './databases.js';
import { createBoard } from '../../src/services/boards.js';

/** The secrets every channel test configures. */
export const SECRETS: Required<InboundSecrets> = {
  email: 'inbound-email-secret-0123456789',
  slack: 'slack-signing-secret-0123456789',
  feedbackWebhook: 'whsec_feedback-webhook-secret-0123',
  intercom: 'intercom-client-secret-0123456789',
  zendesk: 'zendesk-webhook-secret-0123456789',
  github: 'github-webhook-secret-0123456789',
};

/** A channel's answer: status and JSON. */
export interface ChannelAnswer {
  status: number;
  json: any;
}

/**
 * For one engine's tests: a fresh database with a board of its own, an app with every inbound
 * channel on (`on`) and one with none (`off`), ready before the tests.
 */
export function channelTestbed(databases: ReturnType<typeof testDatabases>, engine: Engine, board: string) {
  const testbed = {} as { db: Database; on: Post; off: Post };
  beforeAll(async () => {
    testbed.db = await databases.open(engine);
    await createBoard(testbed.db, { slug: board });
    testbed.on = poster(createApp({ db: testbed.db, inbound: SECRETS }));
    testbed.off = poster(createApp({ db: testbed.db }));
  });
  return testbed;
}

type Post = (path: string, init: { body: string | Buffer; headers?: Record<string, string> }) => Promise<ChannelAnswer>;

const poster =
  (app: ReturnType<typeof createApp>): Post =>
  async (path, init) => {
    const response = await app.request(`/api/v1${path}`, { method: 'POST', body: init.body, headers: init.headers });
    return { status: response.status, json: await response.json() };
  };

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
