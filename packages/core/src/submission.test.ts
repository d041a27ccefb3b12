import { describe, expect, it } from 'vitest';
import { SaysoError } from './errors.js';
import { queuedError } from './outbox.js';
import { createSubmission } from './submission.js';
import { checkNewPost } from './validation.js';

/** A submission of ideas whose sending the test decides, one answer per call. */
function ideaSubmission(...answers: Array<() => Promise<string>>) {
  const sent: Array<{ title: string; body: string }> = [];
  const submission = createSubmission({
    empty: { title: '', body: '' },
    check: checkNewPost,
    send: (draft) => {
      sent.push(draft);
      return answers.shift()!();
    },
  });
  return { submission, sent, state: () => submission.$state.get() };
}

describe('createSubmission', () => {
  it('checks before sending: problems, nothing sent, until the visitor edits that field', async () => {
    const { submission, sent, state } = ideaSubmission();
    submission.edit({ title: 'ab', body: 'x'.repeat(20_000) });
    expect(await submission.submit()).toBeUndefined();
    expect(sent).toEqual([]);
    expect(state()).toMatchObject({ status: 'idle', error: null });
    expect(state().problems.map((p) => [p.field, p.rule])).toEqual([
      ['title', 'too_short'],
      ['body', 'too_long'],
    ]);
    submission.edit({ title: 'abc' });
    expect(state().problems.map((p) => p.field)).toEqual(['body']);
    expect(state().draft.title).toBe('abc');
  });

  it('is sending while the backend answers, ignores a second submit, and is sent with an empty draft', async () => {
    let answer!: (id: string) => void;
    const { submission, sent, state } = ideaSubmission(() => new Promise((resolve) => (answer = resolve)));
    submission.edit({ title: 'Dark mode' });
    const first = submission.submit();
    expect(state().status).toBe('sending');
    expect(await submission.submit()).toBeUndefined();
    answer('post-1');
    expect(await first).toBe('post-1');
    expect(sent).toHaveLength(1);
    expect(state()).toEqual({ draft: { title: '', body: '' }, problems: [], status: 'sent', error: null });
    submission.edit({ title: 'N' });
    expect(state().status).toBe('idle');
  });

  it('is queued, with why, and lets the outbox keep the text', async () => {
    const { submission, state } = ideaSubmission(() => Promise.reject(queuedError(new SaysoError('network', 'offline'))));
    submission.edit({ title: 'Written on a train' });
    await submission.submit();
    expect(state()).toMatchObject({ status: 'queued', draft: { title: '', body: '' }, error: { code: 'network' } });
  });

  it('is refused keeping the text: field problems from the backend, or why', async () => {
    const { submission, state } = ideaSubmission(
      () => Promise.reject(new SaysoError('invalid_input', 'Title is taken.', { problems: [{ field: 'title', message: 'Title is taken.' }] })),
      () => Promise.reject(new SaysoError('forbidden', 'Posting is closed.')),
    );
    submission.edit({ title: 'Duplicate' });
    await submission.submit();
    expect(state()).toMatchObject({ status: 'refused', error: null, problems: [{ field: 'title' }], draft: { title: 'Duplicate' } });
    await submission.submit();
    expect(state()).toMatchObject({ status: 'refused', error: { code: 'forbidden' }, problems: [], draft: { title: 'Duplicate' } });
    // Typing does not hide why it was refused; the next submission does.
    submission.edit({ title: 'Duplicate, again' });
    expect(state()).toMatchObject({ status: 'refused', error: { code: 'forbidden' } });
  });

  it('takes a send that throws at once (nothing to send with) as a refusal in the same tick', () => {
    const submission = createSubmission({
      empty: { body: '' },
      check: () => [],
      send: (): Promise<never> => {
        throw new SaysoError('network', 'not connected');
      },
    });
    submission.edit({ body: 'Hello' });
    void submission.submit();
    expect(submission.$state.get()).toMatchObject({ status: 'refused', error: { message: 'not connected' }, draft: { body: 'Hello' } });
  });

  it('gives the text of a change refused later back, unless the visitor typed something new', () => {
    const { submission, state } = ideaSubmission();
    const refused = new SaysoError('forbidden', 'Posting is closed.');
    submission.refuse(refused, { title: 'Waited', body: 'in the outbox' });
    expect(state()).toMatchObject({ status: 'refused', error: refused, draft: { title: 'Waited', body: 'in the outbox' } });
    submission.reset();
    submission.edit({ title: 'New text' });
    submission.refuse(refused, { title: 'Waited', body: '' });
    expect(state().draft).toEqual({ title: 'New text', body: '' });
    submission.reset({ title: 'Other board', body: '' });
    expect(state()).toEqual({ draft: { title: 'Other board', body: '' }, problems: [], status: 'idle', error: null });
  });
});
