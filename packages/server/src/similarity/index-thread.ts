import { Worker } from 'node:worker_threads';
import type { IndexAnswers, IndexMessage, IndexReply, IndexRequest } from './index-worker.js';

// The main thread's end of index-worker.ts: one Worker per BoardIndexes, asked with promises.

/**
 * Built, the worker is the index-worker.js next to this file in dist/; run from source (this file
 * is .ts: development, tests), index-worker-from-source.mjs, with the Sayso packages resolved to
 * their sources as `npm start` does.
 */
function startWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./index-worker.js', import.meta.url));
  return new Worker(new URL('./index-worker-from-source.mjs', import.meta.url), { execArgv: ['--conditions=@sayso/source'] });
}

/** Thrown to the requests a stopped (or crashed) thread leaves unanswered. */
export class IndexThreadStopped extends Error {}

export class IndexThread {
  readonly #worker: Worker;
  readonly #pending = new Map<number, { resolve: (answer: never) => void; reject: (error: Error) => void }>();
  #nextId = 0;
  #stopped: Error | null = null;
  #stopAsked = false;

  /** `onExit` is told when the thread ends without being asked to (it crashed): its indexes are gone. */
  constructor(onExit: (error: Error) => void) {
    this.#worker = startWorker();
    // An app never stopped (a test's) must not keep its process alive.
    this.#worker.unref();
    this.#worker.on('message', (reply: IndexReply) => {
      const pending = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      if ('error' in reply) pending?.reject(new Error(`similarity index thread: ${reply.error}`));
      else pending?.resolve(reply.answer as never);
    });
    this.#worker.on('error', (error) => this.#end(error));
    this.#worker.on('exit', (code) => {
      this.#end(new IndexThreadStopped(`the similarity index thread exited with code ${code}`));
      if (!this.#stopAsked) onExit(this.#stopped!);
    });
  }

  request<T extends IndexRequest['type']>(request: Extract<IndexRequest, { type: T }>): Promise<IndexAnswers[T]> {
    if (this.#stopped) return Promise.reject(this.#stopped);
    const id = this.#nextId++;
    return new Promise<IndexAnswers[T]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, request } satisfies IndexMessage);
    });
  }

  /** Ends the thread; unanswered requests are rejected with IndexThreadStopped. */
  async stop(): Promise<void> {
    this.#stopAsked = true;
    this.#end(new IndexThreadStopped('the similarity index thread was stopped'));
    await this.#worker.terminate();
  }

  #end(error: Error) {
    this.#stopped ??= error;
    for (const { reject } of this.#pending.values()) reject(this.#stopped);
    this.#pending.clear();
  }
}
