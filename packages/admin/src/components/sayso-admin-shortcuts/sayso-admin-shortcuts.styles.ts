import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  h2 {
    margin-block-start: 0;
    font-size: 1.125rem;
  }

  dl {
    display: grid;
    gap: ${token.space1};
    margin: 0 0 ${token.space4};
  }

  dl > div {
    display: grid;
    grid-template-columns: 5rem 1fr;
    gap: ${token.space2};
  }

  dt,
  dd {
    margin: 0;
  }

  kbd {
    padding: 0 ${token.space1};
    border: 1px solid ${token.colorBorder};
    border-radius: 4px;
    background: ${token.colorSurfaceSunken};
    font-family: ui-monospace, monospace;
  }
`;
