import type { StatusKind, SubscriptionReason } from '@sayso/core';
import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// What the emails say. Every template gets plain data and answers a subject, a plain-text part and
// an HTML part. In HTML, whatever a person typed (titles, an admin's note) is escaped, and a
// changelog entry's markdown goes through marked and then sanitize-html with the widget's own
// allow-list (elements' internal/markdown.ts): the same markup a board shows, nothing else.
//
// A host overrides any template with SAYSO_EMAIL_TEMPLATES (a module exporting `status`,
// `changelog`, `fixed` and/or `confirmation`, see packages/server/README.md) or `email.templates`
// of startServer.

/** An idea as a mail names it. */
export interface MailIdea {
  title: string;
  board: string;
  /** Where to read it (SAYSO_IDEA_URL). */
  url: string;
}

/** An idea moved to a status its board tells of (or a changelog entry shipped it). */
export interface StatusMail {
  /** The person's name, when known. */
  name: string | null;
  idea: MailIdea;
  status: { name: string; kind: StatusKind };
  /** What the admin wrote about the change (`statusNote`), when anything. */
  note: string | null;
  /** Why the person hears of it (each once). */
  reasons: SubscriptionReason[];
  /** One-click: stop hearing of this idea. */
  unsubscribeUrl: string;
}

/** A changelog entry was published that ships ideas the person follows (one mail however many). */
export interface ChangelogMail {
  name: string | null;
  entry: { title: string; /** Markdown. */ body: string };
  /** The ideas it ships that the person follows (or whose duplicates they follow). */
  ideas: MailIdea[];
  reasons: SubscriptionReason[];
  /** One-click: stop hearing of the first of those ideas; its page manages the rest. */
  unsubscribeUrl: string;
}

/** Engineering work (a backlog item) backed by what the person reported is done: told once. */
export interface FixedMail {
  name: string | null;
  /** The backlog item done. */
  item: { title: string };
  /** The item's ideas the person asked for and follows, oldest link first. */
  ideas: MailIdea[];
  /** What the person wrote that backs the item (their feedback), oldest link first. */
  feedback: Array<{ title: string | null; text: string }>;
  /** One-click: stop hearing of the first of those ideas; all email off when the mail names none. */
  unsubscribeUrl: string;
}

/** The one mail a visitor's address gets before it is confirmed. */
export interface ConfirmationMail {
  /** The idea they asked to hear about, when they left the address on one. */
  idea: MailIdea | null;
  confirmUrl: string;
}

/** A mail, ready to send. */
export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

/** Every mail the server sends; a host may replace any of them. */
export interface EmailTemplates {
  status(mail: StatusMail): RenderedMail;
  changelog(mail: ChangelogMail): RenderedMail;
  fixed(mail: FixedMail): RenderedMail;
  confirmation(mail: ConfirmationMail): RenderedMail;
}

/** Text as HTML text. */
export const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The tags and attributes rendered markdown may keep: the widget's allow-list. */
const MARKDOWN_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
];

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML is shown as the text that was typed; headings sit below the mail's own.
    html: ({ text }) => escapeHtml(text),
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // Images would load third-party URLs when the mail is opened; their alt text stands in.
    image: ({ text }) => escapeHtml(text),
  },
});

/**
 * Markdown as safe HTML. sanitize-html rather than DOMPurify: it parses with htmlparser2 and
 * needs no DOM, so the server needs no jsdom; it is well kept (apostrophecms) and works by
 * allow-list, as the widget's DOMPurify setup does.
 */
