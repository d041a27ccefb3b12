// What a stranger gets from npm. The four packages a web app installs (@sayso/core,
// @sayso/adapter-http, @sayso/elements, @sayso/react) are built and packed with `npm pack`, as a
// publish would pack them, then installed with npm (React and the packages' own dependencies from
// the registry, at the versions of the workspace's lockfile) into a new Vite + React app in the
// system's temp folder, outside this workspace: nothing of the workspace reaches the app but the
// tarballs. The app is type-checked against the packages' declarations, built with Vite, and
// served by the real server, where Chromium shows the demo board and a visitor votes.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startSaysoServer, type RunningServer } from '../support/sayso-server.js';
import { countOf, voteButtonFor, voteButtons } from '../support/vote-buttons.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const PACKED = ['core', 'adapter-http', 'elements', 'react'] as const;
type Packed = (typeof PACKED)[number];

const work = mkdtempSync(join(tmpdir(), 'sayso-npm-pack-'));
const app = join(work, 'app');
// Kept between runs (.tmp/ is git-ignored): a second run installs from it without downloading.
const npmCache = join(root, '.tmp', 'npm-cache');

interface Manifest {
  name: string;
  exports: Record<string, string | Record<string, string>>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}
interface Tarball {
  path: string;
  /** The files in it, relative to the package folder. */
  files: string[];
}

const run = promisify(execFile);
const rootManifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { packageManager: string };
const pnpm = (...args: string[]) => run('npx', ['-y', rootManifest.packageManager, ...args], { cwd: root, maxBuffer: 64 << 20 });
// What the stranger's shell has: none of pnpm's npm_config_* settings, nor the NODE_ENV=test
// vitest sets (Vite would build React's development bundle).
const strangerEnv = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) && !['NODE_OPTIONS', 'NODE_ENV'].includes(key)));
const npm = (cwd: string, ...args: string[]) =>
  run('npm', [...args, '--cache', npmCache, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, env: strangerEnv, maxBuffer: 64 << 20 });

const packageDir = (name: Packed) => join(root, 'packages', name);
const readManifest = (dir: string) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;

/** The version the workspace's lockfile installed of `dependency`, as `pkg` sees it. */
const lockedVersion = (pkg: Packed, dependency: string) =>
  (JSON.parse(readFileSync(join(packageDir(pkg), 'node_modules', dependency, 'package.json'), 'utf8')) as { version: string }).version;

/** The published builds (dist/) of the packed packages, in dependency order. */
async function buildPackages(): Promise<void> {
  await pnpm('--filter', '@sayso/core', '--filter', '@sayso/adapter-http', 'run', 'build');
  await pnpm('--filter', '@sayso/elements', 'run', 'build:lib');
  // `npm test` builds the script-tag bundle before any test, and other tests serve it while this one
  // runs, so it is built here only when absent (this file run on its own).
  if (!existsSync(join(packageDir('elements'), 'dist', 'sayso.js'))) await pnpm('--filter', '@sayso/elements', 'run', 'build:script-tag');
  await pnpm('--filter', '@sayso/react', 'run', 'build');
}

async function pack(name: Packed): Promise<Tarball> {
  const { stdout } = await npm(packageDir(name), 'pack', '--json', '--pack-destination', work);
  const [packed] = JSON.parse(stdout) as [{ filename: string; files: { path: string }[] }];
  return { path: join(work, packed.filename), files: packed.files.map((file) => file.path) };
}

const APP_SOURCE = `import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient, SaysoError } from '@sayso/core';
import '@sayso/elements/styles/light.css';
import { SaysoBoard, SaysoProvider, type SaysoVoteEvent } from '@sayso/react';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';

const adapter = createHttpAdapter({ baseUrl: '' });
const client = createSaysoClient({ adapter });

// The app tells Sayso's failures apart with its own import of SaysoError.
adapter.getPost({ postId: '00000000-0000-4000-8000-000000000000' }).catch((error: unknown) => {
  document.body.dataset['missingPost'] = error instanceof SaysoError ? error.code : 'not a SaysoError';
});

function App() {
  const [heard, setHeard] = useState('nothing');
  const onVote = ({ detail }: SaysoVoteEvent) => setHeard(\`\${detail.voted ? 'voted' : 'unvoted'} \${detail.voteCount}\`);
  return (
    <SaysoProvider client={client} onSaysoVote={onVote}>
      <h1>A stranger's app</h1>
      <p id="heard">{heard}</p>
      <SaysoBoard board="demo" />
    </SaysoProvider>
  );
}

createRoot(document.getElementById('root')!).render(<App />);
`;

