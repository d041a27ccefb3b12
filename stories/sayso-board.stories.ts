import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { html, type TemplateResult } from 'lit';
import { MERGED_STORY_IDS, demoData, othersAtWork, saysoApiHandlers } from './msw/sayso-api.js';
import { API_URL, inDarkTheme, inGerman, insideHostileCss, mockApi, mockDiscussionApi, mockMergesApi, narrow, phoneViewport, rightToLeft, waitFor } from './support.js';

/** The element as a host page embeds it, inside `<sayso-provider api-url>`. */
const embeddedBoard = (args: Args): TemplateResult => html`
  <sayso-provider api-url=${API_URL}>
    <sayso-board board=${args.board}></sayso-board>
  </sayso-provider>
`;

/**
 * The whole board as a host page embeds it: `<sayso-provider api-url>` around `<sayso-board>`.
 * Data comes from msw handlers that answer like the reference server.
 */
const meta: Meta = {
  title: 'Elements/sayso-board',
  component: 'sayso-board',
  args: { board: 'demo' },
  parameters: { ...mockApi() },
  render: (args) => embeddedBoard(args),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const Loading: Story = { parameters: { ...mockApi({ latency: 'infinite' }) } };

const liveData = demoData();

/** Others vote and post while the board is shown: counts rise and the new idea appears, without a reload. */
export const Live: Story = {
  name: 'Live (others vote and post)',
  parameters: { msw: { handlers: saysoApiHandlers(liveData, {}, API_URL) } },
  play: () => void othersAtWork(liveData),
};

export const Empty: Story = { parameters: { ...mockApi({ count: 0 }) } };

export const Many: Story = { parameters: { ...mockApi({ count: 200 }) } };

export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/posts': 'server' } }) },
};

export const Offline: Story = {
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/posts': 'network' } }) },
};

export const VoteRefused: Story = {
  name: 'Vote refused (rate limited)',
  parameters: { ...mockApi({ failures: { 'POST /posts/:id/votes': 'rate_limited' } }) },
};

export const Dark: Story = {
  render: (args) => inDarkTheme(embeddedBoard(args)),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  render: (args) => rightToLeft(embeddedBoard(args)),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  parameters: { ...mockApi(), ...phoneViewport },
  render: (args) => narrow(embeddedBoard(args)),
};

export const HostileHostCss: Story = {
  name: 'Inside hostile host CSS',
  render: (args) => insideHostileCss(embeddedBoard(args)),
};

const boardIn = (canvas: HTMLElement) => canvas.querySelector('sayso-board')!;

/** Status, tag and search filters over a board whose ideas have tags. */
export const Filters: Story = { parameters: { ...mockDiscussionApi() } };

/** A search that matches nothing: "No ideas match" with a Clear filters button. */
export const NoMatch: Story = {
  name: 'No ideas match',
  parameters: { ...mockDiscussionApi() },
  play: async ({ canvasElement }) => {
    const board = await waitFor(() => boardIn(canvasElement));
    const input = await waitFor(() => board.shadowRoot?.querySelector<HTMLInputElement>('[part~="search-input"]'));
    input.value = 'zebra crossing';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    input.form?.requestSubmit();
    await waitFor(() => board.shadowRoot?.querySelector('[part~="clear-filters"]'));
  },
};

/** The detail of an idea: markdown details, tags, comments and the comment form. */
export const PostDetail: Story = {
  name: 'Post detail',
  parameters: { ...mockDiscussionApi() },
  play: async ({ canvasElement }) => {
    const board = await waitFor(() => boardIn(canvasElement));
    await waitFor(() => board.shadowRoot?.querySelector('sayso-post-card'));
    board.openPost('seed-1');
    await waitFor(() => board.shadowRoot?.querySelector('sayso-post-detail'));
  },
};

/** A long discussion: the first page of comments with Load more comments. */
export const PostDetailManyComments: Story = {
  name: 'Post detail, many comments',
  parameters: { ...mockDiscussionApi({ comments: 45 }) },
  play: PostDetail.play!,
};

/** Comments cannot be posted: the form keeps the text and says why. */
export const CommentRefused: Story = {
  name: 'Post detail, comment refused (offline)',
  parameters: { ...mockDiscussionApi({ failures: { 'POST /posts/:id/comments': 'network' } }) },
  play: PostDetail.play!,
};

/**
 * A list grown past 100 ideas (here: six pages loaded): only the cards near the viewport are in
 * the page; scrolling loads the next pages by itself.
 */
export const LongList: Story = {
  name: 'Long list (virtualized)',
  parameters: { ...mockApi({ count: 2000 }) },
  play: async ({ canvasElement }) => {
    const board = await waitFor(() => boardIn(canvasElement));
    for (let page = 0; page < 6; page++) {
      const more = await waitFor(() => board.shadowRoot?.querySelector<HTMLButtonElement>('[part~="load-more"]:not(:disabled)'));
      more.click();
    }
    await waitFor(() => board.shadowRoot?.querySelector('.list--virtual sayso-post-card'));
  },
};

/** The board opened on one idea, as a host page does from its URL (`post` attribute). */
const linkedBoard = (args: Args, post: string): TemplateResult => html`
  <sayso-provider api-url=${API_URL}>
    <sayso-board board=${args.board} post=${post}></sayso-board>
  </sayso-provider>
`;

/** Opened from a link: `post` names an idea that is not on the first page; it is fetched. */
export const DeepLink: Story = {
  name: 'Deep link to an idea',
  parameters: { ...mockApi({ count: 200 }) },
  render: (args) => linkedBoard(args, 'seed-150'),
};

/** A link to an idea that was deleted (or never existed): said calmly, with a way back. */
export const DeepLinkMissing: Story = {
  name: 'Deep link, idea no longer exists',
  render: (args) => linkedBoard(args, 'gone'),
};

/** A link followed while offline: the idea could not be fetched, with Try again. */
export const DeepLinkOffline: Story = {
  name: 'Deep link, offline',
  parameters: { ...mockApi({ failures: { 'GET /posts/:id': 'network' } }) },
  render: (args) => linkedBoard(args, 'seed-2'),
};

/**
 * A link to an idea an admin merged into another: the board shows the idea its people count on
 * now, with a banner naming the idea the link was for, and where the people come from.
 */
export const DeepLinkMerged: Story = {
  name: 'Deep link to a merged idea',
  parameters: { ...mockMergesApi() },
  render: (args) => linkedBoard(args, MERGED_STORY_IDS.nightTheme),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', parameters: { ...mockDiscussionApi() }, ...inGerman };
