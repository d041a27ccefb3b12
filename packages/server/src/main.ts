#!/usr/bin/env node
// The runnable server: `pnpm --filter @sayso/server start`.
//   PORT            where to listen (default 8787)
//   DATABASE_URL    PostgreSQL to use; when unset, embedded PGlite on disk:
//   SAYSO_DATA_DIR  PGlite's folder (default ./.sayso-data, relative to the working directory)
//   SAYSO_STATIC    comma-separated prefix=dir pairs of static folders, e.g. /=examples/vanilla
//   SAYSO_WRITES_PER_MINUTE         writes allowed per visitor and minute (default 120; 0: no limit)
//   SAYSO_WRITES_PER_MINUTE_PER_IP  writes allowed per IP address and minute (default 600; 0: no limit)
//   SAYSO_ALLOWED_ORIGINS   comma-separated origins that may call the API from a browser (default *)
//   SAYSO_TRUST_PROXY       proxies in front that append to X-Forwarded-For (default 0: use the socket)
//   SAYSO_ADMIN_KEY         comma-separated admin keys for "Authorization: Bearer <key>" (default none)
//   SAYSO_JWT_SECRET        the secret host apps sign users' HS256 tokens with (default none: no
//                           identified users, only anonymous visitors and admins)
//   SAYSO_WEBHOOK_ALLOW_PRIVATE  true: webhook URLs may point at loopback, private and link-local
//                           addresses (default false: refused, against server-side request forgery)
//   SAYSO_SMTP_URL          where email goes, e.g. smtps://user:pass@smtp.example.com (default none:
//                           email deliveries wait for a process that has it)
//   SAYSO_MAIL_FROM         the From of every email (required with SAYSO_SMTP_URL)
//   SAYSO_PUBLIC_URL        the server's public https origin, for the links in emails (required with
//                           SAYSO_SMTP_URL)
//   SAYSO_IDEA_URL          where an email links an idea to, with {board} and {id} (default
//                           SAYSO_PUBLIC_URL/?board={board}&post={id})
//   SAYSO_EMAIL_TEMPLATES   a module whose `status`, `changelog`, `fixed` or `confirmation` exports replace the default
//                           email templates (see README.md)
//   SAYSO_INBOUND_EMAIL_SECRET     turns on POST /api/v1/channels/email: the secret a mail relay sends
//                           as ?secret= or the Sayso-Inbound-Secret header (docs/channels.md)
//   SAYSO_SLACK_SIGNING_SECRET     turns on POST /api/v1/channels/slack: the Slack app's signing secret
//   SAYSO_FEEDBACK_WEBHOOK_SECRET  turns on POST /api/v1/channels/webhook/{source}: signs its calls
//   SAYSO_INTERCOM_CLIENT_SECRET   turns on POST /api/v1/channels/webhook/intercom: the app's client secret
//   SAYSO_ZENDESK_WEBHOOK_SECRET   turns on POST /api/v1/channels/webhook/zendesk: the webhook's signing secret
//   SAYSO_GITHUB_WEBHOOK_SECRET    turns on POST /api/v1/channels/github: the GitHub webhook's secret; closed
//                           issues mark the backlog items linked to them done (docs/channels.md)
//   SAYSO_DELIVERY_CLAIM_SECONDS  how long a claimed delivery stays with its process before another
//                           may send it again, after a crash (default 60; longer than any send may take)
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StaticRoute } from './app.js';
import { parseAdminKeys, visitorSecretOf } from './asker.js';
import { createWebhookChannel } from './channels/webhook/webhook-channel.js';
import { openDatabase } from './db/database.js';
import { migrate } from './db/migrate.js';
import type { EmailSettings } from './channels/email/email-channel.js';
import type { EmailTemplates } from './channels/email/templates.js';
import { INBOUND_SECRET_SETTINGS, type InboundSecrets } from './channels/inbound/inbound-secrets.js';
import { parseAllowedOrigins } from './middleware/security.js';
import { seedDemo } from './seed/demo.js';
import { startServer } from './server.js';

function parseStatic(value: string | undefined): StaticRoute[] {
  if (!value?.trim()) return [];
  return value.split(',').map((pair) => {
    const at = pair.indexOf('=');
    if (at < 1) throw new Error(`SAYSO_STATIC: "${pair}" is not a prefix=dir pair`);
    return { prefix: pair.slice(0, at).trim(), dir: resolve(pair.slice(at + 1).trim()) };
  });
}

