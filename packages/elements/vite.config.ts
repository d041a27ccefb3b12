// `vite build` → dist/sayso.js: the script-tag bundle for hosts without a bundler. One ES module
// with everything inside (lit, @lit/context, nanostores, core, the HTTP adapter); loading it
// registers every <sayso-*> element.
//   <script type="module" src="/sayso.js"></script>
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
    // Lib mode keeps whitespace in ES output for downstream bundlers; this file goes to browsers.
    rolldownOptions: { output: { minify: true } },
    lib: {
      entry: fileURLToPath(new URL('./src/sayso.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'sayso.js',
    },
  },
});
