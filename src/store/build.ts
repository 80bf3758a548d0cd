import { chunkDocument, type ChunkerParams } from "../chunking/units.js";
import { scanCorpus, type SourceDocument } from "../corpus/read-corpus.js";
import type { Embedder, EmbedderIdentity } from "../embedding/embedder.js";
import { AppError, describeError } from "../errors.js";
import { computeIndexVersion, type Manifest, type SkippedFile } from "./manifest.js";
import {
  allFinite,
  currentStoreDir,
  loadStore,
  readManifest,
  type Store,
  type StoreIndexes,
} from "./store.js";
import { acquireWriteLock, type WriteLock } from "./write-lock.js";
import { emptyTokenTable, pickTokenRows, tokenTableOf } from "./sentence-tokens.js";
import { writeStore, type DocPart } from "./write-store.js";

export interface EnsureIndexOptions {
  corpusDir: string;
  indexDir: string;
  model: EmbedderIdentity;
  chunker: ChunkerParams;
  /** The dense and lexical indexes the store builds and reads (src/app.ts picks them). */
  indexes: StoreIndexes;
  /** Called only when something must be embedded, so that a fresh index never loads the model for it. */
  getEmbedder: () => Promise<Embedder>;
  log?: (line: string) => void;
  /** Lines an operator must see (a skipped file, a failed build); `log` when unset. */
  warn?: (line: string) => void;
  /** Rebuild every document even when the previous index could be reused. */
  force?: boolean;
  /** The store already in memory (a running app): compared and reused without reading the index again. */
  current?: Store | undefined;
  /** Larger corpus files are skipped. */
  maxDocumentBytes?: number | undefined;
  /**
   * When the new index cannot be built or written, go on with the previous one (action "kept") instead of
   * failing: what a running app wants; `npm run index` wants the failure.
   */
  keepPreviousOnFailure?: boolean;
  /** Abandons the build (shutdown): nothing is swapped in, the staging folder is removed. */
  signal?: AbortSignal | undefined;
  /** See `acquireWriteLock`. */
  lockStaleMs?: number;
}

export interface EnsureIndexResult {
  store: Store;
  /** "kept": the new index could not be made and the previous one is still in use (see `failure`). */
  action: "fresh" | "built" | "refreshed" | "kept";
  documents: { total: number; embedded: number; reused: number; removed: number };
  embeddedTexts: number;
  /** Corpus files left out, each with its reason (also in the store's manifest). */
  skipped: SkippedFile[];
  /** Why the index could not be refreshed, when action is "kept". */
  failure?: string;
  ms: number;
}

/** Loads the index, or builds or refreshes it when missing or stale, re-embedding only changed documents. */
export async function ensureIndex(options: EnsureIndexOptions): Promise<EnsureIndexResult> {
  const t0 = performance.now();
  const log = options.log ?? (() => undefined);
  const warn = options.warn ?? log;
  const scan = await scanCorpus(options.corpusDir, { maxBytes: options.maxDocumentBytes });
  for (const s of scan.skipped) warn(`index: skipped ${s.path}: ${s.reason}`);
  const version = computeIndexVersion({
    model: options.model,
    chunker: options.chunker,
    lexicalVersion: options.indexes.lexical.version,
    documents: scan.documents.map((d) => ({ path: d.path, sha256: d.sha256 })),
  });
  const docs = scan.documents;
  const freshResult = (store: Store): EnsureIndexResult => ({
    store,
    action: "fresh",
    documents: { total: docs.length, embedded: 0, reused: docs.length, removed: 0 },
    embeddedTexts: 0,
    skipped: scan.skipped,
    ms: performance.now() - t0,
  });
  const isFreshManifest = (m: Manifest | null | undefined) =>
    m?.indexVersion === version && sameSkipped(m.skipped, scan.skipped);
  const isFresh = (store: Store | null): store is Store => isFreshManifest(store?.manifest);
  const previous = options.force ? null : (options.current ?? tryLoadPrevious(options));
  if (isFresh(previous)) return freshResult(previous);

  let lock: WriteLock | undefined;
  try {
    lock = await acquireWriteLock(options.indexDir, {
      staleMs: options.lockStaleMs,
      signal: options.signal,
      log,
    });
    // Another process may have built this very index while this one waited for the lock: its manifest says
    // so without loading a second copy of a big store.
    if (!options.force && isFreshManifest(tryReadManifest(options.indexDir))) {
      const onDisk = tryLoadPrevious(options, true);
      if (isFresh(onDisk)) return freshResult(onDisk);
    }
    const base = previous ?? (options.force ? null : tryLoadPrevious(options, true));
    return await build(options, { docs, skipped: scan.skipped, version, previous: base, lock, t0 });
  } catch (error) {
    if (options.signal?.aborted || !options.keepPreviousOnFailure) throw error;
    const kept = previous ?? options.current ?? tryLoadPrevious(options, true);
    if (!kept) throw error;
    const failure = describeError(error);
    warn(`index: could not refresh the index, still answering from the previous one: ${failure}`);
    return { ...freshResult(kept), action: "kept", failure };
  } finally {
    await lock?.release();
  }
}

