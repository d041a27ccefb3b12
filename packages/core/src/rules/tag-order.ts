import type { Tag } from '../types.js';

/** Code-point order, as PostgreSQL's `COLLATE "C"`, whatever the locale. */
function compareCodePoints(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const difference = x[i]!.codePointAt(0)! - y[i]!.codePointAt(0)!;
    if (difference !== 0) return difference;
  }
  return x.length - y.length;
}

/**
 * The order of a board's tags and of a post's tags: by lower-cased name, then slug, in code-point
 * order (the server's `ORDER BY lower(name) COLLATE "C", slug COLLATE "C"`).
 */
export function compareTags(a: Tag, b: Tag): number {
  return compareCodePoints(a.name.toLowerCase(), b.name.toLowerCase()) || compareCodePoints(a.slug, b.slug);
}
