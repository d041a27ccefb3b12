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

    [part='form'] {
      display: grid;
      gap: ${token.space3};
      padding: ${token.space4};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
    }

    [part='heading'] {
      margin: 0;
      font-size: 1.0625rem;
      font-weight: 650;
    }

    .field {
      display: grid;
      gap: ${token.space1};
    }

    .optional {
      color: ${token.colorTextMuted};
      font-weight: 400;
    }

    [part='textarea'] {
      min-height: 5rem;
    }

    [part='status'] {
      margin: 0;
      color: ${token.colorSuccess};
      font-weight: 600;
    }
  `,
];
