import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoTriageData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, mockedAdminApi } from './support.js';

const screen = (adapter: SaysoAdapter, params: Record<string, string> = {}) =>
  html`<sayso-admin-inbox .client=${createSaysoClient({ adapter })} .params=${params}></sayso-admin-inbox>`;

/**
 * The console's inbox: feedback from every channel, each beside the ideas it may be about. Link
 * it to one, make an idea of it, or archive it (`a`); `x` selects items to act on together, `/`
 * searches, `Enter` shows an item whole.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-inbox',
  component: 'sayso-admin-inbox',
  parameters: { ...mockApiOver(() => demoTriageData()) },
  loaders: [memoryAdminOf(() => demoTriageData())],
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter),
};
export default meta;

type Story = StoryObj;

/** New feedback from email, Slack, Intercom, Zendesk, a CSV import and the API. */
export const Default: Story = {};

/** Feedback already linked to ideas as evidence. */
export const Linked: Story = {
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter, { state: 'linked' }),
};

/** Nothing matches the filters. */
export const Empty: Story = {
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter, { board: 'mobile' }),
};

/** Waiting for the inbox. */
export const Loading: Story = {
  loaders: [memoryAdminOf(() => demoTriageData(), 24 * 60 * 60 * 1000)],
};

/** The server fails to answer: what failed, and Try again. */
export const ServerError: Story = {
  name: 'Server error',
  parameters: { ...mockApiOver(() => demoTriageData(), { failures: { 'GET /inbox': 'server' } }) },
  render: () => screen(mockedAdminApi()),
};

/** On a phone-sized screen. */
export const Narrow: Story = {
  render: (_args, { loaded }) => narrow(screen(loaded.adapter as SaysoAdapter)),
};
