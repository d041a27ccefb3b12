import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StorybookConfig } from '@storybook/web-components-vite';
import { defaultClientConditions, mergeConfig } from 'vite';

// msw's service worker ships inside the msw package; serving it from there keeps it in step
// with the installed msw instead of a copied file that goes stale.
const mswWorkerDir = dirname(fileURLToPath(import.meta.resolve('msw/mockServiceWorker.js')));

const config: StorybookConfig = {
  framework: { name: '@storybook/web-components-vite', options: {} },
  stories: ['../stories/**/*.stories.ts', '../stories/**/*.mdx'],
  addons: ['@storybook/addon-docs'],
  staticDirs: [{ from: mswWorkerDir, to: '/' }],
  core: { disableTelemetry: true },
  // The stories render the Sayso packages from their sources ("@sayso/source" in their exports).
  viteFinal: (config) => mergeConfig(config, { resolve: { conditions: ['@sayso/source', ...defaultClientConditions] } }),
};

export default config;
