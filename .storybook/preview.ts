import adminManifest from '@sayso/admin/custom-elements.json' with { type: 'json' };
import manifest from '@sayso/elements/custom-elements.json' with { type: 'json' };
import { SAYSO_LOCALES, SOURCE_LOCALE, resolveLocale, setLocale } from '@sayso/elements';
import { setCustomElementsManifest, type Decorator, type Preview } from '@storybook/web-components-vite';
import { html } from 'lit';
import { initialize, mswLoader } from 'msw-storybook-addon';

// Controls and docs tables come from the generated manifests of the elements and the admin
// console's elements (npm run build-storybook makes them first), never from hand-written argTypes.
setCustomElementsManifest({ ...manifest, modules: [...manifest.modules, ...adminManifest.modules] });

initialize({ onUnhandledRequest: 'bypass', quiet: true });

const storyLocale = (globals: Record<string, unknown>) => resolveLocale(String(globals['locale'] ?? SOURCE_LOCALE));

/** Switches Sayso's text to the toolbar's locale (page-wide, as on a host page) before the story renders. */
const localeLoader = async ({ globals }: { globals: Record<string, unknown> }) => {
  await setLocale(storyLocale(globals));
  return {};
};

/** Puts a story in another locale inside an element with that `lang`, so screen readers read it right. */
const withLang: Decorator = (story, { globals }) => {
  const locale = storyLocale(globals);
  return locale === SOURCE_LOCALE ? story() : html`<div lang=${locale}>${story()}</div>`;
};

const preview: Preview = {
  tags: ['autodocs'],
  loaders: [mswLoader, localeLoader],
  decorators: [withLang],
  globalTypes: {
    locale: {
      description: "Language of Sayso's text",
      toolbar: {
        title: 'Locale',
        icon: 'globe',
        dynamicTitle: true,
        items: SAYSO_LOCALES.map((locale) => ({ value: locale, title: new Intl.DisplayNames([locale], { type: 'language' }).of(locale) ?? locale })),
      },
    },
  },
  initialGlobals: { locale: SOURCE_LOCALE },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
  },
};

export default preview;
