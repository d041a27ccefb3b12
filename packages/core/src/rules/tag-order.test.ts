import { describe, expect, it } from 'vitest';
import { compareTags } from './tag-order.js';

describe('compareTags', () => {
  it('orders by name whatever its case, then by slug, in code-point order', () => {
    const tags = [
      { slug: 'web', name: 'web' },
      { slug: 'api', name: 'API' },
      { slug: 'api-2', name: 'api' },
      { slug: 'emoji', name: '😀 Fun' },
      { slug: 'umlaut', name: 'Über' },
      { slug: 'zeta', name: 'Zeta' },
    ];
    expect([...tags].sort(compareTags).map((tag) => tag.slug)).toEqual(['api', 'api-2', 'web', 'zeta', 'umlaut', 'emoji']);
  });
});
