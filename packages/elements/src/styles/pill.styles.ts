import { css } from 'lit';
import { token } from './tokens.styles.js';

/**
 * The rounded label an idea's status and tags are shown in (card, detail, changelog). A status
 * (`data-status`) is set in bold.
 */
export const pillStyles = css`
  .pill {
    padding: 0 ${token.space2};
    border: 1px solid ${token.colorBorder};
    border-radius: 999px;
    background: ${token.colorSurfaceSunken};
    color: ${token.colorText};
  }

  .pill[data-status] {
    font-weight: 600;
  }
`;
