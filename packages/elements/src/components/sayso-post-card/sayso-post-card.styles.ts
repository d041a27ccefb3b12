import { css } from 'lit';
import { pillStyles } from '../../styles/pill.styles.js';
import { linkButtonStyles } from '../../styles/link-button.styles.js';
import { componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  linkButtonStyles,
  pillStyles,
  css`
    :host {
      display: block;
    }

    [part='card'] {
      display: flex;
      align-items: flex-start;
      gap: ${token.space4};
      padding: ${token.space4};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
    }

    [part='vote'] {
      flex: none;
    }

    [part='content'] {
      flex: 1;
      min-width: 0;
    }

    [part='title'] {
      margin: 0;
      font-size: 1.0625rem;
      font-weight: 650;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }

    .title-button {
      all: unset;
      display: inline;
      color: inherit;
      font: inherit;
      cursor: pointer;
      overflow-wrap: anywhere;
    }

    .title-button:hover {
      color: ${token.colorPrimary};
      text-decoration: underline;
    }

    .title-button:focus-visible {
      outline: 2px solid ${token.colorFocus};
      outline-offset: 2px;
      border-radius: 2px;
    }

    [part='body'] {
      margin: ${token.space1} 0 0;
      white-space: pre-line;
      overflow-wrap: anywhere;
    }

    [part='meta'] {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token.space3};
      margin: ${token.space2} 0 0;
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }
  `,
];
