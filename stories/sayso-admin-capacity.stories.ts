import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createMemoryAdapter, type MemoryData } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type BacklogCategory, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow } from './support.js';

/** A day of latency: the screen stays loading for as long as anyone looks at the story. */
const FOREVER_MS = 86_400_000;

/**
 * Six weeks of a team's work: ideas shipped (12 days) and backlog items done (5 days: performance
 * and technical debt, no security), against 20 % engineering with security at least 5 % and
 * performance at least 10 %. Engineering is over its target, security short of its minimum.
 */
async function workDone(): Promise<MemoryData> {
  const data = demoData();
  const adapter = createMemoryAdapter({ data, voterId: 'story-admin', admin: true });
  const admin = adapter.admin!;
  await admin.setCapacitySettings({ board: 'demo', engineeringTarget: 20, categoryMinimums: { security_compliance: 5, performance: 10 } });
  const ideas = (await adapter.listPosts({ board: 'demo' })).items;
  for (const [title, effort] of [['Export notes to Markdown', 8], ['Tables in notes', 4]] as const) {
    const idea = ideas.find((post) => post.title === title)!;
    await admin.setPostStatus({ postId: idea.id, status: 'shipped' });
    await admin.setPriorityInputs({ postId: idea.id, effort });
  }
  const done: Array<[string, BacklogCategory, number | null]> = [
    ['Index the notes table', 'performance', 3],
    ['Remove the old sync code', 'tech_debt', 1],
    ['Cache the note list', 'performance', null],
  ];
  for (const [title, category, estimate] of done) {
    const item = await admin.createBacklogItem({ board: 'demo', title, category, estimate });
    await admin.updateBacklogItem({ itemId: item.id, status: 'done' });
  }
  return data;
}

/** The screen over the loaded admin adapter. */
const capacity = (loaded: Record<string, unknown>) =>
  html`<sayso-admin-capacity .client=${createSaysoClient({ adapter: loaded.adapter as SaysoAdapter })} .params=${{ board: 'demo' }}></sayso-admin-capacity>`;

/**
 * The console's capacity screen: engineering's share of the effort done in the last weeks and
 * each category's, beside the targets, with the gap in words; and the targets form. Runs on the
 * memory adapter.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-capacity',
  component: 'sayso-admin-capacity',
  // The screen runs on the memory adapter; every story still gets the mocked API (see test/storybook).
  parameters: { ...mockApiOver(() => demoData()) },
  loaders: [memoryAdminOf(workDone)],
  render: (_args, { loaded }) => capacity(loaded),
};
export default meta;

type Story = StoryObj;

/** Engineering over its target, security short of its minimum, one item without an estimate. */
export const Default: Story = {};

/** A new board: nothing done in the window yet, the default targets. */
export const Empty: Story = { loaders: [memoryAdminOf(() => demoData({ count: 0 }))] };

/** The report on its way. */
export const Loading: Story = { loaders: [memoryAdminOf(() => demoData(), FOREVER_MS)] };

/** The server fails to give the report. */
export const LoadError: Story = {
  name: 'Error',
  loaders: [
    async () => {
      const { adapter } = await memoryAdminOf(workDone)();
      const getCapacity = () => Promise.reject(new SaysoError('server', 'The server failed.'));
      return { adapter: { ...adapter, admin: { ...adapter.admin!, getCapacity } } };
    },
  ],
};

/** On a phone-sized column. */
export const Narrow: Story = {
  name: 'Narrow screen',
  render: (_args, { loaded }) => narrow(capacity(loaded)),
};
