import type { DeliveryChannel, NotificationAudience } from '@sayso/core';

/** How the console names each way a person is told. */
export const CHANNEL_NAMES: Record<DeliveryChannel, string> = { in_app: 'in the app', email: 'by email', webhook: 'webhook calls' };

const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

/**
 * The sentence a dry run answers, before a status change or a changelog entry is confirmed:
 * "Will tell 3 people: 3 in the app, 2 by email." (channels that tell nobody left out).
 */
export function audienceSummary(audience: NotificationAudience): string {
  const channels = (Object.keys(CHANNEL_NAMES) as DeliveryChannel[])
    .filter((channel) => audience.counts[channel] > 0)
    .map((channel) => `${audience.counts[channel]} ${CHANNEL_NAMES[channel]}`);
  const people = audience.people.length;
  if (people === 0 && channels.length === 0) return 'Will tell nobody: nobody follows it, or this change notifies no one.';
  return `Will tell ${audience.truncated ? 'more than ' : ''}${plural(people, 'person', 'people')}${channels.length ? `: ${channels.join(', ')}` : ''}.`;
}
