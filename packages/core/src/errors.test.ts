import { describe, expect, it, vi } from 'vitest';
import { SaysoError, toSaysoError } from './errors.js';

/** A second, separately evaluated copy of this module: what a page holding two copies of @sayso/core has. */
async function anotherCopy(): Promise<typeof import('./errors.js')> {
  vi.resetModules();
  return import('./errors.js');
}

describe('SaysoError', () => {
  it('is recognised by instanceof across copies of @sayso/core', async () => {
    const other = await anotherCopy();
    expect(other.SaysoError).not.toBe(SaysoError);

    const theirs = new other.SaysoError('not_found', 'No such post.');
    expect(theirs).toBeInstanceOf(SaysoError);
    expect(new SaysoError('conflict', 'Clash.')).toBeInstanceOf(other.SaysoError);
    // toSaysoError keeps it as it is instead of wrapping it as a server error.
    expect(toSaysoError(theirs)).toBe(theirs);
    expect(toSaysoError(theirs).code).toBe('not_found');
  });

  it('is not claimed by other errors and values', () => {
    for (const value of [new Error('boom'), new TypeError('bad'), { code: 'not_found', name: 'SaysoError' }, null, undefined, 'SaysoError', 42]) {
      expect(value instanceof SaysoError).toBe(false);
    }
    expect(toSaysoError(new Error('boom'))).toMatchObject({ code: 'server', message: 'boom' });
  });

  it('stays an Error with its own fields, and shows no mark among its own properties', () => {
    const error = new SaysoError('rate_limited', 'Slow down.', { retryAfter: 3 });
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'SaysoError', code: 'rate_limited', message: 'Slow down.', details: { retryAfter: 3 }, retryable: true });
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
  });
});
