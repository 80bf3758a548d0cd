import type { TokenEmbedding } from "../embedding/embedder.js";
import type { VectorKernels } from "../compute/vector-kernels.js";
import { paragraphNeighbours, type Store } from "../store/store.js";

/** How well a sentence's tokens match the question's, token by token (BERTScore's recall, IDF-weighted). */
export interface TokenMatch {
  /** Over the question's word tokens: the weighted mean of each one's best cosine with a sentence token. */
  recall: number;
  /** The same over the question's word tokens the sentence does not hold (1 when it holds every one). */
  soft: number;
  /** `recall` with the tokens of the sentences before and after it in its paragraph as well. */
  context: number;
  /**
   * The other way (BERTScore's precision): over the sentence's tokens, IDF-weighted, the mean of each one's
   * best cosine with a question token; a sentence mostly about something else scores low.
   */
  precision: number;
}

/** A token id's IDF over the shelf's sentences, kept per store: every question weighs thousands of tokens. */
const IDF = new WeakMap<Store["sentenceTokens"], Map<number, number>>();
function idfOf(store: Store, id: number): number {
  const table = store.sentenceTokens;
  let known = IDF.get(table);
  if (!known) IDF.set(table, (known = new Map()));
  let weight = known.get(id);
  if (weight === undefined) {
    weight = Math.log(1 + store.sentences.length / (1 + (table.df.get(id) ?? 0)));
    known.set(id, weight);
  }
  return weight;
}

/** Each token row's IDF, row for row with the store's token table, kept per store. */
const ROW_IDF = new WeakMap<Store["sentenceTokens"], Float64Array>();
function rowIdfOf(store: Store): Float64Array {
  const table = store.sentenceTokens;
  let rows = ROW_IDF.get(table);
  if (!rows) {
    rows = Float64Array.from(table.ids, (id) => idfOf(store, id));
    ROW_IDF.set(table, rows);
  }
  return rows;
}

/** A sentence's token ids and the sum of its tokens' IDF, kept per table: the same every question. */
const SENTENCES = new WeakMap<Store["sentenceTokens"], Map<number, { ids: Set<number>; weights: number }>>();
function sentenceOf(store: Store, sentence: number): { ids: Set<number>; weights: number } {
  const table = store.sentenceTokens;
  let known = SENTENCES.get(table);
  if (!known) SENTENCES.set(table, (known = new Map()));
  let own = known.get(sentence);
  if (!own) {
    const rowIdf = rowIdfOf(store);
    let weights = 0;
    for (let j = table.offsets[sentence]!; j < table.offsets[sentence + 1]!; j++) weights += rowIdf[j]!;
    own = { ids: new Set(table.ids.subarray(table.offsets[sentence], table.offsets[sentence + 1])), weights };
    known.set(sentence, own);
  }
  return own;
}

const NO_MATCH: TokenMatch = { recall: 0, soft: 0, context: 0, precision: 0 };

/**
 * Per question token q: its best cosine with the sentence's tokens, `best[at + q]` (one array for all the
 * sentences), and whether the sentence holds it.
 */
interface Bests {
  best: Float32Array;
  at: number;
  held: boolean[];
  precision: number;
}

/**
 * A pooled vector blurs which words of the question a sentence speaks to; each question token's nearest
 * token in the sentence does not, and it matches a word to its paraphrase ("founded" to "established")
 * where the lexical inputs see nothing. Punctuation in the question is left out; its question words ("when",
 * "how many") are kept: in context their vectors carry what is asked. Every cosine the scores need (each
 * question token against each token of the given sentences and of their paragraph neighbours) is worked out
 * here, by the kernels, on the store's token vectors as they are held; the returned function scores one of
 * the given sentences.
 */
export function tokenMatcher(
  store: Store,
  question: TokenEmbedding | undefined,
  sentences: readonly number[],
  kernels: VectorKernels,
): (sentence: number) => TokenMatch {
  const table = store.sentenceTokens;
  const dims = table.dims;
  if (!question || dims === 0 || question.tokens.length !== question.ids.length * dims) return () => NO_MATCH;
  const asked: { id: number; weight: number }[] = [];
  const askedVectors: number[] = [];
  for (let t = 0; t < question.ids.length; t++) {
    if (!question.wordy[t]) continue;
    const id = question.ids[t]!;
    asked.push({ id, weight: idfOf(store, id) });
    askedVectors.push(t);
  }
  const total = asked.reduce((sum, a) => sum + a.weight, 0);
  if (total === 0) return () => NO_MATCH;

  const bests = bestMatches(store, question, askedVectors, asked, sentences, kernels);
  return (sentence) => {
    const own = bests.get(sentence);
    if (!own || table.offsets[sentence + 1]! === table.offsets[sentence]!) return NO_MATCH;
    const around = paragraphNeighbours(store, sentence).flatMap((j) => bests.get(j) ?? []);
    let weighted = 0;
    let withContext = 0;
    let softWeighted = 0;
    let softWeights = 0;
    for (let q = 0; q < asked.length; q++) {
      const weight = asked[q]!.weight;
      const best = own.best[own.at + q]!;
      let inContext = best;
      for (const b of around) inContext = Math.max(inContext, b.best[b.at + q]!);
      weighted += weight * best;
      withContext += weight * inContext;
      if (!own.held[q]) {
        softWeighted += weight * best;
        softWeights += weight;
      }
    }
    return {
      recall: weighted / total,
      soft: softWeights > 0 ? softWeighted / softWeights : 1,
      context: withContext / total,
      precision: own.precision,
    };
  };
}

/**
 * For each of the sentences and their paragraph neighbours, each asked token's best cosine with the
 * sentence's tokens and whether the sentence holds the token itself; and the sentence's precision, its
 * tokens' best cosines with a question token, IDF-weighted.
 */
function bestMatches(
  store: Store,
  question: TokenEmbedding,
  askedAt: readonly number[],
  asked: readonly { id: number }[],
  sentences: readonly number[],
  kernels: VectorKernels,
): Map<number, Bests> {
  const table = store.sentenceTokens;
  const dims = table.dims;
  const k = asked.length;
  const queries = new Float32Array(dims * k);
  askedAt.forEach((t, q) => queries.set(question.tokens.subarray(t * dims, (t + 1) * dims), q * dims));
  const rowIdf = rowIdfOf(store);
  const wanted = [...new Set(sentences.flatMap((s) => [s, ...paragraphNeighbours(store, s)]))];
  const ranges = wanted.map((s) => [table.offsets[s]!, table.offsets[s + 1]!] as const);
  const { best, stride, nearest } = kernels
    .holdCodes(table.codes, dims, table.scales)
    .bestMatches(queries, k, ranges);
  const out = new Map<number, Bests>();
  let row = 0;
  for (let i = 0; i < wanted.length; i++) {
    const s = wanted[i]!;
    const [from, to] = ranges[i]!;
    const { ids, weights } = sentenceOf(store, s);
    let precise = 0;
    for (let j = from; j < to; j++, row++) precise += rowIdf[j]! * nearest[row]!;
    out.set(s, {
      best,
      at: i * stride,
      held: asked.map((a) => ids.has(a.id)),
      precision: weights > 0 ? precise / weights : 0,
    });
  }
  return out;
}
