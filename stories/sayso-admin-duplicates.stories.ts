import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoTriageData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, waitFor, mockedAdminApi } from './support.js';

const screen = (adapter: SaysoAdapter, board = 'demo') =>
  html`<sayso-admin-duplicates .client=${createSaysoClient({ adapter })} .params=${{ board }}></sayso-admin-duplicates>`;

/** The screen over the mocked API, as the console signed in with a key talks to a server. */
const overTheApi = () => screen(mockedAdminApi());

/**
 * The console's duplicate queue: a board's pairs of ideas that may say the same thing. `j`/`k`
 * move, `Enter` compares a pair with the people both share, `m` merges it choosing the idea to
 * keep, `d` dismisses it, `u` undoes the last merge.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-duplicates',
  component: 'sayso-admin-duplicates',
  parameters: { ...mockApiOver(() => demoTriageData()) },
  loaders: [memoryAdminOf(() => demoTriageData())],
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter),
};
export default meta;

type Story = StoryObj;

/** Several pairs on the demo board. */
export const Default: Story = {};

/** A pair open side by side: both ideas, their evidence and the people they share. */
export const Compared: Story = {
  play: async ({ canvasElement }) => {
    const el = await waitFor(() => canvasElement.querySelector('sayso-admin-duplicates'));
    const compare = await waitFor(() => [...el.shadowRoot!.querySelectorAll('button')].find((button) => button.textContent?.trim() === 'Compare'));
    compare.click();
    await waitFor(() => el.shadowRoot!.querySelector('[part="compare"]')?.textContent?.includes('Shared people'));
  },
};

/** A board without possible duplicates. */
export const Empty: Story = {
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter, 'mobile'),
};

/** Waiting for the queue. */
export const Loading: Story = {
  loaders: [memoryAdminOf(() => demoTriageData(), 24 * 60 * 60 * 1000)],
};

/** The server fails to answer the queue: what failed, and Try again. */
export const ServerError: Story = {
  name: 'Server error',
  parameters: { ...mockApiOver(() => demoTriageData(), { failures: { 'GET /boards/:board/duplicates': 'server' } }) },
  render: overTheApi,
};

/** On a phone-sized screen. */
export const Narrow: Story = {
  render: (_args, { loaded }) => narrow(screen(loaded.adapter as SaysoAdapter)),
};
