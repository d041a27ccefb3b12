// The one place Sayso turns user text into HTML. Markdown goes through marked (GFM, raw HTML
// shown as text, headings shifted down to h3–h6), then through DOMPurify with a strict allow-list.
// `unsafeHTML` appears nowhere else: every other template shows user text as text.
//
// Elements load this module lazily (`import('../internal/markdown.js')`), so a board's first paint
// does not carry marked and DOMPurify.
import DOMPurify, { type DOMPurify as Purifier } from 'dompurify';
import { nothing } from 'lit';
import type { DirectiveResult } from 'lit/directive.js';
import { unsafeHTML, type UnsafeHTMLDirective } from 'lit/directives/unsafe-html.js';
import { Marked } from 'marked';

/** The elements rendered markdown may contain; everything else is dropped, its text kept. */
export const MARKDOWN_TAGS = [
  'p', 'br', 'strong', 'em', 'del', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a', 'hr',
  'h3', 'h4', 'h5', 'h6', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
] as const;

/** The attributes rendered markdown may keep (`target` and `rel` are set on every link). */
const MARKDOWN_ATTRIBUTES = ['href', 'title', 'start'];

/** Link targets allowed: web and mail addresses only (no relative, `javascript:`, `data:`...). */
const SAFE_URL = /^(?:https?:|mailto:)/i;

/** Rel of every link: user content, never vouched for, no opener access. */
export const LINK_REL = 'noopener noreferrer nofollow ugc';

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const marked = new Marked({
  gfm: true,
  breaks: true,
  async: false,
  renderer: {
    // Raw HTML in the source is shown as the text the visitor typed, never as markup.
    html({ text }) {
      return escapeHtml(text);
    },
    // The element's own headings are h2/h3 level; user headings sit below them.
    heading({ tokens, depth }) {
      const level = Math.min(6, depth + 2);
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
    },
    // Images would load third-party URLs as the visitor; show their alt text instead.
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

let purifier: Purifier | undefined;

/** A DOMPurify of our own, so our hooks never touch a copy the host page uses. */
function purify(): Purifier | undefined {
  if (purifier) return purifier;
  if (typeof window === 'undefined') return undefined;
  const instance = DOMPurify(window);
  if (!instance.isSupported) return undefined;
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'A') return;
    const href = node.getAttribute('href');
    if (href !== null && !SAFE_URL.test(href.trim())) node.removeAttribute('href');
    if (node.hasAttribute('href')) {
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', LINK_REL);
    }
  });
  purifier = instance;
  return instance;
}

/**
 * Renders user markdown as sanitised HTML. Without a DOM to sanitise with (server rendering),
 * it returns the source as escaped text in a paragraph: never unsanitised markup.
 */
export function renderMarkdown(source: string): string {
  const sanitiser = purify();
  if (!sanitiser) return source ? `<p>${escapeHtml(source)}</p>` : '';
  let html: string;
  try {
    html = marked.parse(source) as string;
  } catch {
    return `<p>${escapeHtml(source)}</p>`;
  }
  return sanitiser.sanitize(html, {
    ALLOWED_TAGS: [...MARKDOWN_TAGS],
    ALLOWED_ATTR: MARKDOWN_ATTRIBUTES,
    ALLOWED_URI_REGEXP: SAFE_URL,
    // DOMPurify checks other attribute values against the URL pattern unless told they hold none.
    ADD_URI_SAFE_ATTR: ['start'],
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    ALLOW_UNKNOWN_PROTOCOLS: false,
    KEEP_CONTENT: true,
    RETURN_TRUSTED_TYPE: false,
  });
}

/** A template value showing `source` as sanitised markdown: `html\`<div>${markdown(body)}</div>\``. */
export function markdown(source: string | null | undefined): DirectiveResult<typeof UnsafeHTMLDirective> | typeof nothing {
  if (!source) return nothing;
  return unsafeHTML(renderMarkdown(source));
}
