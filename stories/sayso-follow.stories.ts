import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import type { SaysoClient } from '@sayso/core';
import { html, type TemplateResult } from 'lit';
import { STORY_EMAIL, demoDataForFollowing } from './msw/sayso-api.js';
import { API_URL, inDarkTheme, inGerman, memoryClientOf, mockApiOver, narrow, rightToLeft, waitFor } from './support.js';

/** The control over a memory client (`loaded.client`), or inside `<sayso-provider api-url>` for the mocked API's failures. */
const followOf = (args: Args, client?: SaysoClient): TemplateResult =>
  client
    ? html`<sayso-follow post-id=${args.postId} .client=${client}></sayso-follow>`
    : html`<sayso-provider api-url=${API_URL}><sayso-follow post-id=${args.postId}></sayso-follow></sayso-provider>`;

const signedIn = memoryClientOf(() => demoDataForFollowing({ email: STORY_EMAIL }));
const anonymous = memoryClientOf(() => demoDataForFollowing());

/** Types `address` into the control's email field and sends it, as a visitor does. */
async function leaveAddress(canvasElement: HTMLElement, address: string) {
  const el = await waitFor(() => canvasElement.querySelector('sayso-follow'));
  const input = await waitFor(() => el.shadowRoot!.querySelector<HTMLInputElement>('[part~="input"]'));
  input.value = address;
  input.dispatchEvent(new Event('input'));
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
}

/**
 * Following an idea, as `<sayso-post-detail>` shows it: a toggle for a visitor Sayso has an
 * address for (or who follows already), "Tell me when this ships" with an email field for an
 * anonymous one. Data from the memory adapter; the failures from the mocked API.
 */
const meta: Meta = {
  title: 'Elements/sayso-follow',
  component: 'sayso-follow',
  args: { postId: 'seed-1' },
  // Each story loads its own client (loaders add up, so none here); without one, the mocked API.
  parameters: { ...mockApiOver(() => demoDataForFollowing()) },
  render: (args, { loaded }) => followOf(args, loaded.client as SaysoClient | undefined),
};
export default meta;

type Story = StoryObj;

/** Signed in, not following yet. */
export const Default: Story = { name: 'Signed in', loaders: [signedIn] };

export const Following: Story = { loaders: [memoryClientOf(() => demoDataForFollowing({ email: STORY_EMAIL, following: true }))] };

/** No address known: the visitor is asked for one. */
export const Anonymous: Story = { loaders: [anonymous] };

export const CheckInbox: Story = {
  name: 'Anonymous, check your inbox',
  loaders: [anonymous],
  play: ({ canvasElement }) => leaveAddress(canvasElement, 'grace@example.com'),
};

export const InvalidAddress: Story = {
  name: 'Anonymous, malformed address',
  loaders: [anonymous],
  play: ({ canvasElement }) => leaveAddress(canvasElement, 'grace at example'),
};

export const AddressRefused: Story = {
  name: 'Anonymous, address refused by the server',
  parameters: { ...mockApiOver(() => demoDataForFollowing(), { failures: { 'PUT /posts/:id/subscription': 'invalid_input' } }) },
  play: ({ canvasElement }) => leaveAddress(canvasElement, 'grace@example.com'),
};

export const Offline: Story = {
  name: 'Change failed (offline)',
  parameters: { ...mockApiOver(() => demoDataForFollowing({ email: STORY_EMAIL }), { failures: { 'PUT /posts/:id/subscription': 'network' } }) },
  play: async ({ canvasElement }) => {
    const el = await waitFor(() => canvasElement.querySelector('sayso-follow'));
    (await waitFor(() => el.shadowRoot!.querySelector<HTMLButtonElement>('[part~="toggle"]'))).click();
  },
};

export const Loading: Story = {
  parameters: { ...mockApiOver(() => demoDataForFollowing(), { latency: 'infinite' }) },
};

export const LoadError: Story = {
  name: 'Error',
  parameters: { ...mockApiOver(() => demoDataForFollowing(), { failures: { 'GET /posts/:id/subscription': 'server' } }) },
};

export const Dark: Story = {
  loaders: [anonymous],
  render: (args, { loaded }) => inDarkTheme(followOf(args, loaded.client as SaysoClient)),
};

export const RightToLeft: Story = {
  name: 'Right to left',
  loaders: [anonymous],
  render: (args, { loaded }) => rightToLeft(followOf(args, loaded.client as SaysoClient)),
};

export const Narrow: Story = {
  name: 'Narrow screen',
  loaders: [anonymous],
  render: (args, { loaded }) => narrow(followOf(args, loaded.client as SaysoClient)),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { name: 'German (Deutsch)', loaders: [anonymous], ...inGerman };
