import { LIMITS } from '../types.js';
import type { InputProblem } from '../validation.js';

/** A page size is a whole number from 1 to `LIMITS.pageSizeMax`. */
export function checkPageLimit(limit: number): InputProblem[] {
  if (Number.isInteger(limit) && limit >= 1 && limit <= LIMITS.pageSizeMax) return [];
  return [{ field: 'limit', message: `limit must be a whole number from 1 to ${LIMITS.pageSizeMax}.` }];
}
