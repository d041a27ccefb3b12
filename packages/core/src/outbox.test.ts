import { afterEach, describe, expect, it, vi } from 'vitest';
import { SaysoError } from './errors.js';
import {
  createMemoryOutboxStorage,
  createOutbox,
  isRetryableSendError,
  type OutboxChanges,
  type OutboxEntry,
  type OutboxOptions,
} from './outbox.js';

const vote = (postId: string, voted: boolean, key: string, createdAt = '2026-01-01T00:00:00.000Z'): OutboxEntry<'setVote'> => ({
  id: `vote:${postId}`,
  kind: 'setVote',
  params: { postId, voted },
  idempotencyKey: key,
  createdAt,
  attempts: 0,
});

const answer = (entry: OutboxEntry<'setVote'>): OutboxChanges['setVote']['answer'] => ({
  result: { postId: entry.params.postId, voted: true, voteCount: 1, peopleCount: 1 },
});

/** An outbox that knows one kind of change, votes, sent by `send`. */
function voteOutbox(options: OutboxOptions & { send(entry: OutboxEntry<'setVote'>): Promise<OutboxChanges['setVote']['answer']> }) {
  const outbox = createOutbox(options);
  outbox.register({ kind: 'setVote', send: options.send, settle: () => undefined });
  return outbox;
}

afterEach(() => void vi.useRealTimers());

