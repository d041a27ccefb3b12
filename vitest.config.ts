import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';

// Every node-side test of the workspace runs in this one vitest run; the browser tests of
// packages/elements run under @web/test-runner (see scripts/test.mjs, which sums both).
// The Sayso packages are tested from their TypeScript sources, through the "@sayso/source"
// condition of their exports (what users install resolves to dist/ instead); every project
// extends this root config to get that.
export default defineConfig({
  resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
  ssr: { resolve: { conditions: ['@sayso/source', ...defaultServerConditions] } },
  test: {
    projects: [
      { extends: true, test: { name: 'elements-scripts', root: 'packages/elements', include: ['scripts/**/*.test.ts'] } },
      { extends: true, test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'adapter-memory', root: 'packages/adapter-memory', include: ['src/**/*.test.ts'] } },
      { extends: true, test: { name: 'adapter-http', root: 'packages/adapter-http', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'server', root: 'packages/server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { extends: true, test: { name: 'test', root: 'test', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