/** A new Vite + React app beside the tarballs, with them and React installed by npm. */
async function createApp(tarballs: Record<Packed, Tarball>): Promise<void> {
  mkdirSync(join(app, 'src'), { recursive: true });
  const thirdParty = Object.fromEntries(
    PACKED.flatMap((pkg) =>
      Object.keys(readManifest(packageDir(pkg)).dependencies ?? {})
        .filter((dependency) => !dependency.startsWith('@sayso/'))
        .map((dependency) => [dependency, lockedVersion(pkg, dependency)]),
    ),
  );
  const fromReact = (dependency: string) => [dependency, lockedVersion('react', dependency)];
  const manifest = {
    name: 'stranger-app',
    private: true,
    type: 'module',
    dependencies: {
      ...Object.fromEntries(PACKED.map((pkg) => [`@sayso/${pkg}`, `file:${tarballs[pkg].path}`])),
      ...Object.fromEntries(['react', 'react-dom'].map(fromReact)),
    },
    devDependencies: Object.fromEntries(['@types/react', '@types/react-dom'].map(fromReact)),
    // The packages' dependencies at the lockfile's versions: the registry's metadata for them is
    // then all npm needs, and the cache has it after the first run.
    overrides: thirdParty,
  };
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2));
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'bundler',
        jsx: 'react-jsx',
        lib: ['ES2023', 'DOM', 'DOM.Iterable'],
        types: [],
        strict: true,
        noEmit: true,
        // The packages' declarations are checked too: they are what this test is about.
        skipLibCheck: false,
      },
      include: ['src'],
    }),
  );
  writeFileSync(
    join(app, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A stranger's app</title><link rel="icon" href="data:,"></head>
<body><div id="root"></div><script type="module" src="/src/main.tsx"></script></body></html>`,
  );
  writeFileSync(join(app, 'src', 'main.tsx'), APP_SOURCE);
  await npm(app, 'install', '--prefer-offline');
}

/** Every copy of an @sayso package under the app's node_modules, by package name. */
function installedSaysoCopies(): Map<string, string[]> {
  const copies = new Map<string, string[]>();
  const visit = (modules: string) => {
    if (!existsSync(modules)) return;
    for (const entry of readdirSync(modules)) {
      if (entry.startsWith('@')) {
        for (const scoped of readdirSync(join(modules, entry))) {
          const dir = join(modules, entry, scoped);
          if (entry === '@sayso') copies.set(`@sayso/${scoped}`, [...(copies.get(`@sayso/${scoped}`) ?? []), dir]);
          visit(join(dir, 'node_modules'));
        }
      } else if (!entry.startsWith('.')) visit(join(modules, entry, 'node_modules'));
    }
  };
  visit(join(app, 'node_modules'));
  return copies;
}

/** Every path `exports` names for `condition`-free resolution, and those only the workspace uses. */
function exportTargets(manifest: Manifest): { published: string[]; sourceOnly: string[] } {
  const published: string[] = [];
  const sourceOnly: string[] = [];
  for (const value of Object.values(manifest.exports)) {
    for (const [condition, target] of typeof value === 'string' ? [['default', value] as const] : Object.entries(value)) {
      (condition === '@sayso/source' ? sourceOnly : published).push(target);
    }
  }
  return { published, sourceOnly };
}

/** Whether the target (a path or a `*` pattern, as in `exports`) names at least one of `files`. */
function names(target: string, files: string[]): boolean {
  const escaped = target.replace(/^\.\//, '').replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^${escaped.replace('*', '.+')}$`);
  return files.some((file) => pattern.test(file));
}

