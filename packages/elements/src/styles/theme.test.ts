import { expect, fixture, html } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import type { SaysoBoard } from '../components/sayso-board/sayso-board.component.js';
import '../components/sayso-board/sayso-board.js';
import { memoryClient } from '../internal/test-fixtures.js';

// The built-in colours follow prefers-color-scheme; host tokens and the theme classes win.
const LIGHT_SURFACE = 'rgb(255, 255, 255)';
const LIGHT_TEXT = 'rgb(31, 41, 51)';
const DARK_SURFACE = 'rgb(22, 24, 29)';
const DARK_TEXT = 'rgb(230, 232, 235)';

async function until(condition: () => boolean, what = 'condition') {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(condition(), what).to.be.true;
}

/** A board inside a wrapper (where a host would put its theme class or tokens), loaded. */
async function board(wrapper: { class?: string; style?: string } = {}) {
  const root = await fixture<HTMLDivElement>(
    html`<div class=${wrapper.class ?? ''} style=${wrapper.style ?? ''}>
      <sayso-board board="demo" .client=${memoryClient()}></sayso-board>
    </div>`,
  );
  const el = root.querySelector<SaysoBoard>('sayso-board')!;
  await until(() => el.shadowRoot!.querySelectorAll('sayso-post-card').length > 0, 'cards shown');
  const card = el.shadowRoot!.querySelector('sayso-post-card')!;
  await card.updateComplete;
  const article = card.shadowRoot!.querySelector<HTMLElement>('[part="card"]')!;
  return { root, el, article };
}

const colours = (node: HTMLElement) => {
  const style = getComputedStyle(node);
  return { background: style.backgroundColor, text: style.color };
};

/** Loads a theme file from src/styles the way a host page would (as CSS), for one test. */
async function themeCss(name: 'light.css' | 'dark.css') {
  const style = document.createElement('style');
  style.textContent = await (await fetch(new URL(`./${name}`, import.meta.url))).text();
  document.head.append(style);
  return () => style.remove();
}

describe('themes', () => {
  afterEach(async () => {
    await emulateMedia({ colorScheme: 'light' });
  });

  it('is light with no theme CSS under a light preference', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { article } = await board();
    expect(colours(article)).to.deep.equal({ background: LIGHT_SURFACE, text: LIGHT_TEXT });
  });

  it('follows a dark preference with no theme CSS', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { el, article } = await board();
    expect(colours(article)).to.deep.equal({ background: DARK_SURFACE, text: DARK_TEXT });
    expect(getComputedStyle(el).colorScheme).to.equal('dark');
  });

  it('switches when the preference changes, without re-rendering', async () => {
    await emulateMedia({ colorScheme: 'light' });
    const { article } = await board();
    expect(colours(article).background).to.equal(LIGHT_SURFACE);
    await emulateMedia({ colorScheme: 'dark' });
    expect(colours(article).background).to.equal(DARK_SURFACE);
  });

  it('lets class="sayso-theme-light" (light.css) force light under a dark preference', async () => {
    const remove = await themeCss('light.css');
    try {
      await emulateMedia({ colorScheme: 'dark' });
      const { el, article } = await board({ class: 'sayso-theme-light' });
      expect(colours(article)).to.deep.equal({ background: LIGHT_SURFACE, text: LIGHT_TEXT });
      expect(getComputedStyle(el).colorScheme).to.equal('light');
    } finally {
      remove();
    }
  });

  it('lets class="sayso-theme-dark" (dark.css) force dark under a light preference', async () => {
    const remove = await themeCss('dark.css');
    try {
      await emulateMedia({ colorScheme: 'light' });
      const { article } = await board({ class: 'sayso-theme-dark' });
      expect(colours(article)).to.deep.equal({ background: DARK_SURFACE, text: DARK_TEXT });
    } finally {
      remove();
    }
  });

  it('lets host tokens win over the built-in colours of either scheme', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { article } = await board({ style: '--sayso-color-surface: #fffbeb; --sayso-color-text: #3b0764' });
    expect(colours(article)).to.deep.equal({ background: 'rgb(255, 251, 235)', text: 'rgb(59, 7, 100)' });
  });

  it('is accessible in dark, on a dark page', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const { root, el } = await board({ style: 'background: #16181d; padding: 1rem' });
    expect(colours(root).background).to.equal(DARK_SURFACE);
    await expect(el).to.be.accessible();
  });
});
