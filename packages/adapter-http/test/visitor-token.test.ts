import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VISITOR_TOKEN_STORAGE_KEY, visitorTokenKeeper, type VisitorTokenStorage } from '../src/index.js';
import { memoryStorage } from './storage.js';

describe('visitorTokenKeeper', () => {
  it('keeps the token in storage under sayso:visitor-token and ignores values that are no token', () => {
    const storage = memoryStorage();
    const keeper = visitorTokenKeeper(storage);
    expect(keeper.read()).toBeNull();
    keeper.write('a.b.c');
    expect(storage.data.get(VISITOR_TOKEN_STORAGE_KEY)).toBe('a.b.c');
    expect(visitorTokenKeeper(storage).read()).toBe('a.b.c');
    storage.data.set(VISITOR_TOKEN_STORAGE_KEY, 'not a token');
    expect(visitorTokenKeeper(storage).read()).toBeNull();
    keeper.write(null);
    expect(storage.data.has(VISITOR_TOKEN_STORAGE_KEY)).toBe(false);
  });

  it('falls back to memory when storage throws or is missing (Node)', () => {
    const throwing: VisitorTokenStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const keeper = visitorTokenKeeper(throwing);
    keeper.write('a.b.c');
    expect(keeper.read()).toBe('a.b.c');
    const bare = visitorTokenKeeper();
    bare.write('d.e.f');
    expect(bare.read()).toBe('d.e.f');
  });
});

describe('browser safety', () => {
  it('imports nothing from Node in src/', () => {
    const dir = new URL('../src/', import.meta.url);
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.ts'))) {
      const source = readFileSync(new URL(file, dir), 'utf8');
      expect(source, file).not.toMatch(/from ['"](node:|fs|path|http|https|crypto|buffer)['"]/);
      expect(source, file).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
    }
  });
});
