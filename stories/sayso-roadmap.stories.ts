import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { html, type TemplateResult } from 'lit';
import { API_URL, inDarkTheme, inGerman, mockApi, narrow, phoneViewport, rightToLeft } from './support.js';

/** The element as a host page embeds it, inside `<sayso-provider api-url>`. */
const embeddedRoadmap = (args: Args): TemplateResult => html`
  <sayso-provider api-url=${API_URL}>
    <sayso-roadmap board=${args.board} post-href="#/ideas/{id}"></sayso-roadmap>
  </sayso-provider>
`;

/**
 * The roadmap of the demo board: a column per active and done status (Planned, In progress,
 * Shipped), each idea with its live vote button. Data comes from the mocked API.
 */
const meta: Meta = {
  title: 'Elements/sayso-roadmap',
  component: 'sayso-roadmap',
  args: { board: 'demo' },
  parameters: { ...mockApi() },
  render: (args) => embeddedRoadmap(args),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const Loading: Story = { parameters: { ...mockApi({ latency: 'infinite' }) } };

export const Empty: Story = { parameters: { ...mockApi({ count: 0 }) } };

export const CustomColumns: Story = {
  name: 'Custom columns (statuses attribute)',
  render: (args) => html`
    <sayso-provider api-url=${API_URL}>
      <sayso-roadmap board=${args.board} statuses="under-review,planned,shipped"></sayso-roadmap>
    </sayso-provider>
  `,
};

export const ColumnError: Story = {
  name: 'Error',
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/posts': 'server' } }) },
};

export const BoardError: Story = {
  name: 'Board not loaded',
  parameters: { ...mockApi({ failures: { 'GET /boards/:board': 'not_found', 'GET /boards': 'server' } }) },
};

export const Offline: Story = {
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/posts': 'network' } }) },
};

export const Dark: Story = {
  render: (args) => inDarkTheme(embeddedRoadmap(args)),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args) => rightToLeft(embeddedRoadmap(args)),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  parameters: { ...mockApi(), ...phoneViewport },
  render: (args) => narrow(embeddedRoadmap(args)),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', ...inGerman };
