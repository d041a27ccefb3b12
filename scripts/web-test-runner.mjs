// What the packages' real-browser tests share (packages/elements and packages/admin): Debian's
// Chromium driven by puppeteer-core, the Sayso packages from their TypeScript sources, and a
// summary file of the counts for scripts/test.mjs.
//   SAYSO_WTR_SUMMARY=/path/to/summary.json   also writes {"passed":N,"failed":N,"skipped":N}
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import { chromeLauncher } from '@web/test-runner-chrome';
import chromium from './chromium.json' with { type: 'json' };

/** Counts individual tests across every file and nested suite; a session that failed without a
 * failing test (e.g. a file that did not load, a failing hook) counts as one failure. */
function countTests(sessions) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const walk = (suite) => {
    for (const test of suite.tests ?? []) {
      if (test.skipped) counts.skipped += 1;
      else if (test.passed) counts.passed += 1;
      else counts.failed += 1;
    }
    for (const child of suite.suites ?? []) walk(child);
  };
  for (const session of sessions) {
    const failedBefore = counts.failed;
    if (session.testResults) walk(session.testResults);
    if (session.passed === false && counts.failed === failedBefore) counts.failed += 1;
  }
  return counts;
}

/** Writes the counts as JSON to `path` when the run ends. */
function summaryFileReporter(path) {
  return {
    stop({ sessions }) {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, `${JSON.stringify(countTests(sessions))}\n`);
    },
  };
}

/**
 * The web-test-runner configuration of the package at `rootDir`, compiled with its `tsconfig`.
 * @param {{ rootDir: string, tsconfig: string }} options
 */
export function browserTestConfig({ rootDir, tsconfig }) {
  const summaryPath = process.env.SAYSO_WTR_SUMMARY;
  return {
    rootDir,
    files: ['src/**/*.test.ts'],
    // The Sayso packages from their TypeScript sources (the "@sayso/source" condition of their exports).
    nodeResolve: { exportConditions: ['@sayso/source'] },
    concurrency: 2,
    // Hanging tests must end the run, never stall it.
    testsFinishTimeout: 120_000,
    testFramework: { config: { timeout: 5000 } },
    // nanostores reads process.env.NODE_ENV, which bundlers replace; give the test page one.
    testRunnerHtml: (testFramework) => `<!doctype html>
    <html lang="en">
      <head><title>Sayso element tests</title></head>
      <body>
        <script>window.process = { env: { NODE_ENV: 'development' } };</script>
        <script type="module" src="${testFramework}"></script>
      </body>
    </html>`,
    filterBrowserLogs: ({ args }) => !String(args[0]).startsWith('Lit is in dev mode'),
    plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig })],
    browsers: [
      chromeLauncher({
        // Each test file gets its own window, not a background tab: a hidden tab gets no animation
        // frames (open-wc's fixture() waits for one) and slowed timers.
        createPage: ({ context }) => context.newPage({ type: 'window' }),
        launchOptions: {
          executablePath: process.env.CHROME_PATH ?? chromium.executablePath,
          headless: true,
          args: [
            ...chromium.args,
            // Two test files run side by side; neither tab may be slowed down as a background tab.
            '--disable-background-timer-throttling',
            '--disable-backgrounding-occluded-windows',
            '--disable-renderer-backgrounding',
          ],
        },
      }),
    ],
    reporters: [defaultReporter(), ...(summaryPath ? [summaryFileReporter(summaryPath)] : [])],
  };
}
