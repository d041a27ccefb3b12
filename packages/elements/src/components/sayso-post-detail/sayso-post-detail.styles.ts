import { css } from 'lit';
import { formStyles } from '../../styles/form.styles.js';
import { pillStyles } from '../../styles/pill.styles.js';
import { stateStyles } from '../../styles/states.styles.js';
import { linkButtonStyles } from '../../styles/link-button.styles.js';
import { markdownStyles } from '../../styles/markdown.styles.js';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  linkButtonStyles,
  stateStyles,
  formStyles,
  pillStyles,
  markdownStyles,
  css`
    :host {
      display: block;
    }

    .detail {
      display: grid;
      gap: ${token.space4};
      padding: ${token.space4};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
    }

    .head {
      display: flex;
      align-items: flex-start;
      gap: ${token.space4};
    }

    .head-text {
      flex: 1;
      min-width: 0;
    }

    [part='heading'] {
      margin: 0;
      font-size: 1.375rem;
      font-weight: 700;
      line-height: 1.3;
      overflow-wrap: anywhere;
    }

    [part='heading']:focus {
      outline: none;
    }

    [part='heading']:focus-visible {
      outline: 2px solid ${token.colorFocus};
      outline-offset: 2px;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token.space2} ${token.space3};
      margin: ${token.space2} 0 0;
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }

    .comments-section,
    .demand {
      display: grid;
      gap: ${token.space3};
      padding-top: ${token.space4};
      border-top: 1px solid ${token.colorBorder};
    }

    [part='comments-heading'],
    [part='demand-heading'] {
      margin: 0;
      font-size: 1.0625rem;
      font-weight: 650;
    }

    .comments {
      display: grid;
      gap: ${token.space3};
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .comment {
      padding: ${token.space3};
      border-radius: ${token.radius};
      background: ${token.colorSurfaceSunken};
    }

    .comment-author {
      display: flex;
      gap: ${token.space2};
      margin: 0 0 ${token.space1};
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }

    .comment-author .author {
      color: ${token.colorText};
      font-weight: 600;
    }

    .message {
      padding: ${token.space4};
    }

    .merged-banner,
    .merged-into {
      margin: 0;
      padding: ${token.space3};
      border-inline-start: 3px solid ${token.colorPrimary};
      border-radius: ${token.radius};
      background: ${token.colorSurfaceSunken};
      overflow-wrap: anywhere;
    }

    .breakdown,
    .evidence,
    .merged-list-label {
      margin: 0;
      color: ${token.colorTextMuted};
    }

    .merged-list {
      display: grid;
      gap: ${token.space1};
      margin: 0;
      padding-inline-start: ${token.space5};
    }

    .merged-title {
      overflow-wrap: anywhere;
    }

    .merged-people,
    .merged-from {
      color: ${token.colorTextMuted};
    }

    .form {
      display: grid;
      gap: ${token.space2};
    }

    [part='textarea'] {
      min-height: 4.5rem;
    }

    [part='form-status'] {
      margin: 0;
      color: ${token.colorSuccess};
      font-weight: 600;
    }
  `,
];
