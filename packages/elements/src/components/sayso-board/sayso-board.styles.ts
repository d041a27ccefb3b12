import { css } from 'lit';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  css`
    :host {
      display: block;
    }

    .board {
      display: grid;
      gap: ${token.space4};
    }

    .toolbar {
      display: inline-flex;
      justify-self: start;
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

    .list {
      display: grid;
      gap: ${token.space3};
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .list[aria-busy='true'] {
      opacity: 0.6;
    }

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
  `,
];
