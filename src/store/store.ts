import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import type { RetrievalUnit, SentenceUnit } from "../chunking/units.js";
import type { Section } from "../chunking/structure.js";
import { AppError, describeError } from "../errors.js";
import type { DenseIndex, DenseIndexFactory } from "../retrieval/dense-index.js";
import type { LexicalIndex, LexicalIndexFactory } from "../retrieval/lexical-index.js";
import { manifestSchema, type Manifest } from "./manifest.js";
import { loadSentenceTokens, parseTokenTable, type SentenceTokens } from "./sentence-tokens.js";

/** Everything a question needs, in memory. Immutable once loaded: a refresh makes a new one. */
export interface Store {
  manifest: Manifest;
  units: RetrievalUnit[];
  sentences: SentenceUnit[];
  sections: Record<string, Section[]>;
  /** Each document's full text by path: every quote is a slice of it. */
  texts: Record<string, string>;
  sentenceDf: Record<string, number>;
  unitVectors: Float32Array;
  sentenceVectors: Float32Array;
  /** Each sentence's tokens and their vectors (none when the embedder gave no token vectors). */
  sentenceTokens: SentenceTokens;
  dense: DenseIndex;
  lexical: LexicalIndex;
  /** Index of each sentence by id, and the sentences of each unit, for rescoring. */
  sentenceIndex: Map<string, number>;
}

/** The sentences just before and after sentence `i` in its paragraph: what a terse sentence leans on. */
export function paragraphNeighbours(store: Pick<Store, "sentences">, i: number): number[] {
  const s = store.sentences[i];
  return [i - 1, i + 1].filter((j) => {
    const n = store.sentences[j];
    return !!s && !!n && n.doc === s.doc && n.paragraph === s.paragraph;
  });
}

/** The kinds of index a store builds and reads: passed in (src/app.ts picks them), never chosen here. */
export interface StoreIndexes {
  dense: DenseIndexFactory;
  lexical: LexicalIndexFactory;
}

export interface StoreData {
  units: RetrievalUnit[];
  sentences: SentenceUnit[];
  sections: Record<string, Section[]>;
  texts: Record<string, string>;
  /** In how many sentences each index term occurs: the IDF that weighs a question's terms. */
  sentenceDf: Record<string, number>;
}

/** StoreData as written: a unit's or sentence's text is left out, being a slice of its document's text. */
export interface StoredData extends Omit<StoreData, "units" | "sentences"> {
  units: Omit<RetrievalUnit, "text">[];
  sentences: Omit<SentenceUnit, "text">[];
}

export function withoutTexts(data: StoreData): StoredData {
  return {
    ...data,
    units: data.units.map(({ text: _text, ...unit }) => unit),
    sentences: data.sentences.map(({ text: _text, ...sentence }) => sentence),
  };
}

/** Slices share the document's memory, so a shelf's passages cost their offsets, not their text again. */
function withTexts(data: StoredData): StoreData {
  const slice = (item: { doc: string; start: number; end: number }) => {
    const text = data.texts[item.doc];
    if (text === undefined) throw new Error(`no text for document ${item.doc}`);
    return text.slice(item.start, item.end);
  };
  return {
    ...data,
    units: data.units.map((u) => ({ ...u, text: slice(u) })),
    sentences: data.sentences.map((s) => ({ ...s, text: slice(s) })),
  };
}

export const FILES = {
  current: "CURRENT",
  manifest: "manifest.json",
  data: "units.json",
  unitVectors: "unit-vectors.f32",
  sentenceVectors: "sentence-vectors.f32",
  sentenceTokens: "sentence-tokens.bin",
  dense: "dense.hnsw",
  lexical: "lexical.json",
} as const;

/** The live store folder named by index/CURRENT, or null when no index was built yet. */
export function currentStoreDir(indexDir: string): string | null {
  const pointer = path.join(indexDir, FILES.current);
  if (!existsSync(pointer)) return null;
  const dir = path.join(indexDir, readFileSync(pointer, "utf8").trim());
  return existsSync(path.join(dir, FILES.manifest)) ? dir : null;
}

