import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createMemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, mockedAdminApi } from './support.js';

const screen = (adapter: SaysoAdapter, params: Record<string, string> = {}) =>
  html`<sayso-admin-ideas .client=${createSaysoClient({ adapter })} .params=${params}></sayso-admin-ideas>`;

/**
 * The console's ideas screen: every board's ideas in a dense table sorted and filtered on the
 * server, `j`/`k` to move, `Enter` to open, `x` to select, `s`/`m` for bulk status and merge. On
 * the memory adapter as the admin "Grace (support)".
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-ideas',
  component: 'sayso-admin-ideas',
  parameters: { layout: 'padded', ...mockApiOver(() => demoData()) },
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter),
};
export default meta;

type Story = StoryObj;

/** Three hundred ideas: the table renders only the rows near the viewport. */
export const Many: Story = { loaders: [memoryAdminOf(() => demoData({ count: 300 }))] };

/** The sample board, sorted by title and narrowed to ideas with at least two people. */
export const Filtered: Story = {
  loaders: [memoryAdminOf(() => demoData())],
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter, { minPeople: '2', sort: 'title:asc' }),
};

/** A deployment with a board and no ideas yet. */
export const Empty: Story = { loaders: [memoryAdminOf(() => createMemoryData({ boards: [{ slug: 'demo', name: 'Acme Notes feedback' }] }))] };

/** The first page on its way. */
export const Loading: Story = { loaders: [memoryAdminOf(() => demoData(), 3_600_000)] };

/** The server refuses the list: what failed, and a way to try again. */
export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockApiOver(() => demoData(), { failures: { 'GET /admin/ideas': 'server' } }) },
  render: () => screen(mockedAdminApi()),
};

/** On a phone-sized screen: the columns that decide most stay. */
export const Narrow: Story = {
  loaders: [memoryAdminOf(() => demoData())],
  render: (_args, { loaded }) => narrow(screen(loaded.adapter as SaysoAdapter)),
};
