// The entry of bench/sentence-embeddings.ts's worker thread: tsx on Node 20 does not load a
// worker's TypeScript entry itself (as packages/server/src/similarity/index-worker-from-source.mjs).
import { register } from 'tsx/esm/api';

register();
await import('./sentence-encoder-worker.ts');
