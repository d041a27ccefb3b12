import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { html, type TemplateResult } from 'lit';
import { API_URL, inDarkTheme, insideHostileCss, mockApi, mockDiscussionApi, narrow, phoneViewport, rightToLeft } from './support.js';

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
  parameters: mockApi(),
  render: (args) => embeddedBoard(args),
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const Loading: Story = { parameters: mockApi({ latency: 'infinite' }) };

export const Empty: Story = { parameters: mockApi({ count: 0 }) };

export const Many: Story = { parameters: mockApi({ count: 200 }) };

export const LoadError: Story = {
  name: 'Error',
  parameters: mockApi({ failures: { 'GET /boards/:board/posts': 'server' } }),
};

export const Offline: Story = {
  parameters: mockApi({ failures: { 'GET /boards/:board/posts': 'network' } }),
};

export const VoteRefused: Story = {
  name: 'Vote refused (rate limited)',
  parameters: mockApi({ failures: { 'POST /posts/:id/votes': 'rate_limited' } }),
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

/** Waits until `find` returns something inside the story's board (its shadow root included). */
async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const found = find();
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('Timed out waiting for the board');
}

const boardIn = (canvas: HTMLElement) => canvas.querySelector('sayso-board')!;

/** Status, tag and search filters over a board whose ideas have tags. */
export const Filters: Story = { parameters: mockDiscussionApi() };

/** A search that matches nothing: "No ideas match" with a Clear filters button. */
export const NoMatch: Story = {
  name: 'No ideas match',
  parameters: mockDiscussionApi(),
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
  parameters: mockDiscussionApi(),
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
  parameters: mockDiscussionApi({ comments: 45 }),
  play: PostDetail.play!,
};

/** Comments cannot be posted: the form keeps the text and says why. */
export const CommentRefused: Story = {
  name: 'Post detail, comment refused (offline)',
  parameters: mockDiscussionApi({ failures: { 'POST /posts/:id/comments': 'network' } }),
  play: PostDetail.play!,
};