const port = Number(process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new Error(`PORT: "${process.env.PORT}" is not a port`);
const url = process.env.DATABASE_URL || undefined;
const dataDir = resolve(process.env.SAYSO_DATA_DIR || '.sayso-data');
const staticRoutes = parseStatic(process.env.SAYSO_STATIC);
/** A whole number ≥ 0 from the environment, or the default when unset. */
function count(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name}: "${raw}" is not a whole number ≥ 0`);
  return value;
}
const writesPerMinute = count('SAYSO_WRITES_PER_MINUTE', 120);
const writesPerMinutePerIp = count('SAYSO_WRITES_PER_MINUTE_PER_IP', 600);
const trustProxy = count('SAYSO_TRUST_PROXY', 0);
const allowedOrigins = parseAllowedOrigins(process.env.SAYSO_ALLOWED_ORIGINS);
const adminKeys = parseAdminKeys(process.env.SAYSO_ADMIN_KEY);
const jwtSecret = process.env.SAYSO_JWT_SECRET || undefined;
if (jwtSecret && Buffer.byteLength(jwtSecret) < 32) throw new Error('SAYSO_JWT_SECRET: use at least 32 characters');
const allowPrivateWebhooks = process.env.SAYSO_WEBHOOK_ALLOW_PRIVATE?.trim() || 'false';
if (allowPrivateWebhooks !== 'true' && allowPrivateWebhooks !== 'false') {
  throw new Error(`SAYSO_WEBHOOK_ALLOW_PRIVATE: "${allowPrivateWebhooks}" is neither true nor false`);
}


/** The email settings from the environment; `undefined` without SAYSO_SMTP_URL. */
async function emailSettings(): Promise<EmailSettings | undefined> {
  const smtpUrl = process.env.SAYSO_SMTP_URL?.trim();
  if (!smtpUrl) return undefined;
  const from = process.env.SAYSO_MAIL_FROM?.trim();
  const publicUrl = process.env.SAYSO_PUBLIC_URL?.trim();
  if (!from) throw new Error('SAYSO_MAIL_FROM: set the From of emails along with SAYSO_SMTP_URL');
  if (!publicUrl || !URL.canParse(publicUrl)) throw new Error(`SAYSO_PUBLIC_URL: "${publicUrl ?? ''}" is not a URL; the links in emails need it`);
  const templatesModule = process.env.SAYSO_EMAIL_TEMPLATES?.trim();
  const loaded = templatesModule ? ((await import(pathToFileURL(resolve(templatesModule)).href)) as Partial<EmailTemplates>) : {};
  const templates: Partial<EmailTemplates> = {
    ...(loaded.status ? { status: loaded.status } : {}),
    ...(loaded.changelog ? { changelog: loaded.changelog } : {}),
    ...(loaded.fixed ? { fixed: loaded.fixed } : {}),
    ...(loaded.confirmation ? { confirmation: loaded.confirmation } : {}),
  };
  return { smtpUrl, from, publicUrl, ideaUrl: process.env.SAYSO_IDEA_URL?.trim() || undefined, templates };
}
const email = await emailSettings();
const webhookPolicy = { allowPrivate: allowPrivateWebhooks === 'true' };
const claimSeconds = count('SAYSO_DELIVERY_CLAIM_SECONDS', 60);
/** Each inbound channel whose secret is set; the others refuse every call. */
const inbound: InboundSecrets = Object.fromEntries(
  Object.entries(INBOUND_SECRET_SETTINGS).flatMap(([channel, name]) => {
    const secret = process.env[name]?.trim();
    return secret ? [[channel, secret]] : [];
  }),
);

const db = await openDatabase(url ? { url } : { dataDir });
const applied = await migrate(db);
if (applied.length > 0) console.log(`[sayso] applied migrations ${applied.join(', ')}`);
if (await seedDemo(db)) console.log('[sayso] seeded the demo board');
// Created by the first process to start, then shared by all through the database.
await visitorSecretOf(db);
const server = await startServer({
  port,
  db,
  staticRoutes,
  rateLimit:
    writesPerMinute > 0 || writesPerMinutePerIp > 0
      ? { max: writesPerMinute, maxPerIp: writesPerMinutePerIp, windowMs: 60_000 }
      : undefined,
  allowedOrigins,
  trustProxy,
  adminKeys,
  jwtSecret,
  webhookPolicy,
  inbound,
  email,
  channels: [createWebhookChannel(db, { policy: webhookPolicy })],
  delivery: { claimMs: claimSeconds * 1000 },
});

console.log(`[sayso] data: ${url ? `PostgreSQL at ${new URL(url).host}${new URL(url).pathname}` : `PGlite in ${dataDir}`}`);
console.log(`[sayso] identified users: ${jwtSecret ? 'on (SAYSO_JWT_SECRET)' : 'off (no SAYSO_JWT_SECRET)'}`);
if (allowPrivateWebhooks === 'true') console.log('[sayso] webhooks may call private addresses (SAYSO_WEBHOOK_ALLOW_PRIVATE)');
console.log(`[sayso] email: ${email ? `on (SAYSO_SMTP_URL at ${new URL(email.smtpUrl).host})` : 'off (no SAYSO_SMTP_URL)'}`);
const inboundOn = Object.entries(INBOUND_SECRET_SETTINGS).filter(([channel]) => inbound[channel as keyof InboundSecrets]);
console.log(`[sayso] inbound channels: ${inboundOn.length ? inboundOn.map(([channel, name]) => `${channel} (${name})`).join(', ') : 'none (no SAYSO_*_SECRET set)'}`);
for (const route of staticRoutes) console.log(`[sayso] serving ${route.dir} at ${route.prefix}`);
console.log(`[sayso] listening on ${server.url} (API at ${server.url}/api/v1)`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`[sayso] ${signal}: shutting down`);
  try {
    await server.close();
    await db.close();
    process.exit(0);
  } catch (error) {
    console.error('[sayso] shutdown failed', error);
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
