import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium } from './browser.js';
import { freePort, startSaysoServer, type RunningServer } from './sayso-server.js';

/** The reference server on an embedded database of its own, and Chromium, shared by a suite's tests. */
export interface E2eSite {
  /** The running server (a new one after `startServerAgain`). */
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Starts the server again after `server.stop()`, on the same port and data, where the browser expects it. */
  startServerAgain(): Promise<void>;
}

/**
 * Registers hooks that start the server (as `npm start` runs it, its data in a fresh temp folder
 * named `${dataDirPrefix}…`) and Chromium before the suite's tests, and stop both and delete the
 * folder after them. `env` adds server settings (e.g. `SAYSO_ADMIN_KEY`); `browser: false`
 * starts no Chromium for suites that only call the API. `server` and `browser` can be read once
 * the suite's tests run. Called inside a `describe`, the hooks are that block's.
 */
export function useE2eSite(dataDirPrefix: string, env: Record<string, string> = {}, options: { browser?: boolean } = {}): E2eSite {
  const dataDir = mkdtempSync(join(tmpdir(), dataDirPrefix));
  let port: number;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  const startServer = async () => void (server = await startSaysoServer({ env: { ...env, SAYSO_DATA_DIR: dataDir }, port }));

  beforeAll(async () => {
    port = await freePort();
    [browser] = await Promise.all([options.browser === false ? undefined : launchChromium(), startServer()]);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  return {
    get server() {
      if (!server) throw new Error('The e2e server has not started: read it inside a test.');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('The e2e browser has not started: read it inside a test.');
      return browser;
    },
    startServerAgain: startServer,
  };
}
