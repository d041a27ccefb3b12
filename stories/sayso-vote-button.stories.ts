import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html } from 'lit';
import { inGerman, loadedClient, mockApi } from './support.js';

/**
 * The vote toggle on its own: optimistic count, rollback with a message when refused, and a calm
 * note when a vote cannot be sent yet and waits in the outbox (click to see each).
 */
const meta: Meta = {
  title: 'Elements/sayso-vote-button',
  component: 'sayso-vote-button',
  parameters: { ...mockApi() },
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

export const Refused: Story = {
  name: 'Refused (forbidden)',
  parameters: { ...mockApi({ failures: { 'POST /posts/:id/votes': 'forbidden' } }) },
};

export const RateLimited: Story = {
  name: 'Waiting to be sent (rate limited)',
  parameters: { ...mockApi({ failures: { 'POST /posts/:id/votes': 'rate_limited' } }) },
};

export const ServerError: Story = {
  name: 'Waiting to be sent (server unreachable)',
  parameters: { ...mockApi({ failures: { 'POST /posts/:id/votes': 'server' } }) },
};

export const Slow: Story = { parameters: { ...mockApi({ latency: 3000 }) } };

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', ...inGerman };
