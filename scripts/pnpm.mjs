// Runs the pinned pnpm through npx, so a machine with only Node and npm needs nothing else
// (corepack is not used: it cannot fetch pnpm on every machine we run on).
import { spawnSync } from 'node:child_process';

export const PNPM_VERSION = '12.4.2';

/** Runs pnpm with the given arguments; returns its exit status. */
export function pnpm(args, options = {}) {
  const result = spawnSync('npx', ['-y', `pnpm@${PNPM_VERSION}`, ...args], {
    stdio: 'inherit',
    ...options,
  });
  return result.status ?? 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(pnpm(process.argv.slice(2)));
}
