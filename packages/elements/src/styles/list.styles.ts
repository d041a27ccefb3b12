import { css } from 'lit';
import { token } from './tokens.styles.js';

/**
 * The bare `.list` of items every list element shows (board, roadmap, changelog, notifications).
 * The gap is the roomy default; compact lists set their own `.list { gap }` after this block.
 * An item's `.title` that links to the idea on the host's page (`post-href`) looks like a link.
 */
export const listStyles = css`
  .list {
    display: grid;
    gap: ${token.space3};
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .title a {
    color: ${token.colorPrimary};
    text-decoration: underline;
    text-underline-offset: 2px;
  }
`;
