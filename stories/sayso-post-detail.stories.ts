import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html } from 'lit';
import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient } from '@sayso/core';
import { MERGED_STORY_IDS } from './msw/sayso-api.js';
import { API_URL, inDarkTheme, inGerman, loadedClient, mergedIdeasClient, mockDiscussionApi, mockMergesApi, rightToLeft } from './support.js';

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

/**
 * A client that fetched the story's idea by id, as `<sayso-board post=…>` does for a link: for
 * an idea merged into another, that other idea and the note where the visitor came from.
 */
async function openedByLink({ args }: { args: { postId?: unknown } }): Promise<{ client: SaysoClient }> {
  const client = createSaysoClient({ adapter: createHttpAdapter({ baseUrl: API_URL }) });
  await client.post(args.postId as string).load();
  return { client };
}

/** Feedback from channels backs this idea: its people in total, and through which channels (4 people by email, 2 on Slack, …). */
export const Evidence: Story = { name: 'Backed by feedback from channels (evidence)', args: { postId: 'seed-1' } };

/** The evidence line in German. */
export const EvidenceGerman: Story = { ...Evidence, name: 'Backed by feedback from channels, German (Deutsch)', ...inGerman };

/** Two duplicates were merged into this idea: its people in total, where they come from, the merged ideas, and their comments marked. */
export const MergedIdeas: Story = {
  name: 'Ideas merged into it (breakdown)',
  parameters: { ...mockMergesApi() },
  args: { postId: MERGED_STORY_IDS.canonical },
};

/** The comments of merged ideas say where they came from, in plain text while the merged ideas could not be loaded. */
export const MergedCommentsWithoutDemand: Story = {
  name: 'Comments merged from other ideas, breakdown unavailable',
  parameters: { ...mockMergesApi({ failures: { 'GET /posts/:id/demand': 'server' } }) },
  args: { postId: MERGED_STORY_IDS.canonical },
};

/** Opened by the link of an idea merged into this one: a banner says so, and that the visitor's vote counts here. */
export const MergedBanner: Story = {
  name: 'Reached through a merged idea (banner)',
  parameters: { ...mockMergesApi() },
  loaders: [openedByLink],
  args: { postId: MERGED_STORY_IDS.nightTheme },
};

export const MergedBannerDark: Story = {
  ...MergedBanner,
  name: 'Reached through a merged idea, dark',
  render: (args, { loaded }) =>
    inDarkTheme(html`<sayso-post-detail .client=${loaded.client as SaysoClient} post-id=${args.postId as string}></sayso-post-detail>`),
};

/** A list of merged ideas (under the board's Merged status) opened one of them: it names the idea it was merged into. */
export const MergedIdea: Story = {
  name: 'An idea merged into another',
  parameters: { ...mockMergesApi() },
  loaders: [mergedIdeasClient],
  args: { postId: MERGED_STORY_IDS.nightTheme },
};

/** The merge notes and the breakdown in German. */
export const MergedGerman: Story = {
  name: 'Ideas merged into it, German (Deutsch)',
  parameters: { ...mockMergesApi() },
  args: { postId: MERGED_STORY_IDS.canonical },
  ...inGerman,
};
