import { existsSync } from "node:fs";
import { mkdir, readdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  chunkDocument,
  type ChunkerParams,
  type RetrievalUnit,
  type SentenceUnit,
} from "../chunking/units.js";
import type { Section } from "../chunking/structure.js";
import { readCorpus, type SourceDocument } from "../corpus/read-corpus.js";
import type { Embedder, EmbedderIdentity } from "../embedding/embedder.js";
import { AppError, describeError } from "../errors.js";
import { createDenseIndex } from "../retrieval/dense.js";
import { createLexicalIndex, LEXICAL_VERSION } from "../retrieval/lexical.js";
import { indexTerms } from "../retrieval/text-normalise.js";
import { computeIndexVersion, FORMAT_VERSION, type Manifest } from "./manifest.js";
import { currentStoreDir, FILES, loadStore, withoutTexts, type Store, type StoreData } from "./store.js";

export interface EnsureIndexOptions {
  corpusDir: string;
  indexDir: string;
  model: EmbedderIdentity;
  chunker: ChunkerParams;
  /** Called only when something must be embedded, so that a fresh index never loads the model for it. */
  getEmbedder: () => Promise<Embedder>;
  log?: (line: string) => void;
  /** Rebuild every document even when the previous index could be reused. */
  force?: boolean;
  /** The store already in memory (a running app): compared and reused without reading the index again. */
  current?: Store | undefined;
}

export interface EnsureIndexResult {
  store: Store;
  action: "fresh" | "built" | "refreshed";
  documents: { total: number; embedded: number; reused: number; removed: number };
  embeddedTexts: number;
  ms: number;
}

interface DocPart {
  doc: SourceDocument;
  units: RetrievalUnit[];
  sentences: SentenceUnit[];
  sections: Section[];
  unitVectors: Float32Array;
  sentenceVectors: Float32Array;
}

/** Loads the index, or builds or refreshes it when missing or stale, re-embedding only changed documents. */
export async function ensureIndex(options: EnsureIndexOptions): Promise<EnsureIndexResult> {
  const t0 = performance.now();
  const log = options.log ?? (() => undefined);
  const docs = await readCorpus(options.corpusDir);
  const identity = {
    model: options.model,
    chunker: options.chunker,
    lexicalVersion: LEXICAL_VERSION,
    documents: docs.map((d) => ({ path: d.path, sha256: d.sha256 })),
  };
  const version = computeIndexVersion(identity);
  const previous = options.force ? null : (options.current ?? tryLoadPrevious(options.indexDir, log));
  if (previous?.manifest.indexVersion === version) {
    const total = docs.length;
    return {
      store: previous,
      action: "fresh",
      documents: { total, embedded: 0, reused: total, removed: 0 },
      embeddedTexts: 0,
      ms: performance.now() - t0,
    };
  }
  const reusable = previous && sameEmbedding(previous, options) ? previous : null;
  const parts: DocPart[] = [];
  let embeddedTexts = 0;
  let embedded = 0;
  for (const doc of docs) {
    const reused = reusable ? reusePart(reusable, doc) : null;
    if (reused) {
      parts.push(reused);
      continue;
    }
    const embedder = await options.getEmbedder();
    log(`index: embedding ${doc.path} …`);
    const part = await embedDocument(doc, options.chunker, embedder).catch((error: unknown) => {
      throw new AppError("INDEX_BUILD_FAILED", `Could not embed ${doc.path}: ${describeError(error)}.`, {
        cause: error,
      });
    });
    embeddedTexts += part.units.length + part.sentences.length;
    embedded++;
    parts.push(part);
  }
  const removed = previous
    ? previous.manifest.documents.filter((d) => !docs.some((x) => x.path === d.path)).length
    : 0;
  const store = await writeStore(options, parts, version);
  return {
    store,
    action: previous ? "refreshed" : "built",
    documents: { total: docs.length, embedded, reused: docs.length - embedded, removed },
    embeddedTexts,
    ms: performance.now() - t0,
  };
}

