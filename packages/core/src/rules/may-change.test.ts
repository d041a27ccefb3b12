import { describe, expect, it } from 'vitest';
import { SaysoError } from '../errors.js';
import { assertMayChange, mayChange } from './may-change.js';

describe('mayChange', () => {
  it('allows the author and any admin, forbids anyone else, asks who a caller without identity is', () => {
    expect(mayChange({ id: 'ann', admin: false }, 'ann')).toBe('allowed');
    expect(mayChange({ id: 'root', admin: true }, 'ann')).toBe('allowed');
    expect(mayChange({ id: 'root', admin: true }, null)).toBe('allowed');
    expect(mayChange({ id: 'bob', admin: false }, 'ann')).toBe('forbidden');
    expect(mayChange({ id: 'bob', admin: false }, null)).toBe('forbidden');
    expect(mayChange(null, 'ann')).toBe('unauthorized');
  });

  it('throws the error both backends answer with', () => {
    expect(() => assertMayChange({ id: 'ann', admin: false }, 'ann', 'idea')).not.toThrow();
    const refused = (() => {
      try {
        assertMayChange({ id: 'bob', admin: false }, 'ann', 'comment');
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(SaysoError);
    expect(refused).toMatchObject({ code: 'forbidden', message: 'Only its author or an admin may change this comment.' });
    expect(() => assertMayChange(null, 'ann', 'idea')).toThrow(expect.objectContaining({ code: 'unauthorized' }));
  });
});
