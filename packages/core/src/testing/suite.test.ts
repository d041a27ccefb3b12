import { describe, expect, it } from 'vitest';
import type { SaysoAdapter } from '../adapter.js';
import { fixtureMismatch, type AdapterSuiteFixture } from './suite.js';

describe('fixtureMismatch', () => {
  const visitorsOnly: AdapterSuiteFixture = { createBoard: async () => 'board', adapterFor: () => ({}) as SaysoAdapter };
  const withAdmin: AdapterSuiteFixture = { ...visitorsOnly, adminAdapter: () => ({}) as SaysoAdapter };

  it('accepts a fixture that matches what the adapter is said to offer', () => {
    expect(fixtureMismatch(visitorsOnly, { notifications: true })).toBeUndefined();
    expect(fixtureMismatch(withAdmin, { admin: true, notifications: true })).toBeUndefined();
  });

  it('refuses an admin adapter nobody declared, and a declared admin without one', () => {
    expect(fixtureMismatch(withAdmin, { notifications: true })).toMatch(/pass \{ admin: true \}/);
    expect(fixtureMismatch(visitorsOnly, { admin: true })).toMatch(/no adminAdapter/);
  });
});
