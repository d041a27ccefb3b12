import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html } from 'lit';
import { inGerman, loadedClient, mergedIdeasClient, mockApi, mockMergesApi } from './support.js';

/** One idea as the board lists it, with its vote button; data from the mocked API. */
const meta: Meta = {
  title: 'Elements/sayso-post-card',
  component: 'sayso-post-card',
  parameters: { ...mockApi() },
  loaders: [loadedClient],
  args: { index: 0 },
  argTypes: { index: { control: { type: 'range', min: 0, max: 7 }, description: 'Which demo idea to show' } },
  render: (args, { loaded }) => {
    const client = loaded.client as SaysoClient;
    const post = client.board('demo').$posts.get()[args.index as number];
    return html`<sayso-post-card .client=${client} .post=${post}></sayso-post-card>`;
  },
};
export default meta;

type Story = StoryObj;

export const Planned: Story = {};

export const Shipped: Story = { args: { index: 2 } };

export const WithoutDetails: Story = { name: 'Without details', args: { index: 4 } };

export const Declined: Story = { args: { index: 7 } };

export const VoteRefused: Story = {
  name: 'Vote refused (offline)',
  parameters: { ...mockApi({ failures: { 'POST /posts/:id/votes': 'network' } }) },
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', ...inGerman };

/** Counts people: the idea's own voters and those of the two ideas merged into it, each once. */
export const WithMergedIdeas: Story = { name: 'With ideas merged into it', parameters: { ...mockMergesApi() } };

/** An idea merged into another, as the board lists it under its Merged status: it names, and opens, the idea it was merged into. */
export const MergedIntoAnother: Story = {
  name: 'Merged into another idea',
  parameters: { ...mockMergesApi() },
  loaders: [mergedIdeasClient],
  render: (args, { loaded }) => {
    const client = loaded.client as SaysoClient;
    const post = client.board('demo').$posts.get()[args.index as number];
    return html`<sayso-post-card openable .client=${client} .post=${post}></sayso-post-card>`;
  },
};
