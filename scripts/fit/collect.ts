/**
 * Runs labelled questions through the engine's own retrieval and feature code and keeps, per question, every
 * candidate sentence's inputs and whether it holds the gold answer. Rows are cached in .cache/fit/ (by the
 * feature code and the index), so that a refit does not compute them again.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gatherCandidates } from "../../src/answer/candidates.js";
import {
  QUESTION_FEATURES,
  SENTENCE_FEATURES,
  questionStatics,
  lexicalFeatures,
  sentenceFeatureRows,
  sentenceTerms,
  viewQuestion,
  type QuestionStatics,
} from "../../src/answer/features.js";
import { continuationOf } from "../../src/answer/pick.js";
import type { TextAnalyser } from "../../src/answer/text-analyser.js";
import { tokenMatcher } from "../../src/answer/token-match.js";
import type { VectorKernels } from "../../src/compute/vector-kernels.js";
import { indexCorpus } from "../../src/app.js";
import type { Settings } from "../../src/config/settings.js";
import type { Embedder, TokenEmbedding } from "../../src/embedding/embedder.js";
import { quoteHits, type EvalItem } from "../../src/eval/metrics.js";
import { readItems } from "../../src/eval/read-items.js";
import { createRetriever } from "../../src/retrieval/retriever.js";

export interface QuestionSet {
  name: string;
  corpusDir: string;
  questions: string;
  /** "doc": folds by article; "set": the whole set is one fold. */
  groupBy: "doc" | "set";
  /** Only the questions about these documents (a shelf cut from a bigger corpus); all when absent. */
  docs?: readonly string[];
  /** Held only in its shelf's answer memory and calibration, not fitted into the general model. */
  shelfOnly?: boolean;
}

export interface QuestionData {
  id: string;
  set: string;
  group: string;
  answerable: boolean;
  sentences: number[];
  x: number[][];
  y: boolean[];
  /** Per candidate: whether the sentence quoted after it (a topic line's continuation) holds the answer. */
  nextY: (boolean | null)[];
  statics: QuestionStatics;
}

export const CANDIDATE_PASSAGES = 10;
export const TOPIC_SENTENCE_WORDS = 10;

/** A set's questions with their candidates, and the vectors an embedding head is fitted on. */
export interface Collected {
  rows: QuestionData[];
  sentenceVectors: Float32Array;
  /** The shelf's sentences' text, row for row with the vectors. */
  sentenceTexts: string[];
  /** By question id. */
  questionVectors: Map<string, Float32Array>;
}

