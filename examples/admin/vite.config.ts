// `vite build` → dist/, which `npm start` serves at /admin/; `vite` serves it live on port 5173,
// passing API calls on to the server `npm start` runs.
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: '/admin/',
  // Inside this repository the Sayso packages run from their sources ("@sayso/source" in their
  // exports), so `npm start` needs no build of them; an app outside it gets their dist/.
  resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  build: { target: 'es2022' },
});
