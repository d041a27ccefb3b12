import type { FeedbackSource } from '@sayso/core';

const NAMES: Record<string, string> = { widget: 'Widget', api: 'API', email: 'Email', slack: 'Slack', csv: 'CSV', intercom: 'Intercom', zendesk: 'Zendesk' };

/** A source as the admin names it: "Email", "Slack", "Intercom" for `webhook:intercom`, a tool's own name capitalised. */
export function sourceName(source: FeedbackSource): string {
  const tool = source.startsWith('webhook:') ? source.slice('webhook:'.length) : source;
  return NAMES[tool] ?? tool.charAt(0).toUpperCase() + tool.slice(1);
}
