import { css } from 'lit';
import { token } from './tokens.styles.js';

/**
 * A button inside a sentence that reads as a link: "Merged into “Dark mode”". Kept out of
 * tokens.styles.ts, which the launcher loads before anyone clicks: a css`` block is never
 * tree-shaken, and only cards and the detail use this one.
 */
export const linkButtonStyles = css`
  .link-button {
    all: unset;
    display: inline;
    color: ${token.colorPrimary};
    font: inherit;
    text-decoration: underline;
    cursor: pointer;
    overflow-wrap: anywhere;
  }

  .link-button:focus-visible {
    outline: 2px solid ${token.colorFocus};
    outline-offset: 2px;
    border-radius: 2px;
  }
`;
