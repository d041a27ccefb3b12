// `vite build` → dist/, which `npm start` serves at /vue/; `vite` serves it live on port 5173,
// passing API calls on to the server `npm start` runs.
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/vue/',
  plugins: [
    vue({
      // <sayso-*> are custom elements: Vue renders them as they are instead of resolving components.
      template: { compilerOptions: { isCustomElement: (tag) => tag.startsWith('sayso-') } },
    }),
  ],
  server: { proxy: { '/api': 'http://localhost:8787' } },
  build: { target: 'es2022' },
});
