import type { Browser, Page } from 'playwright-core';

/** What a story showed, judged once it settled. */
export interface StoryCheck {
  /** Errors the page threw, and those Storybook caught while it loaded and rendered the story. */
  errors: string[];
  /** Whether the story's element (its first Sayso element other than the provider) takes up room on the page. */
  showsElement: boolean;
  /** axe-core's violations in the story's root, one line each. */
  violations: string[];
}

/** How long Storybook may take to load, render and play one story (loaders that wait on a slow mocked API included). */
const STORY_FINISH_LIMIT_MS = 30_000;

/**
 * How long a story's mocked API may keep requests open before the story is judged as it
 * stands: the loading states' requests never get an answer, and this was the fixed wait every
 * story had before.
 */
const SETTLE_LIMIT_MS = 300;

/** The page's fetch calls still waiting for an answer, counted per story (see {@link countPendingFetches}). */
interface PendingFetches {
  readonly count: number;
  /** Leaves the earlier stories' requests uncounted: a loading state's request never settles. */
  startStory(): void;
}

/**
 * Counts the fetch calls waiting for an answer, which is how the elements reach the mocked API
 * (their live stream too: its fetch settles with the stream's first bytes). Runs in the page
 * before its own scripts, so every request of the elements is counted.
 */
function countPendingFetches() {
  let pending = new Set<object>();
  const fetchOfPage = window.fetch;
  window.fetch = (...args: Parameters<typeof fetch>) => {
    const request = {};
    const ofStory = pending;
    ofStory.add(request);
    return fetchOfPage.apply(window, args).finally(() => ofStory.delete(request));
  };
  const fetches: PendingFetches = {
    get count() {
      return pending.size;
    },
    startStory: () => {
      pending = new Set();
    },
  };
  (window as unknown as { __pendingFetches: PendingFetches }).__pendingFetches = fetches;
}

/**
 * One Storybook preview (iframe.html) kept open across stories: each story is switched in
 * through the preview's channel, as the Storybook UI does, instead of loading Storybook again.
 * The preview has a browser context of its own, so its storage is no other preview's.
 */
export class StoryPreview {
  readonly #page: Page;
  readonly #site: string;
  readonly #axeSource: string;
  #pageErrors: string[] = [];
  /** Set when a story left the preview in a state the next story cannot start from. */
  #needsReload = true;

