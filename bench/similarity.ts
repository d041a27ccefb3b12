// Quality of the similarity engine (@sayso/core SimilarityIndex) against plain BM25, both measured
// in this run on bench/data/feedback-duplicates.json and on the GitBugs reports of Hadoop and
// SeaMonkey (bench/data/gitbugs), each with the protocol of its README:
//   node scripts/pnpm.mjs --filter @sayso/bench run similarity      (or: npm run bench:similarity)
//
// Retrieval (as-you-type suggestions): one query per grouped item, candidates = the other items of
// its product; recall@1, recall@5 and MRR (first relevant hit in the top 10), for title+body and
// title-only queries, over all queries and the low-overlap and engineering subsets.
// Then the three data sets side by side, title-only and title+body queries, with the engine's lead
// over BM25 in recall@5 points: the target is +10 points on title-only queries.
// Pairs (admin duplicate proposals): every within-product pair scored; precision and recall at the
// best-F1 threshold and at the threshold core ships (DUPLICATE_PAIR_THRESHOLD), with false
// positives that pair a near-miss singleton with the group it resembles counted apart.
// Last, the cost of one lookup against building the index, on a 10k-idea board: why the server
// keeps each board's index.
// Printed, never asserted; test/similarity-quality.test.ts holds the one quality floor.
import { DUPLICATE_PAIR_THRESHOLD, SimilarityIndex } from '@sayso/core';
import { Bm25Index } from './lib/bm25.js';
import { SUBSETS, bestF1, evaluateRetrieval, loadDataset, pairsAt, scorePairs, type PairOutcome } from './lib/feedback-duplicates.js';
import { GITBUGS_PROJECTS, evaluateGitBugs, loadGitBugs } from './lib/gitbugs.js';
import type { QueryText, RankerFactory, RetrievalScores } from './lib/retrieval.js';

const dataset = loadDataset();
const rankers: Record<'engine' | 'BM25', RankerFactory> = {
  engine: (documents) => new SimilarityIndex(documents),
  BM25: (documents) => new Bm25Index(documents),
};

const f3 = (value: number) => value.toFixed(3);
const ratio = (engine: number, baseline: number) => (baseline ? `×${(engine / baseline).toFixed(2)}` : '–');