export function readManifest(storeDir: string): Manifest {
  const file = path.join(storeDir, FILES.manifest);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError("INDEX_INVALID", `Could not read ${file}: ${describeError(error)}.`, { cause: error });
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError("INDEX_INVALID", `${file} does not match the expected manifest: ${problems}.`);
  }
  return parsed.data;
}

export function readVectors(file: string): Float32Array {
  return vectorsOf(readFileSync(file));
}

function vectorsOf(buf: Buffer): Float32Array {
  // A large file is read into an ArrayBuffer of its own: a view of it saves a second copy of the vectors.
  // A small one may sit unaligned in Node's shared pool, and is copied out of it.
  if (buf.byteOffset === 0 && buf.byteLength === buf.buffer.byteLength && buf.byteLength % 4 === 0) {
    return new Float32Array(buf.buffer, 0, buf.byteLength / 4);
  }
  const out = new Float32Array(Math.floor(buf.byteLength / 4));
  new Uint8Array(out.buffer).set(buf.subarray(0, out.byteLength));
  return out;
}

/** The store files whose sha256 the manifest keeps; the manifest itself is checked by its schema. */
export const CHECKED_FILES = [
  FILES.data,
  FILES.unitVectors,
  FILES.sentenceVectors,
  FILES.sentenceTokens,
  FILES.dense,
  FILES.lexical,
];

export function fileSha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** Reads a store file and checks it against the manifest: an edited or damaged file is never served. */
function readChecked(storeDir: string, name: string, manifest: Manifest): Buffer {
  const bytes = readFileSync(path.join(storeDir, name));
  if (fileSha256(bytes) !== manifest.files[name]) {
    throw new AppError(
      "INDEX_INVALID",
      `${path.join(storeDir, name)} does not match its checksum in the manifest.`,
    );
  }
  return bytes;
}

export function loadStore(storeDir: string, indexes: StoreIndexes): Store {
  const manifest = readManifest(storeDir);
  try {
    const read = (name: string) => readChecked(storeDir, name, manifest);
    const data = withTexts(JSON.parse(read(FILES.data).toString("utf8")) as StoredData);
    const dims = manifest.model.dims;
    const unitVectors = vectorsOf(read(FILES.unitVectors));
    read(FILES.dense); // the dense index reads its file itself; checked first
    const store: Store = {
      manifest,
      ...data,
      unitVectors,
      sentenceVectors: vectorsOf(read(FILES.sentenceVectors)),
      sentenceTokens: loadSentenceTokens(parseTokenTable(read(FILES.sentenceTokens))),
      dense: indexes.dense.load(path.join(storeDir, FILES.dense), unitVectors, dims),
      lexical: indexes.lexical.load(read(FILES.lexical).toString("utf8")),
      sentenceIndex: new Map(data.sentences.map((s, i) => [s.id, i])),
    };
    checkConsistent(store, storeDir);
    return store;
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError("INDEX_INVALID", `The index in ${storeDir} is damaged: ${describeError(error)}.`, {
      cause: error,
    });
  }
}

/** True when every component is a finite number: one NaN would make every score NaN. */
export function allFinite(vectors: Float32Array): boolean {
  for (const x of vectors) if (!Number.isFinite(x)) return false;
  return true;
}

function checkConsistent(store: Store, storeDir: string): void {
  const dims = store.manifest.model.dims;
  const ok =
    store.units.length === store.manifest.counts.units &&
    store.sentences.length === store.manifest.counts.sentences &&
    store.unitVectors.length === store.units.length * dims &&
    store.sentenceVectors.length === store.sentences.length * dims &&
    store.sentenceTokens.offsets.length === store.sentences.length + 1 &&
    store.dense.count === store.units.length;
  if (!ok) {
    throw new AppError("INDEX_INVALID", `The files in ${storeDir} disagree with its manifest's counts.`);
  }
  if (!allFinite(store.unitVectors) || !allFinite(store.sentenceVectors)) {
    throw new AppError("INDEX_INVALID", `The vectors in ${storeDir} hold numbers that are not finite.`);
  }
}
