import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    display: block;
    max-width: 24rem;
    margin: ${token.space6} auto;
  }

  form {
    display: grid;
    gap: ${token.space2};
    padding: ${token.space5};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
  }

  h1 {
    margin: 0 0 ${token.space2};
    font-size: 1.25rem;
  }

  p {
    margin: 0;
  }
`;
