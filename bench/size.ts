// Size budgets of the widget: what a host page downloads, min+gzip, next to Lit alone.
//   node scripts/pnpm.mjs --filter @sayso/bench run size      (or: npm run bench:size)
//
// Builds, as a host's bundler would, these entries with esbuild (ESM, minified, code splitting,
// production):
//   lit        a minimal LitElement (html, css): the floor every Lit widget pays
//   launcher   <sayso-feedback-button>: what a host page loads before anyone clicks (the panel
//              with its positioning comes on hover, focus or the first open; the form and the
//              board when the panel first shows them)
//   + provider the launcher with the <sayso-provider api-url> a page puts around it, as a real page
//              has it (the provider's client, HTTP adapter and outbox come lazily, on first need)
//   board      <sayso-board> (markdown rendering comes in lazily)
// and prints, per entry, the initial size (the entry and the chunks it imports statically) and each
// lazily loaded chunk on its own line, named for what it holds (panel, floating-ui, markdown,
// locale, ...), gzipped (node:zlib, level 9), with the ratio to Lit and PASS/OVER against the
// targets. Then it builds the script-tag files exactly as `vite build` in packages/elements does and
// prints what a `<script src="sayso.js">` page with the launcher loads before a click (the loader
// and the modules it fetches for the provider and the launcher; target < 15 kB as the launcher's),
// and the size of dist/sayso.standalone.js (everything in one file, no target).
// The budgets are printed, never asserted: exit 0 either way.
// One thing is a correctness check: server-only libraries (zod, jose) must never reach the widget;
// if any widget build's inputs (the script-tag builds' included) hold them, it says so and exits 1.
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, type Metafile, type OutputFile, type Plugin } from 'esbuild';
import { build as viteBuild, type Rolldown } from 'vite';

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
    name: '+ provider',
    what: '<sayso-provider api-url> around the launcher (its client comes lazily)',
    target: 15 * KB,
    source: `import '@sayso/elements/components/sayso-provider/sayso-provider.js';
import '@sayso/elements/components/sayso-feedback-button/sayso-feedback-button.js';`,
  },
  {
    name: 'board',
    what: '<sayso-board>',
    source: `import '@sayso/elements/components/sayso-board/sayso-board.js';`,
    target: 45 * KB,
  },
];

const SERVER_ONLY = /(^|\/)node_modules\/(zod|jose)\//;
const FLOATING_UI = /(^|\/)node_modules\/@floating-ui\//;

