// How the widget reaches a host page, from the real server, in Chromium:
// - the script-tag bundle (packages/elements' `vite build`, dist/sayso.js) is one self-contained
//   file: a page with nothing but `<script src="/sayso.js">` and the launcher works with every
//   other script request refused, lazily rendered markdown included;
// - a bundler build of the launcher (vite, code splitting, as a host app's build would make it)
//   fetches @floating-ui only when a visitor shows the intent to open: pointer over or focus on
//   the launcher, never when the page loads.
// Build the bundle first: node scripts/pnpm.mjs --filter @sayso/elements run build
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { startSaysoServer, type RunningServer } from '../support/sayso-server.js';

const elements = fileURLToPath(new URL('../../packages/elements/src/', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'sayso-e2e-script-tag-'));
const bundled = join(work, 'bundled');
let server: RunningServer;
let browser: Browser;
/** The files of the bundler build that hold @floating-ui (the launcher's panel chunk). */
let floatingFiles: string[];

/** Builds the launcher the way a host app's vite build would, with the page that loads it. */
async function buildLauncherApp(): Promise<string[]> {
  const entry = join(work, 'launcher.ts');
  writeFileSync(
    entry,
    [
      `import '${elements}components/sayso-provider/sayso-provider.ts';`,
      `import '${elements}components/sayso-feedback-button/sayso-feedback-button.ts';`,
    ].join('\n'),
  );
  const result = await build({
    configFile: false,
    root: work,
    base: './',
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      outDir: bundled,
      emptyOutDir: true,
      target: 'es2022',
      rolldownOptions: { input: { launcher: entry }, output: { format: 'es', entryFileNames: '[name].js' } },
    },
  });
  writeFileSync(
    join(bundled, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bundled launcher</title>
<link rel="icon" href="data:,"><script type="module" src="./launcher.js"></script></head>
<body><sayso-provider api-url="/api/v1"><sayso-feedback-button board="demo"></sayso-feedback-button></sayso-provider></body></html>`,
  );
  const chunks = (Array.isArray(result) ? result : [result as Rolldown.RolldownOutput])
    .flatMap((r) => r.output)
    .filter((o): o is Rolldown.OutputChunk => o.type === 'chunk');
  return chunks.filter((chunk) => chunk.moduleIds.some((id) => id.includes('/@floating-ui/'))).map((chunk) => chunk.fileName);
}

beforeAll(async () => {
  mkdirSync(join(work, 'data'));
  floatingFiles = await buildLauncherApp();
  [browser, server] = await Promise.all([
    launchChromium(),
    startSaysoServer({
      env: {
        SAYSO_DATA_DIR: join(work, 'data'),
        SAYSO_STATIC: `/bundled=${bundled},/=packages/elements/dist`,
      },
    }),
  ]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

type WatchedPage = Page & { errors: string[]; scripts: string[] };

/** A fresh visitor's page that notes page errors and the path of every script it requests. */
async function newPage(): Promise<WatchedPage> {
  const context = await browser.newContext();
  const page = (await context.newPage()) as WatchedPage;
  page.errors = [];
  page.scripts = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  page.on('request', (request) => {
    if (request.resourceType() === 'script') page.scripts.push(new URL(request.url()).pathname);
  });
  return page;
}

describe('the script-tag bundle', () => {
  const hostPage = `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Script tag only</title><link rel="icon" href="data:,"><script src="/sayso.js"></script></head>
  <body>
    <sayso-provider api-url="/api/v1"><sayso-feedback-button board="demo"></sayso-feedback-button></sayso-provider>
  </body>
</html>`;

  it('is one file: the launcher, its panel, the form, the board and markdown work with every other script refused', async () => {
    const page = await newPage();
    const refused: string[] = [];
    await page.route('**/*', (route) => {
      const { pathname } = new URL(route.request().url());
      if (pathname === '/script-tag-only.html') return route.fulfill({ contentType: 'text/html', body: hostPage });
      if (pathname === '/sayso.js' || pathname.startsWith('/api/')) return route.continue();
      refused.push(pathname);
      return route.abort();
    });
    await page.goto(`${server.url}/script-tag-only.html`);

    await page.getByRole('button', { name: 'Feedback' }).click();
    await page.getByRole('dialog').waitFor();
    const title = `Posted from a script tag ${Date.now()}`;
    await page.getByLabel('Title').fill(title);
    await page.getByLabel(/Details/).fill('Make the export **bold** and fast.');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/boards/demo/posts'));
    await page.getByRole('button', { name: 'Post idea' }).click();
    expect((await created).status()).toBe(201);
    await expect.poll(() => page.getByText('your idea was posted').isVisible()).toBe(true);

    // The board's tab, the new idea's details, and its markdown: all inside sayso.js.
    await page.getByRole('tab', { name: 'Browse ideas' }).click();
    await page.getByRole('button', { name: 'New', exact: true }).click();
    await page.getByRole('button', { name: title, exact: true }).click();
    await expect.poll(() => page.locator('[part="body"] strong').innerText()).toBe('bold');

    expect(page.scripts).toEqual(['/sayso.js']);
    expect(refused).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});

describe('a bundler build of the launcher', () => {
  it('puts @floating-ui in a lazily loaded chunk of its own', () => {
    expect(floatingFiles).toHaveLength(1);
    expect(floatingFiles[0]).not.toBe('launcher.js');
  });

  /** Opens the bundled page and waits until the launcher is rendered, its static imports all in. */
  async function openBundledPage(): Promise<WatchedPage> {
    const page = await newPage();
    await page.goto(`${server.url}/bundled/`);
    await page.getByRole('button', { name: 'Feedback' }).waitFor();
    return page;
  }

  const floatingRequests = (page: WatchedPage) => page.scripts.filter((path) => floatingFiles.some((file) => path === `/bundled/${file}`));
  /** Every script the page has fetched, as the page itself counts them. */
  const fetchedScripts = (page: WatchedPage) =>
    page.evaluate(() => performance.getEntriesByType('resource').map((entry) => new URL(entry.name).pathname));

  it('loads no @floating-ui with the page, then fetches it once when the pointer enters the launcher', async () => {
    const page = await openBundledPage();
    expect(page.scripts).toContain('/bundled/launcher.js');
    expect(floatingRequests(page)).toEqual([]);
    expect((await fetchedScripts(page)).filter((path) => floatingFiles.some((file) => path.endsWith(file)))).toEqual([]);

    const fetched = page.waitForRequest((request) => floatingFiles.some((file) => request.url().endsWith(`/bundled/${file}`)));
    await page.getByRole('button', { name: 'Feedback' }).hover();
    await fetched;
    expect(await page.getByRole('dialog').count()).toBe(0);

    await page.getByRole('button', { name: 'Feedback' }).click();
    await page.getByRole('dialog').waitFor();
    await page.getByLabel('Title').waitFor();
    expect(floatingRequests(page)).toHaveLength(1);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('fetches it when the launcher gets keyboard focus, and opens with Enter', async () => {
    const page = await openBundledPage();
    expect(floatingRequests(page)).toEqual([]);
    const fetched = page.waitForRequest((request) => floatingFiles.some((file) => request.url().endsWith(`/bundled/${file}`)));
    await page.keyboard.press('Tab');
    await fetched;
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor();
    expect(await page.getByRole('tab', { name: 'Suggest an idea' }).evaluate((tab) => tab.matches(':focus'))).toBe(true);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
