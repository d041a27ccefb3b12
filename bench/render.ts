// Render time of <sayso-board> with 1 000 and 10 000 ideas, next to a plain-DOM baseline that
// renders the same cards with document.createElement, in the same Chromium run.
//   node scripts/pnpm.mjs --filter @sayso/bench run render      (or: npm run bench:render)
//   --smoke   small lists, one run each: keeps this script from rotting (test/bench.test.ts)
//   --runs N  timed runs per size and side (default 5; the median is printed)
//
// The page is bundled with esbuild (ESM, minified, production), the way bench/size.ts builds the
// widget, and loaded into Debian's Chromium (headless, via playwright-core, as test/ does).
// Before any timing, a memory adapter is seeded with n ideas and the board's list is loaded
// through its own paging, so what is timed is rendering only: from appending the element until
// the list has rendered and layout settled (every card in the page has finished its update, no
// card was added or removed during the last frame, layout computed). Both sides wait that same
// way. The baseline puts every card in the page; the board renders only the cards near the
// viewport once the list is long (VIRTUALIZE_AFTER), which is what the ratio shows. One warm-up
// run per size and side loads the code (the virtualizer chunk included) before the timed runs;
// runs alternate between the sides, with a garbage collection before each.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import settings from '../scripts/chromium.json' with { type: 'json' };

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const runsArg = args.indexOf('--runs');
const runs = smoke ? 1 : runsArg >= 0 ? Number(args[runsArg + 1]) : 5;
const sizes = smoke ? [50, 150] : [1_000, 10_000];

interface Timing {
  ms: number;
  rendered: number;
}
interface RenderBench {
  virtualizeAfter: number;
  prepare(n: number): Promise<number>;
  renderBoard(): Promise<Timing>;
  renderPlain(): Promise<Timing>;
}
declare const renderBench: RenderBench;

const bundle = await build({
  stdin: {
    contents: [
      `import { VIRTUALIZE_AFTER } from '@sayso/elements/components/sayso-board/sayso-board.component.js';`,
      `import '@sayso/elements/components/sayso-board/sayso-board.js';`,
      `import { exposeRenderBench } from './lib/render-page.ts';`,
      `exposeRenderBench({ virtualizeAfter: VIRTUALIZE_AFTER });`,
    ].join('\n'),
    resolveDir: here,
    loader: 'ts',
  },
  bundle: true,
  format: 'esm',
  minify: true,
  target: 'es2022',
  platform: 'browser',
  // As bench/size.ts: the Sayso packages from their sources, and esbuild's default "module" again.
  conditions: ['@sayso/source', 'module'],
  define: { 'process.env.NODE_ENV': '"production"' },
  write: false,
  logLevel: 'silent',
});

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? settings.executablePath,
  headless: true,
  args: [...settings.args, '--js-flags=--expose-gc'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (error) => {
    // The virtualizer's resize observers may miss a frame; Chromium reports that harmlessly.
    if (!error.message.includes('ResizeObserver loop')) errors.push(error.message);
  });
  await page.setContent('<!doctype html><html lang="en"><body><main id="stage"></main></body></html>');
  await page.addScriptTag({ type: 'module', content: bundle.outputFiles[0]!.text });
  await page.waitForFunction(() => 'renderBench' in window);

  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const gc = () => page.evaluate(() => (globalThis as { gc?: () => void }).gc?.());

  const rows: Array<{ n: number; plain: number; board: number; plainCards: number; boardCards: number }> = [];
  for (const n of sizes) {
    const loaded = await page.evaluate((count) => renderBench.prepare(count), n);
    if (loaded !== n) throw new Error(`the board loaded ${loaded} ideas, expected ${n}`);
    const plain: Timing[] = [];
    const board: Timing[] = [];
    for (let run = -1; run < runs; run++) {
      await gc();
      const p = await page.evaluate(() => renderBench.renderPlain());
      await gc();
      const b = await page.evaluate(() => renderBench.renderBoard());
      if (run >= 0) plain.push(p), board.push(b);
    }
    rows.push({
      n,
      plain: median(plain.map((t) => t.ms)),
      board: median(board.map((t) => t.ms)),
      plainCards: plain[0]!.rendered,
      boardCards: board[0]!.rendered,
    });
  }

  const version = browser.version();
  const fmt = (ms: number) => `${ms.toFixed(1)} ms`;
  console.log(
    `Render: <sayso-board> vs plain DOM (document.createElement), Chromium ${version} headless, 1280×800, ` +
      `median of ${runs} run${runs === 1 ? '' : 's'} after a warm-up${smoke ? ' (smoke)' : ''}\n`,
  );
  console.log('| ideas | plain DOM | <sayso-board> | board / plain | cards in the page (plain / board) |');
  console.log('| ---: | ---: | ---: | ---: | ---: |');
  for (const row of rows) {
    console.log(
      `| ${row.n.toLocaleString('en-US')} | ${fmt(row.plain)} | ${fmt(row.board)} | ${(row.board / row.plain).toFixed(2)}× | ${row.plainCards} / ${row.boardCards} |`,
    );
  }
  const virtualizeAfter = await page.evaluate(() => renderBench.virtualizeAfter);
  console.log(`\nThe board renders every card up to ${virtualizeAfter} ideas and only those near the viewport past that.`);
  if (errors.length > 0) {
    console.error(`WARNING: the page reported errors, the figures are not to be trusted:\n  ${errors.join('\n  ')}`);
    process.exitCode = 1;
  }
} finally {
  await browser.close();
}
