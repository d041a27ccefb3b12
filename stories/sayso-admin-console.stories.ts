import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import type { SaysoAdapter } from '@sayso/core';
import { html } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow, waitFor } from './support.js';

/** Types `key` into the sign-in form and submits it, as an admin does. */
async function typeKey(canvasElement: HTMLElement, key: string) {
  const console = await waitFor(() => canvasElement.querySelector('sayso-admin-console'));
  const form = await waitFor(() => console.shadowRoot!.querySelector('sayso-admin-sign-in'));
  const input = await waitFor(() => form.shadowRoot!.querySelector('input'));
  input.value = key;
  form.shadowRoot!.querySelector<HTMLButtonElement>('[part~="submit"]')!.click();
}

/**
 * The admin console: sign-in with an admin key (checked by the server, kept in the tab only),
 * then the screens, with `?` listing the keyboard shortcuts. Signed-in stories run on the memory
 * adapter as the admin "Grace (support)"; sign-in stories talk to the mocked API.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-console',
  component: 'sayso-admin-console',
  parameters: { layout: 'fullscreen', ...mockApiOver(() => demoData()) },
  render: (_args, { loaded }) =>
    loaded.adapter
      ? html`<sayso-admin-console routing="none" .adapter=${loaded.adapter as SaysoAdapter}></sayso-admin-console>`
      : html`<sayso-admin-console routing="none" api-url="/api/v1"></sayso-admin-console>`,
};
export default meta;

type Story = StoryObj;

/** Signed in on the demo board. */
export const SignedIn: Story = { name: 'Signed in', loaders: [memoryAdminOf(() => demoData())] };

/** Nobody signed in yet: the key field. */
export const SignIn: Story = {
  name: 'Sign in',
  beforeEach: () => sessionStorage.clear(),
};

/** A key the server refuses: the reason under the field, the key still in it. */
export const WrongKey: Story = {
  name: 'Wrong key',
  beforeEach: () => sessionStorage.clear(),
  parameters: { ...mockApiOver(() => demoData(), { failures: { 'GET /admin/me': 'unauthorized' } }) },
  play: ({ canvasElement }) => typeKey(canvasElement, 'sayso_admin_revoked'),
};

/** The server cannot be reached while signing in. */
export const ServerDown: Story = {
  name: 'Server down',
  beforeEach: () => sessionStorage.clear(),
  parameters: { ...mockApiOver(() => demoData(), { failures: { 'GET /admin/me': 'network' } }) },
  play: ({ canvasElement }) => typeKey(canvasElement, 'sayso_admin_any'),
};

/** Signed in, on a phone-sized screen. */
export const Narrow: Story = {
  loaders: [memoryAdminOf(() => demoData())],
  render: (_args, { loaded }) => narrow(html`<sayso-admin-console routing="none" .adapter=${loaded.adapter as SaysoAdapter}></sayso-admin-console>`),
};
