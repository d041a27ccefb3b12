import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html, type TemplateResult } from 'lit';
import { STORY_EMAIL, demoDataForFollowing, demoDataWithStatusNews } from './msw/sayso-api.js';
import {
  API_URL,
  inDarkTheme,
  inGerman,
  memoryClientOf,
  mockApiOver,
  mockMergesApi,
  mockNotificationsApi,
  narrow,
  phoneViewport,
  rightToLeft,
  waitFor,
} from './support.js';

/** Room below and beside the bell, as in a host app's top bar, so the open list fits. */
const TOP_BAR_LAYOUT = 'min-height: 520px; display: flex; justify-content: flex-end; align-items: flex-start; padding: 1rem';

/** The bell as a host page embeds it, inside `<sayso-provider api-url>`; `open` shows the list. */
const embeddedBell = (args: Args): TemplateResult => html`
  <div style=${TOP_BAR_LAYOUT}>
    <sayso-provider api-url=${API_URL}>
      <sayso-notifications ?open=${args.open} placement=${args.placement}></sayso-notifications>
    </sayso-provider>
  </div>
`;

/** The bell over a memory client (`loaded.client`), entries linked to a changelog page. */
const bellOver = (args: Args, client: SaysoClient): TemplateResult => html`
  <div style=${TOP_BAR_LAYOUT}>
    <sayso-notifications ?open=${args.open} placement=${args.placement} changelog-href="#/changelog/{board}/{id}" .client=${client}></sayso-notifications>
  </div>
`;

const withStatusNews = memoryClientOf(demoDataWithStatusNews);

/**
 * The visitor's notifications: a bell with the unread count that opens a list of "your request
 * shipped" and new replies. Data comes from msw handlers that answer like the reference server.
 */
const meta: Meta = {
  title: 'Elements/sayso-notifications',
  component: 'sayso-notifications',
  args: { open: true, placement: 'bottom-end' },
  parameters: { ...mockNotificationsApi() },
  render: (args) => embeddedBell(args),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const Closed: Story = { name: 'Closed, with unread', args: { open: false } };

export const Loading: Story = { parameters: { ...mockNotificationsApi({ latency: 'infinite' }) } };

export const Empty: Story = { parameters: { ...mockNotificationsApi({ count: 0 }) } };

export const Many: Story = { name: 'Many (load more)', parameters: { ...mockNotificationsApi({ count: 45, unread: 12 }) } };

/** An idea the visitor voted for was merged into another: where their vote counts now (choosing it opens that idea). */
export const Merged: Story = { name: 'Idea merged', parameters: { ...mockMergesApi() } };

export const MergedGerman: Story = { name: 'Idea merged, German (Deutsch)', parameters: { ...mockMergesApi() }, ...inGerman };

export const AllRead: Story = { name: 'All read', parameters: { ...mockNotificationsApi({ unread: 0 }) } };

export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockNotificationsApi({ failures: { 'GET /notifications': 'server' } }) },
};

export const Offline: Story = {
  parameters: { ...mockNotificationsApi({ failures: { 'GET /notifications': 'network' } }) },
};

export const Dark: Story = {
  render: (args) => inDarkTheme(embeddedBell(args), 'padding: 0'),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args) => rightToLeft(embeddedBell(args)),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  parameters: { ...mockNotificationsApi(), ...phoneViewport },
  render: (args) => narrow(embeddedBell(args)),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', ...inGerman };

/**
 * News of status changes: an idea shipped with the admin's note (shown as plain text), another by
 * a changelog entry ("Read what shipped" links to it); the footer turns email off entirely.
 */
export const StatusNews: Story = {
  name: 'Shipped with a note and by a changelog entry',
  loaders: [withStatusNews],
  render: (args, { loaded }) => bellOver(args, loaded.client as SaysoClient),
};

export const StatusNewsGerman: Story = {
  name: 'Shipped with a note, German (Deutsch)',
  loaders: [withStatusNews],
  render: (args, { loaded }) => bellOver(args, loaded.client as SaysoClient),
  ...inGerman,
};

export const EmailOff: Story = {
  name: 'Email turned off',
  loaders: [withStatusNews],
  render: (args, { loaded }) => bellOver(args, loaded.client as SaysoClient),
  play: async ({ canvasElement }) => {
    const el = await waitFor(() => canvasElement.querySelector('sayso-notifications'));
    (await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('[part~="email-toggle"]'))).click();
  },
};

export const EmailSettingFailed: Story = {
  name: 'Email setting could not be changed',
  parameters: { ...mockApiOver(() => demoDataForFollowing({ email: STORY_EMAIL }), { failures: { 'PUT /me/email': 'network' } }) },
  play: EmailOff.play!,
};
