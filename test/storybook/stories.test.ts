// Every story must build and render: a designer browsing Storybook never meets a broken state.
// Each story is shown in Chromium from the static build, switched into one preview page as the
// Storybook UI does; it must render Sayso elements, throw nothing, and pass axe-core's checks.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../support/browser.js';
import { serveFolder } from '../support/static-server.js';
import { StoryPreview } from '../support/story-preview.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = `${root}.tmp/storybook-static`;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

const pnpm = (...args: string[]) => spawnSync('npx', ['-y', 'pnpm@12.4.2', ...args], { cwd: root, encoding: 'utf8' });
// The same two steps as `npm run build-storybook`: the generated manifest feeds the docs pages.
// `check:generated` writes only the manifest (git-ignored), never the committed generated files
// whose drift another test checks.
const manifest = pnpm('--filter', '@sayso/elements', 'run', 'check:generated');
const adminManifest = manifest.status === 0 ? pnpm('--filter', '@sayso/admin', 'run', 'analyze') : manifest;
const build = adminManifest.status === 0 ? pnpm('exec', 'storybook', 'build', '-o', outDir, '--quiet') : adminManifest;
const index = build.status === 0 ? JSON.parse(readFileSync(`${outDir}/index.json`, 'utf8')) : { entries: {} };
const stories = Object.values(index.entries as Record<string, { id: string; type: string; title: string; name: string }>)
  .filter((entry) => entry.type === 'story');

describe('Storybook', () => {
  let browser: Browser;
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let preview: StoryPreview;

  beforeAll(async () => {
    browser = await launchChromium();
    site = await serveFolder(outDir);
    preview = await StoryPreview.open(browser, site.url, axeSource);
  });
  afterAll(async () => {
    await preview?.close();
    await browser?.close();
    await site?.close();
  });

  it('builds, with a docs page for every element', () => {
    expect(build.status, build.stderr + build.stdout).toBe(0);
    expect(stories.length).toBeGreaterThan(10);
    const docs = Object.values(index.entries as Record<string, { type: string; title: string }>).filter((e) => e.type === 'docs');
    // Every visible element of the generated manifests has its page (the widget's under Elements/,
    // the console's under Admin/); the provider renders nothing, and the console's sign-in form
    // and shortcut overview are shown in the console's own stories.
    const tagsOf = (pkg: string) => {
      const manifest = JSON.parse(readFileSync(`${root}packages/${pkg}/custom-elements.json`, 'utf8')) as {
        modules: Array<{ declarations?: Array<{ tagName?: string }> }>;
      };
      return manifest.modules.flatMap((m) => m.declarations ?? []).flatMap((d) => (d.tagName ? [d.tagName] : []));
    };
    const insideOthers = ['sayso-provider', 'sayso-admin-sign-in', 'sayso-admin-shortcuts'];
    const pages = [
      ...tagsOf('elements').map((tag) => `Elements/${tag}`),
      ...tagsOf('admin').map((tag) => `Admin/${tag}`),
    ].filter((title) => !insideOthers.some((tag) => title.endsWith(`/${tag}`)));
    expect(pages.length).toBeGreaterThanOrEqual(5);
    expect(docs.map((entry) => entry.title).sort()).toEqual(pages.sort());
  });

  it('documents each element\'s API from the generated manifest', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/iframe.html?id=elements-sayso-vote-button--docs&viewMode=docs`);
    const docs = page.locator('.sbdocs-content');
    await docs.getByText('post-id').first().waitFor();
    for (const name of ['sayso-vote', 'vote-button', '--sayso-color-primary']) {
      expect(await docs.getByText(name).count(), name).toBeGreaterThan(0);
    }
    await page.close();
  });

  // Storybook's docs plugin replaces a meta's `parameters: mockApi()` call with its own object,
  // which once left every story without its own parameters talking to nothing (404s shown as
  // "This board could not be found"). Every story must reach the mocked API.
  it('gives every story the mocked API\'s handlers', async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}/iframe.html?id=${stories[0]!.id}&viewMode=story`);
    await page.waitForFunction(() => '__STORYBOOK_PREVIEW__' in window);
    const withoutHandlers = await page.evaluate(async (ids) => {
      type Preview = { storyStoreValue: { loadStory(o: { storyId: string }): Promise<{ parameters: { msw?: { handlers?: unknown[] } } }> } };
      const preview = (window as unknown as { __STORYBOOK_PREVIEW__: Preview }).__STORYBOOK_PREVIEW__;
      const missing: string[] = [];
      for (const storyId of ids) {
        const story = await preview.storyStoreValue.loadStory({ storyId });
        if (!story.parameters.msw?.handlers?.length) missing.push(storyId);
      }
      return missing;
    }, stories.map((story) => story.id));
    await page.close();
    expect(withoutHandlers).toEqual([]);
  });

  describe.each(stories)('$title / $name', (story) => {
    it('renders without errors and passes axe', async () => {
      const { errors, showsElement, violations } = await preview.check(story.id);
      expect(errors).toEqual([]);
      expect(showsElement, 'the story shows its element').toBe(true);
      expect(violations).toEqual([]);
    });
  });
});
