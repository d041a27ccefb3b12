import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { createMemoryAdapter, type MemoryData } from '@sayso/adapter-memory';
import type { BacklogItemFields, SaysoClient } from '@sayso/core';
import { html, type TemplateResult } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { API_URL, inDarkTheme, inGerman, memoryClientOf, mockApi, narrow, phoneViewport, rightToLeft } from './support.js';

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

/**
 * The demo board with engineering work its team made public (one kept internal): a performance
 * fix in progress backed by the people of "Offline mode on the mobile app", planned security
 * work, and a done refactoring.
 */
async function withEngineeringWork(): Promise<MemoryData> {
  const data = demoData();
  const adapter = createMemoryAdapter({ data, voterId: 'story-admin', admin: true });
  const ideas = (await adapter.listPosts({ board: 'demo' })).items;
  const items: Array<BacklogItemFields & { backedBy?: string }> = [
    { title: 'Make opening a large notebook fast', category: 'performance', status: 'in_progress', public: true, backedBy: 'Offline mode on the mobile app' },
    { title: 'Two-factor sign-in for every account', category: 'security_compliance', status: 'planned', public: true },
    { title: 'Move the sync engine to the new storage layer', category: 'refactoring', status: 'done', public: true },
    { title: 'Upgrade the build tooling', category: 'developer_experience', status: 'planned', public: false },
  ];
  for (const { backedBy, ...fields } of items) {
    const item = await adapter.admin!.createBacklogItem({ board: 'demo', ...fields });
    const idea = ideas.find((post) => post.title === backedBy);
    if (idea) await adapter.admin!.linkBacklogEvidence({ itemId: item.id, postIds: [idea.id] });
  }
  return data;
}

const roadmapWithEngineering = (loaded: Record<string, unknown>) =>
  html`<sayso-roadmap board="demo" show-engineering .client=${loaded.client as SaysoClient}></sayso-roadmap>`;

/** `show-engineering`: the team's public engineering work, read-only, in the columns of its status. */
export const EngineeringWork: Story = {
  name: 'Engineering work (show-engineering)',
  loaders: [memoryClientOf(withEngineeringWork)],
  render: (_args, { loaded }) => roadmapWithEngineering(loaded),
};

export const EngineeringWorkNarrow: Story = {
  name: 'Engineering work, narrow screen',
  parameters: { ...phoneViewport },
  loaders: [memoryClientOf(withEngineeringWork)],
  render: (_args, { loaded }) => narrow(roadmapWithEngineering(loaded)),
};
