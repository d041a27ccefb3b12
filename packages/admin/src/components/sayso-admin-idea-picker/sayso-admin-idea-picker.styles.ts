import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    display: block;
    position: relative;
  }

  label {
    display: grid;
    gap: 2px;
  }

  [role='listbox'] {
    position: absolute;
    inset-inline: 0;
    z-index: 1;
    margin: 2px 0 0;
    padding: ${token.space1} 0;
    list-style: none;
    max-height: 16rem;
    overflow-y: auto;
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
    box-shadow: 0 4px 12px rgb(0 0 0 / 0.12);
  }

  [role='option'] {
    padding: ${token.space1} ${token.space2};
    cursor: pointer;
  }

  [role='option'][aria-selected='true'] {
    background: ${token.colorSurfaceSunken};
    box-shadow: inset 3px 0 0 ${token.colorPrimary};
  }

  .note {
    padding: ${token.space1} ${token.space2};
  }
`;
