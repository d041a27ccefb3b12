import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createMemoryAdapter, type MemoryData } from '@sayso/adapter-memory';
import { createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, mockedAdminApi } from './support.js';

/** A day of latency: the screen stays loading for as long as anyone looks at the story. */
const FOREVER_MS = 86_400_000;

/** The demo board with keys of both kinds, two webhook endpoints and tags, as a team that set things up. */
async function configuredData(): Promise<MemoryData> {
  const data = demoData();
  const admin = createMemoryAdapter({ data, voterId: 'story-admin', admin: true }).admin!;
  for (const label of ['Priya (PM)', 'Grace (support)', 'CI deploys']) await admin.createApiKey({ kind: 'admin', label });
  for (const label of ['Intercom bridge', 'Zendesk export']) await admin.createApiKey({ kind: 'ingestion', label });
  await admin.createWebhookEndpoint({ url: 'https://hooks.example.com/sayso', events: ['idea.created', 'changelog.published'] });
  const paused = await admin.createWebhookEndpoint({ url: 'https://ci.example.com/hooks/feedback', events: ['feedback.received'] });
  await admin.updateWebhookEndpoint({ endpointId: paused.id, active: false });
  for (const name of ['Mobile', 'Web', 'API', 'Billing']) await admin.createTag({ board: 'demo', name });
  await admin.setPriorityFormula({ board: 'demo', peopleWeight: 2, mrrWeight: 0.05 });
  return data;
}

/** The screen over the loaded memory adapter, or over the mocked API as an admin (failure stories). */
const settings = (loaded: Record<string, unknown>) => {
  const adapter = (loaded.adapter as SaysoAdapter | undefined) ?? mockedAdminApi();
  return html`<sayso-admin-settings .client=${createSaysoClient({ adapter })} .params=${{ board: 'demo' }}></sayso-admin-settings>`;
};

/**
 * The console's settings: API keys of both kinds (a new one shown once, with a copy button),
 * webhooks and their delivery log, and the board: its details, workflow, tags, which status
 * kinds tell followers, and the priority formula. Runs on the memory adapter.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-settings',
  component: 'sayso-admin-settings',
  parameters: { ...mockApiOver(() => demoData()) },
  render: (_args, { loaded }) => settings(loaded),
};
export default meta;

type Story = StoryObj;

/** Keys, endpoints and tags in use. */
export const Many: Story = { loaders: [memoryAdminOf(configuredData)] };

/** A fresh deployment: no keys, endpoints or tags yet. */
export const Empty: Story = { loaders: [memoryAdminOf(() => demoData())] };

/** The settings on their way. */
export const Loading: Story = { loaders: [memoryAdminOf(() => demoData(), FOREVER_MS)] };

/** The server fails to list the admin keys; the other sections still show. */
export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockApiOver(() => demoData(), { failures: { 'GET /admin/keys': 'server' } }) },
};

/** On a phone-sized column. */
export const Narrow: Story = {
  loaders: [memoryAdminOf(configuredData)],
  render: (_args, { loaded }) => narrow(settings(loaded)),
};
