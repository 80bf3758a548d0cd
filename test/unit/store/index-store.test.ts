import { readFileSync, rmSync, writeFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { AppError } from "../../../src/errors.js";
import { ensureIndex, type EnsureIndexOptions } from "../../../src/store/build.js";
import { FORMAT_VERSION, manifestSchema } from "../../../src/store/manifest.js";
import { currentStoreDir, FILES, loadStore, readManifest } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { tempWorkspace } from "../../fixtures/temp-corpus.js";
import { storeIndexes } from "../../fixtures/store-indexes.js";

const workspaces: { cleanup: () => void }[] = [];
afterEach(() => workspaces.splice(0).forEach((w) => w.cleanup()));

function setup() {
  const ws = tempWorkspace();
  workspaces.push(ws);
  const embedder = createFakeEmbedder();
  const options = (extra: Partial<EnsureIndexOptions> = {}): EnsureIndexOptions => ({
    corpusDir: ws.corpus,
    indexDir: ws.index,
    model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
    chunker: DEFAULT_CHUNKER_PARAMS,
    indexes: storeIndexes(),
    getEmbedder: async () => embedder,
    ...extra,
  });
  return { ws, embedder, options };
}

describe("index lifecycle", () => {
  it("builds once, then reports the index fresh without embedding", async () => {
    const { embedder, options } = setup();
    const first = await ensureIndex(options());
    expect(first.action).toBe("built");
    const calls = embedder.calls;
    const second = await ensureIndex(options());
    expect(second.action).toBe("fresh");
    expect(embedder.calls).toBe(calls);
    expect(second.store.manifest.indexVersion).toBe(first.store.manifest.indexVersion);
  });

  it("re-embeds only the document that was added or changed, and drops a removed one", async () => {
    const { ws, embedder, options } = setup();
    const first = await ensureIndex(options());
    writeFileSync(
      path.join(ws.corpus, "extra.md"),
      "# Extra notes\n\nThe harbour will get a new pier. Work starts in May.\n",
    );
    const added = await ensureIndex(options());
    expect(added.action).toBe("refreshed");
    expect(added.documents).toMatchObject({ total: 2, embedded: 1, reused: 1 });
    expect(added.store.manifest.documents.find((d) => d.path === "extra.md")?.meta.title).toBe("Extra notes");
    expect(added.store.manifest.indexVersion).not.toBe(first.store.manifest.indexVersion);

    const before = embedder.texts;
    writeFileSync(path.join(ws.corpus, "extra.md"), "# Extra notes\n\nThe harbour will get two new piers.\n");
    const changed = await ensureIndex(options());
    expect(changed.documents.embedded).toBe(1);
    expect(embedder.texts - before).toBeLessThan(10); // only the small document, not the report

    rmSync(path.join(ws.corpus, "extra.md"));
    const removed = await ensureIndex(options());
    expect(removed.documents).toMatchObject({ total: 1, embedded: 0, removed: 1 });
    expect(removed.store.manifest.indexVersion).toBe(first.store.manifest.indexVersion);
  });

  it("keeps a reused document's token vectors as they were, beside a new document's", async () => {
    const { ws, options } = setup();
    const first = await ensureIndex(options());
    writeFileSync(path.join(ws.corpus, "a-first.md"), "# Notes\n\nThe harbour will get a new pier.\n");
    const added = await ensureIndex(options());
    expect(added.documents).toMatchObject({ embedded: 1, reused: 1 });
    const rowsOf = (store: typeof first.store, doc: string) => {
      const t = store.sentenceTokens;
      const rows = store.sentences.flatMap((s, i) => (s.doc === doc ? [i] : []));
      const [a, b] = [t.offsets[rows[0]!]!, t.offsets[rows.at(-1)! + 1]!];
      return { ids: [...t.ids.subarray(a, b)], codes: [...t.codes.subarray(a * t.dims, b * t.dims)] };
    };
    const report = first.store.manifest.documents[0]!.path;
    // The new document sorts first: the report's rows moved, their tokens did not change.
    expect(added.store.sentences[0]!.doc).toBe("a-first.md");
    expect(rowsOf(added.store, report)).toEqual(rowsOf(first.store, report));
    expect(rowsOf(added.store, "a-first.md").ids.length).toBeGreaterThan(5);
    expect(added.store.sentenceTokens.offsets).toHaveLength(added.store.sentences.length + 1);
  });

  it("rebuilds everything when the chunker changes", async () => {
    const { options } = setup();
    await ensureIndex(options());
    const changed = await ensureIndex(
      options({ chunker: { ...DEFAULT_CHUNKER_PARAMS, windowSentences: 2 } }),
    );
    expect(changed.documents.embedded).toBe(1);
  });

  it("keeps the previous index usable when a build fails midway", async () => {
    const { ws, options } = setup();
    const first = await ensureIndex(options());
    writeFileSync(path.join(ws.corpus, "extra.txt"), "A new paragraph about bridges.\n");
    const broken = createFakeEmbedder(64, { failAfterCalls: 0 });
    await expect(ensureIndex(options({ getEmbedder: async () => broken }))).rejects.toThrow(
      "fake embedder failure",
    );
    const dir = currentStoreDir(ws.index);
    expect(dir).not.toBeNull();
    expect(loadStore(dir as string, storeIndexes()).manifest.indexVersion).toBe(
      first.store.manifest.indexVersion,
    );
    expect(readdirSync(ws.index).filter((f) => f.includes(".tmp"))).toEqual([]);
  });

  it("rejects a manifest that does not match the schema, naming the field", async () => {
    const { ws, options } = setup();
    await ensureIndex(options());
    const dir = currentStoreDir(ws.index) as string;
    const file = path.join(dir, "manifest.json");
    const manifest = JSON.parse(readFileSync(file, "utf8"));
    writeFileSync(file, JSON.stringify({ ...manifest, formatVersion: 99 }));
    expect(() => readManifest(dir)).toThrow(AppError);
    expect(() => readManifest(dir)).toThrow(/formatVersion/);
    // A damaged index is rebuilt rather than used.
    const rebuilt = await ensureIndex(options());
    expect(rebuilt.action).toBe("built");
  });

  it("writes a manifest with format version, model, chunker and document hashes", async () => {
    const { options } = setup();
    const { store } = await ensureIndex(options());
    const m = manifestSchema.parse(store.manifest);
    expect(m.formatVersion).toBe(FORMAT_VERSION);
    expect(m.model.dims).toBe(64);
    expect(m.documents[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(m.chunker).toEqual(DEFAULT_CHUNKER_PARAMS);
  });

  it("stores offsets, not the passages' text again, and gives back the exact slices on load", async () => {
    const { options } = setup();
    const { store } = await ensureIndex(options());
    const dir = currentStoreDir(options().indexDir) as string;
    const raw = readFileSync(path.join(dir, FILES.data), "utf8");
    expect(raw).not.toContain('"embedText"');
    const stored = JSON.parse(raw) as { units: object[]; sentences: object[] };
    expect(stored.units.every((u) => !("text" in u))).toBe(true);
    expect(stored.sentences.every((s) => !("text" in s))).toBe(true);
    for (const u of [...store.units, ...store.sentences]) {
      expect(u.text).toBe(store.texts[u.doc]?.slice(u.start, u.end));
      expect(u.text.length).toBeGreaterThan(0);
    }
  });
});

describe("integrity on load", () => {
  it("rejects an edited passage file whose counts still agree, and rebuilds it", async () => {
    const { options } = setup();
    const first = await ensureIndex(options());
    const dir = currentStoreDir(options().indexDir) as string;
    const file = path.join(dir, FILES.data);
    const raw = readFileSync(file, "utf8");
    expect(raw).toContain("20 pocket parks");
    writeFileSync(file, raw.replace("20 pocket parks", "90 pocket parks"));
    expect(() => loadStore(dir, storeIndexes())).toThrow(/units\.json does not match its checksum/);
    const lines: string[] = [];
    const rebuilt = await ensureIndex(options({ log: (l) => lines.push(l) }));
    expect(rebuilt.action).toBe("built");
    expect(lines.join("\n")).toMatch(/previous index unusable/);
    expect(rebuilt.store.texts[first.store.manifest.documents[0]!.path]).toContain("20 pocket parks");
  });

  it("rejects random bytes in the vectors, so no answer is scored NaN", async () => {
    const { options } = setup();
    await ensureIndex(options());
    const dir = currentStoreDir(options().indexDir) as string;
    const file = path.join(dir, FILES.unitVectors);
    const bytes = readFileSync(file);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    writeFileSync(file, bytes);
    expect(() => loadStore(dir, storeIndexes())).toThrow(AppError);
    expect((await ensureIndex(options())).action).toBe("built");
  });

  it("refuses an embedder that returns numbers that are not finite", async () => {
    const { options } = setup();
    const fake = createFakeEmbedder(64, { tokens: false });
    const nan = {
      ...fake,
      embed: async (texts: readonly string[]) => texts.map(() => new Float32Array(64).fill(NaN)),
    };
    await expect(ensureIndex(options({ getEmbedder: async () => nan }))).rejects.toThrow(/not finite/);
  });
});
