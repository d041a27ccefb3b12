import { createTransport } from 'nodemailer';
import type { DeliveryChannelSender, DeliveryJob, DeliveryOutcome } from '../channel.js';
import type { Queryable } from '../../db/database.js';
import { canonicalIdOf } from '../../db/people.js';
import { findPost, ideaWithStatus } from '../../db/posts.js';
import { mailSettingsOf, reasonsOf, subscriptionRow } from '../../db/subscriptions.js';
import { emailLinks, type EmailLinks } from './email-links.js';
import { defaultEmailTemplates, type EmailTemplates, type MailIdea, type RenderedMail } from './templates.js';

/** Where and how mail is sent (SAYSO_SMTP_URL, SAYSO_MAIL_FROM, SAYSO_PUBLIC_URL, SAYSO_IDEA_URL). */
export interface EmailSettings {
  /** `smtp://user:pass@host:port` or `smtps://…`, as nodemailer reads it. */
  smtpUrl: string;
  /** The From of every mail, e.g. `Acme feedback <feedback@acme.example>`. */
  from: string;
  /** The server's public https origin: the unsubscribe and confirmation links point at it. */
  publicUrl: string;
  /** Where an idea is read, with `{board}` and `{id}` filled in; default `<publicUrl>/?board={board}&post={id}`. */
  ideaUrl?: string;
  /** Templates replacing the defaults (templates.ts). */
  templates?: Partial<EmailTemplates>;
}

// A try that hangs is given up well within the worker's claim (60 s), so it is never sent twice
// by two processes at once.
const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

/** The pages an email links to (routes/email-pages.ts), outside the JSON API. */
export const EMAIL_PAGES = { unsubscribe: '/email/unsubscribe', confirm: '/email/confirm' } as const;

/** A link to one of the {@link EMAIL_PAGES} with a token. */
export const pageUrl = (publicUrl: string, page: keyof typeof EMAIL_PAGES, token: string) =>
  `${publicUrl.replace(/\/+$/, '')}${EMAIL_PAGES[page]}?token=${encodeURIComponent(token)}`;

/** A mail not sent, and why: the worker records it and does not try again. */
const dropped = (error: string): DeliveryOutcome => ({ ok: false, error, permanent: true });

/**
 * The email channel: renders each delivery's mail from its event and sends it over SMTP with
 * nodemailer (a pool of connections). Each mail has a Message-ID made from the delivery's id (the
 * same on every try, so a receiver can tell a repeat), `List-Unsubscribe` with a one-click https
 * URL and `List-Unsubscribe-Post` (RFC 8058). The recipient is read again when sending: someone
 * who stopped following the idea or turned email off since the audience was drawn gets nothing.
 */
export function createEmailChannel(db: Queryable, settings: EmailSettings): DeliveryChannelSender & { links: EmailLinks } {
  const transport = createTransport({ url: settings.smtpUrl, pool: true, maxConnections: 5, ...SMTP_TIMEOUTS });
  const templates: EmailTemplates = { ...defaultEmailTemplates, ...settings.templates };
  const links = emailLinks(db);
  const publicUrl = settings.publicUrl.replace(/\/+$/, '');
  const messageHost = new URL(publicUrl).hostname;
  const ideaUrlPattern = settings.ideaUrl ?? `${publicUrl}/?board={board}&post={id}`;
  const ideaOf = (post: { id: string; title: string; board: string }): MailIdea => ({
    title: post.title,
    board: post.board,
    url: ideaUrlPattern.replace('{board}', encodeURIComponent(post.board)).replace('{id}', encodeURIComponent(post.id)),
  });

  /** A status change's mail to a follower, or why none goes. */
  async function statusMail(job: DeliveryJob, to: { name: string | null }): Promise<{ mail: RenderedMail; unsubscribeUrl: string } | string> {
    const postId = job.event.subjectId;
    const canonicalId = (await canonicalIdOf(db, postId)) ?? postId;
    if (!(await subscriptionRow(db, canonicalId, job.userId!)).subscribed) return 'The person stopped following the idea before it was sent.';
    const idea = await ideaWithStatus(db, postId, String(job.event.payload.to));
    if (!idea) return 'The idea or its status no longer exists.';
    const unsubscribeUrl = pageUrl(publicUrl, 'unsubscribe', await links.sign({ purpose: 'unsubscribe', userId: job.userId!, postId: canonicalId }));
    const mail = templates.status({
      name: to.name,
      idea: ideaOf({ id: postId, title: idea.title, board: idea.board }),
      status: { name: idea.statusName, kind: idea.statusKind },
      note: typeof job.event.payload.note === 'string' ? job.event.payload.note : null,
      changelog: null,
      reasons: await reasonsOf(db, job.userId!, [canonicalId]),
      unsubscribeUrl,
    });
    return { mail, unsubscribeUrl };
  }

  return {
    channel: 'email',
    links,
    async send(job) {
      if (!job.userId) return dropped('An email delivery names no person.');
      const person = await mailSettingsOf(db, job.userId);
      if (!person) return dropped('The person no longer exists.');
      let to: string;
      let rendered: { mail: RenderedMail; unsubscribeUrl?: string };
      if (job.event.type === 'email.confirmation_requested') {
        // The one mail an unconfirmed address gets; a link for an address since replaced is not sent.
        if (!person.email || person.email !== job.event.payload.email) return dropped('The address was changed before it was confirmed.');
        to = person.email;
        const postId = typeof job.event.payload.postId === 'string' ? job.event.payload.postId : null;
        const post = postId ? await findPost(db, postId, null) : undefined;
        const token = await links.sign({ purpose: 'confirm', userId: job.userId, email: to, postId });
        rendered = { mail: templates.confirmation({ idea: post ? ideaOf(post) : null, confirmUrl: pageUrl(publicUrl, 'confirm', token) }) };
      } else if (job.event.type === 'post.status_changed') {
        if (!person.mailbox) return dropped('The person turned email off, or has no confirmed address.');
        to = person.mailbox;
        const made = await statusMail(job, person);
        if (typeof made === 'string') return dropped(made);
        rendered = made;
      } else {
        return dropped(`No email is made for ${job.event.type}.`);
      }
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to,
          subject: rendered.mail.subject,
          text: rendered.mail.text,
          html: rendered.mail.html,
          messageId: `<${job.id}@${messageHost}>`,
          headers: rendered.unsubscribeUrl
            ? { 'List-Unsubscribe': `<${rendered.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
            : {},
        });
        return { ok: true, responseExcerpt: info.response };
      } catch (error) {
        // An SMTP 5xx answer is final (the address or the mail is refused); anything else, a
        // 4xx answer or a connection that failed, is worth another try later.
        const code = (error as { responseCode?: unknown }).responseCode;
        const smtpCode = typeof code === 'number' ? code : undefined;
        return { ok: false, error: (error as Error).message, permanent: smtpCode !== undefined && smtpCode >= 500, responseStatus: smtpCode };
      }
    },
    close: () => transport.close(),
  };
}
