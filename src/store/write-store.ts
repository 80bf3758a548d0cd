import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { ChunkerParams, RetrievalUnit, SentenceUnit } from "../chunking/units.js";
import type { Section } from "../chunking/structure.js";
import type { SourceDocument } from "../corpus/read-corpus.js";
import type { EmbedderIdentity } from "../embedding/embedder.js";
import { AppError, describeError } from "../errors.js";
import { indexTerms } from "../retrieval/text-normalise.js";
import { FORMAT_VERSION, type Manifest, type SkippedFile } from "./manifest.js";
import {
  CHECKED_FILES,
  FILES,
  fileSha256,
  loadStore,
  withoutTexts,
  type Store,
  type StoreData,
  type StoreIndexes,
} from "./store.js";
import { concatTokenTables, serialiseTokenTable, type TokenTable } from "./sentence-tokens.js";
import { newStoreNames, removeStale } from "./store-folders.js";
import type { WriteLock } from "./write-lock.js";

/** One document's share of a store: its passages, sentences, sections and their vectors. */
export interface DocPart {
  doc: SourceDocument;
  units: RetrievalUnit[];
  sentences: SentenceUnit[];
  sections: Section[];
  unitVectors: Float32Array;
  sentenceVectors: Float32Array;
  sentenceTokens: TokenTable;
}

export interface WriteInput {
  indexDir: string;
  model: EmbedderIdentity;
  chunker: ChunkerParams;
  parts: DocPart[];
  skipped: SkippedFile[];
  version: string;
  lock: WriteLock;
  indexes: StoreIndexes;
  signal?: AbortSignal | undefined;
}

/**
 * Writes a complete store in a folder of its own, then swaps the CURRENT pointer with a rename: a crash at
 * any point leaves CURRENT naming a complete store. Older folders are removed only after the swap.
 */
export async function writeStore(input: WriteInput): Promise<Store> {
  const { data, unitVectors, sentenceVectors, sentenceTokens } = assemble(input.parts);
  const dense = input.indexes.dense.build(unitVectors, input.model.dims);
  const lexical = input.indexes.lexical.build(
    data.units.map((u, id) => ({ id, text: u.text, section: u.section })),
  );
  const { name, staging: stagingName } = newStoreNames(input.version);
  const staging = path.join(input.indexDir, stagingName);
  const final = path.join(input.indexDir, name);
  try {
    await mkdir(staging, { recursive: true });
    await writeFile(path.join(staging, FILES.data), JSON.stringify(withoutTexts(data)));
    await writeFile(path.join(staging, FILES.unitVectors), Buffer.from(unitVectors.buffer));
    await writeFile(path.join(staging, FILES.sentenceVectors), Buffer.from(sentenceVectors.buffer));
    await writeFile(path.join(staging, FILES.sentenceTokens), serialiseTokenTable(sentenceTokens));
    await writeFile(path.join(staging, FILES.lexical), lexical.serialize());
    dense.write(path.join(staging, FILES.dense));
    const files: Record<string, string> = {};
    for (const file of CHECKED_FILES) files[file] = fileSha256(await readFile(path.join(staging, file)));
    const manifest = manifestFor(input, data, files);
    // The manifest goes last: a folder without one is never taken for a store.
    await writeFile(path.join(staging, FILES.manifest), JSON.stringify(manifest, null, 2));
    input.signal?.throwIfAborted();
    input.lock.assertHeld();
    await rename(staging, final);
    const pointerTmp = path.join(input.indexDir, `${FILES.current}.tmp-${process.pid}`);
    await writeFile(pointerTmp, name + "\n");
    await rename(pointerTmp, path.join(input.indexDir, FILES.current));
  } catch (error) {
    await rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (input.signal?.aborted || (error instanceof AppError && error.code === "INDEX_BUILD_FAILED"))
      throw error;
    throw new AppError(
      "INDEX_BUILD_FAILED",
      `Could not write the index to ${input.indexDir}: ${describeWriteError(error)}.`,
      { cause: error },
    );
  }
  await removeStale(input.indexDir, name).catch(() => undefined); // leftovers go at the next build
  return loadStore(final, input.indexes);
}

/** The real cause of a failed write, named first: "read-only" or "disk full" rather than the last syscall. */
export function describeWriteError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const why =
    code === "ENOSPC" || code === "EDQUOT"
      ? "the disk is full"
      : code === "EROFS"
        ? "the file system is read-only"
        : code === "EACCES" || code === "EPERM"
          ? "the index folder is not writable"
          : undefined;
  return why ? `${why} (${describeError(error)})` : describeError(error);
}

function assemble(parts: DocPart[]) {
  const data: StoreData = {
    units: parts.flatMap((p) => p.units),
    sentences: parts.flatMap((p) => p.sentences),
    sections: Object.fromEntries(parts.map((p) => [p.doc.path, p.sections])),
    texts: Object.fromEntries(parts.map((p) => [p.doc.path, p.doc.text])),
    sentenceDf: {},
  };
  data.sentenceDf = documentFrequencies(data.sentences.map((s) => s.text));
  return {
    data,
    unitVectors: concat(parts.map((p) => p.unitVectors)),
    sentenceVectors: concat(parts.map((p) => p.sentenceVectors)),
    sentenceTokens: concatTokenTables(parts.map((p) => p.sentenceTokens)),
  };
}

function manifestFor(input: WriteInput, data: StoreData, files: Record<string, string>): Manifest {
  return {
    formatVersion: FORMAT_VERSION,
    indexVersion: input.version,
    createdAt: new Date().toISOString(),
    model: input.model,
    chunker: input.chunker,
    lexicalVersion: input.indexes.lexical.version,
    documents: input.parts.map((p) => ({
      path: p.doc.path,
      id: p.doc.id,
      sha256: p.doc.sha256,
      meta: p.doc.meta,
      units: p.units.length,
      sentences: p.sentences.length,
    })),
    counts: { units: data.units.length, sentences: data.sentences.length },
    files,
    skipped: input.skipped,
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

function documentFrequencies(texts: string[]): Record<string, number> {
  const df: Record<string, number> = {};
  for (const text of texts) for (const term of indexTerms(text)) df[term] = (df[term] ?? 0) + 1;
  return df;
}
