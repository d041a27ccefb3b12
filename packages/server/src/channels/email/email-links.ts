import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Queryable } from '../../db/database.js';
import { serverSecret } from '../../db/identity.js';

// The links of an email: to stop following an idea (or manage one's subscriptions) and to confirm
// an address a visitor left. Each carries a token signed with the deployment's own secret
// (server_secrets, shared by every process) that never expires, so a link in an old mail keeps
// working; the confirmation names the address, so a link for an address since replaced does nothing.

/** What a token says. */
export type EmailLink =
  /** `postId` null: a mail about no idea (a backlog item's news for its feedback's author), whose one-click turns email off. */
  | { purpose: 'unsubscribe'; userId: string; postId: string | null }
  | { purpose: 'confirm'; userId: string; email: string; postId: string | null };

/** Name of the row in `server_secrets` that signs email links. */
const EMAIL_LINK_SECRET = 'email-links';

/** Signs and reads email link tokens with the deployment's secret, read once per process. */
export function emailLinks(db: Queryable) {
  let secret: Promise<Uint8Array> | undefined;
  const key = () => {
    secret ??= serverSecret(db, EMAIL_LINK_SECRET, randomBytes(32)).catch((error: unknown) => {
      secret = undefined;
      throw error;
    });
    return secret;
  };
  const mac = async (payload: string) => createHmac('sha256', await key()).update(payload).digest();
  return {
    /** `<payload>.<HMAC-SHA256 of payload>`, both base64url. */
    async sign(link: EmailLink): Promise<string> {
      const payload = Buffer.from(JSON.stringify(link)).toString('base64url');
      return `${payload}.${(await mac(payload)).toString('base64url')}`;
    },
    /** What a token says, when this deployment signed it; `undefined` otherwise. */
    async read(token: string): Promise<EmailLink | undefined> {
      const [payload, signature, extra] = token.split('.');
      if (!payload || !signature || extra !== undefined || token.length > 2048) return undefined;
      const expected = await mac(payload);
      const given = Buffer.from(signature, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as EmailLink;
      } catch {
        return undefined;
      }
    },
  };
}

export type EmailLinks = ReturnType<typeof emailLinks>;
