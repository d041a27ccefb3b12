import { createTransport } from 'nodemailer';
import type { DeliveryChannelSender, DeliveryJob, DeliveryOutcome } from '../channel.js';
import { backingOf } from '../../db/backlog-backers.js';
import type { Queryable } from '../../db/database.js';
import { canonicalIdOf } from '../../db/people.js';
import { findPost, ideaWithStatus } from '../../db/posts.js';
import { followedAmong, mailSettingsOf, reasonsOf, subscriptionRow, type MailSettingsRow } from '../../db/subscriptions.js';
import type { ChangelogPublishedPayload } from '../../services/outbox.js';
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

/** A mail ready to go: its address, its parts, and its one-click unsubscribe link when it has one. */
interface Composed {
  to: string;
  mail: RenderedMail;
  unsubscribeUrl?: string;
}

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

  const unsubscribeUrlOf = async (userId: string, postId: string | null) =>
    pageUrl(publicUrl, 'unsubscribe', await links.sign({ purpose: 'unsubscribe', userId, postId }));

  /** A status change's mail to a follower, or why none goes. */
  async function statusMail(job: DeliveryJob, person: MailSettingsRow): Promise<Composed | string> {
    if (!person.mailbox) return 'The person turned email off, or has no confirmed address.';
    const postId = job.event.subjectId;
    const canonicalId = (await canonicalIdOf(db, postId)) ?? postId;
    if (!(await subscriptionRow(db, canonicalId, job.userId!)).subscribed) return 'The person stopped following the idea before it was sent.';
    const idea = await ideaWithStatus(db, postId, String(job.event.payload.to));
    if (!idea) return 'The idea or its status no longer exists.';
    const unsubscribeUrl = await unsubscribeUrlOf(job.userId!, canonicalId);
    const mail = templates.status({
      name: person.name,
      idea: ideaOf({ id: postId, title: idea.title, board: idea.board }),
      status: { name: idea.statusName, kind: idea.statusKind },
      note: typeof job.event.payload.note === 'string' ? job.event.payload.note : null,
      reasons: await reasonsOf(db, job.userId!, [canonicalId]),
      unsubscribeUrl,
    });
    return { to: person.mailbox, mail, unsubscribeUrl };
  }

  /** A published changelog entry's one mail to a follower of any of its ideas, or why none goes. */
  async function changelogMail(job: DeliveryJob, person: MailSettingsRow): Promise<Composed | string> {
    if (!person.mailbox) return 'The person turned email off, or has no confirmed address.';
    const entry = job.event.payload as unknown as ChangelogPublishedPayload;
    const followed = await followedAmong(db, job.userId!, entry.postIds);
    if (followed.length === 0) return 'The person stopped following the entry\'s ideas before it was sent.';
    const unsubscribeUrl = await unsubscribeUrlOf(job.userId!, followed[0]!.id);
    const mail = templates.changelog({
      name: person.name,
      entry: { title: entry.title, body: entry.body },
      ideas: followed.map(ideaOf),
      reasons: await reasonsOf(db, job.userId!, followed.map((idea) => idea.id)),
      unsubscribeUrl,
    });
    return { to: person.mailbox, mail, unsubscribeUrl };
  }

  /**
   * A backlog item's news, done, to a person behind its evidence, or why none goes: read as it is
   * now, so who turned email off or stopped following the ideas that made them one of its people
   * since gets nothing. Its one-click unsubscribes from the first idea it names (all email off
   * when it names none).
   */
  async function fixedMail(job: DeliveryJob): Promise<Composed | string> {
    const backing = await backingOf(db, job.event.subjectId, job.userId!);
    if (!backing) return 'The backlog item no longer exists.';
    if (!backing.mailbox) return 'The person turned email off, has no confirmed address, or stopped following the item\'s ideas.';
    const unsubscribeUrl = await unsubscribeUrlOf(job.userId!, backing.ideas[0]?.id ?? null);
    const mail = templates.fixed({ name: backing.name, item: backing.item, ideas: backing.ideas.map(ideaOf), feedback: backing.feedback, unsubscribeUrl });
    return { to: backing.mailbox, mail, unsubscribeUrl };
  }

  /** The one mail an unconfirmed address gets; a link for an address since replaced is not sent. */
  async function confirmationMail(job: DeliveryJob, person: MailSettingsRow): Promise<Composed | string> {
    if (!person.email || person.email !== job.event.payload.email) return 'The address was changed before it was confirmed.';
    const postId = typeof job.event.payload.postId === 'string' ? job.event.payload.postId : null;
    const post = postId ? await findPost(db, postId, null) : undefined;
    const token = await links.sign({ purpose: 'confirm', userId: job.userId!, email: person.email, postId });
    return { to: person.email, mail: templates.confirmation({ idea: post ? ideaOf(post) : null, confirmUrl: pageUrl(publicUrl, 'confirm', token) }) };
  }

  const composers: Record<string, (job: DeliveryJob, person: MailSettingsRow) => Promise<Composed | string>> = {
    'post.status_changed': statusMail,
    'changelog.published': changelogMail,
    'backlog.status_changed': fixedMail,
    'email.confirmation_requested': confirmationMail,
  };

  return {
    channel: 'email',
    links,
    async send(job) {
      if (!job.userId) return dropped('An email delivery names no person.');
      const person = await mailSettingsOf(db, job.userId);
      if (!person) return dropped('The person no longer exists.');
      const compose = composers[job.event.type];
      if (!compose) return dropped(`No email is made for ${job.event.type}.`);
      const composed = await compose(job, person);
      if (typeof composed === 'string') return dropped(composed);
      try {
        const info = await transport.sendMail({
          from: settings.from,
          to: composed.to,
          subject: composed.mail.subject,
          text: composed.mail.text,
          html: composed.mail.html,
          messageId: `<${job.id}@${messageHost}>`,
          headers: composed.unsubscribeUrl
            ? { 'List-Unsubscribe': `<${composed.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
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
