import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { html, type TemplateResult } from 'lit';
import { API_URL, inDarkTheme, inGerman, mockApi, narrow, phoneViewport, rightToLeft } from './support.js';

/** The element as a host page embeds it, inside `<sayso-provider api-url>`. */
const embeddedChangelog = (args: Args): TemplateResult => html`
  <sayso-provider api-url=${API_URL}>
    <sayso-changelog board=${args.board} post-href="#/ideas/{id}"></sayso-changelog>
  </sayso-provider>
`;

/**
 * What shipped on the demo board, newest first, with links to the ideas and an unread badge
 * (which updates were read is kept in this browser's localStorage). Data comes from the mocked API.
 */
const meta: Meta = {
  title: 'Elements/sayso-changelog',
  component: 'sayso-changelog',
  args: { board: 'demo' },
  parameters: { ...mockApi() },
  render: (args) => embeddedChangelog(args),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const Loading: Story = { parameters: { ...mockApi({ latency: 'infinite' }) } };

export const Empty: Story = { parameters: { ...mockApi({ count: 0 }) } };

export const Unread: Story = {
  name: 'Unread (storage cleared)',
  loaders: [
    async () => {
      try {
        localStorage.removeItem('sayso:changelog-seen:demo');
      } catch {
        // Storage may be unavailable; the story still shows the changelog.
      }
      return {};
    },
  ],
};

export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/posts': 'server' } }) },
};

export const Offline: Story = {
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/posts': 'network' } }) },
};

export const Dark: Story = {
  render: (args) => inDarkTheme(embeddedChangelog(args)),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args) => rightToLeft(embeddedChangelog(args)),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  parameters: { ...mockApi(), ...phoneViewport },
  render: (args) => narrow(embeddedChangelog(args)),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', ...inGerman };
