// Issue 11: a crash at any moment neither loses nor repeats an email. The real server runs as a
// child process; the SMTP receiver holds the DATA of messages (never answering 250) so deliveries
// are mid-flight; the server is SIGKILLed and started again on the same database, and every
// person ends up with exactly one message.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { signUserToken } from '../src/identity/tokens.js';
import { ENGINES, testDatabases } from './support/databases.js';
import { startMain, type MainProcess } from './support/main-process.js';
import { startSmtpReceiver } from './support/smtp-receiver.js';

const databases = testDatabases();
const ADMIN_KEY = 'crash-admin-key-0123456789abcdef';
const JWT_SECRET = 'crash-test-secret-0123456789abcdef';
const PEOPLE = 30;
/** Messages accepted before the receiver starts holding them. */
const ACCEPTED_BEFORE_CRASH = 8;

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

describe.each(ENGINES)('email across a crash on %s', (engine) => {
  it('sends every person exactly one message when the server is killed mid-delivery and restarted', { timeout: 300_000 }, async () => {
    const receiver = await startSmtpReceiver();
    receiver.answer((_mail, index) => (index < ACCEPTED_BEFORE_CRASH ? 'accept' : 'hold'));
    const database: Record<string, string> =
      engine === 'postgres' ? { DATABASE_URL: await databases.postgresUrl() } : { SAYSO_DATA_DIR: mkdtempSync(join(tmpdir(), 'sayso-crash-')) };
    if (database.SAYSO_DATA_DIR) dataDirs.push(database.SAYSO_DATA_DIR);
    const env = {
      ...database,
      SAYSO_ADMIN_KEY: ADMIN_KEY,
      SAYSO_JWT_SECRET: JWT_SECRET,
      SAYSO_WRITES_PER_MINUTE: '0',
      SAYSO_WRITES_PER_MINUTE_PER_IP: '0',
      SAYSO_SMTP_URL: receiver.url,
      SAYSO_MAIL_FROM: 'feedback@feedback.example',
      SAYSO_PUBLIC_URL: 'https://feedback.example',
      // A short claim, so the restarted server takes over the killed one's deliveries within seconds.
      SAYSO_DELIVERY_CLAIM_SECONDS: '2',
    };
    // A first start on a new PGlite folder (initdb, migrations, the demo seed) is slow on a busy machine.
    const start = () => startMain(env, undefined, { startTimeoutMs: 120_000 });
    let server: MainProcess | undefined = await start();
    try {
      const call = async (method: string, path: string, authorization: string, body?: unknown) => {
        const response = await fetch(`${server!.url}/api/v1${path}`, {
          method,
          headers: { Authorization: `Bearer ${authorization}`, 'Content-Type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        expect(response.status, `${method} ${path}`).toBeLessThan(300);
        return response.json() as Promise<{ id: string }>;
      };
      const post = await call('POST', '/boards/demo/posts', ADMIN_KEY, { title: 'Survive a crash' });
      const addresses = Array.from({ length: PEOPLE }, (_, n) => `person-${n}@people.example`);
      for (const [n, email] of addresses.entries()) {
        await call('POST', `/posts/${post.id}/votes`, await signUserToken({ sub: `crash-${n}`, email }, JWT_SECRET));
      }
      await call('PATCH', `/posts/${post.id}`, ADMIN_KEY, { status: 'shipped' });

      await receiver.firstHeld();
      // Time for the accepted messages' `sent` to commit: the one window where a crash repeats a
      // message is between the receiver's 250 and that commit.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      await server.kill();
      server = undefined;
      expect(receiver.received.length).toBe(ACCEPTED_BEFORE_CRASH);
      expect(receiver.held).toBeGreaterThan(0);

      receiver.answer(() => 'accept');
      server = await start();
      await receiver.waitFor(PEOPLE, 60_000);
      // Anything sent twice would arrive within a few more polls.
      await new Promise((resolve) => setTimeout(resolve, 3000));
      const perRecipient = receiver.perRecipient();
      expect([...perRecipient.keys()].sort()).toEqual([...addresses].sort());
      expect([...perRecipient.values()].every((messages) => messages.length === 1)).toBe(true);
    } finally {
      await server?.stop();
      await receiver.close();
    }
  });
});
