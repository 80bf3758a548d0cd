import type { RetrievalUnit } from "../chunking/units.js";
import type { Store } from "../store/store.js";
import { createJsVectorKernels, type VectorKernels } from "../compute/vector-kernels.js";
import { postingEstimator, termsOverBudget } from "./query-budget.js";
import { topRows } from "./dense.js";
import { DEFAULT_FUSION, fuse, type FusedPassage, type FusionWeights } from "./fusion.js";

/** A term in more than this share of all sentences is left out of the lexical query (see LexicalSearchOptions). */
const TOO_COMMON_SHARE = 0.2;

export interface RetrieverOptions {
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  weights: FusionWeights;
  /** Most lexical index entries one question may read (see query-budget.ts). */
  lexicalBudget: number;
  /**
   * A shelf of at most this many passages is searched exactly, every passage's cosine worked out by the
   * kernels, not through the dense index's graph: on a small shelf that is both exact and cheaper (the
   * graph's search and its call cost more than a few thousand dot products).
   */
  exactPassages: number;
}

export const DEFAULT_RETRIEVER: RetrieverOptions = {
  candidates: 40,
  weights: DEFAULT_FUSION,
  // On a generated shelf of 1000 documents (fake embedder, machine busy) retrieval took 121 ms p50 with no
  // budget, 23 ms with 20,000 entries and 8.5 ms with 5,000; on one report no question comes near it.
  lexicalBudget: 5000,
  exactPassages: 1000,
};

export interface RetrieveRequest {
  question: string;
  vector: Float32Array;
  /** Only passages of this document (its path relative to corpus/). */
  doc?: string | undefined;
}

export interface Retriever {
  retrieve(request: RetrieveRequest): FusedPassage[];
  /**
   * The same in two steps: the lexical search now, the rest once the question's vector is known, so that
   * the words are searched while the model is still embedding the question.
   */
  begin(request: Omit<RetrieveRequest, "vector">): RetrievalUnderWay;
}

export interface RetrievalUnderWay {
  /** The passages the words found, best first: the likely candidates, known before the vector is. */
  readonly lexicalUnits: readonly number[];
  finish(vector: Float32Array): FusedPassage[];
}

/**
 * Dense and lexical candidates (the store's indexes), every one scored on every signal, then fused. The
 * candidates' cosines are worked out with `kernels` (plain JavaScript when not given).
 */
export function createRetriever(
  store: Store,
  options: RetrieverOptions = DEFAULT_RETRIEVER,
  kernels: VectorKernels = createJsVectorKernels(),
): Retriever {
  const isKnown = (term: string) => (store.sentenceDf[term] ?? 0) > 0;
  const isTooCommon = (term: string) =>
    (store.sentenceDf[term] ?? 0) > TOO_COMMON_SHARE * store.sentences.length;
  const inDoc = (doc: string | undefined) => (unit: number) => !doc || store.units[unit]?.doc === doc;
  const exact = store.units.length <= options.exactPassages;
  const postings = postingEstimator(store.sentenceDf, store.units, store.manifest.chunker.windowSentences);
  const begin: Retriever["begin"] = ({ question, doc }) => {
    const keep = inDoc(doc);
    const k = doc ? store.units.length : options.candidates;
    // No expansions: a word list mapping plain words to one report's register does not carry to the next
    // report; the learned answer stage and the dense side bridge paraphrases instead.
    const expansions: string[] = [];
    const over = termsOverBudget(question, expansions, postings, options.lexicalBudget);
    const lexical = store.lexical
      .search(question, k * 2, { expansions, isKnown, isTooCommon: (t) => isTooCommon(t) || over.has(t) })
      .filter((h) => keep(h.unit));
    const lexicalScore = new Map(lexical.map((h) => [h.unit, h.score]));
    return {
      lexicalUnits: lexical.map((h) => h.unit),
      finish(vector) {
        const dims = vector.length;
        const units = kernels.hold(store.unitVectors, dims);
        const every = exact ? units.dots(vector) : undefined;
        const dense = every
          ? topRows(every, k, keep)
          : store.dense
              .search(vector, k)
              .filter((h) => keep(h.unit))
              .map((h) => h.unit);
        const ids = [...new Set([...dense, ...lexical.map((h) => h.unit)])];
        const unitCosines = every ? ids.map((unit) => every[unit]!) : units.dotsAt(ids, vector);
        const cosineOf = sentenceCosines(ids, vector);
        const candidates = ids.map((unit, i) => ({
          unit,
          dense: unitCosines[i]!,
          lexical: lexicalScore.get(unit) ?? 0,
          sentence: bestOf(unitSentences(store, unit), cosineOf),
        }));
        return fuse(candidates, options.weights);
      },
    };
  };
  /**
   * Each sentence's cosine of the given passages. When they are at least half the shelf's passages, every
   * sentence's is worked out in one pass, which costs less than finding which ones to work out; the same
   * kernel gives the same cosine either way.
   */
  function sentenceCosines(ids: readonly number[], vector: Float32Array): (sentence: number) => number {
    const rows = kernels.hold(store.sentenceVectors, vector.length);
    if (2 * ids.length >= store.units.length) {
      const all = rows.dots(vector);
      return (sentence) => all[sentence]!;
    }
    // Passages overlap (a window of sentences each): each sentence's cosine is worked out once.
    const sentences = [...new Set(ids.flatMap((unit) => unitSentences(store, unit)))];
    const cosines = rows.dotsAt(sentences, vector);
    const cosineOf = new Map(sentences.map((s, i) => [s, cosines[i]!]));
    return (sentence) => cosineOf.get(sentence)!;
  }
  return { begin, retrieve: ({ vector, ...request }) => begin(request).finish(vector) };
}

const UNIT_SENTENCES = new WeakMap<Store["units"], number[][]>();

/**
 * Positions in store.sentences of the sentences of the unit at `unit` in store.units, worked out once a
 * store: every question looks up those of its candidate passages.
 */
export function unitSentences(store: Store, unit: number): readonly number[] {
  let all = UNIT_SENTENCES.get(store.units);
  if (!all) UNIT_SENTENCES.set(store.units, (all = store.units.map((u) => sentencesOf(store, u))));
  return all[unit] ?? [];
}

/** Positions in store.sentences of a unit's sentences. */
function sentencesOf(store: Store, unit: RetrievalUnit): number[] {
  const out: number[] = [];
  const docId = unit.id.slice(0, unit.id.indexOf("#"));
  for (let i = unit.firstSentence; i <= unit.lastSentence; i++) {
    const index = store.sentenceIndex.get(`${docId}#p${unit.paragraph}.s${i}`);
    if (index !== undefined) out.push(index);
  }
  return out;
}

function bestOf(rows: readonly number[], cosineOf: (row: number) => number): number {
  let best = -Infinity;
  for (const row of rows) {
    const sim = cosineOf(row);
    if (sim > best) best = sim;
  }
  return best;
}
