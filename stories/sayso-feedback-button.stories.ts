import type { Args, Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/elements/sayso';
import { html, type TemplateResult } from 'lit';
import { API_URL, inDarkTheme, inGerman, mockApi, phoneViewport } from './support.js';

/** A tall area with the launcher in its bottom-end corner, as on a host page. */
const CORNER_LAYOUT = 'min-height: 640px; display: flex; align-items: flex-end; justify-content: flex-end; padding: 1rem';

/** The launcher with its panel open. */
const openLauncher = (args: Args): TemplateResult => html`
  <sayso-provider api-url=${API_URL}>
    <sayso-feedback-button open board=${args.board} placement=${args.placement}></sayso-feedback-button>
  </sayso-provider>
`;

/**
 * The launcher as a host page embeds it: a button in a corner that opens the idea form and the
 * board in a panel. Data comes from msw handlers that answer like the reference server.
 */
const meta: Meta = {
  title: 'Elements/sayso-feedback-button',
  component: 'sayso-feedback-button',
  args: { board: 'demo', placement: 'top-end', label: 'Feedback' },
  parameters: { ...mockApi() },
  render: (args) => html`
    <div style=${CORNER_LAYOUT}>
      <sayso-provider api-url=${API_URL}>
        <sayso-feedback-button board=${args.board} placement=${args.placement} label=${args.label}></sayso-feedback-button>
      </sayso-provider>
    </div>
  `,
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

export const Open: Story = {
  render: (args) => html`<div style=${CORNER_LAYOUT}>${openLauncher(args)}</div>`,
};

export const AttachedToHostButton: Story = {
  name: 'Attached to a host button',
  render: (args) => html`
    <div style="min-height: 640px; padding: 1rem">
      <button id="host-feedback-button" type="button" style="padding: 0.5rem 1rem">Send us feedback</button>
      <sayso-provider api-url=${API_URL}>
        <sayso-feedback-button for="host-feedback-button" board=${args.board} placement="bottom-start"></sayso-feedback-button>
      </sayso-provider>
    </div>
  `,
};

export const Narrow: Story = {
  name: 'Narrow screen (sheet)',
  parameters: { ...mockApi(), ...phoneViewport },
  render: (args) => html`
    <sayso-provider api-url=${API_URL}>
      <sayso-feedback-button open board=${args.board}></sayso-feedback-button>
    </sayso-provider>
  `,
};

export const Dark: Story = {
  render: (args) => inDarkTheme(openLauncher(args), CORNER_LAYOUT),
};

/** Sayso's text in German, as after `<sayso-provider locale="de">`. */
export const German: Story = { ...Open, name: 'German (Deutsch)', ...inGerman };
