/**
 * The one place that picks concrete parts and wires them: settings → model → embedder → index → retriever →
 * answerer. Front ends and scripts call `createApp` and nothing below it.
 */
import type { VectorKernels } from "./compute/vector-kernels.js";
import { createWasmVectorKernels } from "./compute/wasm-vector-kernels.js";
import { DEFAULT_ANSWERER, createAnswerer, type Answerer } from "./answer/answerer.js";
import { loadShelfCalibration, type ShelfCalibration } from "./answer/shelf-calibration.js";
import {
  answerMemory,
  embeddingModelOf,
  loadAnswerMemory,
  type AnswerMemoryFile,
} from "./answer/answer-memory.js";
import { parseAnswerModel, type AnswerModel } from "./answer/answer-model.js";
import answerModelFile from "./answer/answer-model.json" with { type: "json" };
import tokenProjectionFile from "./embedding/token-projection.json" with { type: "json" };
import type { TextAnalyser } from "./answer/text-analyser.js";
import type { QueryTranslator } from "./language/translator.js";
import { createWinkAnalyser } from "./nlp/wink-analyser.js";
import { DEFAULT_CHUNKER_PARAMS } from "./chunking/units.js";
import type { Settings } from "./config/settings.js";
import type { Embedder, EmbedderIdentity } from "./embedding/embedder.js";
import { parseTokenProjection, type TokenProjection } from "./embedding/token-projection.js";
import { DEFAULT_DTYPE, DEFAULT_MODEL_ID, resolveModel } from "./embedding/model-source.js";
import { createWorkerEmbedder } from "./embedding/worker-embedder.js";
import { DEFAULT_RETRIEVER, createRetriever } from "./retrieval/retriever.js";
import { createHnswDenseIndexes } from "./retrieval/hnsw-dense-index.js";
import { createMiniSearchLexicalIndexes } from "./retrieval/minisearch-lexical-index.js";
import { ensureIndex, type EnsureIndexResult } from "./store/build.js";
import type { Store, StoreIndexes } from "./store/store.js";
import { watchCorpus, type CorpusWatcher, type WatchOptions } from "./corpus/watch-corpus.js";
import { describeError } from "./errors.js";
import { createChineseTranslator } from "./language/chinese-translator.js";

const CLOSE_WAIT_MS = 2_000;

/** True if the promise settles (either way) within `ms`. */
function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const late = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms).unref());
  return Promise.race([
    promise.then(
      () => true,
      () => true,
    ),
    late,
  ]);
}

export const MODEL_IDENTITY = { id: DEFAULT_MODEL_ID, dtype: DEFAULT_DTYPE, dims: 384 };

let projection: TokenProjection | undefined;
/** The map of the model's token vectors the embedder applies and the index keeps (`npm run fit:projection`). */
export function tokenProjection(): TokenProjection {
  return (projection ??= parseTokenProjection(tokenProjectionFile, "src/embedding/token-projection.json"));
}

/** What an index depends on of the embedding: the model and the token projection. */
export function modelIdentity(): EmbedderIdentity {
  return { ...MODEL_IDENTITY, tokens: tokenProjection().version };
}

export interface App {
  readonly settings: Settings;
  readonly embedder: Embedder;
  /** The answerer over the current index; replaced by `refresh` when the corpus changes. */
  answerer(): Answerer;
  /**
   * Whether a message in another language is taken as a question (a translator handles it): the one rule
   * every front end asks before telling a user to write in English.
   */
  translates(text: string): boolean;
  /** Re-reads the corpus and swaps in a new index if anything changed; questions in flight keep the old one. */
  refresh(): Promise<EnsureIndexResult>;
  /** Refreshes whenever a document is added, changed or removed in the corpus folder, until close. */
  watch(onRefreshed?: (result: EnsureIndexResult) => void, options?: WatchOptions): void;
  close(): Promise<void>;
}

export interface AppOptions {
  log?: (line: string) => void;
  /** Lines an operator must see: skipped files, a refresh that failed. `log` when unset. */
  warn?: (line: string) => void;
  force?: boolean;
}

export async function createEmbedder(settings: Settings, log: (line: string) => void): Promise<Embedder> {
  const model = await resolveModel({
    modelId: MODEL_IDENTITY.id,
    modelDir: settings.MODEL_DIR,
    cacheDir: settings.MODELS_CACHE_DIR,
    log,
  });
  // In a worker thread: inference never blocks the event loop that answers Discord and the web page.
  return createWorkerEmbedder({
    modelDir: model.dir,
    modelId: MODEL_IDENTITY.id,
    dtype: "q4",
    threads: settings.EMBED_THREADS,
    tokenProjection: tokenProjection(),
  });
}

/** The store's indexes: hnswlib's HNSW graph for the vectors, MiniSearch's BM25 for the words. */
export function createStoreIndexes(): StoreIndexes {
  return { dense: createHnswDenseIndexes(), lexical: createMiniSearchLexicalIndexes() };
}

