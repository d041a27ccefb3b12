import { css } from 'lit';
import { linkButtonStyles } from '../../styles/link-button.styles.js';
import { listStyles } from '../../styles/list.styles.js';
import { markdownStyles } from '../../styles/markdown.styles.js';
import { pillStyles } from '../../styles/pill.styles.js';
import { stateStyles } from '../../styles/states.styles.js';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  stateStyles,
  listStyles,
  pillStyles,
  linkButtonStyles,
  markdownStyles,
  css`
    :host {
      display: block;
    }

    .changelog {
      display: grid;
      gap: ${token.space4};
    }

    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token.space3};
    }

    .heading {
      margin: 0;
      font-size: 1.25rem;
      font-weight: 700;
      line-height: 1.3;
    }

    .badge {
      display: inline-flex;
      align-items: center;
      justify-content: center;
      min-width: 1.5rem;
      height: 1.5rem;
      padding: 0 ${token.space2};
      border-radius: 999px;
      background: ${token.colorPrimary};
      color: ${token.colorOnPrimary};
      font-size: 0.8125rem;
      font-weight: 700;
    }

    .mark-read {
      margin-inline-start: auto;
      min-height: 2.25rem;
      padding-block: ${token.space1};
      font-size: 0.875rem;
    }

    .entry {
      padding: ${token.space3} ${token.space4};
      border: 1px solid ${token.colorBorder};
      border-inline-start-width: 4px;
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      color: ${token.colorText};
    }

    .entry[data-unread] {
      border-inline-start-color: ${token.colorPrimary};
    }

    .title {
      margin: 0;
      font-size: 1.0625rem;
      font-weight: 650;
      line-height: 1.35;
      overflow-wrap: anywhere;
    }

    .new {
      display: inline-block;
      margin-inline-end: ${token.space1};
      padding: 0 ${token.space2};
      border: 1px solid ${token.colorPrimary};
      border-radius: 999px;
      color: ${token.colorPrimary};
      font-size: 0.75rem;
      font-weight: 700;
      vertical-align: middle;
    }

    .meta {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token.space3};
      margin: ${token.space1} 0 0;
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
    }

    [part~='entry-body'] {
      margin-block-start: ${token.space3};
    }

    .shipped-heading {
      margin: ${token.space3} 0 ${token.space1};
      font-size: 0.875rem;
      font-weight: 600;
    }

    .shipped-list {
      display: grid;
      gap: ${token.space1};
      margin: 0;
      padding-inline-start: ${token.space5};
    }

    [part~='shipped-idea'] {
      color: ${token.colorPrimary};
      text-align: start;
    }
  `,
];
