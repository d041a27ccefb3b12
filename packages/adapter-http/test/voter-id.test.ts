import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VOTER_ID_STORAGE_KEY, getAnonymousVoterId, type VoterIdStorage } from '../src/index.js';

const VALID = /^[A-Za-z0-9_-]{8,128}$/;

function memoryStorage(): VoterIdStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return { data, getItem: (key) => data.get(key) ?? null, setItem: (key, value) => void data.set(key, value) };
}

describe('getAnonymousVoterId', () => {
  it('creates an id once and keeps it in storage under sayso:voter', () => {
    const storage = memoryStorage();
    const id = getAnonymousVoterId(storage);
    expect(id).toMatch(VALID);
    expect(storage.data.get(VOTER_ID_STORAGE_KEY)).toBe(id);
    expect(getAnonymousVoterId(storage)).toBe(id);
  });

  it('replaces a stored value that is not a valid id', () => {
    const storage = memoryStorage();
    storage.data.set(VOTER_ID_STORAGE_KEY, 'bad id!');
    const id = getAnonymousVoterId(storage);
    expect(id).toMatch(VALID);
    expect(id).not.toBe('bad id!');
  });

  it('falls back to one in-memory id when storage throws or is missing (Node)', () => {
    const throwing: VoterIdStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const id = getAnonymousVoterId(throwing);
    expect(id).toMatch(VALID);
    expect(getAnonymousVoterId(throwing)).toBe(id);
    expect(getAnonymousVoterId()).toBe(id);
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