console.log(`feedback-duplicates.json: ${dataset.items.length} items, ${dataset.products.length} products (one board each)\n`);
console.log('Retrieval: engine vs BM25 (k1 1.2, b 0.75, same stems and stopwords), measured in this run\n');
console.log('| query | subset | queries | R@1 engine | R@1 BM25 | R@5 engine | R@5 BM25 | R@5 ratio | MRR engine | MRR BM25 |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
const QUERIES: readonly QueryText[] = ['title+body', 'title'];
interface Comparison {
  dataSet: string;
  query: QueryText;
  engine: RetrievalScores;
  baseline: RetrievalScores;
}
const comparisons: Comparison[] = [];
for (const query of QUERIES) {
  const engine = evaluateRetrieval(dataset, rankers.engine, query);
  const baseline = evaluateRetrieval(dataset, rankers.BM25, query);
  comparisons.push({ dataSet: 'feedback-duplicates', query, engine: engine.all, baseline: baseline.all });
  for (const subset of SUBSETS) {
    const e = engine[subset];
    const b = baseline[subset];
    console.log(
      `| ${query} | ${subset} | ${e.queries} | ${f3(e.recallAt1)} | ${f3(b.recallAt1)} | ${f3(e.recallAt5)} | ${f3(b.recallAt5)} | ` +
        `${ratio(e.recallAt5, b.recallAt5)} | ${f3(e.mrr)} | ${f3(b.mrr)} |`,
    );
  }
}

console.log('\nGitBugs (bench/data/gitbugs): every report one board, Summary + start of Description indexed, one query per link\n');
console.log('| project | reports | links kept | duplicate groups |');
console.log('|---|---|---|---|');
for (const project of GITBUGS_PROJECTS) {
  const bugs = loadGitBugs(project);
  console.log(`| ${project} | ${bugs.reports.length} | ${bugs.links.length} | ${new Set(bugs.groupOf.values()).size} |`);
  const engine = evaluateGitBugs(bugs, rankers.engine);
  const baseline = evaluateGitBugs(bugs, rankers.BM25);
  for (const query of QUERIES) comparisons.push({ dataSet: project, query, engine: engine[query], baseline: baseline[query] });
}

const points = (engine: number, baseline: number) => `${engine >= baseline ? '+' : ''}${(100 * (engine - baseline)).toFixed(1)}`;
console.log('\nEvery data set, engine vs BM25 in this run (target: R@5 engine − BM25 ≥ +10 points on title-only queries)\n');
console.log('| data set | query | queries | R@1 engine | R@1 BM25 | R@5 engine | R@5 BM25 | R@5 Δ points | MRR engine | MRR BM25 |');
console.log('|---|---|---|---|---|---|---|---|---|---|');
for (const query of ['title', 'title+body'] as const) {
  for (const { dataSet, engine: e, baseline: b } of comparisons.filter((comparison) => comparison.query === query)) {
    console.log(
      `| ${dataSet} | ${query} | ${e.queries} | ${f3(e.recallAt1)} | ${f3(b.recallAt1)} | ${f3(e.recallAt5)} | ${f3(b.recallAt5)} | ` +
        `${points(e.recallAt5, b.recallAt5)} | ${f3(e.mrr)} | ${f3(b.mrr)} |`,
    );
  }
}

const row = (name: string, outcome: PairOutcome) =>
  console.log(
    `| ${name} | ${outcome.threshold.toFixed(3)} | ${outcome.proposed} | ${f3(outcome.precision)} | ${f3(outcome.recall)} | ` +
      `${f3(outcome.f1)} | ${outcome.falsePositives} | ${outcome.nearMissFalsePositives} |`,
  );
const enginePairs = scorePairs(dataset, rankers.engine);
const baselinePairs = scorePairs(dataset, rankers.BM25);
const positives = enginePairs.filter((pair) => pair.duplicate).length;
console.log(`\nPairs: ${positives} duplicate pairs, ${enginePairs.length - positives} other pairs within products\n`);
console.log('| scorer | threshold | proposed | precision | recall | F1 | false positives | of them near misses |');
console.log('|---|---|---|---|---|---|---|---|');
row('engine, best F1', bestF1(enginePairs));
row('engine, shipped threshold', pairsAt(enginePairs, DUPLICATE_PAIR_THRESHOLD));
row('BM25 (larger direction), best F1', bestF1(baselinePairs));

// Why the server keeps each board's index: on a 10k-idea board, building the index costs many
// lookups. The board is the data set's items repeated with numbered titles, so texts are realistic.
const BOARD_SIZE = 10_000;
const bigBoard = Array.from({ length: BOARD_SIZE }, (_, n) => {
  const item = dataset.items[n % dataset.items.length]!;
  return { id: `big-${n}`, title: `${item.title} ${Math.floor(n / dataset.items.length)}`, body: item.body };
});
const buildStart = performance.now();
const big = new SimilarityIndex(bigBoard);
big.search('warm up');
const buildMs = performance.now() - buildStart;
const queries = dataset.items.filter((item) => item.group).map((item) => item.title);
const searchStart = performance.now();
for (const query of queries) big.search(query, { limit: 5 });
const searchMs = (performance.now() - searchStart) / queries.length;
console.log(`\nLookup on a ${BOARD_SIZE.toLocaleString('en')}-idea board (titles as typed, this machine, this run):\n`);
console.log('| step | ms | × one lookup |');
console.log('|---|---|---|');
console.log(`| one lookup, index kept (mean of ${queries.length}) | ${searchMs.toFixed(2)} | ×1 |`);
console.log(`| building the index (what a rebuild per keystroke would add) | ${buildMs.toFixed(0)} | ×${(buildMs / searchMs).toFixed(0)} |`);
