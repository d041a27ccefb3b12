import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  .actions {
    justify-content: end;
  }

  .compare {
    margin-block-start: ${token.space4};
    padding: ${token.space4};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
  }

  .columns {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr));
    gap: ${token.space4};
  }

  .columns h3 {
    margin: 0 0 ${token.space2};
  }

  .body {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    max-height: 12rem;
    overflow: auto;
  }

  dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 2px ${token.space3};
    margin: ${token.space2} 0 0;
  }

  dt {
    color: ${token.colorTextMuted};
  }

  dd {
    margin: 0;
  }

  .overlap {
    margin-block: ${token.space4};
  }

  fieldset {
    display: grid;
    gap: ${token.space2};
    border: none;
    padding: 0;
    margin: 0 0 ${token.space4};
  }
`;
