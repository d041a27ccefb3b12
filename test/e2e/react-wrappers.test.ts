// @sayso/react's components in React 19 (StrictMode) in Chromium: the page in
// packages/react/test/fixture, built with Vite, over the memory adapter. The wrappers must pass
// objects as properties, camelCase props to their properties, follow re-renders, and deliver
// each typed `sayso-*` event to its `onSayso…` prop exactly once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { build, defaultClientConditions } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeardEvent } from '../../packages/react/test/fixture/heard.js';
import { launchChromium } from '../support/browser.js';
import { serveFolder } from '../support/static-server.js';

const fixture = fileURLToPath(new URL('../../packages/react/test/fixture', import.meta.url));
const outDir = mkdtempSync(join(tmpdir(), 'sayso-react-'));
let site: Awaited<ReturnType<typeof serveFolder>>;
let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  await build({
    root: fixture,
    configFile: false,
    logLevel: 'warn',
    // The Sayso packages from their sources ("@sayso/source" in their exports): no build first.
    resolve: { conditions: ['@sayso/source', ...defaultClientConditions] },
    build: { outDir, emptyOutDir: true, target: 'es2022' },
  });
  [site, browser] = await Promise.all([serveFolder(outDir), launchChromium()]);
  page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.url);
  await page.getByRole('button', { name: /^Vote for “Dark mode”/ }).waitFor();
});

afterAll(async () => {
  await browser?.close();
  await site?.close();
  rmSync(outDir, { recursive: true, force: true });
});

const heard = (prop?: string) =>
  page.evaluate((only) => window.heard.filter((event) => !only || event.prop === only), prop) as Promise<HeardEvent[]>;

describe('@sayso/react', () => {
  describe('props', () => {
    it('sets an object prop as the same object on the element, not as an attribute', async () => {
      const { same, attribute } = await page.evaluate(() => {
        const provider = document.querySelector<HTMLElement & { client: unknown }>('sayso-provider')!;
        return { same: provider.client === window.fixtureClient, attribute: provider.getAttribute('client') };
      });
      expect(same).toBe(true);
      expect(attribute).toBeNull();
    });

    it('sets camelCase props on their properties and strings as given', async () => {
      const postId = await page.evaluate(() => document.querySelector<HTMLElement & { postId: string }>('sayso-vote-button')!.postId);
      expect(postId).toBe(await page.evaluate(() => window.fixturePostId));
      expect(await page.getByRole('button', { name: /^Vote for “Dark mode”/ }).locator('[part="count"]').innerText()).toBe('4');
      expect(await page.getByRole('heading', { name: 'Your idea' }).isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Feedback' }).isVisible()).toBe(true);
    });

    it('passes a changed prop on when React renders again', async () => {
      await page.getByRole('button', { name: 'Rename launcher' }).click();
      await expect.poll(() => page.evaluate(() => document.querySelector<HTMLElement & { label: string }>('sayso-feedback-button')!.label)).toBe('Ideas?');
      await page.getByRole('button', { name: 'Ideas?' }).waitFor();
    });
  });

  describe('events', () => {
    it('hands onSaysoVote the SaysoVoteEvent once, and the handler may set state', async () => {
      const postId = await page.evaluate(() => window.fixturePostId);
      await page.getByRole('button', { name: /^Vote for “Dark mode”/ }).click();
      await expect.poll(() => heard('onSaysoVote')).toEqual([
        { prop: 'onSaysoVote', type: 'sayso-vote', isCustomEvent: true, detail: { postId, voted: true, voteCount: 5, peopleCount: 5 } },
      ]);
      expect(await page.locator('#votes').innerText()).toBe('5');
    });

    it('hands onSaysoSubmit the new idea once', async () => {
      const form = page.locator('sayso-idea-form');
      await form.getByLabel('Title').fill('Sync across devices');
      await form.getByRole('button', { name: 'Post idea' }).click();
      await expect.poll(async () => (await heard('onSaysoSubmit')).length).toBe(1);
      const [submitted] = await heard('onSaysoSubmit');
      expect(submitted).toMatchObject({ type: 'sayso-submit', isCustomEvent: true, detail: { post: { title: 'Sync across devices', board: 'demo' } } });
    });

    it('hands onSaysoOpen and onSaysoClose the visitor opening and closing the panel, once each', async () => {
      await page.getByRole('button', { name: 'Ideas?' }).click();
      await page.getByRole('dialog').waitFor();
      await expect.poll(() => heard('onSaysoOpen')).toEqual([{ prop: 'onSaysoOpen', type: 'sayso-open', isCustomEvent: true, detail: {} }]);
      await page.keyboard.press('Escape');
      await expect.poll(() => heard('onSaysoClose')).toEqual([
        { prop: 'onSaysoClose', type: 'sayso-close', isCustomEvent: true, detail: { reason: 'escape' } },
      ]);
      expect((await heard()).map((event) => event.prop)).toEqual(['onSaysoVote', 'onSaysoSubmit', 'onSaysoOpen', 'onSaysoClose']);
      expect(errors).toEqual([]);
    });
  });
});
