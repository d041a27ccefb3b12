import { css } from 'lit';
import { componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  css`
    :host {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      --_size: var(--sayso-vote-button-size, 3.25rem);
    }

    [part='vote-button'] {
      display: inline-flex;
      flex-direction: column;
      align-items: center;
      justify-content: center;
      gap: 0;
      min-width: var(--_size);
      min-height: var(--_size);
      padding: ${token.space1} ${token.space2};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
      font-weight: 700;
      line-height: 1.2;
      cursor: pointer;
      transition: background-color 120ms ease, border-color 120ms ease;
    }

    [part='vote-button']:hover:not(:disabled) {
      border-color: ${token.colorPrimary};
    }

    [part='vote-button'][aria-pressed='true'] {
      border-color: ${token.colorPrimary};
      background: ${token.colorPrimary};
      color: ${token.colorOnPrimary};
    }

    [part='vote-button']:disabled {
      cursor: default;
      opacity: 0.7;
    }

    [part='count'] {
      font-variant-numeric: tabular-nums;
    }

    [part='message'] {
      max-width: 10rem;
      color: ${token.colorDanger};
      font-size: 0.8125rem;
      line-height: 1.3;
      text-align: center;
    }

    [part='message'].waiting {
      color: ${token.colorTextMuted};
    }

    [part='message']:not(:empty) {
      margin-block-start: ${token.space1};
    }

    @media (prefers-reduced-motion: reduce) {
      [part='vote-button'] {
        transition: none;
      }
    }
  `,
];
