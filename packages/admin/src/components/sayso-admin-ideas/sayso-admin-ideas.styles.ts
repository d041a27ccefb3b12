import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    display: block;
  }

  .heading {
    margin: 0 0 ${token.space3};
    font-size: 1.25rem;
  }

  .bulk {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space2};
    margin-block-end: ${token.space3};
    align-items: center;
    padding: ${token.space2};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurfaceSunken};
  }

  .status-line:empty {
    display: none;
  }

  .status-line {
    display: grid;
    gap: 2px;
    margin-block-end: ${token.space2};
  }

  :host {
    container-type: inline-size;
  }

  /* No overflow on the table's ancestors: the virtualizer would take one for its scroller. */
  .grid {
    font-size: 0.875rem;
  }

  .row {
    display: grid;
    grid-template-columns: 2rem minmax(0, 3fr) minmax(0, 1fr) 8rem 4.5rem 6rem 4.5rem 4.5rem minmax(0, 1.5fr) 7.5rem;
    align-items: center;
    box-sizing: border-box;
    width: 100%;
    /* A fixed height: the virtualizer measures each row once, and no width makes it change. */
    height: 2.25rem;
    border-block-end: 1px solid ${token.colorBorder};
  }

  .row > * {
    padding: ${token.space1} ${token.space2};
    overflow: hidden;
    text-overflow: ellipsis;
    white-space: nowrap;
  }

  .row.head {
    color: ${token.colorTextMuted};
    font-weight: 600;
  }

  .row[aria-selected='true'] {
    background: ${token.colorSurfaceSunken};
    box-shadow: inset 3px 0 0 ${token.colorPrimary};
  }

  .row:focus-visible {
    outline: 2px solid ${token.colorPrimary};
    outline-offset: -2px;
  }

  .body {
    /* The virtualizer scrolls within the page; rows outside the viewport are not rendered. */
    min-height: 2.25rem;
  }

  /* Narrow: the columns that decide most stay (title, status, people, last activity). */
  @container (max-width: 50rem) {
    .row {
      grid-template-columns: 2rem minmax(0, 1fr) 7rem 4rem 6.5rem;
    }

    .row > .board,
    .row > .mrr,
    .row > .priority,
    .row > .evidence,
    .row > .tags {
      display: none;
    }
  }

  .sort {
    padding: 0;
    border: 0;
    background: none;
    color: inherit;
    font: inherit;
    cursor: pointer;
  }

  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  .tags .badge + .badge {
    margin-inline-start: 2px;
  }

  .title a {
    color: ${token.colorText};
    text-decoration: none;
  }

  .title a:hover {
    text-decoration: underline;
  }

  .more {
    margin-block-start: ${token.space3};
  }

  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }

  dialog form {
    display: grid;
    gap: ${token.space3};
  }

  dialog h2 {
    margin: 0;
    font-size: 1.125rem;
  }

  fieldset {
    display: grid;
    gap: ${token.space2};
    border: 0;
    padding: 0;
    margin: 0;
  }

  .choice {
    display: flex;
    gap: ${token.space2};
    align-items: center;
  }

  .actions {
    display: flex;
    justify-content: end;
    gap: ${token.space2};
  }
`;
