import type { TokenEmbedding } from "../embedding/embedder.js";
import { jsMatrixProduct, type MatrixProduct } from "../compute/matrix-product.js";
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

/** Each token row's IDF, row for row with the store's token vectors: gathered by copying, not looked up. */
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

const NO_MATCH: TokenMatch = { recall: 0, soft: 0, context: 0, precision: 0 };

/** Per question token: its best cosine with the sentence's tokens, and whether the sentence holds it. */
interface Bests {
  best: Float64Array;
  held: Uint8Array;
  precision: number;
}

/**
 * A pooled vector blurs which words of the question a sentence speaks to; each question token's nearest
 * token in the sentence does not, and it matches a word to its paraphrase ("founded" to "established")
 * where the lexical inputs see nothing. Punctuation in the question is left out; its question words ("when",
 * "how many") are kept: in context their vectors carry what is asked. Every cosine the scores need (each
 * question token against each token of the given sentences and of their paragraph neighbours) comes from
 * one matrix product; the returned function scores one of the given sentences.
 */
export async function tokenMatcher(
  store: Store,
  question: TokenEmbedding | undefined,
  gathered: GatheredTokens,
  product: MatrixProduct = jsMatrixProduct,
): Promise<(sentence: number) => TokenMatch> {
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

  const bests = await bestMatches(store, question, askedVectors, asked, gathered, product);
  return (sentence) => {
    const own = bests.get(sentence);
    if (!own || table.offsets[sentence + 1]! === table.offsets[sentence]!) return NO_MATCH;
    const around = paragraphNeighbours(store, sentence).flatMap((j) => bests.get(j) ?? []);
    let weighted = 0;
    let withContext = 0;
    let softWeighted = 0;
    let softWeights = 0;
    asked.forEach((a, q) => {
      const best = own.best[q]!;
      weighted += a.weight * best;
      withContext += a.weight * around.reduce((m, b) => Math.max(m, b.best[q]!), best);
      if (!own.held[q]) {
        softWeighted += a.weight * best;
        softWeights += a.weight;
      }
    });
    return {
      recall: weighted / total,
      soft: softWeights > 0 ? softWeighted / softWeights : 1,
      context: withContext / total,
      precision: own.precision,
    };
  };
}

/** The token vectors of some sentences and of their paragraph neighbours, as the rows of one matrix. */
export interface GatheredTokens {
  /** The sentences whose rows these are, in row order. */
  sentences: number[];
  rows: number;
  vectors: Float32Array;
  /** Each row's token IDF on the shelf. */
  idf: Float64Array;
}

/**
 * The sentences' token rows, and their paragraph neighbours', in one matrix. It needs no question tokens,
 * so the answerer gathers the candidates' while the question's tokens are still being projected.
 */
export function gatherTokens(store: Store, sentences: readonly number[]): GatheredTokens {
  const table = store.sentenceTokens;
  const dims = table.dims;
  const rowIdf = rowIdfOf(store);
  const wanted = [...new Set(sentences.flatMap((s) => [s, ...paragraphNeighbours(store, s)]))];
  const rows = wanted.reduce((sum, s) => sum + table.offsets[s + 1]! - table.offsets[s]!, 0);
  // Every element is written below, so the memory is not zeroed first (a question gathers ~1,000 rows).
  const vectors = unzeroedFloats(rows * dims);
  const idf = new Float64Array(rows);
  let row = 0;
  for (const s of wanted) {
    const from = table.offsets[s]!;
    const to = table.offsets[s + 1]!;
    vectors.set(table.vectors.subarray(from * dims, to * dims), row * dims);
    idf.set(rowIdf.subarray(from, to), row);
    row += to - from;
  }
  return { sentences: wanted, rows, vectors, idf };
}

function unzeroedFloats(length: number): Float32Array {
  const bytes = Buffer.allocUnsafeSlow(length * Float32Array.BYTES_PER_ELEMENT);
  return new Float32Array(bytes.buffer, bytes.byteOffset, length);
}

/**
 * For each gathered sentence, each asked token's best cosine with the sentence's tokens and whether the
 * sentence holds the token itself: the gathered rows times the asked tokens' vectors as columns.
 */
async function bestMatches(
  store: Store,
  question: TokenEmbedding,
  askedAt: readonly number[],
  asked: readonly { id: number }[],
  gathered: GatheredTokens,
  product: MatrixProduct,
): Promise<Map<number, Bests>> {
  const table = store.sentenceTokens;
  const dims = table.dims;
  const k = asked.length;
  const columns = new Float32Array(dims * k);
  askedAt.forEach((t, q) => {
    for (let d = 0; d < dims; d++) columns[d * k + q] = question.tokens[t * dims + d]!;
  });
  const cosines = await product.multiply(gathered.vectors, gathered.rows, columns, k);
  const askedIds = Int32Array.from(asked, (a) => a.id);
  const out = new Map<number, Bests>();
  let row = 0;
  for (const s of gathered.sentences) {
    const best = new Float64Array(k).fill(-1);
    const held = new Uint8Array(k);
    let precise = 0;
    let weights = 0;
    for (let j = table.offsets[s]!; j < table.offsets[s + 1]!; j++, row++) {
      const at = row * k;
      const id = table.ids[j]!;
      let nearest = -1;
      for (let q = 0; q < k; q++) {
        const c = cosines[at + q]!;
        if (c > best[q]!) best[q] = c;
        if (c > nearest) nearest = c;
        if (id === askedIds[q]) held[q] = 1;
      }
      const weight = gathered.idf[row]!;
      precise += weight * nearest;
      weights += weight;
    }
    out.set(s, { best, held, precision: weights > 0 ? precise / weights : 0 });
  }
  return out;
}
