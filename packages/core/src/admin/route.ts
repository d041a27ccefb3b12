/** The console's screens, as their names appear in its address (`#/ideas`, `#/inbox`). */
export const ADMIN_SCREENS = ['ideas', 'idea', 'duplicates', 'inbox', 'changelog', 'settings', 'backlog', 'capacity'] as const;

export type AdminScreen = (typeof ADMIN_SCREENS)[number];

/**
 * Where the console is: a screen and its parameters (filters, sort, the open idea), all kept in
 * the address so a view can be shared and survives a reload. Never credentials.
 */
export interface AdminRoute {
  screen: AdminScreen;
  params: Readonly<Record<string, string>>;
}

// Written by hand rather than with URLSearchParams: core runs where no DOM or Node types are.
const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));

const isScreen = (value: string): value is AdminScreen => (ADMIN_SCREENS as readonly string[]).includes(value);

/** The route a location hash names (`#/ideas?status=open&sort=people`); the ideas screen for anything else. */
export function parseAdminRoute(hash: string): AdminRoute {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?', 2);
  const screen = decodeURIComponent(path.split('/')[0] ?? '');
  const params = Object.fromEntries(
    query
      .split('&')
      .filter(Boolean)
      .map((pair) => {
        const [name = '', value = ''] = pair.split('=', 2);
        return [decode(name), decode(value)];
      }),
  );
  return { screen: isScreen(screen) ? screen : 'ideas', params };
}

/** The hash of a route: its screen, then its non-empty parameters in a stable order. */
export function adminRouteHash(route: AdminRoute): string {
  const query = Object.entries(route.params)
    .filter(([, value]) => value !== '')
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`)
    .join('&');
  return `#/${route.screen}${query ? `?${query}` : ''}`;
}
