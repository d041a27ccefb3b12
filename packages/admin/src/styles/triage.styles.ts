import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

/** What the triage screens (duplicates, inbox) share: the status line, focusable rows, button rows. */
export const triageStyles = css`
  :host {
    display: block;
  }

  .status {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token.space2};
    min-height: 2.25rem;
  }

  .table tbody tr:focus-visible {
    outline: 2px solid ${token.colorFocus};
    outline-offset: -2px;
  }

  .actions,
  .dialog-actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space1};
  }

  .dialog-actions {
    justify-content: end;
  }
`;