  private constructor(page: Page, site: string, axeSource: string) {
    this.#page = page;
    this.#site = site;
    this.#axeSource = axeSource;
    page.on('pageerror', (error) => this.#pageErrors.push(error.message));
  }

  static async open(browser: Browser, site: string, axeSource: string): Promise<StoryPreview> {
    const page = await browser.newPage();
    await page.addInitScript(countPendingFetches);
    return new StoryPreview(page, site, axeSource);
  }

  close(): Promise<void> {
    return this.#page.close();
  }

  /** Shows the story `storyId`, lets it settle, and judges it. */
  async check(storyId: string): Promise<StoryCheck> {
    try {
      if (this.#needsReload) await this.#load();
      const { storybookErrors: errors, finished } = await this.#show(storyId);
      if (!finished) {
        // Storybook would reload the page to tear down a story still rendering or playing.
        this.#needsReload = true;
        errors.push(`the story did not finish rendering and playing within ${STORY_FINISH_LIMIT_MS} ms`);
      }
      await this.#settle();
      const showsElement = await this.#showsElement();
      const violations = await this.#axeViolations();
      return { errors: [...errors, ...this.#takePageErrors()], showsElement, violations };
    } catch (error) {
      this.#needsReload = true;
      throw error;
    }
  }

  /** What the page threw since the last story's check: it belongs to this story, nothing else ran. */
  #takePageErrors(): string[] {
    const errors = this.#pageErrors;
    this.#pageErrors = [];
    return errors;
  }

  async #load(): Promise<void> {
    // Without a story in the address, the preview shows none until it is told which.
    await this.#page.goto(`${this.#site}/iframe.html`);
    await this.#page.waitForFunction(() => '__STORYBOOK_PREVIEW__' in window);
    await this.#page.evaluate(() => (window as unknown as { __STORYBOOK_PREVIEW__: { ready(): Promise<void> } }).__STORYBOOK_PREVIEW__.ready());
    await this.#page.addScriptTag({ content: this.#axeSource });
    this.#needsReload = false;
  }

  /**
   * Empties the preview of the last story, then has Storybook render `storyId` and play it,
   * collecting the errors Storybook reports on its channel (it catches what a story throws).
   */
  #show(storyId: string): Promise<{ storybookErrors: string[]; finished: boolean }> {
    return this.#page.evaluate(
      async ({ storyId, limitMs }) => {
        // Storybook only replaces the last story's elements when the next one mounts; they leave
        // first here, and with them what they kept in the browser (drafts, seen changelog
        // entries, the outbox's waiting votes), so every story starts as on a fresh page.
        document.querySelector('#storybook-root')!.replaceChildren();
        localStorage.clear();
        sessionStorage.clear();
        await Promise.all(
          (await indexedDB.databases()).map(
            ({ name }) =>
              new Promise<void>((resolve, reject) => {
                const opening = indexedDB.open(name!);
                opening.onerror = () => reject(opening.error);
                opening.onsuccess = () => {
                  const database = opening.result;
                  const stores = [...database.objectStoreNames];
                  if (stores.length === 0) return void (database.close(), resolve());
                  const clearing = database.transaction(stores, 'readwrite');
                  for (const store of stores) clearing.objectStore(store).clear();
                  clearing.oncomplete = () => (database.close(), resolve());
                  clearing.onerror = () => (database.close(), reject(clearing.error));
                };
              }),
          ),
        );
        (window as unknown as { __pendingFetches: { startStory(): void } }).__pendingFetches.startStory();

        type Listener = (payload: unknown) => void;
        const channel = (window as unknown as {
          __STORYBOOK_ADDONS_CHANNEL__: { on(event: string, listener: Listener): void; off(event: string, listener: Listener): void; emit(event: string, payload: unknown): void };
        }).__STORYBOOK_ADDONS_CHANNEL__;
        const storybookErrors: string[] = [];
        // A play function that gives up waiting for its state is not counted: the story is
        // judged as it stands, as it always was. (What a play function leaves unhandled is a
        // page error, counted as such.)
        const reports: Record<string, Listener> = {
          storyThrewException: (error) => {
            const { name, message } = error as { name: string; message: string };
            storybookErrors.push(`the story threw ${name}: ${message}`);
          },
          storyErrored: (error) => {
            const { title, description } = error as { title: string; description: string };
            storybookErrors.push(`the story could not render: ${title} ${description}`);
          },
          storyMissing: () => storybookErrors.push('Storybook could not load the story'),
        };
        for (const [event, listener] of Object.entries(reports)) channel.on(event, listener);
        const finished = await new Promise<boolean>((resolve) => {
          const end = (finished: boolean) => {
            clearTimeout(timer);
            channel.off('storyFinished', onFinished);
            channel.off('storyMissing', onMissing);
            resolve(finished);
          };
          const timer = setTimeout(() => end(false), limitMs);
          // Storybook sends storyFinished last, after playing, for a story that failed too.
          const onFinished = (payload: unknown) => {
            const { storyId: finishedId, status } = payload as { storyId: string; status: string };
            if (finishedId !== storyId) return;
            if (status !== 'success' && storybookErrors.length === 0) storybookErrors.push(`Storybook reports the story as ${status}`);
            end(true);
          };
          const onMissing = () => end(true);
          channel.on('storyFinished', onFinished);
          channel.on('storyMissing', onMissing);
          channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
        });
        for (const [event, listener] of Object.entries(reports)) channel.off(event, listener);
        return { storybookErrors, finished };
      },
      { storyId, limitMs: STORY_FINISH_LIMIT_MS },
    );
  }

  /**
   * Waits until the mocked API has answered what the story asked and every Sayso element has
   * rendered it, so the story is judged as a person would see it; at most {@link SETTLE_LIMIT_MS}
   * for stories whose requests stay open (loading states).
   */
  #settle(): Promise<void> {
    return this.#page.evaluate(async (limitMs) => {
      type Rendering = Element & { updateComplete: Promise<unknown>; isUpdatePending: boolean };
      // Elements inside other elements' shadow roots render on their own, so they count too.
      const saysoElementsIn = (root: ParentNode): Rendering[] =>
        [...root.querySelectorAll('*')].flatMap((element) => [
          ...(element.localName.startsWith('sayso-') ? [element as Rendering] : []),
          ...(element.shadowRoot ? saysoElementsIn(element.shadowRoot) : []),
        ]);
      const fetches = (window as unknown as { __pendingFetches: { count: number } }).__pendingFetches;
      const root = document.querySelector('#storybook-root')!;
      const deadline = performance.now() + limitMs;
      // Calm twice in a row: an answer that just came in may start another request or render.
      let calmChecks = 0;
      while (calmChecks < 2 && performance.now() < deadline) {
        const rendering = saysoElementsIn(root);
        await Promise.all(rendering.map((element) => element.updateComplete));
        await new Promise((resolve) => setTimeout(resolve, 20));
        const now = saysoElementsIn(root);
        const calm = fetches.count === 0 && now.length === rendering.length && now.every((element) => !element.isUpdatePending);
        calmChecks = calm ? calmChecks + 1 : 0;
      }
    }, SETTLE_LIMIT_MS);
  }

  async #showsElement(): Promise<boolean> {
    const element = await this.#page.evaluateHandle(() =>
      [...document.querySelectorAll('#storybook-root *')].find(
        (element) => element.localName.startsWith('sayso-') && element.localName !== 'sayso-provider',
      ),
    );
    const box = await element.asElement()?.boundingBox();
    await element.dispose();
    return box != null;
  }

  #axeViolations(): Promise<string[]> {
    return this.#page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element): Promise<{ violations: Array<{ id: string; help: string; nodes: unknown[] }> }> } }).axe;
      const result = await axe.run(document.querySelector('#storybook-root')!);
      return result.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.length} nodes)`);
    });
  }
}
