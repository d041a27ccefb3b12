import type { SaysoAdapter } from '../adapter.js';
import type { LiveChange } from '../types.js';

// What views share to stay current with an adapter that pushes changes (`capabilities.realtime`):
// one subscription however many elements show a view, and one re-read per burst of changes.

/** A burst of changes is read once, this long after its last change… */
export const LIVE_REREAD_DELAY_MS = 150;
/** …but no later than this after its first, so a steady stream of votes still shows. */
export const LIVE_REREAD_MAX_WAIT_MS = 1000;

// Core is typed without the DOM or Node, but every runtime it runs in has these two.
const timers = globalThis as unknown as {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** Calls `reread` once after each burst of {@link schedule} calls (debounced, with a maximum wait). */
export function rereadAfterBursts(reread: () => void): { schedule(): void; cancel(): void } {
  let timer: unknown;
  let firstAt: number | undefined;
  const cancel = () => {
    timers.clearTimeout(timer);
    timer = undefined;
    firstAt = undefined;
  };
  return {
    schedule: () => {
      const now = Date.now();
      firstAt ??= now;
      timers.clearTimeout(timer);
      const wait = Math.max(0, Math.min(LIVE_REREAD_DELAY_MS, firstAt + LIVE_REREAD_MAX_WAIT_MS - now));
      timer = timers.setTimeout(() => {
        cancel();
        reread();
      }, wait);
    },
    cancel,
  };
}

/** A view's subscription to live changes, shared by the elements that keep it live. */
export interface SharedWatch {
  /** Whether the adapter pushes changes; without it, `start` does nothing. */
  readonly live: boolean;
  /** Subscribes, or joins the subscription under way; the returned function leaves it. */
  start(): () => void;
}

/**
 * One `adapter.watch` for everyone who {@link SharedWatch.start}s it: opened by the first,
 * closed when the last leaves, so a view shown by several elements holds one stream.
 */
export function sharedWatch(adapter: SaysoAdapter, board: string | undefined, onChange: (change: LiveChange) => void): SharedWatch {
  const live = adapter.capabilities?.realtime === true && adapter.watch !== undefined;
  let holders = 0;
  let stop: (() => void) | undefined;
  return {
    live,
    start: () => {
      if (!live) return () => {};
      if (holders++ === 0) stop = adapter.watch!({ ...(board === undefined ? {} : { board }), onChange });
      let left = false;
      return () => {
        if (left) return;
        left = true;
        if (--holders === 0) {
          stop?.();
          stop = undefined;
        }
      };
    },
  };
}
