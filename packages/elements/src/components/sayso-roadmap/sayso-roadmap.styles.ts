import { css } from 'lit';
import { listStyles } from '../../styles/list.styles.js';
import { stateStyles } from '../../styles/states.styles.js';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  stateStyles,
  listStyles,
  css`
    :host {
      display: block;
    }

    .columns {
      display: grid;
      grid-auto-flow: column;
      grid-auto-columns: minmax(var(--sayso-roadmap-column-width, 16rem), 1fr);
      align-items: start;
      gap: ${token.space4};
      overflow-x: auto;
      overscroll-behavior-inline: contain;
      scroll-snap-type: inline proximity;
      padding-block-end: ${token.space2};
    }

    .column {
      display: grid;
      gap: ${token.space3};
      min-width: 0;
      padding: ${token.space3};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurfaceSunken};
      scroll-snap-align: start;
    }

    .heading {
      display: flex;
      align-items: baseline;
      justify-content: space-between;
      gap: ${token.space2};
      margin: 0;
      font-size: 1rem;
      font-weight: 700;
    }

    .count {
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
      font-weight: 600;
    }

    .list {
      gap: ${token.space2};
    }

    .card {
      display: flex;
      align-items: center;
      gap: ${token.space3};
      padding: ${token.space2} ${token.space3};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
      --sayso-vote-button-size: 2.75rem;
    }

    [part='vote'] {
      flex: none;
    }

    .title {
      flex: 1;
      min-width: 0;
      margin: 0;
      font-size: 0.9375rem;
      font-weight: 600;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }

    .message {
      padding: ${token.space4} ${token.space3};
    }

    /* Engineering work: read-only, so no vote button; a dashed edge and its mark set it apart from ideas. */
    .engineering {
      display: grid;
      gap: ${token.space1};
      border-style: dashed;
    }

    .engineering-label,
    .engineering-people {
      margin: 0;
      color: ${token.colorTextMuted};
      font-size: 0.8125rem;
    }

    .engineering-label {
      font-weight: 600;
    }
  `,
];
