import { Hono, type Context } from 'hono';
import { emailLinks } from '../channels/email/email-links.js';
import { EMAIL_PAGES, pageUrl } from '../channels/email/email-channel.js';
import { escapeHtml } from '../channels/email/templates.js';
import type { Database } from '../db/database.js';
import { confirmEmail, subscriptionsPage, unsubscribeByLink, unsubscribeLink } from '../services/subscriptions.js';

// The pages an email links to: confirming an address, and the subscriptions page behind
// List-Unsubscribe, whose POST is RFC 8058's one-click unsubscribe. These are plain Hono routes
// outside /api/v1, not operation(...) declarations: they answer HTML to a person's browser or
// mail client rather than JSON, the one-click POST's body is a form (`List-Unsubscribe=One-Click`)
// that the API's JSON validation would refuse, and the signed token in the link is the whole
// credential (no visitor token, no CORS, no Idempotency-Key).

/** Pages show only what they say: no scripts, nothing loaded, forms posting back here. */
const PAGE_POLICY = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

function page(c: Context, status: 200 | 400, title: string, body: string) {
  c.header('Content-Security-Policy', PAGE_POLICY);
  c.header('Cache-Control', 'no-store');
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
      `<title>${escapeHtml(title)}</title></head>` +
      `<body style="font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:2rem auto;padding:0 1rem">` +
      `<h1 style="font-size:1.4rem">${escapeHtml(title)}</h1>${body}</body></html>`,
    status,
  );
}

const invalidLink = (c: Context) => page(c, 400, 'This link does not work', '<p>It was not sent by this site, or it was cut short. Open it again from the email.</p>');

const button = (action: string, label: string) =>
  `<form method="post" action="${escapeHtml(action)}" style="display:inline"><button type="submit">${escapeHtml(label)}</button></form>`;

/** The email pages over `db`, mounted at the server's root by createApp. */
export function emailPages(db: Database) {
  const links = emailLinks(db);
  // Forms post to the page itself: relative to where it is served, whatever the public URL.
  const here = (page: keyof typeof EMAIL_PAGES, token: string) => pageUrl('', page, token);

  return new Hono()
    .get(EMAIL_PAGES.confirm, async (c) => {
      const result = await confirmEmail(db, links, c.req.query('token') ?? '');
      if (!result.confirmed) return invalidLink(c);
      return page(c, 200, 'Address confirmed', `<p>We will write to ${escapeHtml(result.email!)} when the ideas you follow move on.</p>`);
    })
    .get(EMAIL_PAGES.unsubscribe, async (c) => {
      // Showing changes nothing: mail scanners open links too.
      const token = c.req.query('token') ?? '';
      const link = await unsubscribeLink(links, token);
      if (!link) return invalidLink(c);
      const { followed, emailOff } = await subscriptionsPage(db, link.userId);
      const rows = await Promise.all(
        followed.map(async (idea) => {
          const ideaToken = await links.sign({ purpose: 'unsubscribe', userId: link.userId, postId: idea.id });
          return `<li>${escapeHtml(idea.title)} ${button(here('unsubscribe', ideaToken), 'Stop following')}</li>`;
        }),
      );
      const emailSwitch = `${here('unsubscribe', token)}&email=${emailOff ? 'on' : 'off'}`;
      return page(
        c,
        200,
        'Your subscriptions',
        (rows.length > 0 ? `<p>You follow:</p><ul>${rows.join('')}</ul>` : '<p>You follow no ideas.</p>') +
          `<p>${emailOff ? 'Email is off: you get none.' : 'You get an email when an idea you follow moves on.'} ` +
          `${button(emailSwitch, emailOff ? 'Turn email on' : 'Turn all email off')}</p>`,
      );
    })
    .post(EMAIL_PAGES.unsubscribe, async (c) => {
      const link = await unsubscribeLink(links, c.req.query('token') ?? '');
      if (!link) return invalidLink(c);
      const email = c.req.query('email');
      await unsubscribeByLink(db, { ...link, ...(email === 'off' || email === 'on' ? { emailOff: email === 'off' } : {}) });
      const done = email === 'on' ? 'Email is on' : email === 'off' || link.postId === null ? 'Email is off' : 'You no longer follow this idea';
      return page(c, 200, done, `<p><a href="${escapeHtml(here('unsubscribe', c.req.query('token')!))}">Your subscriptions</a></p>`);
    });
}
