// The language of Sayso's own text (labels, messages, announcements). Strings go through
// `msg()` from @lit/localize in runtime mode: English is built in, every other locale is a
// generated module (src/generated/locales/, made from xliff/ by `npm run localize:build`)
// fetched with `import()` the first time it is chosen, so a bundled app ships each locale as a
// chunk of its own (sayso.js fetches it beside itself; sayso.standalone.js carries it inline).
import { configureLocalization, type LocaleModule } from '@lit/localize';
import { allLocales, sourceLocale, targetLocales } from './generated/locale-codes.js';

/** A locale Sayso ships text for. */
export type SaysoLocale = (typeof allLocales)[number];

type TargetLocale = (typeof targetLocales)[number];

/** Every locale Sayso ships text for, English included. */
export const SAYSO_LOCALES: readonly SaysoLocale[] = allLocales;

/** The locale of the text in the source code, used until another one is set. */
export const SOURCE_LOCALE: SaysoLocale = sourceLocale;

// One entry per target locale (the type makes a locale added to lit-localize.json fail to
// compile until it has a loader).
const loaders: Record<TargetLocale, () => Promise<LocaleModule>> = {
  de: () => import('./generated/locales/de.js'),
};

let runtime: ReturnType<typeof configureLocalization> | undefined;

// Configured on first use, not on import: importing any Sayso class must stay free of side
// effects, and a page that never picks a locale never needs the runtime.
function localizationRuntime(): ReturnType<typeof configureLocalization> {
  try {
    runtime ??= configureLocalization({
      sourceLocale,
      targetLocales,
      loadLocale: (locale) => loaders[locale as TargetLocale](),
    });
  } catch (cause) {
    // One copy of @lit/localize takes one configuration: the host app bundled the same copy and
    // configured it for its own strings.
    throw new Error(
      "Sayso cannot pick a locale: this app's copy of @lit/localize is already configured. Load Sayso's script-tag bundle (it has its own copy), or leave Sayso in English.",
      { cause },
    );
  }
  return runtime;
}

const shipped = (tag: string): SaysoLocale | undefined => {
  const lower = tag.trim().toLowerCase();
  const language = lower.split(/[-_]/)[0];
  return SAYSO_LOCALES.find((locale) => locale === lower) ?? SAYSO_LOCALES.find((locale) => locale === language);
};

/**
 * The shipped locale for a requested one: `de`, `de-AT` and `DE_ch` all give `de`. `'auto'`
 * asks the browser (`navigator.languages`) for the visitor's languages. A list is tried in order.
 * Anything Sayso does not ship gives English.
 */
export function resolveLocale(requested: string | readonly string[] | undefined): SaysoLocale {
  const browser = () => (typeof navigator === 'undefined' ? [] : navigator.languages);
  const wanted = requested === 'auto' ? browser() : typeof requested === 'string' ? [requested] : (requested ?? []);
  for (const tag of wanted) {
    const locale = shipped(tag);
    if (locale) return locale;
  }
  return SOURCE_LOCALE;
}

/**
 * Switches every Sayso element on the page to `locale` (resolved with {@link resolveLocale},
 * so `de-CH` or `'auto'` work too) and resolves with the locale now shown once its text has
 * loaded and the elements re-render. The locale is page-wide: it is the language of Sayso's
 * text, not of the ideas visitors write.
 */
export async function setLocale(locale: string | readonly string[]): Promise<SaysoLocale> {
  const resolved = resolveLocale(locale);
  if (!runtime && resolved === SOURCE_LOCALE) return resolved;
  await localizationRuntime().setLocale(resolved);
  return getLocale();
}

/** The locale Sayso's text is shown in now (English until {@link setLocale} picks another). */
export function getLocale(): SaysoLocale {
  return (runtime?.getLocale() as SaysoLocale | undefined) ?? SOURCE_LOCALE;
}
