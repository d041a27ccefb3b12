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

    .similar {
      display: grid;
      gap: ${token.space2};
      padding: ${token.space3};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
    }

    [part='similar-heading'] {
      margin: 0;
      font-size: 0.9375rem;
      font-weight: 600;
    }

    [part='similar-list'] {
      display: grid;
      gap: ${token.space2};
      margin: 0;
      padding: 0;
      list-style: none;
    }

    [part='similar-idea'] {
      display: flex;
      align-items: center;
      gap: ${token.space3};
      --sayso-vote-button-size: 2.5rem;
    }

    .similar-title {
      flex: 1;
      min-width: 0;
      overflow-wrap: anywhere;
    }

    .similar-status {
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }

    [part='status'] {
      margin: 0;
      color: ${token.colorSuccess};
      font-weight: 600;
    }

    [part='status'].waiting {
      color: ${token.colorText};
      font-weight: 400;
    }

    .queue {
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }

    .queue p,
    .queue ul {
      margin: 0;
    }

    .queue ul {
      padding-inline-start: ${token.space4};
    }
  `,
];
