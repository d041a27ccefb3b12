// `vite build` → dist/, which `npm start` serves at /react/; `vite` serves it live on port 5173,
// passing API calls on to the server `npm start` runs.
import { defaultClientConditions, defineConfig } from 'vite';

// TSX is compiled by Vite's own transformer, with the React runtime tsconfig.json names
// ("jsx": "react-jsx"); @vitejs/plugin-react would only add Fast Refresh to `vite` dev.
export default defineConfig({
  base: '/react/',
  // Inside this repository the Sayso packages run from their sources ("@sayso/source" in their
  // exports), so `npm start` needs no build of them; an app outside it gets their dist/.
  resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
  server: { proxy: { '/api': 'http://localhost:8787' } },
  build: { target: 'es2022' },
});