/** What a lazily loaded chunk holds, told by the modules in it (`$1`: the pattern's group). */
const CHUNK_KINDS: Array<[pattern: RegExp, label: string]> = [
  [/sayso-feedback-button\.panel\.ts$/, 'panel'],
  [/sayso-provider\.client\.ts$/, "provider's client"],
  [FLOATING_UI, 'floating-ui'],
  [/(^|\/)node_modules\/(marked|dompurify)\//, 'markdown'],
  [/\/generated\/locales\/([\w-]+)\.ts$/, 'locale $1'],
  [/sayso-idea-form\.component\.ts$/, 'idea form'],
  [/sayso-board\.component\.ts$/, 'board'],
  [/sayso-post-detail\.component\.ts$/, 'post detail'],
  [/(^|\/)node_modules\/@lit-labs\/virtualizer\//, 'virtualizer'],
];

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

interface Chunk {
  file: string;
  raw: number;
  gzip: number;
  /** What the chunk holds (`panel + floating-ui`), when its modules tell. */
  kind: string;
  /** The largest contributors to the chunk (minified bytes before gzip), by package or source folder. */
  top: Array<[string, number]>;
  inputs: string[];
}

/** `node_modules/.pnpm/lit-html@3.3.1/node_modules/lit-html/x.js` → `lit-html`; sources → their package folder. */
function owner(input: string): string {
  const modules = input.split('node_modules/');
  if (modules.length > 1) {
    const rest = modules[modules.length - 1]!.split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const path = input.replace(/^size-entry:/, 'entry '); // relative to the repository root
  const match = /^packages\/([^/]+)\/src\/(?:(components|controllers|internal|styles|events|generated)\/([^/]+)?)?/.exec(path);
  if (!match) return path;
  const [, pkg, folder, name] = match;
  if (folder === 'components') return `@sayso/${pkg} ${name}`;
  return folder ? `@sayso/${pkg} ${folder}/` : `@sayso/${pkg}`;
}

/** `panel + floating-ui`: the kinds of the modules in a chunk, in CHUNK_KINDS order. */
function kindOf(inputs: string[]): string {
  const kinds = new Set<string>();
  for (const [pattern, label] of CHUNK_KINDS) {
    for (const input of inputs) {
      const match = pattern.exec(input);
      if (match) kinds.add(match[0].replace(pattern, label));
    }
  }
  return [...kinds].join(' + ') || 'shared code';
}

function describe(out: OutputFile, meta: Metafile['outputs'][string], outdir: string): Chunk {
  const byOwner = new Map<string, number>();
  const inputs = Object.entries(meta.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0);
  for (const [input, { bytesInOutput }] of inputs) {
    const key = owner(input);
    byOwner.set(key, (byOwner.get(key) ?? 0) + bytesInOutput);
  }
  return {
    file: relative(outdir, out.path),
    raw: out.contents.byteLength,
    gzip: gzipSync(out.contents, { level: 9 }).byteLength,
    kind: kindOf(inputs.map(([input]) => input)),
    top: [...byOwner].sort((a, b) => b[1] - a[1]),
    inputs: inputs.map(([input]) => input),
  };
}

interface Measured {
  entry: Entry;
  initial: Chunk[];
  lazy: Chunk[];
  inputs: string[];
}

async function measure(entry: Entry): Promise<Measured> {
  const outdir = `${here}/.size-out/${entry.name.replace(/\W+/g, '')}`;
  const result = await build({
    entryPoints: { [entry.name]: `size-entry:${entry.name}` },
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    target: 'es2022',
    platform: 'browser',
    // The Sayso packages from their sources ("@sayso/source" in their exports), no build first;
    // naming conditions drops esbuild's default "module", so it is named again.
    conditions: ['@sayso/source', 'module'],
    define: { 'process.env.NODE_ENV': '"production"' },
    outdir,
    absWorkingDir: repo, // metafile paths are relative to this
    write: false,
    metafile: true,
    logLevel: 'silent',
    legalComments: 'none',
    plugins: [virtualEntries(entries)],
  });
  const files = new Map(result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [relative(repo, f.path), f]));
  const outputs = result.metafile.outputs;
  // Lazily imported modules are entry points too; the entry is the one of our virtual module.
  const entryOut = Object.keys(outputs).find((key) => key.endsWith('.js') && outputs[key]!.entryPoint === `size-entry:${entry.name}`)!;

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

const elements = `${repo}/packages/elements`;

/** One of packages/elements' own script-tag builds (`vite build --mode <mode>`), kept in memory. */
async function viteChunks(mode: string): Promise<Rolldown.OutputChunk[]> {
  const result = await viteBuild({
    root: elements,
    configFile: `${elements}/vite.config.ts`,
    mode,
    logLevel: 'silent',
    build: { write: false, sourcemap: false },
  });
  const outputs = (Array.isArray(result) ? result : [result as Rolldown.RolldownOutput]).flatMap((r) => r.output);
  return outputs.filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
}

const gzipOf = (code: string) => gzipSync(Buffer.from(code), { level: 9 }).byteLength;

interface ScriptTagSizes {
  /** dist/sayso.js with the modules a page holding only the launcher fetches before a click. */
  launcher: { raw: number; gzip: number; files: string[] };
  /** dist/sayso.standalone.js, everything in one file. */
  standalone: { raw: number; gzip: number };
  inputs: string[];
}

/**
 * The script-tag builds: the loader with the modules of `<sayso-provider>` and
 * `<sayso-feedback-button>` and their static imports (what it fetches for a launcher before
 * anyone clicks), and the standalone file.
 */
async function measureScriptTagBuilds(): Promise<ScriptTagSizes> {
  const [modules, loader, standalone] = [await viteChunks('modules'), await viteChunks('loader'), await viteChunks('standalone')];
  if (loader.length !== 1 || standalone.length !== 1) throw new Error('the loader and the standalone build must each be one file');
  const byName = new Map(modules.map((chunk) => [chunk.fileName, chunk]));
  const fetched = new Set<string>();
  const visit = (fileName: string) => {
    if (fetched.has(fileName)) return;
    fetched.add(fileName);
    for (const imported of byName.get(fileName)!.imports) visit(imported);
  };
  visit('sayso-provider.js');
  visit('sayso-feedback-button.js');
  const codes = [loader[0]!.code, ...[...fetched].map((name) => byName.get(name)!.code)];
  return {
    launcher: {
      raw: codes.reduce((total, code) => total + Buffer.byteLength(code), 0),
      gzip: codes.reduce((total, code) => total + gzipOf(code), 0),
      files: ['sayso.js', ...fetched],
    },
    standalone: { raw: Buffer.byteLength(standalone[0]!.code), gzip: gzipOf(standalone[0]!.code) },
    inputs: [...modules, ...loader, ...standalone].flatMap((chunk) => chunk.moduleIds),
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
const scriptTag = await measureScriptTagBuilds();
const lit = sum(measured[0]!.initial, 'gzip');

console.log(`Widget sizes, min+gzip (esbuild, ESM, minified, gzip -9; kB = 1000 bytes), Node ${process.version}\n`);
for (const { entry, initial, lazy } of measured) {
  const gzip = sum(initial, 'gzip');
  const verdict = entry.target === undefined ? '' : `  target < ${kb(entry.target)}: ${gzip < entry.target ? 'PASS' : 'OVER'}`;
  const ratio = entry.name === 'lit' ? '' : `  ×${(gzip / lit).toFixed(1)} Lit`;
  console.log(`${entry.name.padEnd(10)} ${entry.what}`);
  console.log(`  initial   ${kb(gzip).padStart(9)}  (${kb(sum(initial, 'raw'))} min, ${initial.length} file${initial.length === 1 ? '' : 's'})${ratio}${verdict}`);
  if (entry.name === 'lit') {
    console.log('');
    continue;
  }
  console.log(`            largest (min, before gzip): ${topList(merged(initial), 6)}`);
  const eagerFloating = initial.some((c) => c.inputs.some((input) => FLOATING_UI.test(input)));
  console.log(`            @floating-ui in the initial files: ${eagerFloating ? 'YES' : 'no'}`);
  for (const c of lazy.sort((a, b) => b.gzip - a.gzip)) {
    console.log(`  lazy      ${kb(c.gzip).padStart(9)}  (${kb(c.raw)} min)  ${c.kind}: ${topList(c.top, 4)}`);
  }
  if (lazy.length > 0) console.log(`  lazy total ${kb(sum(lazy, 'gzip')).padStart(8)}`);
  console.log('');
}

const { launcher, standalone } = scriptTag;
const launcherVerdict = `target < ${kb(15 * KB)}: ${launcher.gzip < 15 * KB ? 'PASS' : 'OVER'}`;
console.log('sayso.js   the script tag (packages/elements\' `vite build`): the loader with the modules it fetches for');
console.log('           <sayso-provider api-url><sayso-feedback-button>, what a <script src> page loads before anyone clicks');
console.log(`  initial   ${kb(launcher.gzip).padStart(9)}  (${kb(launcher.raw)} min, ${launcher.files.length} files)  ×${(launcher.gzip / lit).toFixed(1)} Lit  ${launcherVerdict}`);
console.log(`            files: ${launcher.files.join(', ')}`);
console.log('sayso.standalone.js  everything in one classic script, every lazy part inlined; no target');
console.log(`  one file  ${kb(standalone.gzip).padStart(9)}  (${kb(standalone.raw)} min)  ×${(standalone.gzip / lit).toFixed(1)} Lit\n`);

// Correctness, not a budget: server-only libraries never reach the widget.
const widgetInputs: Array<[string, string[]]> = [
  ...measured.filter(({ entry }) => entry.name !== 'lit').map(({ entry, inputs }): [string, string[]] => [entry.name, inputs]),
  ['script tag', scriptTag.inputs],
];
const leaks = widgetInputs.flatMap(([name, inputs]) => inputs.filter((input) => SERVER_ONLY.test(input)).map((input) => `${name}: ${input}`));
if (leaks.length > 0) {
  console.error(`Server-only libraries reached the widget bundle:\n  ${leaks.join('\n  ')}`);
  process.exit(1);
}
console.log('zod, jose: in no widget bundle (checked against every input of every build above, the script-tag builds included)');