describe('createOutbox', () => {
  it('sends oldest first and stops at the first failure worth retrying, keeping the rest', async () => {
    const sent: string[] = [];
    const outbox = voteOutbox({
      retryDelayMs: () => 3_600_000,
      send: async (entry) => {
        sent.push(entry.idempotencyKey);
        if (entry.idempotencyKey === 'b') throw new SaysoError('server', 'down');
        return answer(entry);
      },
    });
    await outbox.enqueue(vote('3', true, 'c', '2026-01-01T00:00:03.000Z'));
    await outbox.enqueue(vote('1', true, 'a', '2026-01-01T00:00:01.000Z'));
    await outbox.enqueue(vote('2', true, 'b', '2026-01-01T00:00:02.000Z'));
    await outbox.flush();
    expect(sent).toEqual(['a', 'b']);
    expect(outbox.$entries.get().map((e) => [e.idempotencyKey, e.attempts, e.lastError?.code])).toEqual([
      ['b', 1, 'server'],
      ['c', 0, 'server'],
    ]);
  });

  it('never runs two flushes at once; a call during one gets one more round after it', async () => {
    let running = 0;
    let most = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const outbox = voteOutbox({
      send: async (entry) => {
        most = Math.max(most, ++running);
        await gate;
        running--;
        return answer(entry);
      },
    });
    await outbox.enqueue(vote('1', true, 'a'));
    const first = outbox.flush();
    await outbox.enqueue(vote('2', true, 'b', '2026-01-01T00:00:01.000Z'));
    const second = outbox.flush();
    const third = outbox.flush();
    release();
    await Promise.all([first, second, third]);
    expect(most).toBe(1);
    expect(outbox.$entries.get()).toEqual([]);
  });

  it('keeps a newer intent that replaced an entry while it was being sent', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const sent: string[] = [];
    const outbox = voteOutbox({
      send: async (entry) => {
        sent.push(entry.idempotencyKey);
        if (entry.idempotencyKey === 'first') await gate;
        return answer(entry);
      },
    });
    await outbox.enqueue(vote('1', true, 'first'));
    const flushing = outbox.flush();
    await vi.waitFor(() => expect(sent).toEqual(['first']));
    await outbox.enqueue(vote('1', false, 'second'));
    release();
    await flushing;
    expect(outbox.$entries.get().map((e) => e.idempotencyKey)).toEqual(['second']);
    await outbox.flush();
    expect(sent).toEqual(['first', 'second']);
    expect(outbox.$entries.get()).toEqual([]);
  });

  it('tries again by itself, backing off, and waits as long as the backend asks', async () => {
    vi.useFakeTimers();
    const sent: number[] = [];
    let failures = 3;
    const outbox = voteOutbox({
      send: async (entry) => {
        sent.push(Date.now());
        if (failures-- > 0) throw new SaysoError('rate_limited', 'slow down', failures === 0 ? { retryAfterSeconds: 10 } : {});
        return answer(entry);
      },
    });
    const start = Date.now();
    await outbox.enqueue(vote('1', true, 'a'));
    await outbox.flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(sent.map((at) => at - start)).toEqual([0, 1000, 3000, 13_000]);
    expect(outbox.$entries.get()).toEqual([]);
  });

  it('drops an entry refused for good and reports the error', async () => {
    const outbox = voteOutbox({
      send: () => Promise.reject(new SaysoError('forbidden', 'no')),
    });
    const settled: unknown[] = [];
    outbox.onSettled((s) => settled.push(s));
    await outbox.enqueue(vote('1', true, 'a'));
    await outbox.flush();
    expect(settled).toMatchObject([{ entry: { idempotencyKey: 'a' }, error: { code: 'forbidden' } }]);
    expect(outbox.$entries.get()).toEqual([]);
  });

  it('lets an entry of a kind it was not taught wait, and sends it once the kind is registered', async () => {
    const storage = createMemoryOutboxStorage();
    const outbox = createOutbox({ storage });
    await outbox.enqueue(vote('1', true, 'waits'));
    await outbox.flush();
    expect(await storage.getAll()).toHaveLength(1);

    const settled: unknown[] = [];
    outbox.register({ kind: 'setVote', send: async (entry) => answer(entry), settle: (settlement) => settled.push(settlement) });
    await outbox.flush();
    expect(settled).toMatchObject([{ entry: { idempotencyKey: 'waits' }, result: { postId: '1', voted: true } }]);
    expect(await storage.getAll()).toEqual([]);
  });

  it('submits a change and answers with what the backend said, or that it waits', async () => {
    let offline = true;
    const outbox = createOutbox({ retryDelayMs: () => 3_600_000 });
    outbox.register({
      kind: 'setVote',
      id: ({ postId }) => `vote:${postId}`,
      send: async (entry) => {
        if (offline) throw new SaysoError('network', 'offline');
        return answer(entry);
      },
      settle: () => undefined,
    });
    const waiting = await outbox.submit('setVote', { postId: '1', voted: true }).catch((error: unknown) => error);
    expect(waiting).toMatchObject({ code: 'network', details: { queued: true } });
    expect(outbox.$entries.get().map((e) => [e.id, e.lastError?.code])).toEqual([['vote:1', 'network']]);
    offline = false;
    expect(await outbox.submit('setVote', { postId: '1', voted: true })).toEqual({ result: { postId: '1', voted: true, voteCount: 1, peopleCount: 1 } });
    expect(outbox.$entries.get()).toEqual([]);
  });

  it('reads entries an earlier page left in storage', async () => {
    const storage = createMemoryOutboxStorage();
    await storage.put(vote('1', true, 'left-behind'));
    const sent: string[] = [];
    const outbox = voteOutbox({ storage, send: async (entry) => (sent.push(entry.idempotencyKey), answer(entry)) });
    await outbox.flush();
    expect(sent).toEqual(['left-behind']);
    expect(await storage.getAll()).toEqual([]);
  });
});

describe('isRetryableSendError', () => {
  it('retries offline, failing and overloaded backends and a key still being processed, nothing else', () => {
    const retryable = (code: SaysoError['code'], details = {}) => isRetryableSendError(new SaysoError(code, '', details));
    expect(['network', 'server', 'rate_limited'].map((code) => retryable(code as SaysoError['code']))).toEqual([true, true, true]);
    expect(retryable('conflict', { retryAfterSeconds: 1 })).toBe(true);
    expect(['conflict', 'forbidden', 'invalid_input', 'not_found', 'idempotency_conflict'].map((code) => retryable(code as SaysoError['code']))).toEqual([
      false,
      false,
      false,
      false,
      false,
    ]);
  });
});
