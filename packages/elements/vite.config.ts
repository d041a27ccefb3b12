// The script-tag builds, for hosts without a bundler (bundler users import `@sayso/elements/...`,
// the modules tsconfig.build.json makes in dist/lib/, and their own build splits it).
// `npm run build:script-tag` (part of `npm run build`) runs the three modes in this order:
//
//   vite build --mode modules     dist/sayso/: every element as an ES module of its own
//                                  (`sayso-board.js`, ...), sharing chunks, with the same lazy parts
//                                  as a bundler build (the launcher's panel, markdown, locales, the
//                                  provider's client)
//   vite build --mode loader      dist/sayso.js: the script a host adds. A classic script (IIFE), so
//                                  it works where only `<script src>` can be added (tag managers, CMS
//                                  snippets); it sets `window.Sayso` and fetches from `sayso/` beside
//                                  it the module of each Sayso element once that element is on the
//                                  page. What a page loads before anyone clicks is thus the launcher,
//                                  as with a bundler. The modules are fetched with CORS, which the
//                                  Sayso server and public CDNs answer.
//   vite build --mode standalone  dist/sayso.standalone.js: everything in one classic script, every
//                                  lazy part inlined, for hosts that can copy only one file; the
//                                  price is that a page fetches all of it at once.
//
//   <script src="https://your-sayso-server/sayso.js" defer></script>
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defaultClientConditions, defineConfig, type Plugin, type UserConfig } from 'vite';

const source = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

/** Every element's tag: its folder under src/components, whose `<tag>.ts` registers it. */
const tags = readdirSync(source('components'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name.startsWith('sayso-'))
  .map((entry) => entry.name);

const shared: UserConfig = {
  // Lit and nanostores check this to drop their development-only code.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  // @sayso/core and @sayso/adapter-http are bundled from their sources: no build of theirs first.
  resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
  build: {
    target: 'es2022',
    minify: true,
    sourcemap: true,
    copyPublicDir: false,
    // No <link rel="modulepreload"> put into the host's page: the modules fetch their own imports.
    modulePreload: false,
  },
};

/**
 * Gathers the modules a page with a launcher needs before anyone clicks (`<sayso-provider>`,
 * `<sayso-feedback-button>` and what they import statically) into one chunk: one request and one
 * gzip dictionary instead of ten small files, which cost about 2 kB more. The other elements'
 * modules import it for the Lit runtime they share.
 */
function launcherChunk(): { plugin: Plugin; test: (id: string) => boolean } {
  const staticImports = new Map<string, readonly string[]>();
  let launcher: Set<string> | undefined;
  const collect = (id: string, into: Set<string>) => {
    if (into.has(id)) return;
    into.add(id);
    for (const imported of staticImports.get(id) ?? []) collect(imported, into);
  };
  return {
    plugin: { name: 'sayso-launcher-chunk', moduleParsed: (info) => void staticImports.set(info.id, info.importedIds) },
    test: (id) => {
      if (!launcher) {
        launcher = new Set();
        for (const tag of ['sayso-provider', 'sayso-feedback-button']) collect(source(`components/${tag}/${tag}.ts`), launcher);
      }
      return launcher.has(id);
    },
  };
}

const launcher = launcherChunk();

/** A classic script (IIFE) from one entry; nothing it imports is split off. */
function classicScript(entry: string, fileName: string, define: Record<string, string> = {}): UserConfig {
  return {
    ...shared,
    define: { ...shared.define, ...define },
    build: {
      ...shared.build,
      outDir: 'dist',
      emptyOutDir: false,
      rolldownOptions: {
        input: { [fileName]: source(entry) },
        // No global name: the entry sets `window.Sayso` itself, and only when the page has none.
        output: { format: 'iife', entryFileNames: '[name].js' },
        // Vite's chunk-preload helper mentions `import.meta.url`; with every import inlined it is
        // never part of the output, so the warning that IIFE has no `import.meta` is noise.
        checks: { emptyImportMeta: false, missingNameOptionForIifeExport: false },
      },
    },
  };
}

const builds: Record<string, UserConfig> = {
  modules: {
    ...shared,
    plugins: [launcher.plugin],
    build: {
      ...shared.build,
      outDir: 'dist/sayso',
      emptyOutDir: true,
      // Library mode: no preload helper around dynamic imports (3.4 kB that only adds
      // <link rel="modulepreload"> tags to the host's page, which modulePreload: false turns off).
      lib: {
        entry: Object.fromEntries(tags.map((tag) => [tag, source(`components/${tag}/${tag}.ts`)])),
        formats: ['es'],
      },
      rolldownOptions: {
        output: {
          format: 'es',
          entryFileNames: '[name].js',
          chunkFileNames: '[name]-[hash].js',
          // Library mode keeps whitespace in ES output (for other bundlers' sake); this is for browsers.
          minify: true,
          codeSplitting: { groups: [{ name: 'launcher', test: launcher.test }] },
        },
      },
    },
  },
  loader: classicScript('sayso-loader.ts', 'sayso', { __SAYSO_TAGS__: JSON.stringify(tags) }),
  standalone: classicScript('sayso.ts', 'sayso.standalone'),
};

export default defineConfig(({ mode }) => {
  const config = builds[mode];
  if (!config) throw new Error(`vite.config.ts: build with --mode ${Object.keys(builds).join(', --mode ')}, not "${mode}"`);
  return config;
});
