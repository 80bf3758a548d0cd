/**
 * One index build in a process of its own, with the fake embedder, for the race and kill tests.
 * Usage: node dist/stress/build-child.mjs (bundled by harness.ts) <corpus> <index> [--force] [--refresh]
 * --refresh loads the live store first and passes it in as a running app's refresh does.
 * Prints "started" once imports are done and "done <action> <version>" at the end.
 */
import { DEFAULT_CHUNKER_PARAMS } from "../../src/chunking/units.js";
import { ensureIndex } from "../../src/store/build.js";
import { currentStoreDir, loadStore } from "../../src/store/store.js";
import { createFakeEmbedder } from "../fixtures/fake-embedder.js";
import { storeIndexes } from "../fixtures/store-indexes.js";

const [corpusDir, indexDir] = process.argv.slice(2);
if (!corpusDir || !indexDir) throw new Error("usage: build-child.ts <corpus> <index> [--force] [--refresh]");
const embedder = createFakeEmbedder();
const live = currentStoreDir(indexDir);
const current = process.argv.includes("--refresh") && live ? loadStore(live, storeIndexes()) : undefined;
console.log("started");
const result = await ensureIndex({
  corpusDir,
  indexDir,
  model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
  chunker: DEFAULT_CHUNKER_PARAMS,
  indexes: storeIndexes(),
  getEmbedder: async () => embedder,
  force: process.argv.includes("--force"),
  current,
});
console.log(`done ${result.action} ${result.store.manifest.indexVersion}`);
