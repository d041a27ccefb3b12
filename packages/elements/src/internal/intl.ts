// Numbers, plurals and dates in the locale Sayso's text is shown in, so "1.234 Stimmen" and
// "1,234 votes" each read right. The Intl objects are cached per locale: a long board formats
// hundreds of counts per render.
import { getLocale } from '../localization.js';

const cached = <T>(make: (locale: string) => T) => {
  const byLocale = new Map<string, T>();
  return (locale: string): T => {
    let value = byLocale.get(locale);
    if (!value) byLocale.set(locale, (value = make(locale)));
    return value;
  };
};

const numberFormat = cached((locale) => new Intl.NumberFormat(locale));
const pluralRules = cached((locale) => new Intl.PluralRules(locale));
const unitList = cached((locale) => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }));

/** `count` with the grouping and digits of the active locale. */
export const formatCount = (count: number): string => numberFormat(getLocale()).format(count);

/** Parts of one measure listed as the active locale lists them: "12 people via email, 4 via Slack". */
export const formatUnitList = (parts: string[]): string => unitList(getLocale()).format(parts);

/**
 * The wording for `count` by the active locale's plural rule. @lit/localize has no plural
 * syntax, so each form is its own `msg()`: `one` and `other` cover English and German; a
 * locale with more forms (`few`, `many`, …) adds its own, and any form missing falls back to `other`.
 *
 * ```ts
 * plural(count, { one: () => msg(str`${n} vote`), other: () => msg(str`${n} votes`) })
 * ```
 */
export function plural<T>(
  count: number,
  forms: { one: () => T; other: () => T } & Partial<Record<Intl.LDMLPluralRule, () => T>>,
): T {
  const form = forms[pluralRules(getLocale()).select(count)] ?? forms.other;
  return form();
}

/** A date (ISO string) as e.g. "24 Nov 2026" / "24.11.2026", in `lang` or else the active locale. */
export function formatDate(iso: string, lang?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  try {
    return new Intl.DateTimeFormat(lang || getLocale(), { dateStyle: 'medium' }).format(date);
  } catch {
    return date.toISOString().slice(0, 10);
  }
}
