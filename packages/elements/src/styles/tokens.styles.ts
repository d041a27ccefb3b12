import { css } from 'lit';

/**
 * Every design token with its built-in fallback, so elements look right with no theme CSS.
 * The fallbacks equal the values in `light.css`; keep the two in step.
 */
export const token = {
  colorPrimary: css`var(--sayso-color-primary, #4338ca)`,
  colorOnPrimary: css`var(--sayso-color-on-primary, #ffffff)`,
  colorText: css`var(--sayso-color-text, #1f2933)`,
  colorTextMuted: css`var(--sayso-color-text-muted, #52606d)`,
  colorSurface: css`var(--sayso-color-surface, #ffffff)`,
  colorSurfaceSunken: css`var(--sayso-color-surface-sunken, #f5f7fa)`,
  colorBorder: css`var(--sayso-color-border, #c4cdd5)`,
  colorDanger: css`var(--sayso-color-danger, #b42318)`,
  colorSuccess: css`var(--sayso-color-success, #067647)`,
  colorFocus: css`var(--sayso-color-focus, #2563eb)`,
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
 */
export const componentStyles = css`
  :host {
    box-sizing: border-box;
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
