import { css } from 'lit';
import { token } from './tokens.styles.js';

/**
 * Labels, text fields, their invalid state, error lines and the row of actions under a form.
 * Each form sets its own `[part='textarea'] { min-height }`.
 */
export const formStyles = css`
  [part='label'] {
    font-weight: 600;
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
`;
