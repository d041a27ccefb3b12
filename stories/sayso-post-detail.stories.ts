import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html } from 'lit';
import { inGerman, loadedClient, mockDiscussionApi, rightToLeft } from './support.js';

/**
 * One idea in full, as `<sayso-board>` shows it when a title is activated: details rendered as
 * sanitised markdown, tags, comments and the comment form. Data from the mocked API.
 */
const meta: Meta = {
  title: 'Elements/sayso-post-detail',
  component: 'sayso-post-detail',
  parameters: { ...mockDiscussionApi() },
  loaders: [loadedClient],
  args: { postId: 'seed-1' },
  render: (args, { loaded }) => {
    const client = loaded.client as SaysoClient;
    return html`<sayso-post-detail .client=${client} post-id=${args.postId as string}></sayso-post-detail>`;
  },
};
export default meta;

type Story = StoryObj;

export const WithComments: Story = { name: 'With comments' };

export const NoComments: Story = { name: 'No comments yet', args: { postId: 'seed-4' } };

export const ManyComments: Story = { name: 'Many comments', parameters: { ...mockDiscussionApi({ comments: 45 }) } };

export const CommentsLoadError: Story = {
  name: 'Comments could not be loaded',
  parameters: { ...mockDiscussionApi({ failures: { 'GET /posts/:id/comments': 'server' } }) },
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args, { loaded }) =>
    rightToLeft(html`<sayso-post-detail .client=${loaded.client as SaysoClient} post-id=${args.postId as string}></sayso-post-detail>`),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', ...inGerman };
