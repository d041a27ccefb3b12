import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Opens the page's feedback launcher and posts an idea on the demo board through its form, as a
 * visitor would; resolves once the server created it (201) and the form thanked the visitor.
 */
export async function postIdeaThroughLauncher(page: Page, idea: { title: string; details?: string }): Promise<void> {
  await page.getByRole('button', { name: 'Feedback' }).click();
  await page.getByRole('dialog').waitFor();
  await page.getByLabel('Title').fill(idea.title);
  if (idea.details !== undefined) await page.getByLabel(/Details/).fill(idea.details);
  const created = page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/boards/demo/posts'));
  await page.getByRole('button', { name: 'Post idea' }).click();
  expect((await created).status()).toBe(201);
  await expect.poll(() => page.getByText('your idea was posted').isVisible()).toBe(true);
}
