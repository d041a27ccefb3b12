// Size budgets of the widget: what a host page downloads, min+gzip, next to Lit alone.
//   node scripts/pnpm.mjs --filter @sayso/bench run size      (or: npm run bench:size)
//
// Builds three entries with esbuild (ESM, minified, code splitting, production):
//   lit       a minimal LitElement (html, css): the floor every Lit widget pays
//   launcher  <sayso-feedback-button>: what a host page loads before anyone clicks
//             (the panel's idea form and board come in lazily)
//   board     <sayso-board>: the full board (markdown rendering comes in lazily)
// and prints, per entry, the initial size (the entry and the chunks it imports statically) and each
// lazily loaded chunk separately, gzipped (node:zlib, level 9), with the ratio to Lit and
// PASS/OVER against the targets. The budgets are printed, never asserted: exit 0 either way.
// One thing is a correctness check: server-only libraries (zod, jose) must never reach the widget;
// if any widget build's inputs include them, the script says so and exits 1.
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile, type Plugin } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const repo = dirname(here);

const KB = 1000; // kB as size-limit and bundlers print them

interface Entry {
  name: string;
  what: string;
  source: string;
  /** Budget for the initial (eagerly loaded) bytes, min+gzip. */
  target?: number;
}

const entries: Entry[] = [
  {
    name: 'lit',
    what: 'Lit alone (LitElement, html, css)',
    source: `import { LitElement, html, css } from 'lit';
class LitAlone extends LitElement {
  static styles = css\`:host { display: block; }\`;
  render() { return html\`<p>Hello</p>\`; }
}
customElements.define('lit-alone', LitAlone);`,
  },
  {
    name: 'launcher',
    what: '<sayso-feedback-button>',
    source: `import '@sayso/elements/components/sayso-feedback-button/sayso-feedback-button.js';`,
    target: 15 * KB,
  },
  {
    name: 'board',
    what: '<sayso-board>',
    source: `import '@sayso/elements/components/sayso-board/sayso-board.js';`,
    target: 45 * KB,
  },
];

const SERVER_ONLY = /(^|\/)node_modules\/(zod|jose)\//;

/** Serves each entry's source as a virtual module, resolved from the repository root. */
function virtualEntries(list: Entry[]): Plugin {
  return {
    name: 'sayso-size-entries',
    setup(b) {
      b.onResolve({ filter: /^size-entry:/ }, (args) => ({ path: args.path.slice('size-entry:'.length), namespace: 'size-entry' }));
      b.onLoad({ filter: /.*/, namespace: 'size-entry' }, (args) => ({
        contents: list.find((e) => e.name === args.path)!.source,
        loader: 'ts',
        resolveDir: repo,
      }));
    },
  };
}

/**
 * `@sayso/elements` maps `./components/*` to its TypeScript sources; the registering modules are
 * imported as `.js` (as a host's bundler would after the package is built), so fall back to `.ts`.
 */
const jsToTs: Plugin = {
  name: 'sayso-js-to-ts',
  setup(b) {
    b.onResolve({ filter: /^@sayso\/elements\/components\/.*\.js$/ }, async (args) => {
      if (args.pluginData === 'retry') return undefined;
      const result = await b.resolve(args.path.replace(/\.js$/, '.ts'), {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: 'retry',
      });
      return result.errors.length > 0 ? undefined : { path: result.path };
    });
  },
};

interface Chunk {
  file: string;
  raw: number;
  gzip: number;
  /** The largest contributors to the chunk (minified bytes before gzip), by package or source folder. */
  top: Array<[string, number]>;
}

/** `node_modules/.pnpm/lit-html@3.3.1/node_modules/lit-html/x.js` → `lit-html`; sources → their package folder. */
function owner(input: string): string {
  const modules = input.split('node_modules/');
  if (modules.length > 1) {
    const rest = modules[modules.length - 1]!.split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const path = input.replace(/^size-entry:/, 'entry '); // relative to the repository root
  const match = /^packages\/([^/]+)\/src\/(?:(components|controllers|internal|styles|events)\/([^/]+)?)?/.exec(path);
  if (!match) return path;
  const [, pkg, folder, name] = match;
  if (folder === 'components') return `@sayso/${pkg} ${name}`;
  return folder ? `@sayso/${pkg} ${folder}/` : `@sayso/${pkg}`;
}

function describe(out: OutputFile, meta: Metafile['outputs'][string], outdir: string): Chunk {
  const byOwner = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(meta.inputs)) {
    const key = owner(input);
    byOwner.set(key, (byOwner.get(key) ?? 0) + bytesInOutput);
  }
  const top = [...byOwner].sort((a, b) => b[1] - a[1]);
  return {
    file: relative(outdir, out.path),
    raw: out.contents.byteLength,
    gzip: gzipSync(out.contents, { level: 9 }).byteLength,
    top,
  };
}

