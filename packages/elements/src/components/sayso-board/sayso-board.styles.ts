import { css } from 'lit';
import { listStyles } from '../../styles/list.styles.js';
import { stateStyles } from '../../styles/states.styles.js';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  stateStyles,
  listStyles,
  css`
    :host {
      display: block;
    }

    .board {
      display: grid;
      gap: ${token.space4};
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      align-items: end;
      gap: ${token.space3};
    }

    .filter {
      display: grid;
      gap: 2px;
      font-size: 0.875rem;
      font-weight: 600;
    }

    select,
    [part~='search-input'] {
      min-height: 2.25rem;
      padding: ${token.space1} ${token.space2};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
      font: inherit;
      font-weight: 400;
    }

    .search {
      position: relative;
      display: flex;
      flex: 1 1 12rem;
      min-width: 10rem;
    }

    [part~='search-input'] {
      flex: 1;
      min-width: 0;
      padding-inline-end: 2.25rem;
    }

    [part~='search-input']::-webkit-search-cancel-button {
      display: none;
    }

    .search-clear {
      position: absolute;
      inset-block: 0;
      inset-inline-end: 0;
      width: 2.25rem;
      border: 0;
      background: transparent;
      color: ${token.colorTextMuted};
      font-size: 1.25rem;
      cursor: pointer;
    }

    .back {
      justify-self: start;
    }

    .message--empty {
      display: grid;
      justify-items: center;
      gap: ${token.space3};
    }

    .message--empty p {
      margin: 0;
    }

    .sorts {
      display: inline-flex;
      padding: 2px;
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurfaceSunken};
    }

    .sort {
      min-height: 2.25rem;
      padding: ${token.space1} ${token.space4};
      border: 0;
      border-radius: calc(${token.radius} - 2px);
      background: transparent;
      color: ${token.colorText};
      font-weight: 600;
      cursor: pointer;
    }

    .sort[aria-pressed='true'] {
      background: ${token.colorSurface};
      color: ${token.colorPrimary};
      box-shadow: 0 1px 2px rgb(0 0 0 / 0.12);
    }

    .list[aria-busy='true'] {
      opacity: 0.6;
    }

    /* The virtualizer positions each item itself (and makes the list a block): the gap becomes a
       margin, which its layout collapses between neighbours as the grid gap would read. */
    .list--virtual > [part~='item'] {
      width: 100%;
      margin-block-end: ${token.space3};
    }
  `,
];
