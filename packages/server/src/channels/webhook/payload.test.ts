import { describe, expect, it } from 'vitest';
import { shippedIdeaIdsOf, webhookCall, webhookPayload, type WebhookSourceEvent } from './payload.js';

const event = (type: string, payload: Record<string, unknown>, subjectId = 'subject-1'): WebhookSourceEvent => ({
  sequence: '7',
  type,
  subjectId,
  payload,
  occurredAt: '2030-01-01T00:00:00.000Z',
});
const idea = { id: 'post-1', board: 'demo', title: 'Dark mode', status: 'planned' };

describe('webhookPayload', () => {
  it('tells a status change with the status moved to, whether it shipped, and the admin\'s note', () => {
    expect(webhookPayload(event('post.status_changed', { from: 'planned', to: 'shipped', ships: true, note: 'Out in 2.3' }), { idea })).toEqual({
      type: 'idea.status_changed',
      data: { idea: { ...idea, status: 'shipped' }, from: 'planned', to: 'shipped', shipped: true, note: 'Out in 2.3' },
    });
  });

  it('tells a published changelog entry: the entry from its event, the ideas it ships from the context', () => {
    const published = event('changelog.published', { entryId: 'entry-1', title: 'March release', body: '**Faster**', postIds: ['post-1', 'post-2'] }, 'board-1');
    const csv = { id: 'post-2', board: 'demo', title: 'CSV', status: 'shipped' };
    expect(shippedIdeaIdsOf(published)).toEqual(['post-1', 'post-2']);
    expect(webhookPayload(published, { ideas: [idea, csv] })).toEqual({
      type: 'changelog.published',
      data: { entry: { id: 'entry-1', title: 'March release', body: '**Faster**' }, ideas: [idea, csv] },
    });
  });

  it('keeps the shape when a row is gone: the idea or comment is null', () => {
    expect(webhookPayload(event('post.created', { to: 'open' }), { idea: null })).toEqual({ type: 'idea.created', data: { idea: null } });
    expect(webhookPayload(event('comment.added', { postId: 'post-1' }, 'comment-1'), { idea, comment: null })).toEqual({
      type: 'comment.added',
      data: { idea, comment: { id: 'comment-1', body: null, author: null } },
    });
  });

  it('makes nothing of events no endpoint can ask for', () => {
    for (const type of ['vote.added', 'post.edited', 'post.unmerged', 'comment.deleted', 'webhook.created', 'admin_key.created']) {
      expect(webhookPayload(event(type, {})), type).toBeNull();
      expect(webhookCall(event(type, {})), type).toBeNull();
    }
  });

  it('wraps the payload with the event number and time, as the body of every call', () => {
    const call = webhookCall(event('post.created', { to: 'open' }), { idea });
    expect(call?.type).toBe('idea.created');
    expect(call?.body).toBe(JSON.stringify({ id: '7', type: 'idea.created', createdAt: '2030-01-01T00:00:00.000Z', data: { idea: { ...idea, status: 'open' } } }));
  });
});