let tarballs: Record<Packed, Tarball>;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  await buildPackages();
  const packed = await Promise.all(PACKED.map(pack));
  tarballs = Object.fromEntries(PACKED.map((pkg, i) => [pkg, packed[i]!])) as Record<Packed, Tarball>;
  await createApp(tarballs);
  server = await startSaysoServer({ env: { SAYSO_STATIC: `/=${join(app, 'dist')}`, SAYSO_DATA_DIR: join(work, 'data') } });
  browser = await launchChromium();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

describe('the packed packages', () => {
  it.each(PACKED)('@sayso/%s points every export at a built file it ships, and ships no TypeScript source', (pkg) => {
    const { files } = tarballs[pkg];
    const manifest = readManifest(join(app, 'node_modules', '@sayso', pkg));
    const { published, sourceOnly } = exportTargets(manifest);
    expect(published.length).toBeGreaterThan(0);
    for (const target of published) {
      expect(target, target).not.toMatch(/(?<!\.d)\.ts$/);
      expect(names(target, files), `${target} in ${files.join(', ')}`).toBe(true);
    }
    for (const target of sourceOnly) expect(names(target, files), target).toBe(false);
    expect(files.filter((file) => file.startsWith('src/'))).toEqual([]);
    for (const file of files.filter((file) => file.endsWith('.js') && file.startsWith('dist/') && !file.startsWith('dist/sayso'))) {
      expect(files, `declarations of ${file}`).toContain(file.replace(/\.js$/, '.d.ts'));
    }
  });

  it('name each other by version range, with @sayso/core a peer of the packages built on it', () => {
    for (const pkg of PACKED) {
      const { dependencies = {}, peerDependencies = {} } = readManifest(join(app, 'node_modules', '@sayso', pkg));
      for (const [name, range] of Object.entries({ ...dependencies, ...peerDependencies })) expect(range, `${pkg} → ${name}`).not.toMatch(/^workspace:/);
      if (pkg !== 'core') {
        expect(peerDependencies['@sayso/core'], pkg).toBeDefined();
        expect(dependencies['@sayso/core'], pkg).toBeUndefined();
      }
    }
  });

  it('install as one copy each, so every part shares one @sayso/core', () => {
    const copies = installedSaysoCopies();
    expect([...copies.keys()].sort()).toEqual(PACKED.map((pkg) => `@sayso/${pkg}`).sort());
    for (const [name, dirs] of copies) expect(dirs, name).toEqual([join(app, 'node_modules', name)]);
  });

  it("type-check in the stranger's app against their declarations", async () => {
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const checked = await run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: app }).catch((error: { stdout: string }) => error);
    expect('stdout' in checked ? checked.stdout : '').toBe('');
  });
});

describe("the stranger's app, built with Vite and served by the Sayso server", () => {
  let page: Page;
  const errors: string[] = [];

  beforeAll(async () => {
    // `vite build`, as the app's own script would run it; the workspace's Vite saves installing one.
    const vite = join(dirname(createRequire(import.meta.url).resolve('vite/package.json')), 'bin', 'vite.js');
    await run(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: app, env: strangerEnv });
    page = await browser.newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(server.url);
    await voteButtons(page).first().waitFor();
  }, 120_000);

  it('shows the demo board with the ideas from the server', async () => {
    expect(await voteButtons(page).count()).toBe(20);
    await voteButtonFor(page, 'Dark mode').waitFor();
    await expect.poll(() => page.evaluate(() => document.body.dataset['missingPost'])).toBe('not_found');
    expect(errors).toEqual([]);
  });

  it('saves a vote, tells the app, and keeps it after a reload', async () => {
    const button = voteButtonFor(page, 'Dark mode');
    const before = await countOf(button);
    const saved = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/votes'));
    await button.click();
    expect((await saved).status()).toBe(200);
    await expect.poll(() => page.locator('#heard').innerText()).toBe(`voted ${before + 1}`);

    await page.reload();
    await voteButtons(page).first().waitFor();
    await expect.poll(() => countOf(voteButtonFor(page, 'Dark mode'))).toBe(before + 1);
    expect(await voteButtonFor(page, 'Dark mode').getAttribute('aria-pressed')).toBe('true');
    expect(errors).toEqual([]);
  });
});
