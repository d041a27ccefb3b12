import { css } from 'lit';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
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

    [part='label'] {
      font-weight: 600;
    }

    .optional {
      color: ${token.colorTextMuted};
      font-weight: 400;
    }

    [part='input'],
    [part='textarea'] {
      width: 100%;
      padding: ${token.space2} ${token.space3};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
    }

    [part='textarea'] {
      min-height: 5rem;
      resize: vertical;
    }

    [aria-invalid='true'] {
      border-color: ${token.colorDanger};
    }

    [part='field-error'],
    [part='error'] {
      margin: 0;
      color: ${token.colorDanger};
      font-size: 0.875rem;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token.space3};
    }

    [part='status'] {
      margin: 0;
      color: ${token.colorSuccess};
      font-weight: 600;
    }
  `,
];
