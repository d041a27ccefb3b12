import { css } from 'lit';
import { listStyles } from '../../styles/list.styles.js';
import { popoverStyles } from '../../styles/popover.styles.js';
import { stateStyles } from '../../styles/states.styles.js';
import { buttonStyles, componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  buttonStyles,
  stateStyles,
  popoverStyles,
  listStyles,
  css`
    :host {
      display: inline-block;
    }

    .trigger {
      position: relative;
      display: inline-grid;
      place-items: center;
      width: 2.75rem;
      height: 2.75rem;
      padding: 0;
      border: 1px solid ${token.colorBorder};
      border-radius: 999px;
      background: ${token.colorSurface};
      color: ${token.colorText};
      cursor: pointer;
    }

    .trigger:hover {
      border-color: ${token.colorPrimary};
    }

    .badge {
      position: absolute;
      inset-block-start: -0.25rem;
      inset-inline-end: -0.25rem;
      min-width: 1.25rem;
      height: 1.25rem;
      padding: 0 0.3rem;
      border-radius: 999px;
      background: ${token.colorPrimary};
      color: ${token.colorOnPrimary};
      font-size: 0.75rem;
      font-weight: 700;
      line-height: 1.25rem;
      text-align: center;
    }

    .panel {
      width: min(var(--sayso-notifications-panel-width, 22rem), var(--sayso-available-width, calc(100vw - 1rem)));
      max-height: min(var(--sayso-notifications-panel-height, 28rem), var(--sayso-available-height, calc(100vh - 1rem)));
    }

    .header {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: ${token.space2};
      padding: ${token.space2} ${token.space3} ${token.space2} ${token.space4};
      border-block-end: 1px solid ${token.colorBorder};
    }

    .heading {
      margin: 0;
      font-weight: 700;
    }

    .mark-all-read {
      margin-inline-start: auto;
      min-height: 2.25rem;
      padding-block: ${token.space1};
      font-size: 0.875rem;
    }

    .body {
      display: grid;
      gap: ${token.space3};
      min-height: 0;
      overflow: auto;
      padding: ${token.space3};
    }

    .message {
      padding: ${token.space4} ${token.space3};
    }

    .list {
      gap: ${token.space1};
    }

    .item {
      display: flex;
      align-items: flex-start;
      gap: ${token.space2};
      width: 100%;
      padding: ${token.space2} ${token.space3};
      border: 0;
      border-radius: ${token.radius};
      background: transparent;
      color: ${token.colorText};
      text-align: start;
      cursor: pointer;
    }

    .item:hover {
      background: ${token.colorSurfaceSunken};
    }

    .item--plain {
      cursor: default;
    }

    .item--plain:hover {
      background: transparent;
    }

    .mark-read {
      margin-inline-start: calc(0.5rem + ${token.space2} + ${token.space3});
      font-size: 0.875rem;
    }

    .dot {
      flex: none;
      width: 0.5rem;
      height: 0.5rem;
      margin-block-start: 0.5rem;
      border-radius: 999px;
    }

    .item[data-unread] .dot {
      background: ${token.colorPrimary};
    }

    .item[data-unread] .text {
      font-weight: 650;
    }

    .content {
      display: grid;
      gap: 0.125rem;
      min-width: 0;
    }

    .text {
      overflow-wrap: anywhere;
    }

    .time {
      color: ${token.colorTextMuted};
      font-size: 0.8125rem;
    }

    .note {
      color: ${token.colorTextMuted};
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }

    .changelog-link {
      display: inline-block;
      margin-inline-start: calc(0.5rem + ${token.space2} + ${token.space3});
      color: ${token.colorPrimary};
      font-size: 0.875rem;
    }

    .footer {
      display: grid;
      gap: ${token.space1};
      padding: ${token.space2} ${token.space4};
      border-block-start: 1px solid ${token.colorBorder};
      font-size: 0.875rem;
    }

    .email-label {
      display: flex;
      align-items: center;
      gap: ${token.space2};
      cursor: pointer;
    }

    .email-status,
    .email-error {
      margin: 0;
    }

    .email-status {
      color: ${token.colorTextMuted};
    }

    .email-error {
      color: ${token.colorDanger};
    }
  `,
];