interface BuildInput {
  docs: SourceDocument[];
  skipped: SkippedFile[];
  version: string;
  previous: Store | null;
  lock: WriteLock;
  t0: number;
}

async function build(options: EnsureIndexOptions, input: BuildInput): Promise<EnsureIndexResult> {
  const { docs, previous } = input;
  const log = options.log ?? (() => undefined);
  const reusable = previous && !options.force && sameEmbedding(previous, options) ? previous : null;
  const parts: DocPart[] = [];
  let embeddedTexts = 0;
  let embedded = 0;
  for (const doc of docs) {
    options.signal?.throwIfAborted();
    input.lock.assertHeld();
    const reused = reusable ? reusePart(reusable, doc) : null;
    if (reused) {
      parts.push(reused);
      continue;
    }
    const embedder = await options.getEmbedder();
    log(`index: embedding ${doc.path} …`);
    const part = await embedDocument(doc, options.chunker, embedder, options.signal).catch(
      (error: unknown) => {
        throw new AppError("INDEX_BUILD_FAILED", `Could not embed ${doc.path}: ${describeError(error)}.`, {
          cause: error,
        });
      },
    );
    embeddedTexts += part.units.length + part.sentences.length;
    embedded++;
    parts.push(part);
  }
  const removed = previous
    ? previous.manifest.documents.filter((d) => !docs.some((x) => x.path === d.path)).length
    : 0;
  const store = await writeStore({
    indexDir: options.indexDir,
    model: options.model,
    chunker: options.chunker,
    parts,
    skipped: input.skipped,
    version: input.version,
    lock: input.lock,
    indexes: options.indexes,
    signal: options.signal,
  });
  return {
    store,
    action: previous ? "refreshed" : "built",
    documents: { total: docs.length, embedded, reused: docs.length - embedded, removed },
    embeddedTexts,
    skipped: input.skipped,
    ms: performance.now() - input.t0,
  };
}

