import { chmodSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { ensureIndex, type EnsureIndexOptions } from "../../../src/store/build.js";
import { currentStoreDir, FILES, loadStore } from "../../../src/store/store.js";
import { LOCK_NAME } from "../../../src/store/write-lock.js";
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
    lockStaleMs: 2_000,
    ...extra,
  });
  return { ws, options };
}

const stores = (index: string) => readdirSync(index).filter((e) => e.startsWith("store-"));

describe("one writer at a time", () => {
  it("serialises builds started together: each ends with CURRENT naming a complete store", async () => {
    const { ws, options } = setup();
    await ensureIndex(options());
    const results = await Promise.all([
      ensureIndex(options({ force: true })),
      ensureIndex(options({ force: true })),
      ensureIndex(options({ force: true })),
    ]);
    const names = new Set(results.map((r) => r.store.manifest.createdAt));
    expect(names.size).toBe(3); // three complete builds, one after another
    expect(loadStore(currentStoreDir(ws.index) as string, storeIndexes()).manifest.indexVersion).toBe(
      results[0]?.store.manifest.indexVersion,
    );
    expect(stores(ws.index)).toHaveLength(1);
  });

  it("a build that waited for the lock finds the index another one just built, and builds nothing", async () => {
    const { ws, options } = setup();
    await ensureIndex(options());
    writeFileSync(path.join(ws.corpus, "extra.md"), "# Extra\n\nA new pier for the harbour.\n");
    const [a, b] = await Promise.all([ensureIndex(options()), ensureIndex(options())]);
    expect([a?.action, b?.action].sort()).toEqual(["fresh", "refreshed"]);
  });

  it("takes over the lock of a crashed writer once it is stale", async () => {
    const { ws, options } = setup();
    await ensureIndex(options());
    const lock = path.join(ws.index, LOCK_NAME);
    mkdirSync(lock);
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const lines: string[] = [];
    const r = await ensureIndex(options({ force: true, log: (l) => lines.push(l) }));
    expect(r.action).toBe("built");
    expect(readdirSync(ws.index)).not.toContain(LOCK_NAME);
  });

  it("keeps another live process's staging folder, removes a dead one's, and never the live store", async () => {
    const { ws, options } = setup();
    await ensureIndex(options());
    const live = path.basename(currentStoreDir(ws.index) as string);
    const alive = `store-000000000000-x.tmp-${process.ppid}`; // the test runner: alive
    const dead = "store-000000000000-y.tmp-999999999"; // no such process
    mkdirSync(path.join(ws.index, alive));
    mkdirSync(path.join(ws.index, dead));
    const r = await ensureIndex(options({ force: true }));
    const left = stores(ws.index);
    expect(left).toContain(alive);
    expect(left).not.toContain(dead);
    expect(left).not.toContain(live); // the old live folder goes only after CURRENT names the new one
    expect(path.basename(currentStoreDir(ws.index) as string)).not.toBe(live);
    expect(r.store.manifest.indexVersion).toBeTruthy();
  });

  it("a --force build gives every store its own folder: the live one is never overwritten in place", async () => {
    const { ws, options } = setup();
    await ensureIndex(options());
    const live = currentStoreDir(ws.index) as string;
    const manifestBefore = readFileSync(path.join(live, FILES.manifest), "utf8");
    const broken = createFakeEmbedder(64, { failAfterCalls: 0 });
    await expect(ensureIndex(options({ force: true, getEmbedder: async () => broken }))).rejects.toThrow();
    expect(currentStoreDir(ws.index)).toBe(live);
    expect(readFileSync(path.join(live, FILES.manifest), "utf8")).toBe(manifestBefore);
  });
});

describe("a build that cannot be written", () => {
  // Root writes through read-only modes; disk-full.test.ts covers the same path by a failing write.
  it.skipIf(process.getuid?.() === 0)(
    "keeps the previous index when asked to, with the real cause; fails otherwise",
    async () => {
      const { ws, options } = setup();
      const first = await ensureIndex(options());
      writeFileSync(path.join(ws.corpus, "extra.md"), "# Extra\n\nA new pier for the harbour.\n");
      chmodSync(ws.index, 0o555);
      try {
        const warnings: string[] = [];
        const kept = await ensureIndex(
          options({ keepPreviousOnFailure: true, warn: (l) => warnings.push(l) }),
        );
        expect(kept.action).toBe("kept");
        expect(kept.store.manifest.indexVersion).toBe(first.store.manifest.indexVersion);
        expect(kept.failure).toMatch(/not writable|read-only/);
        expect(warnings.join("\n")).toMatch(/still answering from the previous one/);
        await expect(ensureIndex(options())).rejects.toThrow(/not writable|read-only/);
      } finally {
        chmodSync(ws.index, 0o755);
      }
      // Once writable again, the next build succeeds.
      expect((await ensureIndex(options())).action).toBe("refreshed");
    },
  );

  it("stops at an abort (shutdown) without swapping anything in", async () => {
    const { ws, options } = setup();
    const first = await ensureIndex(options());
    writeFileSync(path.join(ws.corpus, "extra.md"), "# Extra\n\nA new pier for the harbour.\n");
    const controller = new AbortController();
    controller.abort(new Error("closing"));
    await expect(
      ensureIndex(options({ signal: controller.signal, keepPreviousOnFailure: true })),
    ).rejects.toThrow("closing");
    expect(loadStore(currentStoreDir(ws.index) as string, storeIndexes()).manifest.indexVersion).toBe(
      first.store.manifest.indexVersion,
    );
    expect(readdirSync(ws.index).filter((e) => e.includes(".tmp"))).toEqual([]);
  });
});
