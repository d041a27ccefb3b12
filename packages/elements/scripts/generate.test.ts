import { describe, expect, it } from 'vitest';
import { analyzeElements, forwardParts, generateFiles, staleFiles, type Manifest } from './generate.js';

const element = (tagName: string, parts: string[], exportParts?: Array<{ tagName: string; renames: Record<string, string> }>) => ({
  kind: 'class',
  name: tagName,
  tagName,
  customElement: true,
  cssParts: parts.map((name) => ({ name, description: `${tagName} ${name}` })),
  ...(exportParts ? { exportParts } : {}),
});
const partsOf = (manifest: Manifest, tagName: string) =>
  manifest.modules[0]!.declarations!.find((d) => d.tagName === tagName)!.cssParts!.map((part) => part.name);

describe('scripts/generate.ts', () => {
  it('leaves no generated file out of date (run `npm run analyze` in packages/elements when this fails)', async () => {
    const files = generateFiles(await analyzeElements());
    expect(files.size).toBeGreaterThan(10);
    expect(staleFiles(files)).toEqual([]);
  }, 60_000);

  it('forwards the parts of nested elements, renamed where asked, through every level', () => {
    const manifest: Manifest = {
      modules: [
        {
          path: 'src/components/x.ts',
          declarations: [
            element('x-button', ['button', 'count']),
            element('x-card', ['card', 'vote'], [{ tagName: 'x-button', renames: {} }]),
            element('x-list', ['list', 'count'], [{ tagName: 'x-card', renames: { count: 'card-count' } }]),
          ],
        },
      ],
    };
    forwardParts(manifest);
    expect(partsOf(manifest, 'x-card')).toEqual(['card', 'vote', 'button', 'count']);
    expect(partsOf(manifest, 'x-list')).toEqual(['list', 'count', 'card', 'vote', 'button', 'card-count']);
    const files = generateFiles(manifest);
    const exportparts = [...files].find(([path]) => path.endsWith('exportparts.ts'))![1];
    expect(exportparts).toContain(`'x-card': 'card, vote, button, count: card-count'`);
  });

  it('refuses to export two different parts under one name', () => {
    const manifest: Manifest = {
      modules: [
        {
          path: 'src/components/x.ts',
          declarations: [element('x-button', ['count']), element('x-card', ['count'], [{ tagName: 'x-button', renames: {} }])],
        },
      ],
    };
    expect(() => forwardParts(manifest)).toThrow(/two parts as "count"/);
  });
});
