import { describe, expect, it } from 'vitest';
import { DEFAULT_STATUSES } from '../defaults.js';
import type { Status } from '../types.js';
import { newIdeaStatus } from './new-idea-status.js';

describe('newIdeaStatus', () => {
  it('lands new ideas in the first open status of the default workflow', () => {
    expect(newIdeaStatus(DEFAULT_STATUSES)?.id).toBe('open');
  });

  it('takes the lowest position, then the smaller key, wherever the status is listed', () => {
    const statuses: Status[] = [
      { id: 'planned', name: 'Planned', kind: 'active', position: 0 },
      { id: 'triage', name: 'Triage', kind: 'open', position: 2 },
      { id: 'inbox', name: 'Inbox', kind: 'open', position: 1 },
      { id: 'backlog', name: 'Backlog', kind: 'open', position: 1 },
    ];
    expect(newIdeaStatus(statuses)?.id).toBe('backlog');
  });

  it('finds none on a board without an open status', () => {
    expect(newIdeaStatus(DEFAULT_STATUSES.filter((status) => status.kind !== 'open'))).toBeUndefined();
  });
});
