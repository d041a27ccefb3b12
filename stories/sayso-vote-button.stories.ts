import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html } from 'lit';
import { loadedClient, mockApi } from './support.js';

/** The vote toggle on its own: optimistic count, rollback with a message when refused. */
const meta: Meta = {
  title: 'Elements/sayso-vote-button',
  component: 'sayso-vote-button',
  parameters: mockApi(),
  loaders: [loadedClient],
  render: (_args, { loaded }) => {
    const client = loaded.client as SaysoClient;
    const post = client.board('demo').$posts.get()[0];
    return html`<sayso-vote-button .client=${client} post-id=${post?.id ?? ''}></sayso-vote-button>`;
  },
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const RateLimited: Story = {
  name: 'Refused (rate limited)',
  parameters: mockApi({ failures: { 'POST /posts/:id/votes': 'rate_limited' } }),
};

export const ServerError: Story = {
  name: 'Refused (server error)',
  parameters: mockApi({ failures: { 'POST /posts/:id/votes': 'server' } }),
};

export const Slow: Story = { parameters: mockApi({ latency: 3000 }) };
