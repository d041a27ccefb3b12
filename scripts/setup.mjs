// Installs what the two commands need on a fresh machine that has only Node and npm:
// the workspace's packages (pinned pnpm) and, for tests, Debian's Chromium and PostgreSQL.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import chromium from './chromium.json' with { type: 'json' };
import { pnpm } from './pnpm.mjs';

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;

/** Where Chromium is, or undefined. */
export function findChromium() {
  return [process.env.CHROME_PATH, chromium.executablePath].find((path) => path && existsSync(path));
}

/** The folder holding PostgreSQL's server binaries (initdb, pg_ctl), or undefined. */
export function findPostgresBin() {
  if (onPath('initdb') && onPath('pg_ctl')) return '';
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  return versions.map((v) => `${root}/${v}/bin`).find((bin) => existsSync(`${bin}/initdb`));
}

/** Installs Debian packages; apt needs root, which our machines and CI have. */
function aptInstall(packages) {
  console.log(`[setup] installing ${packages.join(', ')} from Debian (apt-get)`);
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const run = (args) => execFileSync(sudo[0] ?? args[0], sudo.length ? args : args.slice(1), { stdio: 'inherit' });
  run(['apt-get', 'update', '-qq']);
  run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...packages]);
}

/** Ensures the browser and database the test run drives are on the machine. */
export function ensureSystemPackages() {
  const missing = [];
  if (!findChromium()) missing.push('chromium');
  if (findPostgresBin() === undefined) missing.push('postgresql');
  if (missing.length > 0) aptInstall(missing);
}

/** Installs the workspace's packages from the lockfile. */
export function installWorkspace() {
  const status = pnpm(['install', '--frozen-lockfile', '--reporter=append-only']);
  if (status !== 0) throw new Error(`pnpm install failed with status ${status}`);
}
