// `vite build` → dist/sayso.js: the script-tag bundle for hosts without a bundler, ONE
// self-contained file (lit, @lit/context, nanostores, core, the HTTP adapter, every element, and
// what the elements load lazily elsewhere: the launcher's panel, markdown, locales). Loading it
// registers every <sayso-*> element and sets `window.Sayso` (for `Sayso.init`).
//   <script src="https://your-sayso-server/sayso.js" defer></script>
//
// A classic script (IIFE), not an ES module, so it also works where only `<script src>` can be
// added (tag managers, CMS snippets), and cross-origin without CORS. Code splitting is impossible
// in this format, which is the point: a host copies one file, never a folder of chunks that must
// sit beside it. Bundler users import `@sayso/elements/...` instead and keep the lazy chunks; the
// size budgets (bench/size.ts) measure those entries, and print this file's size next to them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  // Lit and nanostores check this to drop their development-only code.
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    sourcemap: true,
    copyPublicDir: false,
    // Nothing to preload: there are no chunks.
    modulePreload: false,
    rolldownOptions: {
      input: { sayso: fileURLToPath(new URL('./src/sayso.ts', import.meta.url)) },
      // No global name: `src/sayso.ts` sets `window.Sayso` itself, and only when the page has none.
      output: { format: 'iife', entryFileNames: '[name].js' },
      // Vite's chunk-preload helper mentions `import.meta.url`; with every import inlined it is
      // never part of the output, so the warning that IIFE has no `import.meta` is noise.
      checks: { emptyImportMeta: false, missingNameOptionForIifeExport: false },
    },
  },
});
