import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    display: block;
  }

  h1 {
    margin: 0;
    font-size: 1.25rem;
  }

  h2 {
    margin: 0 0 ${token.space2};
    font-size: 1rem;
  }

  h3 {
    margin: ${token.space3} 0 ${token.space1};
    font-size: 0.875rem;
  }

  section {
    margin-block-end: ${token.space5};
  }

  .columns {
    display: grid;
    grid-template-columns: minmax(0, 2fr) minmax(14rem, 1fr);
    gap: ${token.space5};
  }

  @container (max-width: 40rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  @media (max-width: 40rem) {
    .columns {
      grid-template-columns: minmax(0, 1fr);
    }
  }

  .stack {
    display: grid;
    gap: ${token.space2};
  }

  /* Labels of stacked forms read like the toolbar's (admin.styles), a field under its name. */
  .stack label {
    display: grid;
    gap: 2px;
  }

  .toolbar input {
    width: 8rem;
  }

  .plain,
  .items {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .items > li {
    padding: ${token.space2} 0;
    border-block-end: 1px solid ${token.colorBorder};
  }

  .items p {
    margin: ${token.space1} 0;
    white-space: pre-wrap;
  }

  .items > li.note {
    padding-inline: ${token.space2};
    background: ${token.colorSurfaceSunken};
  }

  .chart {
    margin: ${token.space2} 0;
    color: ${token.colorPrimary};
  }

  .chart svg {
    display: block;
    width: 100%;
    height: 5rem;
    border-block-end: 1px solid ${token.colorBorder};
  }

  .chart figcaption {
    font-size: 0.75rem;
  }

  .formula code {
    font-size: 0.8125rem;
  }

  .people {
    max-height: 12rem;
    overflow: auto;
  }
`;
