import { css } from 'lit';
import { token } from './tokens.styles.js';

/**
 * The loading, empty and error message boxes and the Load more button that every list shows.
 * The box padding is the roomy default; compact places (roadmap columns, the comment list)
 * set their own `.message { padding }` after this block.
 */
export const stateStyles = css`
  .message {
    margin: 0;
    padding: ${token.space5} ${token.space4};
    border: 1px dashed ${token.colorBorder};
    border-radius: ${token.radius};
    color: ${token.colorTextMuted};
    text-align: center;
  }

  .message--error {
    display: grid;
    justify-items: center;
    gap: ${token.space3};
    border-style: solid;
    color: ${token.colorText};
  }

  .message--error p {
    margin: 0;
  }

  .load-more {
    justify-self: center;
  }
`;