export async function indexCorpus(
  settings: Settings,
  embedder: Embedder,
  options: AppOptions & { current?: Store; keepPreviousOnFailure?: boolean; signal?: AbortSignal } = {},
): Promise<EnsureIndexResult> {
  return ensureIndex({
    corpusDir: settings.CORPUS_DIR,
    indexDir: settings.INDEX_DIR,
    model: modelIdentity(),
    chunker: DEFAULT_CHUNKER_PARAMS,
    indexes: createStoreIndexes(),
    getEmbedder: async () => embedder,
    log: options.log,
    warn: options.warn,
    force: options.force,
    current: options.current,
    maxDocumentBytes: settings.MAX_DOCUMENT_MB * 2 ** 20,
    keepPreviousOnFailure: options.keepPreviousOnFailure,
    signal: options.signal,
  });
}

/** The fitted answer stage and the language tools it is given; made once, shared by every index. */
export interface AnswerParts {
  model: AnswerModel;
  analyser: TextAnalyser;
  translator?: QueryTranslator | undefined;
  calibration?: ShelfCalibration | undefined;
  /** The shelf's answered questions as stored; tied to each index's sentences by answererFor. */
  memoryFile?: AnswerMemoryFile | undefined;
}

/**
 * The answer stage's repeated dot products (the token match, the shelf's memory) in WebAssembly with SIMD,
 * a fraction of plain JavaScript's time and with no call out of the thread. One for each store: the
 * matrices it holds (a copy of the store's token vectors) stay as long as it lives.
 */
export function createVectorKernels(): VectorKernels {
  return createWasmVectorKernels();
}

/**
 * With a corpus folder, that shelf's own calibration (answer-calibration.json) and answered questions
 * (answer-memory.json, when made with `embeddingModel`) when it has them.
 */
export function createAnswerParts(
  corpusDir?: string,
  warn: (line: string) => void = () => undefined,
  embeddingModel?: string,
): AnswerParts {
  const model = parseAnswerModel(answerModelFile, "src/answer/answer-model.json");
  return {
    model,
    calibration: corpusDir === undefined ? undefined : loadShelfCalibration(corpusDir, model.version, warn),
    memoryFile:
      corpusDir === undefined || embeddingModel === undefined
        ? undefined
        : loadAnswerMemory(corpusDir, embeddingModel, warn),
    analyser: createWinkAnalyser(),
    // Its dictionary loads on the first Chinese question, so English-only use pays nothing for it.
    translator: createChineseTranslator(),
  };
}

/** The answerer over one store: the engine's default retriever and answer settings. */
export function answererFor(store: Store, embedder: Embedder, parts: AnswerParts): Answerer {
  const kernels = createVectorKernels();
  const retriever = createRetriever(store, DEFAULT_RETRIEVER, kernels);
  const { memoryFile, ...rest } = parts;
  const memory = memoryFile && answerMemory(memoryFile, store, kernels);
  return createAnswerer({ store, embedder, retriever, ...rest, memory, kernels }, DEFAULT_ANSWERER);
}

export async function createApp(settings: Settings, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const embedder = await createEmbedder(settings, log);
  const parts = createAnswerParts(settings.CORPUS_DIR, warn, embeddingModelOf(embedder));
  // Aborted by close: a refresh in progress is abandoned rather than waited for.
  const stopping = new AbortController();
  const build = async (current?: Store) => {
    const result = await indexCorpus(settings, embedder, {
      ...options,
      current,
      keepPreviousOnFailure: true,
      signal: stopping.signal,
    });
    if (result.action !== "fresh" && result.action !== "kept") {
      log(
        `index: ${result.action} (${result.documents.total} ${result.documents.total === 1 ? "document" : "documents"}, ${result.store.units.length} passages)`,
      );
    }
    return result;
  };
  let current = answererFor((await build()).store, embedder, parts);
  let running: Promise<EnsureIndexResult> | null = null;
  let watcher: CorpusWatcher | undefined;

  // One refresh at a time; the new answerer replaces the old only once its index is complete.
  const refresh = async (): Promise<EnsureIndexResult> => {
    while (running) await running.catch(() => undefined);
    running = build(current.store);
    try {
      const result = await running;
      if (result.store !== current.store) current = answererFor(result.store, embedder, parts);
      return result;
    } finally {
      running = null;
    }
  };

  return {
    settings,
    embedder,
    answerer: () => current,
    translates: (text) => parts.translator?.handles(text) ?? false,
    refresh,
    watch(onRefreshed, watchOptions) {
      watcher?.close();
      const onChange = (onlyIfChanged = false) => {
        const before = current.store;
        refresh()
          .then((result) => {
            if (!onlyIfChanged || result.store !== before) onRefreshed?.(result);
          })
          .catch((error: unknown) => {
            if (stopping.signal.aborted) return;
            warn(`index: refresh failed, still answering from the previous index (${describeError(error)})`);
          });
      };
      watcher = watchCorpus(settings.CORPUS_DIR, () => onChange(), watchOptions);
      // A document dropped in between the build and now fires no event the watcher can see (its first look
      // already counts it): one refresh catches it, and costs a check of the folder when nothing changed
      // (then nobody hears of it).
      onChange(true);
    },
    async close() {
      watcher?.close();
      stopping.abort(new Error("the app is closing"));
      // The refresh stops at its next step; an embedding call under way is not waited for past a moment,
      // and the model is then left to the process's exit rather than freed under a running inference.
      if (!running || (await settlesWithin(running, CLOSE_WAIT_MS))) await embedder.dispose();
    },
  };
}
