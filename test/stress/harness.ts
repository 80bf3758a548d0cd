import { spawn, type ChildProcess } from "node:child_process";
import { build } from "esbuild";
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_CHUNKER_PARAMS } from "../../src/chunking/units.js";
import { ensureIndex, type EnsureIndexResult } from "../../src/store/build.js";
import { currentStoreDir, loadStore, type Store } from "../../src/store/store.js";
import { createFakeEmbedder } from "../fixtures/fake-embedder.js";
import { REPO, REPORT } from "../fixtures/temp-corpus.js";
import { storeIndexes } from "../fixtures/store-indexes.js";

const SOURCE = path.join(import.meta.dirname, "build-child.ts");
// Bundled once into dist/ (inside the repository, so that its imports resolve): plain node starts it in
// half the time a TypeScript loader takes, and a hundred builds start.
const CHILD = path.join(REPO, "dist", "stress", "build-child.mjs");

/** How the stress tests bundle a TypeScript child for Node: the project's packages stay external. */
export const NODE_BUNDLE = {
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  logLevel: "warning",
} as const;

export async function bundleChild(): Promise<void> {
  await build({ entryPoints: [SOURCE], outfile: CHILD, ...NODE_BUNDLE });
}

/** A few copies of the report under other names, so that a build takes long enough to be cut anywhere. */
export function fillCorpus(corpus: string, copies: number): void {
  const text = readFileSync(path.join(REPO, "corpus", REPORT), "utf8");
  for (let i = 0; i < copies; i++) writeFileSync(path.join(corpus, `copy-${i}.txt`), `${text}\nCopy ${i}.\n`);
}

/** Changes one document, so that the next build has something to embed and write. */
export function touchCorpus(corpus: string, n: number): void {
  appendFileSync(path.join(corpus, "copy-0.txt"), `Revision ${n} of this copy.\n`);
}

export interface Child {
  process: ChildProcess;
  /** Resolves when the child has loaded its modules and is about to build. */
  started: Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

export function spawnBuild(corpus: string, index: string, flags: string[] = []): Child {
  const child = spawn(process.execPath, [CHILD, corpus, index, ...flags], {
    cwd: REPO,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  let onStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => (onStarted = resolve));
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
    if (stdout.includes("started")) onStarted();
  });
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  const exit = new Promise<{
    code: number | null;
    signal: NodeJS.Signals | null;
    stdout: string;
    stderr: string;
  }>((resolve) =>
    child.on("exit", (code, signal) => {
      onStarted();
      resolve({ code, signal, stdout, stderr });
    }),
  );
  return { process: child, started, exit };
}

/** The store CURRENT names, loaded with every check (schema, checksums, counts, finite vectors). */
export function liveStore(index: string): Store {
  const dir = currentStoreDir(index);
  if (!dir) throw new Error(`CURRENT in ${index} names no store folder`);
  return loadStore(dir, storeIndexes());
}

/** A build in this process: "fresh" means CURRENT already names the index of the corpus as it is. */
export async function buildHere(corpus: string, index: string, force = false): Promise<EnsureIndexResult> {
  const embedder = createFakeEmbedder();
  return ensureIndex({
    corpusDir: corpus,
    indexDir: index,
    model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
    chunker: DEFAULT_CHUNKER_PARAMS,
    indexes: storeIndexes(),
    getEmbedder: async () => embedder,
    force,
  });
}

export function storeFolders(index: string): string[] {
  return readdirSync(index).filter((e) => e.startsWith("store-"));
}
