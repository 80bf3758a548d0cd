import path from "node:path";
import {
  AutoTokenizer,
  env,
  mean_pooling,
  pipeline,
  type FeatureExtractionPipeline,
  type PreTrainedTokenizer,
  type Tensor,
} from "@huggingface/transformers";
import { createOnnxMatrixProduct } from "../compute/onnx-matrix-product.js";
import { AppError, describeError } from "../errors.js";
import { inTwoSteps, type Embedder, type TokenEmbedding } from "./embedder.js";
import { projectTokens, type TokenProjection } from "./token-projection.js";

export interface TransformersEmbedderOptions {
  /** Folder holding config.json, tokenizer files and onnx/. */
  modelDir: string;
  modelId: string;
  dtype: "q4";
  /** The sentence-transformers limit of all-MiniLM-L6-v2: longer inputs are truncated by the model. */
  maxTokens?: number;
  /** Texts per inference call; small batches of sorted lengths waste the least on padding (measured: 8 beat 32). */
  batchSize?: number;
  /** ONNX Runtime threads inside one inference; unset leaves the runtime's default. */
  threads?: number | undefined;
  /** Maps token vectors for `embedTokens`; without it the embedder gives pooled vectors only. */
  tokenProjection?: TokenProjection | undefined;
}

export const DIMS = 384;

/**
 * Indices of the texts in order of length, cut every `size`: batches of similar length waste less work on
 * padding. The worker embedder cuts its requests with it too, at a multiple of the batch size, so that its
 * batches, and so its vectors, are the same as one call here.
 */
export function lengthOrderedSlices(texts: readonly string[], size: number): number[][] {
  const order = texts
    .map((t, i) => ({ i, n: t.length }))
    .sort((a, b) => a.n - b.n || a.i - b.i)
    .map((o) => o.i);
  const slices: number[][] = [];
  for (let b = 0; b < order.length; b += size) slices.push(order.slice(b, b + size));
  return slices;
}

/** Whether a vocabulary entry holds a letter or digit: punctuation tokens say little of what is asked. */
function wordyTokens(tokenizer: PreTrainedTokenizer): (id: number) => boolean {
  const known = new Map<number, boolean>();
  return (id) => {
    let value = known.get(id);
    if (value === undefined) known.set(id, (value = /[\p{L}\p{N}]/u.test(tokenizer.decode([id]))));
    return value;
  };
}

/** Model files from disk only: nothing here may reach the network. */
function useLocalFiles(modelDir: string): void {
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  env.localModelPath = path.dirname(modelDir) + path.sep;
}

/** The model's tokenizer alone (no inference session): what counting tokens and chunking need. */
export async function loadTokenizer(modelDir: string): Promise<PreTrainedTokenizer> {
  useLocalFiles(modelDir);
  try {
    return await AutoTokenizer.from_pretrained(path.basename(modelDir), { local_files_only: true });
  } catch (error) {
    throw new AppError(
      "MODEL_UNAVAILABLE",
      `Could not load the tokenizer from ${modelDir}: ${describeError(error)}.`,
      { cause: error },
    );
  }
}

/** Loads the ONNX model from disk only: nothing here may reach the network. */
export async function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<Embedder> {
  useLocalFiles(options.modelDir);
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = await pipeline("feature-extraction", path.basename(options.modelDir), {
      dtype: options.dtype,
      local_files_only: true,
      session_options: {
        ...(options.threads ? { intraOpNumThreads: options.threads } : {}),
        // ONNX Runtime's threads spin-wait after a run for the next one; with a question that time is the
        // answer stage's (its main thread, the token projection), so they stop at the end of each run. The
        // embedding alone is no slower (docs/performance.md).
        extra: { session: { force_spinning_stop: "1" } },
      },
    });
  } catch (error) {
    throw new AppError(
      "MODEL_UNAVAILABLE",
      `Could not load the model from ${options.modelDir}: ${describeError(error)}.`,
      { cause: error },
    );
  }
  const batchSize = options.batchSize ?? 8;
  const tokenizer = extractor.tokenizer;

  async function embedBatch(texts: string[]): Promise<Float32Array[]> {
    const output = await extractor(texts, { pooling: "mean", normalize: true });
    const data = output.data as Float32Array;
    return texts.map((_, i) => data.slice(i * DIMS, (i + 1) * DIMS));
  }

  const projection = options.tokenProjection;
  // The projection on ONNX Runtime, the runtime the model already runs on: a tenth of plain JavaScript's time.
  const product = projection ? createOnnxMatrixProduct() : undefined;
  const wordy = wordyTokens(tokenizer);

  // What the pipeline does for `pooling: "mean", normalize: true`, step by step, so the same inference
  // also gives each token's vector: the pooled vectors are the same numbers as `embedBatch`'s.
  async function embedTokenBatch(
    texts: string[],
    p: TokenProjection,
    onPooled?: (vectors: Float32Array) => void,
  ): Promise<TokenEmbedding[]> {
    const inputs = tokenizer(texts, { padding: true, truncation: true }) as Record<string, Tensor>;
    const outputs = (await extractor.model(inputs)) as { last_hidden_state: Tensor };
    const hidden = outputs.last_hidden_state;
    const mask = inputs.attention_mask!;
    const pooled = mean_pooling(hidden, mask).normalize(2, -1).data as Float32Array;
    onPooled?.(pooled);
    const states = hidden.data as Float32Array;
    const ids = inputs.input_ids!.data as BigInt64Array;
    const width = hidden.dims[1]!;
    // Every position of the batch in one product: one runtime call, padding and all, costs less than one a text.
    const projected = await projectTokens(p, states, texts.length * width, product);
    return texts.map((_, i) => {
      let length = 0;
      while (length < width && Number(mask.data[i * width + length]) === 1) length++;
      // [CLS] first and [SEP] last: the text's own tokens lie between.
      const count = Math.max(0, length - 2);
      const from = (i * width + 1) * p.dims;
      const tokenIds = Uint16Array.from({ length: count }, (_, t) => Number(ids[i * width + 1 + t]));
      return {
        vector: pooled.slice(i * DIMS, (i + 1) * DIMS),
        ids: tokenIds,
        wordy: Uint8Array.from(tokenIds, (id) => (wordy(id) ? 1 : 0)),
        tokens: projected.slice(from, from + count * p.dims),
      };
    });
  }

  async function inOrder<T>(texts: readonly string[], run: (batch: string[]) => Promise<T[]>): Promise<T[]> {
    // Results go back in input order.
    const out: T[] = new Array<T>(texts.length);
    for (const slice of lengthOrderedSlices(texts, batchSize)) {
      const results = await run(slice.map((i) => texts[i] ?? ""));
      slice.forEach((i, k) => (out[i] = results[k]!));
    }
    return out;
  }

  return {
    modelId: options.modelId,
    dtype: options.dtype,
    dims: DIMS,
    maxTokens: options.maxTokens ?? 256,
    countTokens: (text) => tokenizer.encode(text).length,
    embed: (texts) => inOrder(texts, embedBatch),
    ...(projection
      ? {
          tokenDims: projection.dims,
          embedTokens: (texts: readonly string[]) =>
            inOrder(texts, (batch) => embedTokenBatch(batch, projection)),
          embedQuestion: (text: string) =>
            inTwoSteps((early) =>
              embedTokenBatch([text], projection, (pooled) => early(pooled.slice(0, DIMS))).then(([e]) => e!),
            ),
        }
      : {}),
    async dispose() {
      await product?.dispose?.();
      await extractor.dispose();
    },
  };
}
