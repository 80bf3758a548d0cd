import type { ChunkedDocument, ChunkerParams } from "../chunking/units.js";
import type { SourceDocument } from "../corpus/read-corpus.js";

/** What the rest of the engine needs of an embedding model. */
export interface Embedder {
  readonly modelId: string;
  readonly dtype: string;
  readonly dims: number;
  /** Longest input, in the model's own tokens (special tokens included), that is embedded without truncation. */
  readonly maxTokens: number;
  /** Unit-length vectors, one per text, in input order. */
  embed(texts: readonly string[]): Promise<Float32Array[]>;
  /** Token count as the model sees the text, special tokens included. */
  countTokens(text: string): number;
  /**
   * `chunkDocument` with this model's token counts, where the embedder can run it off the main thread
   * (seconds for a big document); the same result as calling `chunkDocument` with `countTokens`.
   */
  chunk?(doc: SourceDocument, params: ChunkerParams): Promise<ChunkedDocument>;
  dispose(): Promise<void>;
}

export interface EmbedderIdentity {
  id: string;
  dtype: string;
  dims: number;
}
