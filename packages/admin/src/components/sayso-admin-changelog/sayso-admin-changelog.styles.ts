import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  h2,
  h3 {
    margin: 0;
    font-size: 1rem;
  }

  .layout {
    display: grid;
    grid-template-columns: minmax(16rem, 1fr) minmax(0, 2fr);
    gap: ${token.space4};
    align-items: start;
  }

  .layout > :only-child {
    grid-column: 1 / -1;
  }

  .table tbody tr {
    cursor: pointer;
  }

  .table tr[aria-current='true'] td:first-child {
    font-weight: 600;
  }

  .editor {
    display: grid;
    gap: ${token.space2};
    padding: ${token.space4};
    border: 1px solid ${token.colorBorder};
    border-radius: ${token.radius};
    background: ${token.colorSurface};
  }

  .state {
    margin: 0;
    color: ${token.colorTextMuted};
  }

  .writing {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    gap: ${token.space3};
  }

  .field {
    display: grid;
    gap: 2px;
    align-content: start;
  }

  .preview {
    padding: ${token.space2} ${token.space3};
    border: 1px dashed ${token.colorBorder};
    border-radius: ${token.radius};
    overflow-wrap: anywhere;
  }

  .ideas {
    margin: 0;
    padding-inline-start: ${token.space4};
  }

  .ideas li {
    display: flex;
    gap: ${token.space2};
    align-items: center;
    justify-content: space-between;
  }

  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space2};
  }

  .audience {
    padding: ${token.space2} ${token.space3};
    border-radius: ${token.radius};
    background: ${token.colorSurfaceSunken};
  }

  @media (max-width: 48rem) {
    .layout {
      grid-template-columns: minmax(0, 1fr);
    }
  }
`;
