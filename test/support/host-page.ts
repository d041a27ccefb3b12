import type { BrowserContext, Page } from 'playwright-core';
import type { E2eSite } from './e2e-site.js';
import { voteButtons } from './vote-buttons.js';

/** The vanilla host page as a new visitor opens it: its board shown, the errors it throws collected. */
export async function openHostPage(site: E2eSite): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await site.browser.newContext();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.goto(site.server.url);
  await voteButtons(page).first().waitFor();
  return { context, page, errors };
}

/** The bell's button on a page. */
export const bellOf = (page: Page) => page.locator('sayso-notifications [part="trigger"]');
