// `vite build` → dist/, which `npm start` serves at /vue/; `vite` serves it live on port 5173,
// passing API calls on to the server `npm start` runs.
import vue from '@vitejs/plugin-vue';
import { defaultClientConditions, defineConfig } from 'vite';

export default defineConfig({
  base: '/vue/',
  // As in examples/react: the Sayso packages from their sources inside this repository.
  resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
  plugins: [
    vue({
      // <sayso-*> are custom elements: Vue renders them as they are instead of resolving components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sayso-') } },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:8787' } },
  build: { target: 'es2022' },
});
