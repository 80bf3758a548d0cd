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
  /**
   * One question's `embedTokens`, in two steps: its pooled vector as soon as the model has it, its token
   * vectors once they are projected, so the search runs meanwhile. Optional: without it the answerer
   * waits for `embedTokens`.
   */
  embedQuestion?(text: string): QuestionEmbedding;
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

/** The two steps of `embedQuestion`; the vector is the same as the token embedding's. */
export interface QuestionEmbedding {
  vector: Promise<Float32Array>;
  tokens: Promise<TokenEmbedding>;
}

/**
 * A question embedding from work that reports the vector early (`run` calls `early` with it) and then
 * gives the whole. When the work fails before the vector came, the vector fails with it.
 */
export function inTwoSteps(
  run: (early: (vector: Float32Array) => void) => Promise<TokenEmbedding>,
): QuestionEmbedding {
  let early: ((vector: Float32Array) => void) | undefined;
  const vector = new Promise<Float32Array>((resolve) => (early = resolve));
  const whole = run((v) => early?.(v));
  return { vector: Promise.race([vector, whole.then((e) => e.vector)]), tokens: whole };
}

export interface EmbedderIdentity {
  id: string;
  dtype: string;
  dims: number;
  /** Version of the token projection whose token vectors the index keeps; absent when it keeps none. */
  tokens?: string;
}
