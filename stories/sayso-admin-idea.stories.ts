import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createMemoryAdapter, createMemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData, demoDataWithDiscussion } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, mockedAdminApi } from './support.js';

/** The idea the stories open: "Dark mode for the editor" of the demo board. */
const IDEA = 'seed-1';

/** The discussed demo data after the team worked on the idea: requests, a reply, a note, a merge and priority inputs. */
async function workedOnData() {
  const data = demoDataWithDiscussion();
  const admin = createMemoryAdapter({ data, voterId: 'story-priya', admin: true, adminLabel: 'Priya (PM)' }).admin!;
  await admin.addCustomerRequest({ postId: IDEA, name: 'Ada Lovelace', email: 'ada@acme.example', company: 'Acme', importance: 'blocker', note: 'Renewal call' });
  await admin.addCustomerRequest({ postId: IDEA, name: 'Linus', company: 'Initech' });
  await admin.addTeamComment({ postId: IDEA, body: 'Acme brought this up again on the renewal call.', internal: true });
  await admin.addTeamComment({ postId: IDEA, body: 'Thanks, everyone: this is planned for the spring release.' });
  await admin.setPriorityInputs({ postId: IDEA, impact: 2, effort: 3 });
  await admin.mergePost({ postId: 'seed-3', into: IDEA });
  return data;
}

const screen = (adapter: SaysoAdapter, id = IDEA) =>
  html`<sayso-admin-idea .client=${createSaysoClient({ adapter })} .params=${{ id, from: 'sort=people' }}></sayso-admin-idea>`;

/**
 * The console's idea screen: the text, status with who will be told (`s`), demand over time and
 * why it ranks here, the conversation with the team's replies and internal notes, requests on
 * behalf of customers, evidence and history (with Unmerge). Esc goes back to the list.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-idea',
  component: 'sayso-admin-idea',
  parameters: { ...mockApiOver(() => demoData()) },
  render: (_args, { loaded }) => screen(loaded.adapter as SaysoAdapter),
};
export default meta;

type Story = StoryObj;

/** An idea the team worked on: requests, a reply and a note, a merged duplicate, priority inputs. */
export const Default: Story = { loaders: [memoryAdminOf(workedOnData)] };

/** A new idea nobody has asked for yet. */
export const EmptyIdea: Story = {
  name: 'Empty idea',
  loaders: [memoryAdminOf(() => createMemoryData({ boards: [{ slug: 'demo', name: 'Demo' }], posts: [{ board: 'demo', title: 'A brand-new idea', votes: 0 }] }))],
};

/** Still fetching the idea. */
export const Loading: Story = { loaders: [memoryAdminOf(() => demoData(), 600_000)] };

/** The server fails to answer for the idea: the reason, and Try again. */
export const Failed: Story = {
  name: 'Error',
  parameters: { ...mockApiOver(() => demoData(), { failures: { 'GET /posts/:id': 'server' } }) },
  render: () => screen(mockedAdminApi()),
};

/** On a phone-sized screen: one column. */
export const Narrow: Story = {
  loaders: [memoryAdminOf(workedOnData)],
  render: (_args, { loaded }) => narrow(screen(loaded.adapter as SaysoAdapter)),
};
