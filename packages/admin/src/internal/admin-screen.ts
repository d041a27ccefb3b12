import type { AdminScreen, SaysoClient } from '@sayso/core';
import type { Shortcut } from '../controllers/shortcuts.js';

/**
 * What `<sayso-admin-console>` gives each screen and reads from it. A screen is also usable on
 * its own in a team's internal tools: set `client` (over an admin adapter) and `params`, and
 * follow its `sayso-admin-navigate` events.
 */
export interface AdminScreenElement extends HTMLElement {
  /** A client over an adapter with the `admin` part. */
  client?: SaysoClient | undefined;
  /** The route's parameters (filters, sort, the open idea), as kept in the address. */
  params: Readonly<Record<string, string>>;
  /** The screen's keyboard shortcuts in force now, for the `?` overview. */
  readonly shortcuts: readonly Shortcut[];
}

/** The element of each screen; a screen whose element is not registered shows as unavailable. */
export const ADMIN_SCREEN_TAGS: Record<AdminScreen, string> = {
  ideas: 'sayso-admin-ideas',
  idea: 'sayso-admin-idea',
  duplicates: 'sayso-admin-duplicates',
  inbox: 'sayso-admin-inbox',
  changelog: 'sayso-admin-changelog',
  settings: 'sayso-admin-settings',
  backlog: 'sayso-admin-backlog',
  capacity: 'sayso-admin-capacity',
};

/** The screens the console's navigation lists, in order, with their names (the idea detail opens from a list). */
export const ADMIN_NAVIGATION: ReadonlyArray<{ screen: AdminScreen; label: string }> = [
  { screen: 'ideas', label: 'Ideas' },
  { screen: 'duplicates', label: 'Duplicates' },
  { screen: 'inbox', label: 'Inbox' },
  { screen: 'changelog', label: 'Changelog' },
  { screen: 'settings', label: 'Settings' },
  // After Settings, so the keys 1–5 that admins learned stay where they were.
  { screen: 'backlog', label: 'Backlog' },
  { screen: 'capacity', label: 'Capacity' },
];
