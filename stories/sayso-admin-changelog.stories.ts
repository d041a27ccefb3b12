import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createAdminChangelogView, createSaysoClient, type SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData, demoDataWithChangelog } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, mockedAdminApi } from './support.js';

/** A day of latency: the screen stays loading for as long as anyone looks at the story. */
const FOREVER_MS = 86_400_000;

/** The screen over the loaded memory adapter, or over the mocked API as an admin (failure stories). */
const changelog = (loaded: Record<string, unknown>) => {
  const adapter = (loaded.adapter as SaysoAdapter | undefined) ?? mockedAdminApi();
  return html`<sayso-admin-changelog .client=${createSaysoClient({ adapter })} .params=${{ board: 'demo' }}></sayso-admin-changelog>`;
};

/**
 * The console's changelog: a board's entries, drafts and published; `n` writes a new one with a
 * live markdown preview, the ideas it ships picked in "Add an idea", who publishing would tell,
 * and a confirmation before publishing. Runs on the memory adapter as "Grace (support)".
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-changelog',
  component: 'sayso-admin-changelog',
  parameters: { ...mockApiOver(() => demoData()) },
  render: (_args, { loaded }) => changelog(loaded),
};
export default meta;

type Story = StoryObj;

/** Twelve published entries. */
export const Many: Story = { loaders: [memoryAdminOf(() => demoDataWithChangelog({ entries: 12 }))] };

/** No entry yet. */
export const Empty: Story = { loaders: [memoryAdminOf(() => demoData())] };

/** The entries on their way. */
export const Loading: Story = { loaders: [memoryAdminOf(() => demoData(), FOREVER_MS)] };

/** The server fails to list the entries. */
export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockApiOver(() => demoData(), { failures: { 'GET /boards/:board/changelog': 'server' } }) },
};

/** An entry being written: markdown with its preview, two ideas it ships, and who publishing would tell. */
export const Writing: Story = {
  loaders: [
    async () => {
      const { adapter } = await memoryAdminOf(() => demoDataWithChangelog())();
      const client = createSaysoClient({ adapter });
      const view = client.view(createAdminChangelogView, { board: 'demo' });
      view.open();
      view.edit({ title: 'Offline sync', body: 'Notes now **sync offline**:\n\n- edit on the train\n- merge when back online' });
      for (const idea of (await view.searchIdeas('')).slice(0, 2)) view.addIdea(idea);
      await view.previewRecipients();
      return { client };
    },
  ],
  render: (_args, { loaded }) =>
    html`<sayso-admin-changelog .client=${loaded.client as ReturnType<typeof createSaysoClient>} .params=${{ board: 'demo' }}></sayso-admin-changelog>`,
};

/** On a phone-sized column. */
export const Narrow: Story = {
  loaders: [memoryAdminOf(() => demoDataWithChangelog())],
  render: (_args, { loaded }) => narrow(changelog(loaded)),
};
