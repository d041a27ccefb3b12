import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { createHttpAdapter } from '@sayso/adapter-http';
import { createSaysoClient } from '@sayso/core';
import { html } from 'lit';
import { API_URL, inDarkTheme, inGerman, mockApi, narrow, rightToLeft, waitFor } from './support.js';

/** The form to suggest an idea: validation next to each field, text kept when posting fails. */
const meta: Meta = {
  title: 'Elements/sayso-idea-form',
  component: 'sayso-idea-form',
  args: { board: 'demo', heading: 'Suggest an idea' },
  parameters: { ...mockApi() },
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
  name: 'Posting refused (forbidden)',
  parameters: { ...mockApi({ failures: { 'POST /boards/:board/posts': 'forbidden' } }) },
};

/**
 * Posting an idea while the server cannot be reached: it waits in the outbox. (This story's
 * client keeps its outbox in memory, so the waiting idea never reaches another story.)
 */
export const Offline: Story = {
  name: 'Offline (idea waits to be sent)',
  parameters: { ...mockApi({ failures: { 'POST /boards/:board/posts': 'network' } }) },
  render: (args) => html`
    <sayso-idea-form
      board=${args.board}
      heading=${args.heading}
      .client=${createSaysoClient({ adapter: createHttpAdapter({ baseUrl: API_URL }) })}
    ></sayso-idea-form>
  `,
  play: async ({ canvasElement }) => {
    const form = await waitFor(() => canvasElement.querySelector('sayso-idea-form'));
    const input = await waitFor(() => form.shadowRoot?.querySelector<HTMLInputElement>('[part="input"]'));
    input.value = 'Sync notes between my phone and laptop';
    input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    form.shadowRoot!.querySelector<HTMLButtonElement>('[part="submit"]')!.click();
    await waitFor(() => form.shadowRoot?.querySelector('[part="queue"]'));
  },
};

export const Slow: Story = { parameters: { ...mockApi({ latency: 3000 }) } };

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', args: { heading: '' }, ...inGerman };

/** Types `text` into the story's title field and waits for the similar ideas under it. */
async function typeTitle(canvas: HTMLElement, text: string, expectSuggestions = true) {
  const form = await waitFor(() => canvas.querySelector('sayso-idea-form'));
  const input = await waitFor(() => form.shadowRoot?.querySelector<HTMLInputElement>('[part="input"]'));
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  if (expectSuggestions) await waitFor(() => form.shadowRoot?.querySelector('[part="similar-idea"]'));
}

/**
 * While the visitor types, ideas of the board that say the same thing appear under the title, so
 * they can vote for one instead of posting a duplicate; their text stays in the form.
 */
export const SimilarIdeas: Story = {
  name: 'Similar ideas while typing',
  play: ({ canvasElement }) => typeTitle(canvasElement, 'dark theme for the editor at night'),
};

export const SimilarIdeasMany: Story = {
  name: 'Similar ideas, many matches (5 shown)',
  parameters: { ...mockApi({ count: 40 }) },
  play: ({ canvasElement }) => typeTitle(canvasElement, 'dark mode notes in the editor'),
};

/** The lookup fails: nothing is shown and posting works as ever. */
export const SimilarIdeasFail: Story = {
  name: 'Similar ideas, lookup fails (nothing shown)',
  parameters: { ...mockApi({ failures: { 'GET /boards/:board/similar': 'server' } }) },
  play: ({ canvasElement }) => typeTitle(canvasElement, 'dark theme for the editor', false),
};

export const SimilarIdeasDark: Story = {
  name: 'Similar ideas, dark',
  render: (args, context) => inDarkTheme(meta.render!(args, context)),
  play: SimilarIdeas.play!,
};

export const SimilarIdeasRtl: Story = {
  name: 'Similar ideas, right to left',
  render: (args, context) => rightToLeft(meta.render!(args, context)),
  play: SimilarIdeas.play!,
};

export const SimilarIdeasNarrow: Story = {
  name: 'Similar ideas, narrow',
  render: (args, context) => narrow(meta.render!(args, context)),
  play: SimilarIdeas.play!,
};
