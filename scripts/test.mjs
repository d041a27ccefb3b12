// `npm test`: installs everything, then runs every test runner of the workspace and ends with
// one line `N passed, N failed` summing them all. Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureSystemPackages, findChromium, installWorkspace } from './setup.mjs';
import { pnpm } from './pnpm.mjs';

const root = new URL('..', import.meta.url).pathname;
const reports = join(root, '.tmp', 'test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

ensureSystemPackages();
installWorkspace();
process.env.CHROME_PATH = findChromium();

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

/** Adds one runner's counts; a runner that left no counts is one failure, never silence. */
function record(name, counts, status) {
  if (!counts) {
    counts = { passed: 0, failed: 1, skipped: 0 };
    console.error(`[test] ${name} ended with status ${status} and reported no results`);
  } else if (status !== 0 && counts.failed === 0) {
    counts = { ...counts, failed: 1 };
    console.error(`[test] ${name} ended with status ${status} although no test failed`);
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  lines.push(`  ${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}

const readJson = (path) => (existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined);

function step(name, args) {
  console.log(`\n[test] ${name}`);
  return pnpm(args, { cwd: root });
}

// First the build: the end-to-end tests load the script-tag bundle the server hands to host
// pages and the built example apps (React, Vue) it serves, and Storybook's preview imports the
// generated custom-elements manifest. (The packages' published builds, dist/, are made by the
// test that packs them, test/e2e/npm-pack.test.ts; everything else runs from source.)
const built = [
  ['the script-tag bundle of @sayso/elements', ['--filter', '@sayso/elements', 'run', 'build:script-tag']],
  // Writes the manifest and fails when a file generated from it (React wrappers, README tables)
  // was not regenerated: the drift test must see the committed files, not fresh ones.
  ['the custom-elements manifest', ['--filter', '@sayso/elements', 'run', 'check:generated']],
  ['the admin elements\' manifest', ['--filter', '@sayso/admin', 'run', 'analyze']],
  ['the example apps', ['--filter', './examples/*', 'run', 'build']],
].every(([what, args]) => step(`build ${what}`, args) === 0);
record('build elements and examples', { passed: built ? 1 : 0, failed: built ? 0 : 1, skipped: 0 }, 0);

// Type errors are defects too: each package's typecheck counts as one check.
const projects = ['core', 'adapter-memory', 'adapter-http', 'server', 'elements', 'admin', 'react'].map((pkg) => `packages/${pkg}`);
for (const project of [...projects, 'packages/elements/scripts', 'examples/react', 'examples/admin', 'stories', 'test', 'bench']) {
  const status = step(`typecheck ${project}`, ['exec', 'tsc', '-p', `${project}/tsconfig.json`]);
  record(`typecheck ${project}`, { passed: status === 0 ? 1 : 0, failed: status === 0 ? 0 : 1, skipped: 0 }, 0);
}
// tsc cannot read .vue files; vue-tsc checks the Vue example's components and their scripts.
const vueStatus = step('typecheck examples/vue', ['--filter', '@sayso/example-vue', 'exec', 'vue-tsc', '-p', 'tsconfig.json']);
record('typecheck examples/vue', { passed: vueStatus === 0 ? 1 : 0, failed: vueStatus === 0 ? 0 : 1, skipped: 0 }, 0);

const vitestReport = join(reports, 'vitest.json');
const vitest = step('vitest (node-side, server on PGlite and PostgreSQL, end-to-end)', [
  'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`,
]);
const v = readJson(vitestReport);
// A test file that fails before its tests run (a beforeAll that throws, an import error) fails
// no test by itself, but its tests never ran: each such file counts as one failure.
const filesFailedWithoutATest = (v?.testResults ?? []).filter(
  (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
).length;
record('vitest', v && {
  passed: v.numPassedTests,
  failed: v.numFailedTests + filesFailedWithoutATest,
  skipped: v.numPendingTests + v.numTodoTests,
}, vitest);

for (const pkg of ['elements', 'admin']) {
  const wtrReport = join(reports, `web-test-runner-${pkg}.json`);
  process.env.SAYSO_WTR_SUMMARY = wtrReport;
  const wtr = step(`web-test-runner (${pkg} in Chromium)`, ['--filter', `@sayso/${pkg}`, 'exec', 'web-test-runner']);
  record(`web-test-runner ${pkg}`, readJson(wtrReport), wtr);
}

console.log(`\n[test] summary\n${lines.join('\n')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed > 0 ? 1 : 0);
