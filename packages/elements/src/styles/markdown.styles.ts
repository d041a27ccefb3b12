import { css } from 'lit';
import { token } from './tokens.styles.js';

/** Rendered user markdown (`.markdown`) and its plain-text stand-in while the renderer loads (`.plain`). */
export const markdownStyles = css`
  .markdown {
    overflow-wrap: anywhere;
    line-height: 1.55;
  }

  .markdown > :first-child {
    margin-top: 0;
  }

  .markdown > :last-child {
    margin-bottom: 0;
  }

  .markdown a {
    color: ${token.colorPrimary};
  }

  .markdown pre {
    overflow-x: auto;
    padding: ${token.space3};
    border-radius: ${token.radius};
    background: ${token.colorSurfaceSunken};
  }

  .markdown blockquote {
    margin-inline: 0;
    padding-inline-start: ${token.space3};
    border-inline-start: 3px solid ${token.colorBorder};
    color: ${token.colorTextMuted};
  }

  .plain {
    margin: 0;
    white-space: pre-line;
  }
`;