function tryLoadPrevious(indexDir: string, log: (line: string) => void): Store | null {
  const dir = currentStoreDir(indexDir);
  if (!dir) return null;
  try {
    return loadStore(dir);
  } catch (error) {
    log(`index: previous index unusable, rebuilding (${describeError(error)})`);
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
  const pick = <T extends { doc: string }>(items: T[], vectors: Float32Array) => {
    const idx = items.flatMap((item, i) => (item.doc === doc.path ? [i] : []));
    const out = new Float32Array(idx.length * dims);
    idx.forEach((i, k) => out.set(vectors.subarray(i * dims, (i + 1) * dims), k * dims));
    return { items: idx.map((i) => items[i] as T), vectors: out };
  };
  const units = pick(store.units, store.unitVectors);
  const sentences = pick(store.sentences, store.sentenceVectors);
  return {
    doc,
    units: units.items,
    sentences: sentences.items,
    sections: store.sections[doc.path] ?? [],
    unitVectors: units.vectors,
    sentenceVectors: sentences.vectors,
  };
}

/** One batched embedding call per document: units and sentences together. */
async function embedDocument(
  doc: SourceDocument,
  params: ChunkerParams,
  embedder: Embedder,
): Promise<DocPart> {
  const chunked = chunkDocument(doc, params, (t) => embedder.countTokens(t), embedder.maxTokens);
  const texts = [...chunked.units.map((u) => u.embedText), ...chunked.sentences.map((s) => s.text)];
  const vectors = await embedder.embed(texts);
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
  };
}

function concat(arrays: Float32Array[]): Float32Array {
  const out = new Float32Array(arrays.reduce((n, a) => n + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}

/** Writes a complete store beside the live one, then swaps the CURRENT pointer: a crash leaves the old one. */
async function writeStore(options: EnsureIndexOptions, parts: DocPart[], version: string): Promise<Store> {
  const data: StoreData = {
    units: parts.flatMap((p) => p.units),
    sentences: parts.flatMap((p) => p.sentences),
    sections: Object.fromEntries(parts.map((p) => [p.doc.path, p.sections])),
    texts: Object.fromEntries(parts.map((p) => [p.doc.path, p.doc.text])),
    sentenceDf: {},
  };
  data.sentenceDf = documentFrequencies(data.sentences.map((s) => s.text));
  const unitVectors = concat(parts.map((p) => p.unitVectors));
  const sentenceVectors = concat(parts.map((p) => p.sentenceVectors));
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    indexVersion: version,
    createdAt: new Date().toISOString(),
    model: options.model,
    chunker: options.chunker,
    lexicalVersion: LEXICAL_VERSION,
    documents: parts.map((p) => ({
      path: p.doc.path,
      id: p.doc.id,
      sha256: p.doc.sha256,
      meta: p.doc.meta,
      units: p.units.length,
      sentences: p.sentences.length,
    })),
    counts: { units: data.units.length, sentences: data.sentences.length },
  };
  const dense = createDenseIndex(unitVectors, options.model.dims);
  const lexical = createLexicalIndex(data.units.map((u, id) => ({ id, text: u.text, section: u.section })));
  const name = `store-${version}`;
  const staging = path.join(options.indexDir, `${name}.tmp-${process.pid}-${Date.now()}`);
  const final = path.join(options.indexDir, name);
  try {
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, FILES.data), JSON.stringify(withoutTexts(data)));
    await writeFile(path.join(staging, FILES.unitVectors), Buffer.from(unitVectors.buffer));
    await writeFile(path.join(staging, FILES.sentenceVectors), Buffer.from(sentenceVectors.buffer));
    await writeFile(path.join(staging, FILES.lexical), JSON.stringify(lexical.toJSON()));
    dense.write(path.join(staging, FILES.dense));
    // The manifest goes last: a folder without one is never taken for a store.
    await writeFile(path.join(staging, FILES.manifest), JSON.stringify(manifest, null, 2));
    await rm(final, { recursive: true, force: true });
    await rename(staging, final);
    const pointerTmp = path.join(options.indexDir, `${FILES.current}.tmp-${process.pid}`);
    await writeFile(pointerTmp, name + "\n");
    await rename(pointerTmp, path.join(options.indexDir, FILES.current));
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw new AppError(
      "INDEX_BUILD_FAILED",
      `Could not write the index to ${options.indexDir}: ${describeError(error)}.`,
      { cause: error },
    );
  }
  await removeStale(options.indexDir, name);
  return loadStore(final);
}

/** Older store folders and leftovers of crashed builds; the live one and this process's are kept. */
async function removeStale(indexDir: string, keep: string): Promise<void> {
  if (!existsSync(indexDir)) return;
  for (const entry of await readdir(indexDir)) {
    if (entry.startsWith("store-") && entry !== keep) {
      await rm(path.join(indexDir, entry), { recursive: true, force: true });
    }
  }
}

function documentFrequencies(texts: string[]): Record<string, number> {
  const df: Record<string, number> = {};
  for (const text of texts) for (const term of indexTerms(text)) df[term] = (df[term] ?? 0) + 1;
  return df;
}