export function markdownToSafeHtml(markdown: string): string {
  return sanitizeHtml(marked.parse(markdown) as string, {
    allowedTags: MARKDOWN_TAGS,
    // rel and target are the ones transformTags sets on every link; markdown cannot give others.
    allowedAttributes: { a: ['href', 'title', 'rel', 'target'], ol: ['start'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    allowProtocolRelative: false,
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow ugc', target: '_blank' }) },
  });
}

const REASON_TEXT: Record<SubscriptionReason, string> = {
  author: 'you suggested it',
  vote: 'you voted for it',
  comment: 'you commented on it',
  request: 'you asked for it',
  explicit: 'you chose to follow it',
};

/** "you voted for it and commented on it", or a plain "you follow it". */
export function reasonText(reasons: readonly SubscriptionReason[]): string {
  const parts = reasons.map((reason) => REASON_TEXT[reason]);
  if (parts.length === 0) return 'you follow it';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/** Why a follower gets a mail, and the words of its way to stop. */
const following = (reasons: readonly SubscriptionReason[]) => ({ why: `You get this because ${reasonText(reasons)}.`, stop: 'Stop following' });

/** A mail to a person who asked for something: the greeting, the message, and why they get it with the way to stop. */
function compose(
  to: { name: string | null; unsubscribeUrl: string; why: string; stop: string },
  message: { subject: string; text: string[]; html: string[] },
): RenderedMail {
  const text = [to.name ? `Hello ${to.name},` : 'Hello,', '', ...message.text, '', `${to.why} ${to.stop}: ${to.unsubscribeUrl}`];
  const html = page(
    [
      `<p>${to.name ? `Hello ${escapeHtml(to.name)},` : 'Hello,'}</p>`,
      ...message.html,
      `<p style="color:#666;font-size:0.9em">${escapeHtml(to.why)} <a href="${escapeHtml(to.unsubscribeUrl)}">${escapeHtml(to.stop)}</a>.</p>`,
    ].join(''),
  );
  return { subject: message.subject, text: text.join('\n'), html };
}

/** How much of a person's own feedback a mail quotes back to them. */
const FEEDBACK_QUOTED = 300;

/** A person's feedback as a mail recalls it: its title, else the start of its words. */
const recalled = (feedback: { title: string | null; text: string }) => {
  const words = (feedback.title ?? feedback.text).replace(/\s+/g, ' ').trim();
  return words.length > FEEDBACK_QUOTED ? `${words.slice(0, FEEDBACK_QUOTED - 1)}…` : words;
};

const page = (body: string) =>
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem">${body}</body></html>`;

/** The default templates. */
export const defaultEmailTemplates: EmailTemplates = {
  status(mail) {
    const shipped = mail.status.kind === 'done';
    const subject = shipped ? `Shipped: ${mail.idea.title}` : `${mail.status.name}: ${mail.idea.title}`;
    const headline = `"${mail.idea.title}" is now ${mail.status.name}.`;
    return compose({ ...mail, ...following(mail.reasons) }, {
      subject,
      text: [headline, ...(mail.note ? ['', mail.note] : []), '', `Read it: ${mail.idea.url}`],
      html: [
        `<p><strong>${escapeHtml(headline)}</strong></p>`,
        mail.note ? `<p>${escapeHtml(mail.note).replace(/\n/g, '<br>')}</p>` : '',
        `<p><a href="${escapeHtml(mail.idea.url)}">Read it on ${escapeHtml(mail.idea.board)}</a></p>`,
      ],
    });
  },
  changelog(mail) {
    return compose({ ...mail, ...following(mail.reasons) }, {
      subject: mail.entry.title,
      text: [mail.entry.title, '', mail.entry.body, '', 'It ships:', ...mail.ideas.map((idea) => `- ${idea.title}: ${idea.url}`)],
      html: [
        `<h2>${escapeHtml(mail.entry.title)}</h2>`,
        markdownToSafeHtml(mail.entry.body),
        '<p>It ships:</p><ul>',
        ...mail.ideas.map((idea) => `<li><a href="${escapeHtml(idea.url)}">${escapeHtml(idea.title)}</a></li>`),
        '</ul>',
      ],
    });
  },
  fixed(mail) {
    const headline = `What you reported has been fixed: "${mail.item.title}" is done.`;
    const askedFor = mail.ideas.length > 0;
    return compose(
      {
        ...mail,
        why: `You get this because you ${askedFor && mail.feedback.length > 0 ? 'asked for it and reported it' : askedFor ? 'asked for it' : 'reported it'}.`,
        stop: askedFor ? 'Stop following' : 'Turn these emails off',
      },
      {
        subject: `Fixed: ${mail.item.title}`,
        text: [
          headline,
          '',
          'You told us:',
          ...mail.ideas.map((idea) => `- ${idea.title}: ${idea.url}`),
          ...mail.feedback.map((feedback) => `- "${recalled(feedback)}"`),
          '',
          'Thank you for telling us.',
        ],
        html: [
          `<p><strong>${escapeHtml(headline)}</strong></p>`,
          '<p>You told us:</p><ul>',
          ...mail.ideas.map((idea) => `<li><a href="${escapeHtml(idea.url)}">${escapeHtml(idea.title)}</a></li>`),
          ...mail.feedback.map((feedback) => `<li>“${escapeHtml(recalled(feedback))}”</li>`),
          '</ul><p>Thank you for telling us.</p>',
        ],
      },
    );
  },
  confirmation(mail) {
    const about = mail.idea ? ` about "${mail.idea.title}"` : '';
    const text = [
      `Someone (we hope you) asked to be told by email${about}.`,
      '',
      `Confirm this address: ${mail.confirmUrl}`,
      '',
      'Nothing else is sent to it until then. If it was not you, ignore this mail.',
    ].join('\n');
    const html = page(
      [
        `<p>Someone (we hope you) asked to be told by email${escapeHtml(about)}.</p>`,
        `<p><a href="${escapeHtml(mail.confirmUrl)}">Confirm this address</a></p>`,
        '<p>Nothing else is sent to it until then. If it was not you, ignore this mail.</p>',
      ].join(''),
    );
    return { subject: 'Confirm your email address', text, html };
  },
};
