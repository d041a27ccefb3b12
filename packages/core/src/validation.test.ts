import { describe, expect, it } from 'vitest';
import { LIMITS } from './types.js';
import { checkCommentBody, checkPostEdit, checkSearchQuery, checkTagName, tagSlug } from './validation.js';

describe('tagSlug', () => {
  it('derives a URL-safe slug from a name', () => {
    expect(tagSlug('Dark mode!')).toBe('dark-mode');
    expect(tagSlug('  Éditeur  ')).toBe('editeur');
    expect(tagSlug('iOS / Android')).toBe('ios-android');
    expect(tagSlug('日本語')).toBe('日本語');
    expect(tagSlug('🚀 !!')).toBe('');
    expect(tagSlug(`${'a'.repeat(39)} b`)).toBe('a'.repeat(39));
  });
});

describe('input checks', () => {
  it('check tag names: 1–40 characters with a letter or digit', () => {
    expect(checkTagName('Mobile')).toEqual([]);
    expect(checkTagName('x'.repeat(40))).toEqual([]);
    expect(checkTagName('   ')).toEqual([{ field: 'name', message: expect.any(String) }]);
    expect(checkTagName('x'.repeat(41))).toEqual([{ field: 'name', message: expect.stringMatching(/40/) }]);
    expect(checkTagName('🚀')).toEqual([{ field: 'name', message: expect.stringMatching(/letter or digit/) }]);
  });

  it('check post edits field by field, refusing an empty edit', () => {
    expect(checkPostEdit({ title: 'A better title' })).toEqual([]);
    expect(checkPostEdit({ body: '' })).toEqual([]);
    expect(checkPostEdit({})).toHaveLength(1);
    expect(checkPostEdit({ title: 'ab' })).toEqual([{ field: 'title', message: expect.any(String), rule: 'too_short', limit: 3 }]);
    expect(checkPostEdit({ body: 'x'.repeat(10_001) })).toEqual([
      { field: 'body', message: expect.any(String), rule: 'too_long', limit: 10_000 },
    ]);
  });

  it('name the rule a comment breaks, for messages in the visitor\'s language', () => {
    expect(checkCommentBody('  ')).toEqual([{ field: 'body', message: expect.any(String), rule: 'required' }]);
    expect(checkCommentBody('x'.repeat(LIMITS.commentMax + 1))).toEqual([
      { field: 'body', message: expect.any(String), rule: 'too_long', limit: LIMITS.commentMax },
    ]);
  });

  it('check search texts: 1–200 characters', () => {
    expect(checkSearchQuery('dark mode')).toEqual([]);
    expect(checkSearchQuery('  ')).toHaveLength(1);
    expect(checkSearchQuery('x'.repeat(201))).toHaveLength(1);
  });
});
