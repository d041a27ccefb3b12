import type { FeedbackSource } from '@sayso/core';
import { svg, type SVGTemplateResult } from 'lit';

const NAMES: Record<string, string> = { widget: 'Widget', api: 'API', email: 'Email', slack: 'Slack', csv: 'CSV', intercom: 'Intercom', zendesk: 'Zendesk' };

/** A source as the admin names it: "Email", "Slack", "Intercom" for `webhook:intercom`, a tool's own name capitalised. */
export function sourceName(source: FeedbackSource): string {
  const tool = source.startsWith('webhook:') ? source.slice('webhook:'.length) : source;
  return NAMES[tool] ?? tool.charAt(0).toUpperCase() + tool.slice(1);
}

/** Every source the inbox filters by, in the order its select lists them. */
export const FEEDBACK_SOURCES: readonly FeedbackSource[] = ['email', 'slack', 'webhook:intercom', 'webhook:zendesk', 'csv', 'api', 'widget'];

// 16×16 outline glyphs: an envelope, a hash, a chat bubble, a ticket, a table, braces, a square.
const GLYPHS: Record<string, SVGTemplateResult> = {
  email: svg`<rect x="1.5" y="3.5" width="13" height="9" rx="1"/><path d="M2 4l6 5 6-5"/>`,
  slack: svg`<path d="M6 2L5 14M11 2l-1 12M2 6h12M2 10h12"/>`,
  intercom: svg`<path d="M2.5 3.5h11v8h-6l-3 2.5v-2.5h-2z"/>`,
  zendesk: svg`<path d="M1.5 4.5h13v2a1.5 1.5 0 000 3v2h-13v-2a1.5 1.5 0 000-3z"/>`,
  csv: svg`<rect x="1.5" y="2.5" width="13" height="11" rx="1"/><path d="M1.5 6.5h13M1.5 10h13M6 2.5v11"/>`,
  api: svg`<path d="M5.5 2.5c-2 0-2 1-2 2.5S2 7.5 2 8c0 .5 1.5.5 1.5 3s0 2.5 2 2.5M10.5 2.5c2 0 2 1 2 2.5S14 7.5 14 8c0 .5-1.5.5-1.5 3s0 2.5-2 2.5"/>`,
  widget: svg`<rect x="2.5" y="2.5" width="11" height="11" rx="2"/><path d="M5.5 8h5"/>`,
};

/** A source's icon, named for assistive technology by the source ("Email"). */
export function sourceIcon(source: FeedbackSource) {
  const tool = source.startsWith('webhook:') ? source.slice('webhook:'.length) : source;
  return svg`<svg class="source-icon" role="img" aria-label=${sourceName(source)} viewBox="0 0 16 16" width="16" height="16"
    fill="none" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" stroke-linejoin="round"
    ><title>${sourceName(source)}</title>${GLYPHS[tool] ?? GLYPHS.intercom}</svg>`;
}
