// How the widget reaches a host page, from the real server, in Chromium:
// - the script tag (packages/elements' `vite build`): a page with nothing but
//   `<script src="/sayso.js">` and the launcher fetches only the launcher's modules from beside
//   sayso.js and calls no API before anyone clicks; the panel, the form, the provider's client and
//   markdown come as the visitor goes on; it works from another origin too (CORS);
// - dist/sayso.standalone.js is one self-contained file: the same page works with every other
//   script request refused, lazily rendered markdown included;
// - a bundler build of the launcher (vite, code splitting, as a host app's build would make it)
//   fetches @floating-ui only when a visitor shows the intent to open: pointer over or focus on
//   the launcher, never when the page loads.
// Build the bundle first: node scripts/pnpm.mjs --filter @sayso/elements run build
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, defaultClientConditions, type Rolldown } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { postIdeaThroughLauncher } from '../support/launcher.js';
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
    // What the elements import (@sayso/core, ...) from its sources too, as the workspace runs it.
    resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
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

/**
 * A host page served as `http://localhost:<port>/other-origin/` that adds sayso.js from
 * `http://127.0.0.1:<port>`, another origin, with a script element, then calls Sayso.init.
 * (Both names are the loopback address, so Chromium's private-network rules let it through.)
 */
const otherOriginPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Another origin</title>
<link rel="icon" href="data:,"></head><body><script>
  const sayso = location.origin.replace('localhost', '127.0.0.1');
  const script = document.createElement('script');
  script.src = sayso + '/sayso.js';
  script.onload = () => Sayso.init({ apiUrl: sayso + '/api/v1', board: 'demo' });
  document.head.append(script);
</script></body></html>`;

beforeAll(async () => {
  mkdirSync(join(work, 'data'));
  mkdirSync(join(work, 'other-origin'));
  writeFileSync(join(work, 'other-origin', 'index.html'), otherOriginPage);
  floatingFiles = await buildLauncherApp();
  [browser, server] = await Promise.all([
    launchChromium(),
    startSaysoServer({
      env: {
        SAYSO_DATA_DIR: join(work, 'data'),
        SAYSO_STATIC: `/bundled=${bundled},/other-origin=${join(work, 'other-origin')},/=packages/elements/dist`,
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

/** A host page holding only a script tag and the launcher. */
const hostPage = (script: string) => `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>Script tag only</title><link rel="icon" href="data:,"><script src="${script}"></script></head>
  <body>
    <sayso-provider api-url="/api/v1"><sayso-feedback-button board="demo"></sayso-feedback-button></sayso-provider>
  </body>
</html>`;

/**
 * Serves `hostPage` at /script-tag-only.html, lets through the API and the scripts `allowed`
 * accepts, and refuses (and notes) every other request.
 */
async function openHostPage(page: WatchedPage, body: string, allowed: (path: string) => boolean): Promise<string[]> {
  const refused: string[] = [];
  await page.route('**/*', (route) => {
    const { pathname } = new URL(route.request().url());
    if (pathname === '/script-tag-only.html') return route.fulfill({ contentType: 'text/html', body });
    if (allowed(pathname) || pathname.startsWith('/api/')) return route.continue();
    refused.push(pathname);
    return route.abort();
  });
  await page.goto(`${server.url}/script-tag-only.html`);
  return refused;
}

/** Posts an idea through the launcher, then opens it on the board's tab and reads its rendered markdown. */
async function postIdeaAndOpenIt(page: Page) {
  const title = `Posted from a script tag ${Date.now()}`;
  await postIdeaThroughLauncher(page, { title, details: 'Make the export **bold** and fast.' });

  await page.getByRole('tab', { name: 'Browse ideas' }).click();
  await page.getByRole('button', { name: 'New', exact: true }).click();
  await page.getByRole('button', { name: title, exact: true }).click();
  await expect.poll(() => page.locator('[part="body"] strong').innerText()).toBe('bold');
}

/** The modules sayso.js fetches for a launcher: the provider's, the launcher's, and the chunk they share. */
const LAUNCHER_MODULES = /^\/sayso\/(sayso-provider|sayso-feedback-button|launcher-[\w-]+)\.js$/;

describe('sayso.js, the script tag', () => {
  it('loads only the launcher before anyone clicks, then the rest from beside itself as the visitor goes on', async () => {
    const page = await newPage();
    const apiCalls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) apiCalls.push(request.url());
    });
    const refused = await openHostPage(page, hostPage('/sayso.js'), (path) => path === '/sayso.js' || path.startsWith('/sayso/'));
    await page.getByRole('button', { name: 'Feedback' }).waitFor();
    await page.waitForLoadState('networkidle');

    const beforeClick = [...page.scripts];
    expect(beforeClick[0]).toBe('/sayso.js');
    expect(beforeClick.slice(1).filter((path) => !LAUNCHER_MODULES.test(path))).toEqual([]);
    expect(beforeClick).toEqual(expect.arrayContaining(['/sayso/sayso-provider.js', '/sayso/sayso-feedback-button.js']));
    expect(apiCalls, 'no call to the API before anyone clicks').toEqual([]);

    await postIdeaAndOpenIt(page);
    const later = page.scripts.slice(beforeClick.length);
    for (const lazy of [/\/sayso-feedback-button\.panel-/, /\/sayso-provider\.client-/, /\/sayso-idea-form\.js$/, /\/markdown-/]) {
      expect(later.some((path) => lazy.test(path)), `${lazy} fetched after the first click`).toBe(true);
    }
    expect(page.scripts.every((path) => path === '/sayso.js' || path.startsWith('/sayso/'))).toBe(true);
    expect(refused).toEqual([]);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('says so under the launcher when its panel cannot be fetched, and opens on the next click once it can', async () => {
    const page = await newPage();
    let offline = true;
    const panelChunk = /^\/sayso\/sayso-feedback-button\.panel-[\w-]+\.js$/;
    const refused = await openHostPage(
      page,
      hostPage('/sayso.js'),
      (path) => path === '/sayso.js' || (path.startsWith('/sayso/') && !(offline && panelChunk.test(path))),
    );
    const launcher = page.getByRole('button', { name: 'Feedback' });
    await launcher.click();
    await expect.poll(() => page.getByText('Feedback could not be opened. Check your connection and try again.').isVisible()).toBe(true);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(refused.some((path) => panelChunk.test(path))).toBe(true);

    offline = false;
    await launcher.click();
    await page.getByRole('dialog').waitFor();
    expect(await page.getByText('Feedback could not be opened.', { exact: false }).count()).toBe(0);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('works on a host page of another origin that injects it, as a tag manager does', async () => {
    const page = await newPage();
    // The same server under its other name is another origin (see otherOriginPage).
    const host = new URL(server.url).origin.replace('127.0.0.1', 'localhost');
    await page.goto(`${host}/other-origin/`);
    await postIdeaThroughLauncher(page, { title: `From another origin ${Date.now()}` });
    expect(page.scripts.filter((path) => path.startsWith('/sayso/')).length).toBeGreaterThan(0);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});

describe('sayso.standalone.js, everything in one file', () => {
  it('works with every other script refused: the launcher, its panel, the form, the board and markdown', async () => {
    const page = await newPage();
    const refused = await openHostPage(page, hostPage('/sayso.standalone.js'), (path) => path === '/sayso.standalone.js');
    await postIdeaAndOpenIt(page);
    expect(page.scripts).toEqual(['/sayso.standalone.js']);
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
