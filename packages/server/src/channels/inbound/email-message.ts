import { LIMITS, SaysoError, type FeedbackAttachment, type FeedbackFiltered, type NewFeedbackItem } from '@sayso/core';
import EmailReplyParser from 'email-reply-parser';
import { convert as htmlToText } from 'html-to-text';
import { simpleParser } from 'mailparser';
import { z } from 'zod';

// Inbound email, as a mail relay delivers it (the raw RFC 822 message) or as Postmark's inbound
// webhook does (JSON): both become one mail, then one feedback item: what the sender wrote,
// quoted replies and signatures taken out, attachments named and let go.

/** One received mail, whichever way it came. */
interface ReceivedMail {
  from: { name: string | null; email: string | null };
  subject: string | null;
  text: string | null;
  html: string | null;
  /** Header values by lower-case name. */
  header(name: string): string | undefined;
  messageId: string | null;
  date: Date | null;
  attachments: FeedbackAttachment[];
}

/**
 * Why a mail is kept out of the inbox, from its headers: `Auto-Submitted` other than `no` (RFC
 * 3834: vacation replies, delivery reports) is an automatic reply; `Precedence: bulk | junk | list`
 * is bulk mail. `List-Id` alone is not: a support address run as a mailing list (a Google Group)
 * puts it on every customer's mail.
 */
function filteredOf(mail: ReceivedMail): FeedbackFiltered | null {
  const autoSubmitted = mail.header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted !== 'no') return 'auto_reply';
  const precedence = mail.header('precedence')?.trim().toLowerCase();
  if (precedence === 'auto_reply') return 'auto_reply';
  if (precedence === 'bulk' || precedence === 'junk' || precedence === 'list') return 'bulk';
  return null;
}

/**
 * What the sender wrote in this mail: quoted replies ("On … wrote:", `>` lines, Outlook's
 * "-----Original Message-----" and "From: … Sent:") and the signature after "-- " taken out by
 * email-reply-parser. A mail that is all quote (a bare forward) keeps its whole text.
 */
function wordsOf(mail: ReceivedMail): string {
  const whole = mail.text?.trim() ? mail.text : mail.html ? htmlToText(mail.html, { wordwrap: false }) : '';
  // The parser's regular expressions (without the optional native RE2) take seconds on long
  // crafted lines: 77 KB of repeated "On … <a@b.c>" took 2.3 s, 192 KB 19 s. Only the head is
  // read, twice as long as an item may be; what the sender wrote comes first, quotes after.
  const text = whole.slice(0, 2 * LIMITS.feedbackTextMax);
  const visible = new EmailReplyParser().read(text.replace(/\r\n/g, '\n')).getVisibleText().trim();
  return visible || text.trim();
}

function feedbackOf(mail: ReceivedMail, board: string | undefined): NewFeedbackItem {
  if (!mail.from.email) throw new SaysoError('invalid_input', 'The message has no sender: it needs a From address.');
  return {
    ...(board ? { board } : {}),
    sourceId: mail.messageId,
    title: mail.subject?.trim() || null,
    text: wordsOf(mail),
    author: { name: mail.from.name, email: mail.from.email },
    attachments: mail.attachments,
    filtered: filteredOf(mail),
    ...(mail.date && !Number.isNaN(mail.date.getTime()) ? { receivedAt: mail.date.toISOString() } : {}),
  };
}

/** A feedback item from a raw RFC 822 message; `invalid_input` when it is not one. */
export async function feedbackFromRawEmail(raw: Buffer, board?: string): Promise<NewFeedbackItem> {
  const parsed = await simpleParser(raw, { skipTextToHtml: true, skipImageLinks: true }).catch((error: unknown) => {
    throw new SaysoError('invalid_input', `The message could not be read as MIME: ${error instanceof Error ? error.message : String(error)}`);
  });
  const sender = parsed.from?.value[0];
  return feedbackOf(
    {
      from: { name: sender?.name?.trim() || null, email: sender?.address?.trim() || null },
      subject: parsed.subject ?? null,
      text: parsed.text ?? null,
      html: typeof parsed.html === 'string' ? parsed.html : null,
      header: (name) => {
        const value = parsed.headers.get(name);
        return typeof value === 'string' ? value : undefined;
      },
      messageId: parsed.messageId ?? null,
      date: parsed.date ?? null,
      attachments: parsed.attachments.map((attachment) => ({
        name: attachment.filename ?? 'attachment',
        contentType: attachment.contentType,
        size: attachment.size,
      })),
    },
    board,
  );
}

/** The parts of Postmark's inbound JSON that are read (postmarkapp.com/developer/webhooks/inbound-webhook). */
const postmarkInbound = z.object({
  FromFull: z.object({ Email: z.string(), Name: z.string().optional() }),
  Subject: z.string().optional(),
  TextBody: z.string().optional(),
  HtmlBody: z.string().optional(),
  MessageID: z.string().optional(),
  Date: z.string().optional(),
  Headers: z.array(z.object({ Name: z.string(), Value: z.string() })).optional(),
  Attachments: z.array(z.object({ Name: z.string(), ContentType: z.string(), ContentLength: z.number() })).optional(),
});

/** A feedback item from Postmark's inbound webhook; `invalid_input` when the JSON is not that shape. */
export function feedbackFromPostmark(body: unknown, board?: string): NewFeedbackItem {
  const parsed = postmarkInbound.safeParse(body);
  if (!parsed.success) {
    throw new SaysoError('invalid_input', `This is not Postmark's inbound JSON: ${parsed.error.issues[0]?.path.join('.')} ${parsed.error.issues[0]?.message}`);
  }
  const mail = parsed.data;
  const header = (name: string) => mail.Headers?.find((entry) => entry.Name.toLowerCase() === name)?.Value;
  return feedbackOf(
    {
      from: { name: mail.FromFull.Name?.trim() || null, email: mail.FromFull.Email.trim() || null },
      subject: mail.Subject ?? null,
      text: mail.TextBody ?? null,
      html: mail.HtmlBody ?? null,
      header,
      // The sender's own Message-ID (a redelivery through another relay keeps it); Postmark's id otherwise.
      messageId: header('message-id')?.trim() || mail.MessageID || null,
      date: mail.Date ? new Date(mail.Date) : null,
      attachments: (mail.Attachments ?? []).map((attachment) => ({ name: attachment.Name, contentType: attachment.ContentType, size: attachment.ContentLength })),
    },
    board,
  );
}
