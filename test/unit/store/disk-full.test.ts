import { readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { ensureIndex, type EnsureIndexOptions } from "../../../src/store/build.js";
import { currentStoreDir, loadStore } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { tempWorkspace } from "../../fixtures/temp-corpus.js";
import { storeIndexes } from "../../fixtures/store-indexes.js";

// The disk fills up while a store is written: every write into a staging folder fails with ENOSPC.
const disk = vi.hoisted(() => ({ full: false }));
vi.mock("node:fs/promises", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs/promises")>();
  const writeFile: typeof fs.writeFile = async (file, ...rest) => {
    if (disk.full && String(file).includes(".tmp-")) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), {
        code: "ENOSPC",
      });
    }
    return fs.writeFile(file, ...rest);
  };
  return { ...fs, default: { ...fs, writeFile }, writeFile };
});

const workspaces: { cleanup: () => void }[] = [];
afterEach(() => {
  disk.full = false;
  workspaces.splice(0).forEach((w) => w.cleanup());
});

describe("a full disk while the index is written", () => {
  it("keeps answering from the previous index, says the disk is full, and succeeds once there is room", async () => {
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
    const first = await ensureIndex(options());
    writeFileSync(path.join(ws.corpus, "extra.md"), "# Extra\n\nA new pier for the harbour.\n");
    disk.full = true;
    const warnings: string[] = [];
    const kept = await ensureIndex(options({ keepPreviousOnFailure: true, warn: (l) => warnings.push(l) }));
    expect(kept.action).toBe("kept");
    expect(kept.store.manifest.indexVersion).toBe(first.store.manifest.indexVersion);
    expect(kept.failure).toMatch(/the disk is full \(ENOSPC/);
    expect(warnings).toEqual([
      expect.stringMatching(/still answering from the previous one: .*disk is full/),
    ]);
    // `npm run index` (no fallback) fails with the same cause.
    await expect(ensureIndex(options())).rejects.toThrow(/the disk is full/);
    expect(loadStore(currentStoreDir(ws.index) as string, storeIndexes()).manifest.indexVersion).toBe(
      first.store.manifest.indexVersion,
    );
    expect(readdirSync(ws.index).filter((e) => e.includes(".tmp"))).toEqual([]);
    disk.full = false;
    expect((await ensureIndex(options())).action).toBe("refreshed");
  });
});
