// What a keyboard user reaches: the element with focus, down through shadow roots, and pressing a
// key until focus is where the user wants it. For the admin console's keyboard-only e2e tests.
import type { Page } from 'playwright-core';

/** The element with focus: its tag, its name (a field's label, else `aria-label`, else its text) and its text. */
export interface Focused {
  tag: string;
  name: string;
  text: string;
}

export const focused = (page: Page): Promise<Focused> =>
  page.evaluate(() => {
    let element = document.activeElement;
    while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
    const squeeze = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
    const label = element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement ? element.labels?.[0]?.textContent : null;
    const text = squeeze(element?.textContent);
    return { tag: element?.localName ?? '', name: squeeze(label ?? element?.getAttribute('aria-label') ?? text), text };
  });

/** Presses `key` until `is` holds for what has focus, at most `max` times; throws naming where focus is. */
export async function pressUntil(page: Page, key: string, is: (now: Focused) => boolean, max = 40): Promise<void> {
  for (let presses = 0; presses < max; presses++) {
    if (is(await focused(page))) return;
    await page.keyboard.press(key);
  }
  const now = await focused(page);
  if (!is(now)) throw new Error(`pressing ${key} ${max} times never reached it; focus is on <${now.tag}> "${now.name}"`);
}
