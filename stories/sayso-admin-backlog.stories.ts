import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createMemoryAdapter, seedMemoryFeedback, type MemoryData } from '@sayso/adapter-memory';
import { SaysoError, createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow } from './support.js';

/** A day of latency: the screen stays loading for as long as anyone looks at the story. */
const FOREVER_MS = 86_400_000;

/**
 * The demo board with an engineering backlog: a performance item backed by two people's
 * complaints about slowness, the sync engine behind "Offline mode" (its voters and emails), a
 * security item with high risk, a vague one and a stale one.
 */
async function backlogData(): Promise<MemoryData> {
  const data = demoData();
  seedMemoryFeedback(data, [
    { source: 'email', board: 'demo', title: 'Slow board', text: 'The board takes ten seconds to load every morning.', author: { name: 'Iris', email: 'iris@vandelay.example', company: 'Vandelay' } },
    { source: 'slack', board: 'demo', text: 'board is super slow again today, pages take ages to load', author: { name: 'Priya' } },
  ]);
  const admin = createMemoryAdapter({ data, voterId: 'story-admin', admin: true }).admin!;
  const slowness = (await admin.listInbox({ board: 'demo', q: 'slow' })).items.map((item) => item.id);
  const speed = await admin.createBacklogItem({
    board: 'demo',
    title: 'Make the board load in under a second',
    description: 'The first page runs five slow queries.',
    nextStep: 'Add an index on posts (board, votes)',
    category: 'performance',
    estimate: 2,
    owner: 'Kim',
    trackerUrls: ['https://github.com/acme/notes/issues/311'],
    public: true,
  });
  await admin.linkBacklogEvidence({ itemId: speed.id, feedbackItemIds: slowness });
  const sync = await admin.createBacklogItem({
    board: 'demo',
    title: 'Replace the sync engine',
    nextStep: 'Spike on two CRDT libraries',
    category: 'infrastructure',
    estimate: 8,
    trackerUrls: ['https://linear.app/acme/issue/ENG-42/replace-the-sync-engine'],
  });
  await admin.linkBacklogEvidence({ itemId: sync.id, postIds: ['seed-2'] });
  await admin.createBacklogItem({
    board: 'demo',
    title: 'Rotate the API signing keys',
    nextStep: 'List every key in use',
    category: 'security_compliance',
    risk: 3,
    estimate: 1,
    trackerUrls: ['https://acme.atlassian.net/browse/SEC-7'],
  });
  await admin.createBacklogItem({ board: 'demo', title: 'Upgrade the build toolchain', category: 'developer_experience', estimate: 3 });
  const stale = await admin.createBacklogItem({ board: 'demo', title: 'Rewrite the settings module', nextStep: 'Split the form from the API calls', category: 'refactoring' });
  // Untouched since last year: listed for pruning.
  data.backlog.get(stale.id)!.updatedAt = '2025-06-01T09:00:00Z';
  return data;
}

const screen = (adapter: SaysoAdapter, params: Record<string, string> = {}) =>
  html`<sayso-admin-backlog .client=${createSaysoClient({ adapter })} .params=${params}></sayso-admin-backlog>`;

/**
 * The console's engineering backlog, ranked by what users suffer: each item's priority comes from
 * the people behind the ideas and feedback linked to it, their MRR, its risk and its estimate.
 * Open an item to edit it, see why it ranks where it does, and link evidence in one click. `n`
 * adds an item, `/` searches, `j`/`k` and `Enter` open one. Runs on the memory adapter.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-backlog',
  component: 'sayso-admin-backlog',
  // The screen's boards come from the memory adapter; the mocked API serves whatever else a story reaches.
  parameters: { ...mockApiOver(() => demoData()) },
  loaders: [memoryAdminOf(backlogData)],
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter),
};
export default meta;

type Story = StoryObj;

/** Five items, the backed ones first; one vague, one stale. */
export const Default: Story = {};

/** An item open: its fields, tracker chips, why it ranks here, its evidence and suggestions. */
export const ItemOpen: Story = {
  name: 'Item open',
  loaders: [
    async () => {
      const { adapter } = await memoryAdminOf(backlogData)();
      const [first] = await adapter.admin!.listBacklog({ board: 'demo' });
      return { adapter, itemId: first!.id };
    },
  ],
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter, { item: loaded.itemId as string }),
};

/** A board without engineering work yet. */
export const Empty: Story = { loaders: [memoryAdminOf(() => demoData())] };

/** Waiting for the backlog. */
export const Loading: Story = { loaders: [memoryAdminOf(backlogData, FOREVER_MS)] };

/** The backlog cannot be fetched: what failed, and Try again. */
export const ServerError: Story = {
  name: 'Error',
  loaders: [
    async () => {
      // The mocked HTTP API has no backlog routes: the memory adapter refuses instead, as a failing server would.
      const { adapter } = await memoryAdminOf(backlogData)();
      const listBacklog = () => Promise.reject(new SaysoError('server', 'The server failed.'));
      return { adapter: { ...adapter, admin: { ...adapter.admin!, listBacklog } } };
    },
  ],
};

/** On a phone-sized column, an item open under the list. */
export const Narrow: Story = {
  loaders: ItemOpen.loaders,
  render: (_args, { loaded }) => narrow(screen(loaded.adapter as SaysoAdapter, { item: loaded.itemId as string })),
};
