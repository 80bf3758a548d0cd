import path from "node:path";
import {
  AutoTokenizer,
  env,
  pipeline,
  type FeatureExtractionPipeline,
  type PreTrainedTokenizer,
} from "@huggingface/transformers";
import { AppError, describeError } from "../errors.js";
import type { Embedder } from "./embedder.js";

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
      ...(options.threads ? { session_options: { intraOpNumThreads: options.threads } } : {}),
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

  return {
    modelId: options.modelId,
    dtype: options.dtype,
    dims: DIMS,
    maxTokens: options.maxTokens ?? 256,
    countTokens: (text) => tokenizer.encode(text).length,
    async embed(texts) {
      // Results go back in input order.
      const out: Float32Array[] = new Array(texts.length);
      for (const slice of lengthOrderedSlices(texts, batchSize)) {
        const vectors = await embedBatch(slice.map((i) => texts[i] ?? ""));
        slice.forEach((i, k) => (out[i] = vectors[k] ?? new Float32Array(DIMS)));
      }
      return out;
    },
    async dispose() {
      await extractor.dispose();
    },
  };
}
