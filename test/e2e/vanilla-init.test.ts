// `Sayso.init` as a host without a bundler uses it: the plain page examples/vanilla/init.html loads
// the script-tag bundle (dist/sayso.js) from the real server and calls `Sayso.init` with no markup.
// Build the bundle first: node scripts/pnpm.mjs --filter @sayso/elements run build
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sayso, SaysoInstance } from '../../packages/elements/src/init.js';
import { launchChromium } from '../support/browser.js';
import { postIdeaThroughLauncher } from '../support/launcher.js';
import { startSaysoServer, type RunningServer } from '../support/sayso-server.js';

const dataDir = mkdtempSync(join(tmpdir(), 'sayso-e2e-init-'));
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startSaysoServer({ env: { SAYSO_DATA_DIR: dataDir } })]);
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

type InitPage = Page & { errors: string[] };
/** What init.html leaves on `window`: the script-tag API and its own instance. */
type InitWindow = Window & { Sayso?: typeof Sayso; feedback?: SaysoInstance };

/** Opens the init page in a fresh visitor's browser and waits for the launcher. */
async function openInitPage(): Promise<InitPage> {
  const context = await browser.newContext();
  const page = (await context.newPage()) as InitPage;
  page.errors = [];
  page.on('pageerror', (error) => page.errors.push(error.message));
  await page.goto(`${server.url}/init.html`);
  await page.getByRole('button', { name: 'Feedback' }).waitFor();
  return page;
}

describe('Sayso.init on a plain page', () => {
  it('mounts a launcher whose form posts an idea to the server', async () => {
    const page = await openInitPage();
    expect(await page.evaluate(() => typeof (window as InitWindow).Sayso?.init)).toBe('function');
    expect(await page.locator('body > sayso-provider > sayso-feedback-button[board="demo"]').count()).toBe(1);

    const title = `Posted through Sayso.init ${Date.now()}`;
    await postIdeaThroughLauncher(page, { title, details: 'From a page without a bundler.' });

    const response = await fetch(`${server.url}/api/v1/boards/demo/posts?sort=new`);
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as { items: Array<{ title: string; body: string }> };
    expect(items.find((post) => post.title === title)?.body).toBe('From a page without a bundler.');
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('returns a handle that opens, closes and destroys, and makes independent instances', async () => {
    const page = await openInitPage();
    const result = await page.evaluate(async () => {
      const first = (window as InitWindow).feedback!;
      const second = (window as InitWindow).Sayso!.init({ apiUrl: '/api/v1', board: 'demo', target: '#inline-feedback', label: 'Ideas' });
      // sayso.js fetches the elements once they are on the page; open() before that is kept.
      first.open();
      await customElements.whenDefined('sayso-feedback-button');
      await first.element.updateComplete;
      const openState = [first.element.open, second.element.open];
      first.close();
      await first.element.updateComplete;
      const inline = document.querySelectorAll('#inline-feedback > sayso-provider > sayso-feedback-button').length;
      const [firstClient, secondClient] = await Promise.all([first.getClient(), second.getClient()]);
      const distinct = firstClient !== secondClient && first.element !== second.element && typeof firstClient.submitIdea === 'function';
      second.destroy();
      second.destroy();
      return {
        openState,
        closed: first.element.open,
        inline,
        distinct,
        afterDestroy: document.querySelectorAll('sayso-feedback-button').length,
        secondLabel: second.element.label,
      };
    });
    expect(result).toEqual({ openState: [true, false], closed: false, inline: 1, distinct: true, afterDestroy: 1, secondLabel: 'Ideas' });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('explains missing or wrong options with a TypeError', async () => {
    const page = await openInitPage();
    const errors = await page.evaluate(() => {
      const attempt = (options: unknown) => {
        try {
          (window as InitWindow).Sayso!.init(options as never);
          return 'no error';
        } catch (error) {
          return `${(error as Error).name}: ${(error as Error).message}`;
        }
      };
      return [
        attempt(undefined),
        attempt({ board: 'demo' }),
        attempt({ apiUrl: '/api/v1' }),
        attempt({ apiUrl: '/api/v1', board: 'demo', getToken: 'nope' }),
        attempt({ apiUrl: '/api/v1', board: 'demo', target: '#nowhere' }),
      ];
    });
    expect(errors[0]).toMatch(/^TypeError: Sayso.init needs an options object/);
    expect(errors[1]).toMatch(/^TypeError: Sayso.init: `apiUrl` is missing/);
    expect(errors[2]).toMatch(/^TypeError: Sayso.init: `board` is missing/);
    expect(errors[3]).toMatch(/^TypeError: Sayso.init: `getToken` must be a function/);
    expect(errors[4]).toMatch(/^TypeError: Sayso.init: no element matches the target selector "#nowhere"/);
    expect(await page.locator('sayso-feedback-button').count()).toBe(1);
    await page.context().close();
  });

  it('keeps an unposted idea across a reload', async () => {
    const page = await openInitPage();
    await page.getByRole('button', { name: 'Feedback' }).click();
    await page.getByLabel('Title').fill('Half-written idea');
    await expect.poll(() => page.evaluate(() => localStorage.getItem('sayso:draft:demo'))).toContain('Half-written idea');
    await page.reload();
    await page.getByRole('button', { name: 'Feedback' }).click();
    await expect.poll(() => page.getByLabel('Title').inputValue()).toBe('Half-written idea');
    await page.context().close();
  });
});
