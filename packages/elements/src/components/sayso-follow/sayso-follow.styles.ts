import { css } from 'lit';
import { formStyles } from '../../styles/form.styles.js';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  formStyles,
  css`
    :host {
      display: block;
    }

    [part~='base'] {
      display: grid;
      gap: ${token.space2};
    }

    [part~='toggle'][data-following] {
      border-color: ${token.colorPrimary};
      color: ${token.colorPrimary};
    }

    [part~='form'] {
      display: grid;
      gap: ${token.space2};
    }

    .row {
      display: flex;
      flex-wrap: wrap;
      gap: ${token.space2};
    }

    .row [part~='input'] {
      flex: 1 1 12rem;
      width: auto;
    }

    [part~='hint'],
    [part~='status'],
    [part~='loading'] {
      margin: 0;
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }

    [part~='status'][data-confirm] {
      color: ${token.colorSuccess};
      font-weight: 600;
    }
  `,
];
