import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  h2 {
    margin: 0 0 ${token.space2};
    font-size: 1.0625rem;
  }

  h3 {
    margin: ${token.space4} 0 ${token.space2};
    font-size: 1rem;
  }

  section {
    display: grid;
    gap: ${token.space2};
    margin-block-end: ${token.space5};
    padding-block-end: ${token.space4};
    border-block-end: 1px solid ${token.colorBorder};
  }

  p {
    margin: 0;
  }

  form {
    display: grid;
    gap: ${token.space2};
    justify-items: start;
  }

  .row {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space2};
    align-items: end;
  }

  .rows {
    display: grid;
    gap: ${token.space1};
    margin: 0;
    padding: 0;
    list-style: none;
  }

  label.inline {
    display: grid;
    gap: 2px;
    font-size: 0.875rem;
  }

  label.check {
    display: flex;
    gap: ${token.space1};
    align-items: center;
    min-height: 1.75rem;
  }

  label.check input {
    min-height: auto;
  }

  fieldset {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space1} ${token.space4};
    margin: 0;
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
  }

  .secret {
    display: grid;
    gap: ${token.space1};
    margin-block-end: ${token.space4};
    padding: ${token.space3};
    border: 2px solid ${token.colorPrimary};
    border-radius: ${token.radius};
  }

  .secret input {
    flex: 1 1 20rem;
    font-family: ui-monospace, monospace;
  }

  .url {
    overflow-wrap: anywhere;
  }

  .scroll {
    overflow-x: auto;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space1};
  }

  .danger {
    background: ${token.colorDanger};
    border-color: ${token.colorDanger};
    color: ${token.colorOnPrimary};
  }
`;
