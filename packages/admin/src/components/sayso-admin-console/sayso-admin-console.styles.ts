import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  :host {
    display: block;
    min-height: 100%;
    background: ${token.colorSurfaceSunken};
  }

  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token.space4};
    padding: ${token.space2} ${token.space4};
    border-block-end: 1px solid ${token.colorBorder};
    background: ${token.colorSurface};
  }

  .brand {
    font-weight: 700;
  }

  nav {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space1};
  }

  nav a {
    padding: ${token.space1} ${token.space3};
    border-radius: ${token.radius};
    color: ${token.colorText};
    text-decoration: none;
  }

  nav a[aria-current='page'] {
    background: ${token.colorSurfaceSunken};
    font-weight: 600;
    box-shadow: inset 0 -2px 0 ${token.colorPrimary};
  }

  .identity {
    margin-inline-start: auto;
    color: ${token.colorTextMuted};
  }

  main {
    padding: ${token.space4};
  }

  main:focus {
    outline: none;
  }
`;
