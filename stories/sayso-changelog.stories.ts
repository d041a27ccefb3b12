import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html, type TemplateResult } from 'lit';
import { demoDataWithChangelog } from './msw/sayso-api.js';
import { API_URL, inDarkTheme, inGerman, memoryClientOf, mockApi, narrow, phoneViewport, rightToLeft } from './support.js';

/** The element as a host page embeds it, inside `<sayso-provider api-url>`. */
const embeddedChangelog = (args: Args): TemplateResult => html`
  <sayso-provider api-url=${API_URL}>
    <sayso-changelog board=${args.board} post-href="#/ideas/{id}"></sayso-changelog>
  </sayso-provider>
`;

/** The element over a memory client with changelog entries (`loaded.client`). */
const entriesChangelog = (args: Args, client: SaysoClient): TemplateResult =>
  html`<sayso-changelog board=${args.board} post-href="#/ideas/{id}" .client=${client}></sayso-changelog>`;

const withEntries = memoryClientOf(() => demoDataWithChangelog());

/**
 * What shipped on the demo board, newest first, with links to the ideas and an unread badge
 * (which updates were read is kept in this browser's localStorage). Data comes from the mocked
 * API, where the board has no changelog entries, so its shipped ideas show; the "Entries"
 * stories show a board whose team publishes entries (memory adapter).
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

/** A board with published changelog entries: each with its text and the ideas it shipped. */
export const Entries: Story = {
  loaders: [withEntries],
  render: (args, { loaded }) => entriesChangelog(args, loaded.client as SaysoClient),
};

/** Entries whose ideas open through `sayso-open-post` (no `post-href`), as inside a board. */
export const EntriesWithoutLinks: Story = {
  name: 'Entries, ideas as buttons',
  loaders: [withEntries],
  render: (args, { loaded }) => html`<sayso-changelog board=${args.board} .client=${loaded.client as SaysoClient}></sayso-changelog>`,
};

export const EntriesMany: Story = {
  name: 'Entries, many (load older)',
  loaders: [memoryClientOf(() => demoDataWithChangelog({ entries: 30 }))],
  render: (args, { loaded }) => entriesChangelog(args, loaded.client as SaysoClient),
};

export const EntriesDark: Story = {
  name: 'Entries, dark',
  loaders: [withEntries],
  render: (args, { loaded }) => inDarkTheme(entriesChangelog(args, loaded.client as SaysoClient)),
};

export const EntriesRightToLeft: Story = {
  name: 'Entries, right to left',
  loaders: [withEntries],
  render: (args, { loaded }) => rightToLeft(entriesChangelog(args, loaded.client as SaysoClient)),
};

export const EntriesGerman: Story = {
  name: 'Entries, German (Deutsch)',
  loaders: [withEntries],
  render: (args, { loaded }) => entriesChangelog(args, loaded.client as SaysoClient),
  ...inGerman,
};
