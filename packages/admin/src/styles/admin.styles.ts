import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

/**
 * What the console's screens share: toolbars, dense tables, badges, dialogs and error notes, in
 * the tokens of `@sayso/elements` (a host's `--sayso-*` theme applies to the console too).
 */
export const adminStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: ${token.space2};
    margin-block-end: ${token.space4};
  }

  .toolbar label {
    display: grid;
    gap: 2px;
    font-size: 0.8125rem;
    color: ${token.colorTextMuted};
  }

  input,
  select,
  textarea {
    min-height: 2.25rem;
    padding: ${token.space1} ${token.space2};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
    color: ${token.colorText};
  }

  .table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }

  .table th,
  .table td {
    padding: ${token.space1} ${token.space2};
    border-block-end: 1px solid ${token.colorBorder};
    text-align: start;
    vertical-align: top;
  }

  .table th {
    color: ${token.colorTextMuted};
    font-weight: 600;
    white-space: nowrap;
  }

  .table tr[aria-selected='true'] {
    background: ${token.colorSurfaceSunken};
    box-shadow: inset 3px 0 0 ${token.colorPrimary};
  }

  .badge {
    display: inline-block;
    padding: 0 ${token.space2};
    border-radius: 999px;
    background: ${token.colorSurfaceSunken};
    border: 1px solid ${token.colorBorder};
    font-size: 0.75rem;
    white-space: nowrap;
  }

  .error {
    color: ${token.colorDanger};
  }

  .muted {
    color: ${token.colorTextMuted};
  }

  .primary {
    background: ${token.colorPrimary};
    border-color: ${token.colorPrimary};
    color: ${token.colorOnPrimary};
  }

  /* A button that reads as a link: "Show all", an idea's title that opens it. */
  .link-button {
    padding: 0;
    border: none;
    background: none;
    color: ${token.colorPrimary};
    text-decoration: underline;
    cursor: pointer;
    font: inherit;
  }

  dialog {
    max-width: min(40rem, calc(100vw - 2rem));
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
    color: ${token.colorText};
  }

  dialog::backdrop {
    background: rgb(0 0 0 / 0.35);
  }
`;
