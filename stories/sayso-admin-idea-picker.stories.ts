import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '@sayso/admin/sayso-admin';
import { createAdminChangelogView, createSaysoClient, type PostRef } from '@sayso/core';
import { html } from 'lit';
import { demoData } from './msw/sayso-api.js';
import { memoryAdminOf, mockApiOver, narrow } from './support.js';

/** The demo board's ideas, found as the changelog's editor finds them. */
const searchDemo = async () => {
  const { adapter } = await memoryAdminOf(() => demoData())();
  return { search: createSaysoClient({ adapter }).view(createAdminChangelogView, { board: 'demo' }).searchIdeas };
};

/**
 * A field to find an idea by its words and pick it (an ARIA combobox: type, `ArrowDown`/`ArrowUp`,
 * `Enter`); the changelog's "Add an idea". Picked ideas are no longer offered.
 */
const meta: Meta = {
  title: 'Admin/sayso-admin-idea-picker',
  component: 'sayso-admin-idea-picker',
  parameters: { ...mockApiOver(() => demoData()) },
  loaders: [searchDemo],
  render: (_args, { loaded }) =>
    html`<sayso-admin-idea-picker .search=${loaded.search as (text: string) => Promise<PostRef[]>}></sayso-admin-idea-picker>`,
};
export default meta;

type Story = StoryObj;

export const Default: Story = {};

/** The first idea already picked: it is not offered again. */
export const OnePicked: Story = {
  name: 'One picked',
  render: (_args, { loaded }) =>
    html`<sayso-admin-idea-picker .search=${loaded.search as (text: string) => Promise<PostRef[]>} .exclude=${['seed-1']}></sayso-admin-idea-picker>`,
};

export const Narrow: Story = {
  render: (_args, { loaded }) => narrow(html`<sayso-admin-idea-picker .search=${loaded.search as (text: string) => Promise<PostRef[]>}></sayso-admin-idea-picker>`),
};
