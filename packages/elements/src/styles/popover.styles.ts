import { css } from 'lit';
import { token } from './tokens.styles.js';

/**
 * The floating `.panel` of a popover (the feedback launcher, the notifications bell), placed by
 * `controllers/floating.ts`. Each popover sets its own `.panel { width; max-height }` after this
 * block, capped by the `--sayso-available-*` space the controller measures.
 */
export const popoverStyles = css`
  .panel {
    /* Fixed, high above the page: floating-ui sets left/top and the space available. */
    position: fixed;
    inset: auto;
    z-index: 2147483000;
    margin: 0;
    padding: 0;
    display: flex;
    flex-direction: column;
    overflow: hidden;
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
    color: ${token.colorText};
    font-family: ${token.fontFamily};
    box-shadow: 0 12px 40px rgb(0 0 0 / 0.22);
  }
`;