export async function collect(
  set: QuestionSet,
  settings: Settings,
  embedder: Embedder,
  analyser: TextAnalyser,
  /** The kernels for one store (they hold its token vectors). */
  makeKernels: () => VectorKernels,
  cacheDir: string,
): Promise<Collected> {
  mkdirSync(cacheDir, { recursive: true });
  const items = readItems(set.questions).filter((item) => !set.docs || set.docs.includes(item.doc ?? ""));
  const key = createHash("sha256")
    .update(
      JSON.stringify([
        SENTENCE_FEATURES,
        QUESTION_FEATURES,
        CANDIDATE_PASSAGES,
        readFileSync(set.questions, "utf8"),
        set.docs,
        sourceOfFeatures(),
      ]),
    )
    .digest("hex")
    .slice(0, 10);
  const rowsFile = path.join(cacheDir, `rows-${set.name}-${key}.json`);
  const built = await indexCorpus(
    {
      ...settings,
      CORPUS_DIR: set.corpusDir,
      INDEX_DIR: path.join(cacheDir, `index-${corpusKey(set.corpusDir)}`),
    },
    embedder,
    { log: (line) => console.error(`${set.name}: ${line}`) },
  );
  const store = built.store;
  const rowsKey = `${key}-${store.manifest.indexVersion}`;
  const embedded = await embedQuestions(items, embedder);
  const vectors = embedded.map((e) => e.vector);
  const collected = (rows: QuestionData[]): Collected => ({
    rows,
    sentenceVectors: store.sentenceVectors,
    sentenceTexts: store.sentences.map((s) => s.text),
    questionVectors: new Map(items.map((item, i) => [item.id, vectors[i]!])),
  });
  if (existsSync(rowsFile)) {
    const cached = JSON.parse(readFileSync(rowsFile, "utf8")) as { key: string; rows: QuestionData[] };
    if (cached.key === rowsKey) return collected(cached.rows);
  }
  const retriever = createRetriever(store);
  const kernels = makeKernels();
  const terms = sentenceTerms(store);
  const out: QuestionData[] = [];
  for (const [n, item] of items.entries()) {
    const vector = vectors[n]!;
    const ranked = retriever.retrieve({ question: item.question, vector });
    const candidates = gatherCandidates(store, ranked, vector, CANDIDATE_PASSAGES);
    if (!candidates.length) continue;
    const q = viewQuestion(item.question, store, analyser);
    const topDoc = ranked[0] ? store.units[ranked[0].unit]?.doc : undefined;
    const sentences = candidates.map((c) => c.sentence);
    const match = tokenMatcher(store, embedded[n], sentences, kernels);
    const lexical = lexicalFeatures(store, q, terms, analyser);
    const rows = sentenceFeatureRows(store, candidates, lexical, match, topDoc);
    const hits = (i: number) => {
      const s = store.sentences[i];
      return !!s && quoteHits(item, s);
    };
    out.push({
      id: item.id,
      set: set.name,
      group: set.groupBy === "doc" ? (item.doc ?? set.name) : set.name,
      answerable: item.gold.length > 0,
      sentences: candidates.map((c) => c.sentence),
      x: rows.map((r) => SENTENCE_FEATURES.map((f) => r[f])),
      y: candidates.map((c) => hits(c.sentence)),
      nextY: candidates.map((c) => {
        const next = continuationOf(store, c.sentence, TOPIC_SENTENCE_WORDS);
        return next === null ? null : hits(next);
      }),
      statics: questionStatics(store, q, ranked),
    });
    if ((n + 1) % 500 === 0) console.error(`${set.name}: ${n + 1}/${items.length} questions`);
  }
  writeFileSync(rowsFile, JSON.stringify({ key: rowsKey, rows: out }));
  return collected(out);
}

/**
 * A shelf of some of a corpus's documents, as a folder of links: the training articles are cut into shelves
 * the size of the ones the engine will serve, so that inputs which depend on the shelf (IDF, how many
 * documents compete) are seen at those sizes.
 */
export function shelfOf(corpusDir: string, docs: readonly string[], cacheDir: string): string {
  const name = createHash("sha256")
    .update(JSON.stringify([path.resolve(corpusDir), docs]))
    .digest("hex")
    .slice(0, 10);
  const dir = path.join(cacheDir, "shelves", name);
  mkdirSync(dir, { recursive: true });
  for (const doc of docs) {
    const link = path.join(dir, doc);
    if (!existsSync(link)) symlinkSync(path.resolve(corpusDir, doc), link);
  }
  return dir;
}

/**
 * The code that computes candidates and their inputs: a change to it (a new question form, a fixed tagger)
 * must not be fitted on rows cached before it.
 */
function sourceOfFeatures(): string {
  if (featureSource !== undefined) return featureSource;
  const hash = createHash("sha256");
  for (const dir of FEATURE_SOURCES) {
    for (const file of readdirSync(dir).sort()) {
      if (file.endsWith(".ts")) hash.update(file).update(readFileSync(path.join(dir, file)));
    }
  }
  return (featureSource = hash.digest("hex"));
}
/** Read once a run: every question set's cache key uses it. */
let featureSource: string | undefined;
const FEATURE_SOURCES = ["src/answer", "src/compute", "src/nlp", "src/retrieval"];

/** One index per corpus folder, however many question sets ask about it. */
function corpusKey(dir: string): string {
  return createHash("sha256").update(path.resolve(dir)).digest("hex").slice(0, 10);
}

/** Each question's vector and token vectors, in slices so that a long set shows progress. */
async function embedQuestions(items: EvalItem[], embedder: Embedder): Promise<TokenEmbedding[]> {
  if (!embedder.embedTokens) throw new Error("fit needs an embedder that gives token vectors");
  const out: TokenEmbedding[] = [];
  for (let i = 0; i < items.length; i += 64) {
    out.push(...(await embedder.embedTokens(items.slice(i, i + 64).map((q) => q.question))));
    if (i % 1280 === 0) console.error(`embedding questions ${i}/${items.length}`);
  }
  return out;
}
