import { chromium, type Browser } from 'playwright-core';
import settings from '../../scripts/chromium.json' with { type: 'json' };

/** Debian's Chromium, headless; downloaded browsers are never used. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROME_PATH ?? settings.executablePath,
    headless: true,
    args: settings.args,
  });
}
