import { css } from 'lit';

/** What every console screen's element is: a block whose toolbar starts with the screen's heading. */
export const screenStyles = css`
  :host {
    display: block;
  }

  .toolbar h1 {
    margin: 0;
    margin-inline-end: auto;
    font-size: 1.25rem;
  }
`;
