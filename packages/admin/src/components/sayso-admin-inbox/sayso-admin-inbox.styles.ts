import { css } from 'lit';
import { token } from '@sayso/elements/styles/tokens.styles.js';

export default css`
  .bulk {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: ${token.space2};
    min-height: 2.25rem;
  }

  .source-icon {
    display: block;
    color: ${token.colorTextMuted};
  }

  .excerpt {
    display: -webkit-box;
    -webkit-line-clamp: 2;
    -webkit-box-orient: vertical;
    overflow: hidden;
    overflow-wrap: anywhere;
  }

  .full {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }

  .suggested {
    display: flex;
    flex-wrap: wrap;
    gap: ${token.space1};
  }

  .suggested .button,
  .actions .button,
  .link-button {
    font-size: 0.8125rem;
  }

  time {
    white-space: nowrap;
  }

  dialog form {
    display: grid;
    gap: ${token.space2};
  }

  dialog ul {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: ${token.space1};
  }
`;
