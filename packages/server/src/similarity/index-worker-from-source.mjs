// The index thread's entry when the server runs from its TypeScript sources (development, tests):
// tsx on Node 20 does not load a worker's TypeScript entry itself, so the worker registers it here.
// Built, the server starts dist/similarity/index-worker.js instead (see index-thread.ts).
import { register } from 'tsx/esm/api';

register();
await import('./index-worker.ts');
