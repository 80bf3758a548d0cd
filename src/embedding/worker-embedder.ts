/**
 * The embedder the app uses: the ONNX model runs in a worker thread, so inference (tens of milliseconds a
 * question, minutes for a big document) never blocks the event loop that acknowledges Discord interactions.
 * Chunking runs in a second worker with the tokenizer alone, so a big document's seconds of chunking do not
 * hold up questions either. The vectors are byte-identical to the in-thread embedder's: requests are cut
 * on the same batch boundaries, and requests are never merged (a question's vector never depends on what
 * else was asked at the same time).
 */
import { AppError } from "../errors.js";
import { inTwoSteps, type Embedder, type QuestionEmbedding, type TokenEmbedding } from "./embedder.js";
import {
  DIMS,
  lengthOrderedSlices,
  loadTokenizer,
  type TransformersEmbedderOptions,
} from "./transformers-embedder.js";
import { createWorkerChannel } from "./worker-channel.js";
import type { WorkerSetup } from "./worker-protocol.js";

/** Batches per request sent to the worker: a question waits behind at most this much of a build. */
const BATCHES_PER_REQUEST = 4;
const CHUNKER_IDLE_MS = 10_000;

export async function createWorkerEmbedder(
  options: TransformersEmbedderOptions,
  threads: { chunkerIdleMs?: number } = {},
): Promise<Embedder> {
  const batchSize = options.batchSize ?? 8;
  const setup: WorkerSetup = {
    role: "embed",
    modelDir: options.modelDir,
    modelId: options.modelId,
    dtype: options.dtype,
    maxTokens: options.maxTokens ?? 256,
    batchSize,
    threads: options.threads,
    tokenProjection: options.tokenProjection,
  };
  const model = createWorkerChannel(setup);
  // Only index builds chunk: its thread (a second copy of the tokenizer and libraries) goes when idle.
  const chunker = createWorkerChannel(
    { ...setup, role: "chunk" },
    {
      idleStopMs: threads.chunkerIdleMs ?? CHUNKER_IDLE_MS,
    },
  );
  const close = () => Promise.all([model.close(), chunker.close()]).then(() => undefined);
  // The tokenizer on this thread as well: counting tokens is synchronous, and cheap for short texts.
  const loaded = await Promise.all([loadTokenizer(options.modelDir), model.start()]).catch(
    async (error: unknown) => {
      await close();
      throw error;
    },
  );
  const tokenizer = loaded[0];

  const embedSlice = async (texts: string[]): Promise<Float32Array[]> => {
    const reply = await model.request({ op: "embed", texts }, texts.length <= batchSize);
    if (reply.kind === "vectors" && reply.vectors.length === texts.length) return reply.vectors;
    throw new AppError("EMBED_FAILED", `The model's worker sent ${reply.kind} for ${texts.length} texts.`);
  };

  const tokenSlice = async (texts: string[]): Promise<TokenEmbedding[]> => {
    const reply = await model.request({ op: "embedTokens", texts }, texts.length <= batchSize);
    if (reply.kind === "tokens" && reply.embeddings.length === texts.length) return reply.embeddings;
    throw new AppError("EMBED_FAILED", `The model's worker sent ${reply.kind} for ${texts.length} texts.`);
  };

  /** The vector comes as the worker sends it, before the tokens' reply; urgent, as every question is. */
  const questionOf = (text: string): QuestionEmbedding =>
    inTwoSteps((early) =>
      model
        .request({ op: "embedQuestion", text }, true, (partial) => early(partial.vector))
        .then((reply) => {
          if (reply.kind === "tokens" && reply.embeddings.length === 1) return reply.embeddings[0]!;
          throw new AppError("EMBED_FAILED", `The model's worker sent ${reply.kind} for a question.`);
        }),
    );

  // Sorted by length and cut at whole batches, as the worker's embedder batches each request: the same
  // batches as one in-thread call, so the same vectors.
  async function inOrder<T>(texts: readonly string[], run: (slice: string[]) => Promise<T[]>): Promise<T[]> {
    const slices = lengthOrderedSlices(texts, batchSize * BATCHES_PER_REQUEST);
    const results = await Promise.all(slices.map((s) => run(s.map((i) => texts[i] ?? ""))));
    const out: T[] = new Array<T>(texts.length);
    slices.forEach((s, k) => s.forEach((i, j) => (out[i] = results[k]![j]!)));
    return out;
  }

  return {
    modelId: options.modelId,
    dtype: options.dtype,
    dims: DIMS,
    maxTokens: setup.maxTokens,
    countTokens: (text) => tokenizer.encode(text).length,
    embed: (texts) => inOrder(texts, embedSlice),
    ...(options.tokenProjection
      ? {
          tokenDims: options.tokenProjection.dims,
          embedTokens: (texts: readonly string[]) => inOrder(texts, tokenSlice),
          embedQuestion: (text: string) => questionOf(text),
        }
      : {}),
    async chunk(doc, params) {
      const reply = await chunker.request({ op: "chunk", doc, params }, false);
      if (reply.kind !== "chunked") {
        throw new AppError("EMBED_FAILED", `The chunking worker sent ${reply.kind}, not a chunked document.`);
      }
      return reply.chunked;
    },
    dispose: close,
  };
}
