import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    container-type: inline-size;
  }

  h2 {
    margin: 0 0 ${token.space2};
    font-size: 1.0625rem;
  }

  section {
    display: grid;
    gap: ${token.space2};
    margin-block-end: ${token.space5};
  }

  p {
    margin: 0;
  }

  .summary {
    font-size: 1.125rem;
    font-weight: 600;
  }

  .figure {
    margin: 0;
    overflow-x: auto;
  }

  .chart caption {
    padding-block-end: ${token.space2};
    color: ${token.colorTextMuted};
    font-size: 0.8125rem;
    text-align: start;
  }

  .chart td,
  .chart th {
    vertical-align: middle;
    white-space: nowrap;
  }

  .chart .share {
    white-space: nowrap !important;
  }

  .chart .overall th,
  .chart .overall td {
    font-weight: 700;
    border-block-end-width: 2px;
  }

  .bars-cell {
    width: 45%;
    min-width: 8rem;
  }

  .bars {
    display: block;
    width: 100%;
    height: 1.75rem;
  }

  /* The target: a quiet outline; the actual share: filled, red when short of its target. */
  .bars .target,
  .legend.target::before {
    fill: ${token.colorSurfaceSunken};
    background: ${token.colorSurfaceSunken};
    stroke: ${token.colorTextMuted};
    stroke-width: 1px;
    stroke-dasharray: 3 2;
    vector-effect: non-scaling-stroke;
    border: 1px dashed ${token.colorTextMuted};
  }

  .bars .actual,
  .legend.actual::before {
    fill: ${token.colorPrimary};
    background: ${token.colorPrimary};
  }

  .bars.short .actual {
    fill: ${token.colorDanger};
  }

  .bars.met .actual {
    fill: ${token.colorSuccess};
  }

  .legends {
    font-size: 0.8125rem;
  }

  .legend {
    display: inline-flex;
    align-items: center;
    gap: 4px;
    margin-inline-end: ${token.space2};
  }

  .legend::before {
    content: '';
    display: inline-block;
    width: 0.75rem;
    height: 0.75rem;
    border-radius: 2px;
  }

  .gap.short,
  .summary.short {
    color: ${token.colorDanger};
  }

  .gap.met,
  .summary.met {
    color: ${token.colorSuccess};
  }

  form {
    display: grid;
    gap: ${token.space3};
  }

  form > .grid,
  .minimums {
    max-width: 48rem;
  }

  .field {
    display: grid;
    gap: 2px;
    font-size: 0.875rem;
  }

  .field input,
  .field select {
    max-width: 10rem;
  }

  .minimums {
    display: grid;
    gap: ${token.space2};
    margin: 0;
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
  }

  .grid {
    display: grid;
    align-items: start;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: ${token.space2} ${token.space4};
  }

  [aria-invalid='true'] {
    border-color: ${token.colorDanger};
    outline: 1px solid ${token.colorDanger};
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token.space2};
  }

  /* On a narrow screen names and gaps wrap, the bars narrow and the legend stacks: the table fits a phone. */
  @container (max-width: 34rem) {
    .chart {
      font-size: 0.8125rem;
    }

    .chart th,
    .chart td {
      padding-inline: 2px;
      white-space: normal;
    }

    .bars-cell {
      width: auto;
      min-width: 3rem;
    }

  }
`;
