// Quality of Sayso's two similarity engines against plain BM25, all measured in this run on
// bench/data/feedback-duplicates.json and on the GitBugs reports of Hadoop and SeaMonkey
// (bench/data/gitbugs), each with the protocol of its README:
//   node scripts/pnpm.mjs --filter @sayso/bench run similarity      (or: npm run bench:similarity)
// - server: @sayso/server's BoardSimilarityIndex, lexical channels plus word vectors (meaning);
//   it answers GET /boards/:board/similar and fills the duplicate queue;
// - core: @sayso/core's SimilarityIndex, lexical only, small enough for the widget (memory adapter);
// - BM25: k1 1.2, b 0.75, the same stems and stopwords.
//
// Retrieval (as-you-type suggestions): one query per grouped item, candidates = the other items of
// its product; recall@1, recall@5 and MRR (first relevant hit in the top 10), for title+body and
// title-only queries, over all queries and the low-overlap and engineering subsets.
// Then the three data sets side by side, with each engine's lead over BM25 in recall@5 points: the
// issue's target is +10 points on title-only queries.
// Pairs (admin duplicate proposals): every within-product pair scored; precision and recall at the
// best-F1 threshold and at the threshold each engine ships, with false positives that pair a
// near-miss singleton with the group it resembles counted apart.
// Last, the cost of one lookup of each engine against building its index, on a 10k-idea board: why
// the server keeps each board's index (bench/similar-speed.ts measures the server end to end).
// Printed, never asserted; test/similarity-quality.test.ts holds the quality floors.
import { DUPLICATE_PAIR_THRESHOLD, SimilarityIndex } from '@sayso/core';
import { BoardSimilarityIndex, DUPLICATE_SCORE, loadWordVectors } from '@sayso/server';
import { Bm25Index } from './lib/bm25.js';
import { SUBSETS, bestF1, evaluateRetrieval, loadDataset, pairsAt, scorePairs, type PairOutcome } from './lib/feedback-duplicates.js';
import { GITBUGS_PROJECTS, evaluateGitBugs, loadGitBugs } from './lib/gitbugs.js';
import type { QueryText, RankerFactory, RetrievalScores } from './lib/retrieval.js';
import { ServerEngineRanker } from './lib/server-engine.js';

const dataset = loadDataset();
const vectors = await loadWordVectors();
const ENGINES = ['server', 'core', 'BM25'] as const;
type Engine = (typeof ENGINES)[number];
const rankers: Record<Engine, RankerFactory> = {
  server: (documents) => new ServerEngineRanker(vectors, documents),
  core: (documents) => new SimilarityIndex(documents),
  BM25: (documents) => new Bm25Index(documents),
};

const f3 = (value: number) => value.toFixed(3);
const points = (engine: number, baseline: number) => `${engine >= baseline ? '+' : ''}${(100 * (engine - baseline)).toFixed(1)}`;
const scoresOf = (scores: Record<Engine, RetrievalScores>, metric: keyof RetrievalScores) => ENGINES.map((engine) => f3(scores[engine][metric])).join(' | ');

console.log(`feedback-duplicates.json: ${dataset.items.length} items, ${dataset.products.length} products (one board each)\n`);
console.log('Retrieval: server engine, core engine and BM25, measured in this run\n');
console.log('| query | subset | queries | R@1 server | R@1 core | R@1 BM25 | R@5 server | R@5 core | R@5 BM25 | MRR server | MRR core | MRR BM25 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|---|');
const QUERIES: readonly QueryText[] = ['title+body', 'title'];
interface Comparison {
  dataSet: string;
  query: QueryText;
  scores: Record<Engine, RetrievalScores>;
}
const comparisons: Comparison[] = [];
for (const query of QUERIES) {
  const results = Object.fromEntries(ENGINES.map((engine) => [engine, evaluateRetrieval(dataset, rankers[engine], query)])) as Record<
    Engine,
    ReturnType<typeof evaluateRetrieval>
  >;
  comparisons.push({ dataSet: 'feedback-duplicates', query, scores: { server: results.server.all, core: results.core.all, BM25: results.BM25.all } });
  for (const subset of SUBSETS) {
    const scores = { server: results.server[subset], core: results.core[subset], BM25: results.BM25[subset] };
    console.log(
      `| ${query} | ${subset} | ${scores.server.queries} | ${scoresOf(scores, 'recallAt1')} | ${scoresOf(scores, 'recallAt5')} | ${scoresOf(scores, 'mrr')} |`,
    );
  }
}

