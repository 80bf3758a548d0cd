/** The scale run: a generated corpus of N documents, built, measured, and its dense search checked. */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Embedder } from "../../src/embedding/embedder.js";
import { runProbe, staleIndexWarning, type Workspace } from "./children.js";
import { checkDense, pickQueries } from "./dense-check.js";
import { loopFigures, startupBreakdown, type LoopFigures, type StartupBreakdown } from "./figures.js";
import {
  buildFromScratch,
  corpusEmbedTexts,
  dirBytes,
  rawEmbedThroughput,
  timeRefreshes,
} from "./indexing.js";
import { median, round } from "./stats.js";
import { generateCorpus, seededRandom, shuffled, writeCorpus } from "./synthetic-corpus.js";

export interface ScaleOptions {
  docs: number;
  seed: number;
  sourceFile: string;
  /** Scratch folder of this run; corpus/ and index/ are made in it. */
  dir: string;
  embedder: Embedder;
  questionsFile: string;
  minAsks: number;
  /** The dev questions, embedded: the first query vectors of the recall check. */
  questionVectors: Float32Array[];
  profileFile?: string | undefined;
  log: (line: string) => void;
}

export interface ScaleReport extends LoopFigures {
  docs: number;
  build_ms: number;
  embedded_texts: number;
  units: number;
  sentences: number;
  units_per_s: number;
  /** Raw batched throughput on a sample of the same texts, for comparison with units_per_s. */
  embed_throughput_per_s: number;
  index_bytes: number;
  refresh_unchanged_ms: number;
  start_up_ms: StartupBreakdown;
  ask_p50_ms: number;
  ask_p95_ms: number;
  rss_mb: number;
  hnsw_recall_at_10: number;
  /** The same without counting ties: duplicate passages make some misses equally near. */
  hnsw_id_recall_at_10: number;
  recall_queries: number;
  brute_force_ms_p50: number;
  hnsw_ms_p50: number;
  speedup: number;
  warnings: string[];
}

const RECALL_QUERIES = 250;
const THROUGHPUT_SAMPLE = 1000;

export async function runScale(options: ScaleOptions): Promise<ScaleReport> {
  const { log, embedder } = options;
  const ws: Workspace = {
    corpusDir: path.join(options.dir, "corpus"),
    indexDir: path.join(options.dir, "index"),
  };
  log(`scale: generating ${options.docs} documents`);
  writeCorpus(
    ws.corpusDir,
    generateCorpus(readFileSync(options.sourceFile, "utf8"), { docs: options.docs, seed: options.seed }),
  );
  log(`scale: building the index of ${options.docs} documents from scratch`);
  const build = await buildFromScratch(ws, embedder, progress(options.docs, log));
  const { store } = build;
  log(
    `scale: built in ${(build.ms / 1000).toFixed(1)} s; raw embedding of a ${THROUGHPUT_SAMPLE}-text sample`,
  );
  const texts = await corpusEmbedTexts(ws, store, embedder);
  const sample = shuffled(texts, seededRandom(options.seed)).slice(0, THROUGHPUT_SAMPLE);
  const [throughput] = await rawEmbedThroughput(embedder, sample, 1);
  const refresh = await timeRefreshes(ws, embedder, 2, store);
  log(`scale: hnswlib against brute force over ${RECALL_QUERIES} queries`);
  const dense = checkDense(store, pickQueries(store, options.questionVectors, RECALL_QUERIES, options.seed));
  log(`scale: per-question loop in a fresh process`);
  const probe = await runProbe(ws, {
    questionsFile: options.questionsFile,
    minAsks: options.minAsks,
    profileFile: options.profileFile,
  });
  const loop = loopFigures(probe.loop ?? failNoLoop());
  return {
    docs: options.docs,
    build_ms: round(build.ms, 0),
    embedded_texts: build.embeddedTexts,
    units: store.units.length,
    sentences: store.sentences.length,
    units_per_s: round((build.embeddedTexts / build.ms) * 1000, 1),
    embed_throughput_per_s: round(throughput ?? 0, 1),
    index_bytes: dirBytes(ws.indexDir),
    refresh_unchanged_ms: round(median(refresh), 1),
    start_up_ms: startupBreakdown([probe]),
    ...loop,
    ask_p50_ms: loop.ask_ms.p50,
    ask_p95_ms: loop.ask_ms.p95,
    rss_mb: round(probe.rssMbAfterWarmUp ?? 0, 0),
    hnsw_recall_at_10: round(dense.recallAtK, 4),
    hnsw_id_recall_at_10: round(dense.idRecallAtK, 4),
    recall_queries: dense.queries,
    brute_force_ms_p50: round(dense.bruteForceMsP50, 3),
    hnsw_ms_p50: round(dense.hnswMsP50, 3),
    speedup: round(dense.bruteForceMsP50 / dense.hnswMsP50, 1),
    warnings: staleIndexWarning(probe, "scale per-question loop"),
  };
}

export function failNoLoop(): never {
  throw new Error("The probe process returned no per-question loop.");
}

/** Turns the build's one-line-per-document log into a progress line every 5 %, with an estimate of the rest. */
function progress(total: number, log: (line: string) => void): (line: string) => void {
  const t0 = performance.now();
  const step = Math.max(1, Math.round(total / 20));
  let done = 0;
  return (line) => {
    if (!line.startsWith("index: embedding")) return log(line);
    done++;
    if (done % step !== 0 || done === total) return;
    const elapsed = (performance.now() - t0) / 1000;
    const left = (elapsed / done) * (total - done);
    log(
      `scale: embedding document ${done}/${total}, ${elapsed.toFixed(0)} s so far, about ${left.toFixed(0)} s to go`,
    );
  };
}
