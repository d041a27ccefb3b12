import { atom, type ReadableAtom } from 'nanostores';
import { toSaysoError, type SaysoError } from './errors.js';
import { wasQueued } from './outbox.js';
import type { InputProblem } from './validation.js';

/**
 * Where a form's submission is: `idle` (typing), `sending`, `queued` (kept in the outbox, sent
 * when it can), `sent`, or `refused` (by the backend, or because it could not be sent at all).
 */
export type SubmissionStatus = 'idle' | 'sending' | 'queued' | 'sent' | 'refused';

/** Everything a form renders: the text, what is wrong with it, and where sending it is. */
export interface SubmissionState<Draft> {
  /** What the visitor typed; emptied once it was sent (or kept in the outbox). */
  draft: Draft;
  /**
   * What is wrong with which field, found by the checks before sending or by the backend; a
   * field's problems go as soon as the visitor edits it.
   */
  problems: InputProblem[];
  status: SubmissionStatus;
  /**
   * `refused`: why, unless it is all said by `problems` (then `null`); `queued`: why it waits
   * (`network` when offline); `null` otherwise.
   */
  error: SaysoError | null;
}

/**
 * The state of one form (an idea, a comment, later an admin's edit) and what the visitor can do
 * with it. The form element renders `$state` and forwards the visitor's intent; the checks and
 * the sending are the submission's.
 */
export interface Submission<Draft, Sent> {
  readonly $state: ReadableAtom<SubmissionState<Draft>>;
  /** The visitor changed fields: the draft takes them, their problems go, and `sent` or `queued` is over. */
  edit(fields: Partial<Draft>): void;
  /** Starts over with `draft` (default: empty), e.g. when the form moves to another board or post. */
  reset(draft?: Draft): void;
  /**
   * Checks the draft, then sends it. Resolves with the backend's answer once `sent`, otherwise
   * with `undefined`: the state says why (problems, `queued`, `refused`). Never rejects; a call
   * while one is sending does nothing.
   */
  submit(): Promise<Sent | undefined>;
  /**
   * A draft sent earlier was refused after all (it had waited in the outbox): says why, and gives
   * its text back, unless the visitor has typed something new since.
   */
  refuse(error: SaysoError, draft: Draft): void;
}

export interface SubmissionOptions<Draft, Sent> {
  /** The draft of an empty form. */
  empty: Draft;
  /** Checks a draft with the backend's own rules; no problems means it may be sent. */
  check(draft: Draft): InputProblem[];
  /**
   * Sends a checked draft; a rejection for which `wasQueued` is true means it waits in the
   * outbox. A synchronous throw (nothing to send with) is a refusal in the same tick.
   */
  send(draft: Draft): Promise<Sent>;
}

const isEmpty = (draft: object) => Object.values(draft).every((value) => !value);

/** Creates the submission of one form; each form has its own, as each has its own text. */
export function createSubmission<Draft extends object, Sent>(options: SubmissionOptions<Draft, Sent>): Submission<Draft, Sent> {
  const idle = (draft: Draft): SubmissionState<Draft> => ({ draft, problems: [], status: 'idle', error: null });
  const $state = atom<SubmissionState<Draft>>(idle(options.empty));
  const update = (patch: Partial<SubmissionState<Draft>>) => $state.set({ ...$state.get(), ...patch });

  const edit = (fields: Partial<Draft>) => {
    const state = $state.get();
    const over = state.status === 'sent' || state.status === 'queued';
    $state.set({
      ...state,
      draft: { ...state.draft, ...fields },
      problems: state.problems.filter((problem) => !(problem.field in fields)),
      ...(over ? { status: 'idle', error: null } : {}),
    });
  };

  const reset = (draft = options.empty) => $state.set(idle(draft));

  const submit = async () => {
    const { draft, status } = $state.get();
    if (status === 'sending') return undefined;
    const problems = options.check(draft);
    if (problems.length > 0) {
      update({ problems, status: 'idle', error: null });
      return undefined;
    }
    update({ problems: [], status: 'sending', error: null });
    try {
      const sent = await options.send(draft);
      update({ draft: options.empty, status: 'sent' });
      return sent;
    } catch (caught) {
      const error = toSaysoError(caught);
      if (wasQueued(error)) {
        // The outbox holds the text now; keeping it in the form too invites sending it twice.
        update({ draft: options.empty, status: 'queued', error });
        return undefined;
      }
      const fieldProblems = error.code === 'invalid_input' ? error.details['problems'] : undefined;
      if (Array.isArray(fieldProblems) && fieldProblems.length > 0) {
        update({ status: 'refused', problems: fieldProblems as InputProblem[], error: null });
      } else {
        update({ status: 'refused', error });
      }
      return undefined;
    }
  };

  const refuse = (error: SaysoError, draft: Draft) => {
    const state = $state.get();
    update({ status: 'refused', error, draft: isEmpty(state.draft) ? draft : state.draft });
  };

  return { $state, edit, reset, submit, refuse };
}