console.log('\nGitBugs (bench/data/gitbugs): every report one board, Summary + start of Description indexed, one query per link\n');
console.log('| project | reports | links kept | duplicate groups |');
console.log('|---|---|---|---|');
for (const project of GITBUGS_PROJECTS) {
  const bugs = loadGitBugs(project);
  console.log(`| ${project} | ${bugs.reports.length} | ${bugs.links.length} | ${new Set(bugs.groupOf.values()).size} |`);
  const results = Object.fromEntries(ENGINES.map((engine) => [engine, evaluateGitBugs(bugs, rankers[engine])])) as Record<
    Engine,
    ReturnType<typeof evaluateGitBugs>
  >;
  for (const query of QUERIES) {
    comparisons.push({ dataSet: project, query, scores: { server: results.server[query], core: results.core[query], BM25: results.BM25[query] } });
  }
}

console.log('\nEvery data set, each engine vs BM25 in this run (target: R@5 − BM25 ≥ +10 points on title-only queries)\n');
console.log('| data set | query | queries | R@5 server | R@5 core | R@5 BM25 | R@5 Δ server | R@5 Δ core | MRR server | MRR core | MRR BM25 |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const query of ['title', 'title+body'] as const) {
  for (const { dataSet, scores } of comparisons.filter((comparison) => comparison.query === query)) {
    console.log(
      `| ${dataSet} | ${query} | ${scores.server.queries} | ${scoresOf(scores, 'recallAt5')} | ` +
        `${points(scores.server.recallAt5, scores.BM25.recallAt5)} | ${points(scores.core.recallAt5, scores.BM25.recallAt5)} | ${scoresOf(scores, 'mrr')} |`,
    );
  }
}

const row = (name: string, outcome: PairOutcome) =>
  console.log(
    `| ${name} | ${outcome.threshold.toFixed(3)} | ${outcome.proposed} | ${f3(outcome.precision)} | ${f3(outcome.recall)} | ` +
      `${f3(outcome.f1)} | ${outcome.falsePositives} | ${outcome.nearMissFalsePositives} |`,
  );
const serverPairs = scorePairs(dataset, rankers.server);
const corePairs = scorePairs(dataset, rankers.core);
const baselinePairs = scorePairs(dataset, rankers.BM25);
const positives = corePairs.filter((pair) => pair.duplicate).length;
console.log(`\nPairs: ${positives} duplicate pairs, ${corePairs.length - positives} other pairs within products\n`);
console.log('| scorer | threshold | proposed | precision | recall | F1 | false positives | of them near misses |');
console.log('|---|---|---|---|---|---|---|---|');
row('server engine (duplicate queue), best F1', bestF1(serverPairs));
row('server engine, shipped threshold', pairsAt(serverPairs, DUPLICATE_SCORE));
row('core engine, best F1', bestF1(corePairs));
row('core engine, shipped threshold', pairsAt(corePairs, DUPLICATE_PAIR_THRESHOLD));
row('BM25 (larger direction), best F1', bestF1(baselinePairs));

// Why the server keeps each board's index: on a 10k-idea board, building the index costs many
// lookups. The board is the data set's items repeated with numbered titles, so texts are realistic.
const BOARD_SIZE = 10_000;
const bigBoard = Array.from({ length: BOARD_SIZE }, (_, n) => {
  const item = dataset.items[n % dataset.items.length]!;
  return { id: `big-${n}`, title: `${item.title} ${Math.floor(n / dataset.items.length)}`, body: item.body };
});
const queries = dataset.items.filter((item) => item.group).map((item) => item.title);
/** Mean ms of one lookup of each query. */
const lookupMs = (index: { search(text: string, options: { limit: number }): unknown }) => {
  const start = performance.now();
  for (const query of queries) index.search(query, { limit: 5 });
  return (performance.now() - start) / queries.length;
};
console.log(`\nLookup on a ${BOARD_SIZE.toLocaleString('en')}-idea board (titles as typed, this machine, this run):\n`);
console.log('| engine | building the index, ms | one lookup, index kept (mean of 413), ms | the same lookups again, ms | building × one lookup |');
console.log('|---|---|---|---|---|');
const engines = {
  // The server engine's first pass also finds the neighbours of words no query has used before
  // (query expansion; once per process, and the retrieval runs above found many): the second pass
  // is the steady state.
  server: () => new BoardSimilarityIndex(vectors, bigBoard),
  core: () => new SimilarityIndex(bigBoard),
};
for (const [engine, build] of Object.entries(engines)) {
  const buildStart = performance.now();
  const big = build();
  big.search('warm up');
  const buildMs = performance.now() - buildStart;
  const firstMs = lookupMs(big);
  const againMs = lookupMs(big);
  console.log(`| ${engine} | ${buildMs.toFixed(0)} | ${firstMs.toFixed(2)} | ${againMs.toFixed(2)} | ×${(buildMs / againMs).toFixed(0)} |`);
}
