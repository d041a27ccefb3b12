import { clearIdeaDraft, readIdeaDraft, saveIdeaDraft, type DraftStorage, type IdeaDraft } from '@sayso/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How long typing must pause before the draft is written to storage. */
export const DRAFT_SAVE_DELAY_MS = 300;

/**
 * Keeps an idea form's unposted text in the browser (`localStorage`, key `sayso:draft:<board>`)
 * so it survives a reload: {@link restore} on connect, {@link save} on every keystroke (written
 * after a pause), {@link clear} after a successful post. Storage that is missing, full or throws
 * only means the draft is not remembered. A pending save is written when the host disconnects.
 */
export class IdeaDraftController implements ReactiveController {
  #pending: { board: string; draft: IdeaDraft } | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    private readonly storage: () => DraftStorage | null | undefined = () => undefined,
  ) {
    host.addController(this);
  }

  hostDisconnected(): void {
    this.flush();
  }

  /** The draft kept for `board`, if any. */
  restore(board: string): IdeaDraft | null {
    return board ? readIdeaDraft(board, ...this.#storageArg()) : null;
  }

  /** Remembers `draft` for `board` once typing pauses for {@link DRAFT_SAVE_DELAY_MS}. */
  save(board: string, draft: IdeaDraft): void {
    if (!board) return;
    if (this.#pending && this.#pending.board !== board) this.flush();
    this.#pending = { board, draft: { ...draft } };
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), DRAFT_SAVE_DELAY_MS);
  }

  /** Writes a pending save now. */
  flush(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const pending = this.#pending;
    this.#pending = undefined;
    if (pending) saveIdeaDraft(pending.board, pending.draft, ...this.#storageArg());
  }

  /** Forgets the draft of `board` (and drops a pending save of it). */
  clear(board: string): void {
    if (this.#pending?.board === board) {
      clearTimeout(this.#timer);
      this.#timer = undefined;
      this.#pending = undefined;
    }
    if (board) clearIdeaDraft(board, ...this.#storageArg());
  }

  /** No argument means the default (`localStorage`); `null` or a storage is passed on. */
  #storageArg(): [] | [DraftStorage | null] {
    const storage = this.storage();
    return storage === undefined ? [] : [storage];
  }
}
