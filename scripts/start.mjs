// `npm start`: installs everything, builds the script-tag bundle and the example apps (the Sayso
// packages themselves run from their sources: no build of theirs is needed), then runs the
// reference server (embedded PGlite in ./.sayso-data unless DATABASE_URL is set, demo board
// seeded) serving the example host page at http://localhost:${PORT:-8787}/ and the React and Vue
// example apps at /react/ and /vue/, and the admin console at /admin/.
import { resolve } from 'node:path';
import { installWorkspace } from './setup.mjs';
import { pnpm } from './pnpm.mjs';

const root = resolve(new URL('..', import.meta.url).pathname);
installWorkspace();

const built = (args) => pnpm(args, { cwd: root }) === 0;
if (!built(['--filter', '@sayso/elements', 'run', 'build:script-tag']) || !built(['--filter', './examples/*', 'run', 'build'])) {
  console.error('[start] building the elements bundle or the example apps failed');
  process.exit(1);
}

const env = {
  ...process.env,
  SAYSO_DATA_DIR: resolve(root, process.env.SAYSO_DATA_DIR ?? '.sayso-data'),
  SAYSO_STATIC: [
    `/=${resolve(root, 'examples/vanilla')}`,
    `/shared=${resolve(root, 'examples/shared')}`,
    `/=${resolve(root, 'packages/elements/dist')}`,
    `/react=${resolve(root, 'examples/react/dist')}`,
    `/vue=${resolve(root, 'examples/vue/dist')}`,
    `/admin=${resolve(root, 'examples/admin/dist')}`,
  ].join(','),
};
process.exit(pnpm(['--filter', '@sayso/server', 'run', 'start'], { cwd: root, env }));
