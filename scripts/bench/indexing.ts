/** In-process measurements of index building, refreshing and raw embedding, with the app's own parts. */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { indexCorpus } from "../../src/app.js";
import { chunkDocument } from "../../src/chunking/units.js";
import { readCorpus } from "../../src/corpus/read-corpus.js";
import { loadSettings, type Settings } from "../../src/config/settings.js";
import type { Embedder } from "../../src/embedding/embedder.js";
import type { Store } from "../../src/store/store.js";
import type { Workspace } from "./children.js";
import { REPO_ROOT } from "./questions.js";

export interface BuildRun {
  ms: number;
  embeddedTexts: number;
  store: Store;
}

/** Settings as a front end would load them, pointed at a scratch corpus and index. */
export function settingsFor(ws: Workspace): Settings {
  return loadSettings({ ...process.env, CORPUS_DIR: ws.corpusDir, INDEX_DIR: ws.indexDir }, REPO_ROOT);
}

/** Builds the index of `ws` from nothing (its index folder should not exist yet). */
export async function buildFromScratch(
  ws: Workspace,
  embedder: Embedder,
  log?: (line: string) => void,
): Promise<BuildRun> {
  const t0 = performance.now();
  const result = await indexCorpus(settingsFor(ws), embedder, { log, force: true });
  return { ms: performance.now() - t0, embeddedTexts: result.embeddedTexts, store: result.store };
}

/**
 * `runs` refreshes of an index that is already fresh, as the running bot's `refresh()` does them: with the
 * loaded store passed in, so the cost is reading and hashing the corpus (loading the store from disk is the
 * start-up's cost, measured apart).
 */
export async function timeRefreshes(
  ws: Workspace,
  embedder: Embedder,
  runs: number,
  current: Store,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const result = await indexCorpus(settingsFor(ws), embedder, { current });
    out.push(performance.now() - t0);
    if (result.action !== "fresh")
      throw new Error(`Expected a fresh index; ensureIndex ${result.action} it.`);
  }
  return out;
}

/**
 * Exactly what a build of `ws` embeds: every unit's embedded text (context and all, chunked again since the
 * store keeps only what is quoted) and every sentence.
 */
export async function corpusEmbedTexts(ws: Workspace, store: Store, embedder: Embedder): Promise<string[]> {
  const docs = await readCorpus(ws.corpusDir);
  const count = (t: string) => embedder.countTokens(t);
  const chunked = docs.map((d) => chunkDocument(d, store.manifest.chunker, count, embedder.maxTokens));
  return [...chunked.flatMap((c) => c.units.map((u) => u.embedText)), ...store.sentences.map((s) => s.text)];
}

/** Texts per second of one `embedder.embed` call on all `texts` at once, `runs` times. */
export async function rawEmbedThroughput(
  embedder: Embedder,
  texts: string[],
  runs: number,
): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await embedder.embed(texts);
    out.push((texts.length / (performance.now() - t0)) * 1000);
  }
  return out;
}

/** Bytes of every file under `dir`. */
export function dirBytes(dir: string): number {
  return readdirSync(dir, { withFileTypes: true }).reduce((sum, entry) => {
    const full = path.join(dir, entry.name);
    return sum + (entry.isDirectory() ? dirBytes(full) : statSync(full).size);
  }, 0);
}
