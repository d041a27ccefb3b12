import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { html } from 'lit';
import { API_URL, mockApi } from './support.js';

/** The form to suggest an idea: validation next to each field, text kept when posting fails. */
const meta: Meta = {
  title: 'Elements/sayso-idea-form',
  component: 'sayso-idea-form',
  args: { board: 'demo', heading: 'Suggest an idea' },
  parameters: mockApi(),
  render: (args) => html`
    <sayso-provider api-url=${API_URL}>
      <sayso-idea-form board=${args.board} heading=${args.heading}></sayso-idea-form>
    </sayso-provider>
  `,
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const PostingFails: Story = {
  name: 'Posting fails (server error)',
  parameters: mockApi({ failures: { 'POST /boards/:board/posts': 'server' } }),
};

export const Offline: Story = {
  parameters: mockApi({ failures: { 'POST /boards/:board/posts': 'network' } }),
};

export const Slow: Story = { parameters: mockApi({ latency: 3000 }) };
