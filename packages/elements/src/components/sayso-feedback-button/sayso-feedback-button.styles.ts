import { css } from 'lit';
import { popoverStyles } from '../../styles/popover.styles.js';
import { componentStyles, token } from '../../styles/tokens.styles.js';

export default [
  componentStyles,
  popoverStyles,
  css`
    :host {
      display: inline-block;
    }

    .trigger {
      display: inline-flex;
      align-items: center;
      gap: ${token.space2};
      min-height: 2.75rem;
      padding: ${token.space2} ${token.space4};
      border: 1px solid ${token.colorPrimary};
      border-radius: 999px;
      background: ${token.colorPrimary};
      color: ${token.colorOnPrimary};
      font-weight: 600;
      cursor: pointer;
      box-shadow: 0 4px 14px rgb(0 0 0 / 0.18);
    }

    .trigger svg {
      flex: none;
    }

    .unavailable {
      max-width: 16rem;
      margin: ${token.space2} 0 0;
      padding: ${token.space2} ${token.space3};
      border: 1px solid ${token.colorBorder};
      border-radius: ${token.radius};
      background: ${token.colorSurface};
      font-size: 0.875em;
    }

    .unavailable:empty {
      display: none;
    }

    .panel {
      width: min(var(--sayso-feedback-panel-width, 26rem), var(--sayso-available-width, calc(100vw - 1rem)));
      max-height: min(var(--sayso-feedback-panel-height, 36rem), var(--sayso-available-height, calc(100vh - 1rem)));
    }

    /* On a narrow screen the panel is a sheet that fills it. */
    .panel--sheet {
      inset: 0;
      width: 100%;
      height: 100%;
      max-width: none;
      max-height: none;
      border: 0;
      border-radius: 0;
      box-shadow: none;
    }

    .header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: ${token.space2};
      padding: ${token.space2} ${token.space2} ${token.space2} ${token.space4};
      border-block-end: 1px solid ${token.colorBorder};
    }

    .title {
      margin: 0;
      font-weight: 700;
    }

    .close {
      display: inline-grid;
      place-items: center;
      width: 2.5rem;
      height: 2.5rem;
      padding: 0;
      border: 0;
      border-radius: ${token.radius};
      background: transparent;
      color: ${token.colorText};
      cursor: pointer;
    }

    .close:hover {
      background: ${token.colorSurfaceSunken};
    }

    .tabs {
      display: flex;
      gap: ${token.space1};
      padding: ${token.space2} ${token.space4} 0;
      border-block-end: 1px solid ${token.colorBorder};
    }

    .tab {
      min-height: 2.5rem;
      padding: ${token.space1} ${token.space3};
      border: 0;
      border-block-end: 3px solid transparent;
      background: transparent;
      color: ${token.colorText};
      font-weight: 600;
      cursor: pointer;
    }

    .tab[aria-selected='true'] {
      border-block-end-color: ${token.colorPrimary};
      color: ${token.colorPrimary};
    }

    .tabpanel {
      flex: 1 1 auto;
      min-height: 0;
      overflow: auto;
      padding: ${token.space4};
    }
  `,
];
