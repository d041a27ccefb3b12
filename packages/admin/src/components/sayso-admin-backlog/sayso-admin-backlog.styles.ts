import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    container-type: inline-size;
  }

  h2,
  h3 {
    margin: 0;
    font-size: 1rem;
  }

  .layout {
    display: grid;
    gap: ${token.space4};
    align-items: start;
  }

  .layout.with-panel {
    grid-template-columns: minmax(0, 3fr) minmax(18rem, 2fr);
  }

  /* Too narrow for both side by side: the panel goes under the list. */
  @container (max-width: 52rem) {
    .layout.with-panel {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  .scroll {
    overflow-x: auto;
  }

  .table tbody tr {
    cursor: pointer;
  }

  .table tr[aria-current='true'] .title {
    font-weight: 600;
  }

  .number {
    text-align: end;
    font-variant-numeric: tabular-nums;
  }

  .flag {
    border-color: ${token.colorDanger};
    color: ${token.colorDanger};
  }

  .toolbar .check {
    display: flex;
    align-items: center;
    gap: ${token.space1};
    min-height: 2.25rem;
    color: ${token.colorText};
  }

  .panel {
    display: grid;
    gap: ${token.space3};
    padding: ${token.space4};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
    min-width: 0;
  }

  .panel-header {
    display: flex;
    align-items: start;
    justify-content: space-between;
    gap: ${token.space2};
  }

  .panel-header h2 {
    overflow-wrap: anywhere;
  }

  form.panel,
  .edit {
    display: grid;
    gap: ${token.space1};
  }

  .edit label,
  form.panel label {
    margin-block-start: ${token.space1};
    font-size: 0.8125rem;
    font-weight: 600;
  }

  .edit .check {
    display: flex;
    align-items: center;
    gap: ${token.space1};
  }

  .hint {
    font-size: 0.75rem;
  }

  .actions {
    margin-block-start: ${token.space2};
  }

  .chips {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space1};
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .chip {
    display: inline-block;
    padding: 0 ${token.space2};
    border: 1px solid ${token.colorBorder};
    border-radius: 999px;
    background: ${token.colorSurfaceSunken};
    color: ${token.colorPrimary};
    font-size: 0.8125rem;
    overflow-wrap: anywhere;
  }

  .formula code {
    overflow-wrap: anywhere;
  }

  .plain,
  .items {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: ${token.space1};
  }

  .items li {
    overflow-wrap: anywhere;
  }
`;
