/**
 * What the main thread and the model's worker thread say to each other. Everything crosses by structured
 * clone; vectors travel as transferred buffers, so a reply costs no copy.
 */
import type { ChunkedDocument, ChunkerParams } from "../chunking/units.js";
import type { SourceDocument } from "../corpus/read-corpus.js";
import type { TokenEmbedding } from "./embedder.js";
import type { TokenProjection } from "./token-projection.js";
import { AppError, describeError, ERROR_CATALOGUE, type ErrorCode } from "../errors.js";

/** The worker's `workerData`. "chunk" loads the tokenizer only: chunking never waits behind inference. */
export interface WorkerSetup {
  role: "embed" | "chunk";
  modelDir: string;
  modelId: string;
  dtype: "q4";
  maxTokens: number;
  batchSize?: number | undefined;
  threads?: number | undefined;
  tokenProjection?: TokenProjection | undefined;
}

export type WorkerRequest =
  | { id: number; op: "embed"; texts: string[] }
  | { id: number; op: "embedTokens"; texts: string[] }
  | { id: number; op: "embedQuestion"; text: string }
  | { id: number; op: "chunk"; doc: SourceDocument; params: ChunkerParams };

export type WorkerMessage =
  | { kind: "ready" }
  | { kind: "failed"; error: WireError }
  | { kind: "vectors"; id: number; vectors: Float32Array[] }
  | { kind: "tokens"; id: number; embeddings: TokenEmbedding[] }
  /** Sent before the reply to "embedQuestion" ("tokens"): the pooled vector, as soon as the model has it. */
  | { kind: "vector"; id: number; vector: Float32Array }
  | { kind: "chunked"; id: number; chunked: ChunkedDocument }
  | { kind: "error"; id: number; error: WireError };

/** An error as it crosses the thread boundary: an AppError keeps its code and hint. */
export interface WireError {
  code: ErrorCode | null;
  message: string;
  hint?: string | undefined;
}

export function toWire(error: unknown): WireError {
  if (error instanceof AppError) return { code: error.code, message: error.message, hint: error.hint };
  return { code: null, message: describeError(error) };
}

/** Back to an AppError on the main thread; an error without a code is a failed embedding call. */
export function fromWire(error: WireError, fallback: ErrorCode = "EMBED_FAILED"): AppError {
  const code = error.code && error.code in ERROR_CATALOGUE ? error.code : fallback;
  const message = error.code ? error.message : `The model's worker failed: ${error.message}.`;
  return new AppError(code, message, error.hint ? { hint: error.hint } : {});
}
