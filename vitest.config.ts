import { defineConfig } from 'vitest/config';

// Every node-side test of the workspace runs in this one vitest run; the browser tests of
// packages/elements run under @web/test-runner (see scripts/test.mjs, which sums both).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'elements-scripts', root: 'packages/elements', include: ['scripts/**/*.test.ts'] } },
      { test: { name: 'core', root: 'packages/core', include: ['src/**/*.test.ts'] } },
      { test: { name: 'adapter-memory', root: 'packages/adapter-memory', include: ['src/**/*.test.ts'] } },
      { test: { name: 'adapter-http', root: 'packages/adapter-http', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'server', root: 'packages/server', include: ['src/**/*.test.ts', 'test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 } },
      { test: { name: 'test', root: 'test', include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], testTimeout: 60_000, hookTimeout: 120_000 } },
    ],
  },
});
