// "3 minutes ago", "vor 3 Minuten": how long ago something happened, in the active locale.
import { getLocale } from '../localization.js';

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
];

const formats = new Map<string, Intl.RelativeTimeFormat>();

/**
 * How long before `now` the ISO time `iso` was, in the largest whole unit ("2 hours ago",
 * "yesterday"); under a minute is "now". `lang` overrides the active locale. An unreadable time
 * gives `''`.
 */
export function relativeTime(iso: string, now: number = Date.now(), lang?: string): string {
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  const locale = lang || getLocale();
  let format = formats.get(locale);
  if (!format) {
    try {
      format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
    } catch {
      format = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });
    }
    formats.set(locale, format);
  }
  // A clock a little behind the server's must not say "in 3 seconds".
  const seconds = Math.max(0, Math.round((now - at) / 1000));
  for (const [unit, size] of UNITS) {
    if (seconds >= size) return format.format(-Math.floor(seconds / size), unit);
  }
  return format.format(0, 'second');
}