function sameSkipped(a: SkippedFile[], b: SkippedFile[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function tryReadManifest(indexDir: string): Manifest | null {
  const dir = currentStoreDir(indexDir);
  try {
    return dir ? readManifest(dir) : null;
  } catch {
    return null;
  }
}

function tryLoadPrevious(options: EnsureIndexOptions, quiet = false): Store | null {
  const { indexDir, log } = options;
  const dir = currentStoreDir(indexDir);
  if (!dir) return null;
  try {
    return loadStore(dir, options.indexes);
  } catch (error) {
    // Another build may have swapped CURRENT and removed this folder while it was being read: read again.
    const again = currentStoreDir(indexDir);
    if (again && again !== dir) return tryLoadPrevious(options, quiet);
    if (!quiet) log?.(`index: previous index unusable, rebuilding (${describeError(error)})`);
    return null;
  }
}

function sameEmbedding(store: Store, options: EnsureIndexOptions): boolean {
  const m = store.manifest;
  return (
    JSON.stringify(m.model) === JSON.stringify(options.model) &&
    JSON.stringify(m.chunker) === JSON.stringify(options.chunker)
  );
}

function reusePart(store: Store, doc: SourceDocument): DocPart | null {
  const entry = store.manifest.documents.find((d) => d.path === doc.path && d.sha256 === doc.sha256);
  if (!entry) return null;
  const dims = store.manifest.model.dims;
  const rowsOf = (items: { doc: string }[]) => items.flatMap((item, i) => (item.doc === doc.path ? [i] : []));
  const pick = <T>(items: T[], rows: number[], vectors: Float32Array) => {
    const out = new Float32Array(rows.length * dims);
    rows.forEach((i, k) => out.set(vectors.subarray(i * dims, (i + 1) * dims), k * dims));
    return { items: rows.map((i) => items[i] as T), vectors: out };
  };
  const rows = rowsOf(store.sentences);
  const units = pick(store.units, rowsOf(store.units), store.unitVectors);
  const sentences = pick(store.sentences, rows, store.sentenceVectors);
  return {
    doc,
    units: units.items,
    sentences: sentences.items,
    sections: store.sections[doc.path] ?? [],
    unitVectors: units.vectors,
    sentenceVectors: sentences.vectors,
    sentenceTokens: pickTokenRows(store.sentenceTokens, rows),
  };
}

/** One batched embedding call per document: units and sentences together. */
async function embedDocument(
  doc: SourceDocument,
  params: ChunkerParams,
  embedder: Embedder,
  signal: AbortSignal | undefined,
): Promise<DocPart> {
  // Off the main thread when the embedder can: seconds for a big document.
  const chunked = embedder.chunk
    ? await embedder.chunk(doc, params)
    : chunkDocument(doc, params, (t) => embedder.countTokens(t), embedder.maxTokens);
  const texts = [...chunked.units.map((u) => u.embedText), ...chunked.sentences.map((s) => s.text)];
  // With token vectors when the embedder gives them: the same inference, the same pooled vectors.
  const withTokens = embedder.embedTokens
    ? await embedInSlices((slice) => embedder.embedTokens!(slice), texts, signal)
    : null;
  const vectors = withTokens
    ? withTokens.map((e) => e.vector)
    : await embedInSlices((slice) => embedder.embed(slice), texts, signal);
  if (!vectors.every((v) => v.length === embedder.dims && allFinite(v))) {
    throw new Error("the embedder returned a vector of the wrong size or with numbers that are not finite");
  }
  const flat = (list: Float32Array[]) => {
    const out = new Float32Array(list.length * embedder.dims);
    list.forEach((v, i) => out.set(v, i * embedder.dims));
    return out;
  };
  return {
    doc,
    // The embedded text (context and all) was needed only to embed: the store keeps what is quoted.
    units: chunked.units.map(({ embedText: _embedText, ...unit }) => unit),
    sentences: chunked.sentences,
    sections: chunked.structure.sections,
    unitVectors: flat(vectors.slice(0, chunked.units.length)),
    sentenceVectors: flat(vectors.slice(chunked.units.length)),
    sentenceTokens: withTokens
      ? tokenTableOf(withTokens.slice(chunked.units.length), embedder.tokenDims ?? 0)
      : emptyTokenTable(chunked.sentences.length),
  };
}

/** Texts per embedding call: a stop request is seen between calls, so a big document does not hold it. */
const SLICE = 128;

/**
 * Embeds in slices of the length-sorted texts, so that the batches inside the embedder (which sorts each
 * call by length too) are the same as in one call: slicing changes when a stop is seen, not the vectors.
 */
async function embedInSlices<T>(
  embed: (texts: string[]) => Promise<T[]>,
  texts: string[],
  signal: AbortSignal | undefined,
): Promise<T[]> {
  const order = texts.map((t, i) => ({ i, n: t.length })).sort((a, b) => a.n - b.n || a.i - b.i);
  const out: T[] = new Array<T>(texts.length);
  for (let start = 0; start < order.length; start += SLICE) {
    signal?.throwIfAborted();
    const slice = order.slice(start, start + SLICE);
    const results = await embed(slice.map((o) => texts[o.i] ?? ""));
    if (results.length !== slice.length) {
      throw new Error(`the embedder returned ${results.length} results for ${slice.length} texts`);
    }
    slice.forEach((o, k) => (out[o.i] = results[k]!));
  }
  return out;
}
