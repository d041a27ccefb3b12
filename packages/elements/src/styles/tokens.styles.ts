import { css, unsafeCSS } from 'lit';

/**
 * The colour fallbacks, light then dark: what elements use where the host page sets no token.
 * The light values equal `light.css` and the dark ones `dark.css`; keep the three in step.
 * Each element picks one column for itself (see `componentStyles`): dark when the visitor's
 * system prefers it, light otherwise. A token the host sets (`--sayso-color-text` on any
 * ancestor, or `light.css` / `dark.css` and their `sayso-theme-*` classes) always wins.
 */
const colors = {
  primary: ['#4338ca', '#a5b4fc'],
  'on-primary': ['#ffffff', '#111827'],
  text: ['#1f2933', '#e6e8eb'],
  'text-muted': ['#52606d', '#a3acb9'],
  surface: ['#ffffff', '#16181d'],
  'surface-sunken': ['#f5f7fa', '#0f1115'],
  border: ['#c4cdd5', '#4a515c'],
  danger: ['#b42318', '#fda29b'],
  success: ['#067647', '#75e0a7'],
  focus: ['#2563eb', '#93c5fd'],
} as const;

type ColorName = keyof typeof colors;

/** `var(--sayso-color-<name>, var(--_sayso-fallback-<name>))`: the host's token, else the built-in one. */
const color = (name: ColorName) =>
  unsafeCSS(`var(--sayso-color-${name}, var(--_sayso-fallback-${name}))`);

/** The private fallback properties, one column of `colors`, for a `:host` rule. */
const fallbacks = (column: 0 | 1) =>
  unsafeCSS(
    (Object.keys(colors) as ColorName[]).map((name) => `--_sayso-fallback-${name}: ${colors[name][column]};`).join('\n'),
  );

/**
 * Every design token with its built-in fallback, so elements look right with no theme CSS.
 * Sizes and fonts fall back to the values in `light.css`; colours to the light or dark column of
 * `colors` above, whichever `prefers-color-scheme` asks for.
 */
export const token = {
  colorPrimary: color('primary'),
  colorOnPrimary: color('on-primary'),
  colorText: color('text'),
  colorTextMuted: color('text-muted'),
  colorSurface: color('surface'),
  colorSurfaceSunken: color('surface-sunken'),
  colorBorder: color('border'),
  colorDanger: color('danger'),
  colorSuccess: color('success'),
  colorFocus: color('focus'),
  radius: css`var(--sayso-radius, 8px)`,
  fontFamily: css`var(--sayso-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif)`,
  fontSize: css`var(--sayso-font-size, 1rem)`,
  space1: css`var(--sayso-space-1, 0.25rem)`,
  space2: css`var(--sayso-space-2, 0.5rem)`,
  space3: css`var(--sayso-space-3, 0.75rem)`,
  space4: css`var(--sayso-space-4, 1rem)`,
  space5: css`var(--sayso-space-5, 1.5rem)`,
  space6: css`var(--sayso-space-6, 2rem)`,
};

/**
 * What every element starts from: its own text settings (host pages' inherited `line-height`,
 * `text-transform` or `letter-spacing` must not leak in), `[hidden]` that really hides, focus rings
 * and a visually hidden utility for screen-reader-only text.
 *
 * The text settings are set again on the shadow root's top-level nodes: a page rule that matches
 * the host element itself (`* { letter-spacing: 1em }`) beats `:host`, but cannot reach inside.
 *
 * The built-in colours follow `prefers-color-scheme`. Under a dark preference the element also
 * asks for dark native controls and scrollbars (`color-scheme`) unless the host says otherwise
 * with `--sayso-color-scheme`, as `light.css` and `dark.css` do.
 */
export const componentStyles = css`
  :host {
    box-sizing: border-box;
    ${fallbacks(0)}
  }

  @media (prefers-color-scheme: dark) {
    :host {
      ${fallbacks(1)}
      color-scheme: var(--sayso-color-scheme, dark);
    }
  }

  :host,
  :host > * {
    font-family: ${token.fontFamily};
    font-size: ${token.fontSize};
    font-weight: 400;
    font-style: normal;
    line-height: 1.5;
    letter-spacing: normal;
    text-transform: none;
    text-align: start;
    text-indent: 0;
    word-spacing: normal;
    white-space: normal;
    color: ${token.colorText};
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }

  button,
  input,
  textarea,
  select {
    font: inherit;
    letter-spacing: inherit;
    color: inherit;
  }

  :focus-visible {
    outline: 2px solid ${token.colorFocus};
    outline-offset: 2px;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    padding: 0 !important;
    margin: -1px !important;
    overflow: hidden !important;
    clip: rect(0 0 0 0) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }
`;

/** A plain button in the Sayso look, for secondary actions (Retry, Load more). */
export const buttonStyles = css`
  .button {
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: ${token.space2};
    min-height: 2.5rem;
    padding: ${token.space2} ${token.space4};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
    color: ${token.colorText};
    font-weight: 600;
    cursor: pointer;
  }

  .button:hover {
    border-color: ${token.colorPrimary};
  }

  .button--primary {
    border-color: ${token.colorPrimary};
    background: ${token.colorPrimary};
    color: ${token.colorOnPrimary};
  }

  .button:disabled {
    cursor: not-allowed;
    opacity: 0.7;
  }
`;
