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
  /**
   * Dimensions of each token's vector from `embedTokens` (after the embedder's token projection); absent
   * when the embedder gives no token vectors.
   */
  readonly tokenDims?: number;
  /**
   * What `embed` gives, with each text's tokens and their own vectors from the same inference: the answer
   * stage compares a question's tokens with a sentence's. Optional: without it the engine works on the
   * pooled vectors alone (the token inputs are then 0).
   */
  embedTokens?(texts: readonly string[]): Promise<TokenEmbedding[]>;
  /** Token count as the model sees the text, special tokens included. */
  countTokens(text: string): number;
  /**
   * `chunkDocument` with this model's token counts, where the embedder can run it off the main thread
   * (seconds for a big document); the same result as calling `chunkDocument` with `countTokens`.
   */
  chunk?(doc: SourceDocument, params: ChunkerParams): Promise<ChunkedDocument>;
  dispose(): Promise<void>;
}

/** A text's pooled vector and its tokens' vectors, special tokens ([CLS], [SEP]) left out. */
export interface TokenEmbedding {
  vector: Float32Array;
  /** The model's vocabulary ids of the tokens. */
  ids: Uint16Array;
  /** 1 where the token holds a letter or digit, 0 for punctuation. */
  wordy: Uint8Array;
  /** Unit-length token vectors, `tokenDims` each, in token order. */
  tokens: Float32Array;
}

export interface EmbedderIdentity {
  id: string;
  dtype: string;
  dims: number;
  /** Version of the token projection whose token vectors the index keeps; absent when it keeps none. */
  tokens?: string;
}
