/**
 * `npm run fit:projection`: finds the principal axes of the model's token vectors on the SQuAD training
 * articles' sentences and writes them as src/embedding/token-projection.json. A new projection changes every
 * index's identity (they rebuild) and the answer model's token inputs: run `npm run fit` after it.
 *
 *   npm run fit:projection -- [--dims 64] [--every 3] [--out src/embedding/token-projection.json]
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { DEFAULT_CHUNKER_PARAMS, chunkDocument } from "../src/chunking/units.js";
import { loadSettings } from "../src/config/settings.js";
import { scanCorpus } from "../src/corpus/read-corpus.js";
import { resolveModel } from "../src/embedding/model-source.js";
import { DIMS, createTransformersEmbedder } from "../src/embedding/transformers-embedder.js";
import { type TokenProjection, type TokenProjectionFile } from "../src/embedding/token-projection.js";
import { MODEL_IDENTITY } from "../src/app.js";
import { rayleigh, topAxes } from "./fit/axes.js";

const { values } = parseArgs({
  options: {
    dims: { type: "string", default: "64" },
    every: { type: "string", default: "3" },
    iterations: { type: "string", default: "100" },
    corpus: { type: "string", default: "../shared/data/squad-train/corpus" },
    out: { type: "string", default: "src/embedding/token-projection.json" },
  },
});
const dims = positive("dims", values.dims);
const every = positive("every", values.every);

const settings = loadSettings();
const model = await resolveModel({
  modelId: MODEL_IDENTITY.id,
  modelDir: settings.MODEL_DIR,
  cacheDir: settings.MODELS_CACHE_DIR,
  log: (line) => console.error(line),
});
const IDENTITY = Float32Array.from({ length: DIMS * DIMS }, (_, i) => (i % (DIMS + 1) === 0 ? 1 : 0));
// The identity map: the embedder's token vectors as the model gives them, at unit length.
const identity: TokenProjection = {
  version: "identity",
  from: DIMS,
  dims: DIMS,
  matrix: IDENTITY,
};
const embedder = await createTransformersEmbedder({
  modelDir: model.dir,
  modelId: MODEL_IDENTITY.id,
  dtype: "q4",
  tokenProjection: identity,
});
const scan = await scanCorpus(values.corpus);
const texts = scan.documents.flatMap((doc) =>
  chunkDocument(doc, DEFAULT_CHUNKER_PARAMS, embedder.countTokens, embedder.maxTokens)
    .sentences.map((s) => s.text)
    .filter((_, i) => i % every === 0),
);
console.error(`fit:projection: ${texts.length} sentences of ${scan.documents.length} documents`);

// Covariance of the token vectors, accumulated batch by batch.
const sum = new Float64Array(DIMS);
const cross = new Float64Array(DIMS * DIMS);
let count = 0;
for (let i = 0; i < texts.length; i += 64) {
  for (const e of await embedder.embedTokens!(texts.slice(i, i + 64))) {
    for (let t = 0; t < e.ids.length; t++) {
      const v = e.tokens.subarray(t * DIMS, (t + 1) * DIMS);
      for (let a = 0; a < DIMS; a++) {
        sum[a]! += v[a]!;
        for (let b = a; b < DIMS; b++) cross[a * DIMS + b]! += v[a]! * v[b]!;
      }
      count++;
    }
  }
  if (i % 640 === 0) console.error(`fit:projection: ${i}/${texts.length} sentences`);
}
await embedder.dispose();
const cov = new Float64Array(DIMS * DIMS);
for (let a = 0; a < DIMS; a++) {
  for (let b = a; b < DIMS; b++) {
    const c = cross[a * DIMS + b]! / count - (sum[a]! / count) * (sum[b]! / count);
    cov[a * DIMS + b] = c;
    cov[b * DIMS + a] = c;
  }
}
const axes = topAxes(cov, DIMS, dims, positive("iterations", values.iterations));
let kept = 0;
let total = 0;
for (let a = 0; a < DIMS; a++) total += cov[a * DIMS + a]!;
for (let k = 0; k < dims; k++) kept += rayleigh(cov, DIMS, axes, k, dims);
const file: TokenProjectionFile = {
  formatVersion: 1,
  from: DIMS,
  dims,
  fittedOn: [
    `${path.relative(process.cwd(), path.resolve(values.corpus))}: 1 sentence in ${every} of ${scan.documents.length} documents (${texts.length} sentences, ${count} tokens)`,
  ],
  fittedAt: new Date().toISOString().slice(0, 10),
  varianceShare: round(kept / total),
  matrix: Array.from({ length: DIMS }, (_, i) =>
    Array.from({ length: dims }, (_, k) => round(axes[i * dims + k]!)),
  ),
};
writeFileSync(values.out, JSON.stringify(file) + "\n");
console.error(`fit:projection: ${dims} axes keep ${file.varianceShare} of the variance; wrote ${values.out}`);

function round(x: number): number {
  return Number(x.toPrecision(6));
}

function positive(name: string, raw: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`fit:projection: --${name} must be a positive whole number; got "${raw}".`);
    process.exit(2);
  }
  return n;
}