interface Measured {
  entry: Entry;
  initial: Chunk[];
  lazy: Chunk[];
  inputs: string[];
}

async function measure(entry: Entry): Promise<Measured> {
  const outdir = `${here}/.size-out/${entry.name}`;
  const result = await build({
    entryPoints: { [entry.name]: `size-entry:${entry.name}` },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir,
    absWorkingDir: repo, // metafile paths are relative to this
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [virtualEntries(entries), jsToTs],
  });
  const files = new Map(result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [relative(repo, f.path), f]));
  const outputs = result.metafile.outputs;
  const entryOut = Object.keys(outputs).find((key) => key.endsWith('.js') && outputs[key]!.entryPoint !== undefined)!;

  // Initial: the entry and everything it imports statically; lazy: every other chunk.
  const initial = new Set<string>();
  const visit = (key: string) => {
    if (initial.has(key)) return;
    initial.add(key);
    for (const imported of outputs[key]!.imports) if (imported.kind === 'import-statement') visit(imported.path);
  };
  visit(entryOut);
  const chunk = (key: string) => describe(files.get(key)!, outputs[key]!, outdir);
  const jsOutputs = Object.keys(outputs).filter((key) => key.endsWith('.js'));
  return {
    entry,
    initial: [...initial].map(chunk),
    lazy: jsOutputs.filter((key) => !initial.has(key)).map(chunk),
    inputs: Object.keys(result.metafile.inputs),
  };
}

const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} kB`;
const sum = (chunks: Chunk[], key: 'raw' | 'gzip') => chunks.reduce((total, c) => total + c[key], 0);
const topList = (top: Array<[string, number]>, n: number) =>
  top
    .slice(0, n)
    .filter(([, bytes]) => bytes > 0)
    .map(([name, bytes]) => `${name} ${kb(bytes)}`)
    .join(', ') || '(glue between chunks)';

/** The contributors of several chunks together, largest first. */
function merged(chunks: Chunk[]): Array<[string, number]> {
  const total = new Map<string, number>();
  for (const c of chunks) for (const [name, bytes] of c.top) total.set(name, (total.get(name) ?? 0) + bytes);
  return [...total].sort((a, b) => b[1] - a[1]);
}

const measured: Measured[] = [];
for (const entry of entries) measured.push(await measure(entry));
const lit = sum(measured[0]!.initial, 'gzip');

console.log(`Widget sizes, min+gzip (esbuild, ESM, minified, gzip -9; kB = 1000 bytes), Node ${process.version}\n`);
for (const { entry, initial, lazy } of measured) {
  const gzip = sum(initial, 'gzip');
  const verdict = entry.target === undefined ? '' : `  target < ${kb(entry.target)}: ${gzip < entry.target ? 'PASS' : 'OVER'}`;
  const ratio = entry.name === 'lit' ? '' : `  ×${(gzip / lit).toFixed(1)} Lit`;
  console.log(`${entry.name.padEnd(9)} ${entry.what}`);
  console.log(`  initial   ${kb(gzip).padStart(9)}  (${kb(sum(initial, 'raw'))} min, ${initial.length} file${initial.length === 1 ? '' : 's'})${ratio}${verdict}`);
  if (entry.name !== 'lit') console.log(`            largest (min, before gzip): ${topList(merged(initial), 6)}`);
  for (const c of lazy.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  lazy      ${kb(c.gzip).padStart(9)}  (${kb(c.raw)} min)  ${topList(c.top, 3)}`);
  }
  if (lazy.length > 0) console.log(`  lazy total ${kb(sum(lazy, 'gzip')).padStart(8)}`);
  console.log('');
}

// Correctness, not a budget: server-only libraries never reach the widget.
const leaks = measured
  .filter(({ entry }) => entry.name !== 'lit')
  .flatMap(({ entry, inputs }) => inputs.filter((input) => SERVER_ONLY.test(input)).map((input) => `${entry.name}: ${input}`));
if (leaks.length > 0) {
  console.error(`Server-only libraries reached the widget bundle:\n  ${leaks.join('\n  ')}`);
  process.exit(1);
}
console.log('zod, jose: in no widget bundle (checked against every input of the launcher and board builds)');
