import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { AppError } from "../../../src/errors.js";
import { bruteForceSearch } from "../../../src/retrieval/dense.js";
import type { DenseIndex, DenseIndexFactory } from "../../../src/retrieval/dense-index.js";
import { DEFAULT_RETRIEVER, createRetriever } from "../../../src/retrieval/retriever.js";
import { ensureIndex, type EnsureIndexOptions } from "../../../src/store/build.js";
import { currentStoreDir, FILES, loadStore } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { storeIndexes } from "../../fixtures/store-indexes.js";
import { tempWorkspace } from "../../fixtures/temp-corpus.js";

const MARK = "in-memory dense index";

/**
 * A dense index with no hnswlib in it: exact search over the vectors it is given. Its file holds only a mark
 * and the count, which is all it needs to find its vectors again on load. Counts its calls, so a test can
 * tell that the store used it.
 */
function inMemoryDenseIndexes() {
  const calls = { build: 0, load: 0, search: 0 };
  const over = (vectors: Float32Array, dims: number): DenseIndex => ({
    count: vectors.length / dims,
    search(query, k) {
      calls.search++;
      return bruteForceSearch(vectors, query, k);
    },
    write: (file) => writeFileSync(file, JSON.stringify({ mark: MARK, count: vectors.length / dims })),
  });
  const factory: DenseIndexFactory = {
    build(vectors, dims) {
      calls.build++;
      return over(vectors, dims);
    },
    load(file, vectors, dims) {
      calls.load++;
      const saved = JSON.parse(readFileSync(file, "utf8")) as { mark?: string; count?: number };
      if (saved.mark !== MARK || saved.count !== vectors.length / dims) {
        throw new Error("not a file of the in-memory dense index");
      }
      return over(vectors, dims);
    },
  };
  return { factory, calls };
}

const workspaces: { cleanup: () => void }[] = [];
afterEach(() => workspaces.splice(0).forEach((w) => w.cleanup()));

function setup() {
  const ws = tempWorkspace();
  workspaces.push(ws);
  const embedder = createFakeEmbedder();
  const dense = inMemoryDenseIndexes();
  const options = (extra: Partial<EnsureIndexOptions> = {}): EnsureIndexOptions => ({
    corpusDir: ws.corpus,
    indexDir: ws.index,
    model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
    chunker: DEFAULT_CHUNKER_PARAMS,
    indexes: { ...storeIndexes(), dense: dense.factory },
    getEmbedder: async () => embedder,
    ...extra,
  });
  return { ws, embedder, dense, options };
}

describe("a store given another dense index", () => {
  it("builds, writes, loads and answers through it", async () => {
    const { embedder, dense, options } = setup();
    const built = await ensureIndex(options());
    expect(built.action).toBe("built");
    // Built once, then read back from the folder just written (the store always serves what is on disk).
    expect(dense.calls).toMatchObject({ build: 1, load: 1 });
    const dir = currentStoreDir(options().indexDir) as string;
    expect(JSON.parse(readFileSync(path.join(dir, FILES.dense), "utf8"))).toEqual({
      mark: MARK,
      count: built.store.units.length,
    });

    const question = "Where will the new pier be built?";
    const [vector] = await embedder.embed([question]);
    // A shelf past `exactPassages` is searched through the dense index.
    const graphed = { ...DEFAULT_RETRIEVER, exactPassages: 0 };
    const passages = createRetriever(built.store, graphed).retrieve({
      question,
      vector: vector as Float32Array,
    });
    expect(dense.calls.search).toBe(1);
    // One within it is searched exactly, without the index, to the same passages.
    const exact = createRetriever(built.store).retrieve({ question, vector: vector as Float32Array });
    expect(dense.calls.search).toBe(1);
    expect(exact).toEqual(passages);
    const nearest = bruteForceSearch(built.store.unitVectors, vector as Float32Array, 5).map((h) => h.unit);
    expect(passages.map((p) => p.unit)).toEqual(expect.arrayContaining(nearest));

    const again = await ensureIndex(options());
    expect(again.action).toBe("fresh");
    expect(dense.calls.load).toBe(2);
    expect(again.store.dense.search(vector as Float32Array, 5).map((h) => h.unit)).toEqual(nearest);
  });

  it("is what reads the dense file: one that cannot read it makes the store invalid", async () => {
    const { dense, options } = setup();
    await ensureIndex(options());
    const dir = currentStoreDir(options().indexDir) as string;
    const refusing: DenseIndexFactory = {
      build: dense.factory.build,
      load: () => {
        throw new Error("cannot read this file");
      },
    };
    const indexes = { ...storeIndexes(), dense: refusing };
    expect(() => loadStore(dir, indexes)).toThrow(AppError);
    expect(() => loadStore(dir, indexes)).toThrow(/damaged: cannot read this file/);
    expect(loadStore(dir, { ...storeIndexes(), dense: dense.factory }).units.length).toBeGreaterThan(0);
  });
});
