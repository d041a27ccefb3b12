// How the e2e tests find Sayso's vote buttons on a page, by their accessible names as a
// visitor's screen reader meets them.
import type { Locator, Page } from 'playwright-core';

/** Every idea's vote button in `scope`, in the order shown. */
export const voteButtons = (scope: Page | Locator) => scope.getByRole('button', { name: /^Vote for/ });

/** The vote button of the idea titled `title`. */
export const voteButtonFor = (page: Page, title: string) => page.getByRole('button', { name: `Vote for “${title}”` });

/** The vote count a vote button shows. */
export const countOf = async (button: Locator) => Number(await button.locator('[part="count"]').innerText());
