import { describe, expect, it } from 'vitest';
import { clearIdeaDraft, ideaDraftKey, readIdeaDraft, saveIdeaDraft, type DraftStorage } from './idea-draft.js';

function memoryStorage(): DraftStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, value),
    removeItem: (key) => void data.delete(key),
  };
}

const throwing: DraftStorage = {
  getItem: () => {
    throw new Error('denied');
  },
  setItem: () => {
    throw new Error('full');
  },
  removeItem: () => {
    throw new Error('denied');
  },
};

describe('idea drafts', () => {
  it('saves, reads and clears a draft per board', () => {
    const storage = memoryStorage();
    saveIdeaDraft('a', { title: 'Dark mode', body: 'At night' }, storage);
    saveIdeaDraft('b', { title: 'Offline', body: '' }, storage);
    expect(ideaDraftKey('a')).toBe('sayso:draft:a');
    expect(readIdeaDraft('a', storage)).toEqual({ title: 'Dark mode', body: 'At night' });
    expect(readIdeaDraft('b', storage)).toEqual({ title: 'Offline', body: '' });
    clearIdeaDraft('a', storage);
    expect(readIdeaDraft('a', storage)).toBeNull();
    expect(readIdeaDraft('b', storage)).not.toBeNull();
  });

  it('removes the kept draft when an empty one is saved', () => {
    const storage = memoryStorage();
    saveIdeaDraft('a', { title: 'x', body: '' }, storage);
    saveIdeaDraft('a', { title: '', body: '' }, storage);
    expect(storage.data.size).toBe(0);
  });

  it('reads garbage as no draft and keeps only string fields', () => {
    const storage = memoryStorage();
    storage.setItem('sayso:draft:a', '{oops');
    expect(readIdeaDraft('a', storage)).toBeNull();
    storage.setItem('sayso:draft:a', JSON.stringify({ title: 42, body: 'kept' }));
    expect(readIdeaDraft('a', storage)).toEqual({ title: '', body: 'kept' });
  });

  it('never throws when storage throws or is missing', () => {
    for (const storage of [throwing, null]) {
      expect(() => saveIdeaDraft('a', { title: 't', body: '' }, storage)).not.toThrow();
      expect(readIdeaDraft('a', storage)).toBeNull();
      expect(() => clearIdeaDraft('a', storage)).not.toThrow();
    }
    // Outside a browser there is no localStorage: the defaults do nothing.
    expect(readIdeaDraft('a')).toBeNull();
    expect(() => saveIdeaDraft('a', { title: 't', body: '' })).not.toThrow();
  });
});
