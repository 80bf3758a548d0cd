import type { TokenEmbedding } from "../embedding/embedder.js";
import { dotAt } from "../retrieval/dense.js";
import { paragraphNeighbours, type Store } from "../store/store.js";

/** How well a sentence's tokens match the question's, token by token (BERTScore's recall, IDF-weighted). */
export interface TokenMatch {
  /** Over the question's word tokens: the weighted mean of each one's best cosine with a sentence token. */
  recall: number;
  /** The same over the question's word tokens the sentence does not hold (1 when it holds every one). */
  soft: number;
  /** `recall` with the tokens of the sentences before and after it in its paragraph as well. */
  context: number;
}

const NO_MATCH: TokenMatch = { recall: 0, soft: 0, context: 0 };

/** Per question token: its best cosine with the sentence's tokens, and whether the sentence holds it. */
interface Bests {
  best: Float64Array;
  held: Uint8Array;
}

/**
 * A pooled vector blurs which words of the question a sentence speaks to; each question token's nearest
 * token in the sentence does not, and it matches a word to its paraphrase ("founded" to "established")
 * where the lexical inputs see nothing. Punctuation in the question is left out; its question words ("when",
 * "how many") are kept: in context their vectors carry what is asked. What depends on the question alone
 * (which tokens count, their weights) is found once, and each sentence's matches once (a neighbour's are
 * reused); the returned function scores one sentence.
 */
export function tokenMatcher(
  store: Store,
  question: TokenEmbedding | undefined,
): (sentence: number) => TokenMatch {
  const table = store.sentenceTokens;
  const dims = table.dims;
  if (!question || dims === 0 || question.tokens.length !== question.ids.length * dims) return () => NO_MATCH;
  const n = store.sentences.length;
  const asked: { at: number; id: number; weight: number }[] = [];
  for (let t = 0; t < question.ids.length; t++) {
    if (!question.wordy[t]) continue;
    const id = question.ids[t]!;
    asked.push({ at: t * dims, id, weight: Math.log(1 + n / (1 + (table.df.get(id) ?? 0))) });
  }
  const total = asked.reduce((sum, a) => sum + a.weight, 0);
  if (total === 0) return () => NO_MATCH;

  const memo = new Map<number, Bests>();
  const bestsOf = (sentence: number): Bests => {
    let found = memo.get(sentence);
    if (found) return found;
    const start = table.offsets[sentence]!;
    const end = table.offsets[sentence + 1]!;
    found = { best: new Float64Array(asked.length).fill(-1), held: new Uint8Array(asked.length) };
    asked.forEach((a, q) => {
      let best = -1;
      for (let j = start; j < end; j++) {
        if (table.ids[j] === a.id) found!.held[q] = 1;
        const c = dotAt(question.tokens, a.at, table.vectors, j * dims, dims);
        if (c > best) best = c;
      }
      found!.best[q] = best;
    });
    memo.set(sentence, found);
    return found;
  };
  return (sentence) => {
    if (table.offsets[sentence + 1]! === table.offsets[sentence]!) return NO_MATCH;
    const own = bestsOf(sentence);
    const around = paragraphNeighbours(store, sentence).map(bestsOf);
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
    };
  };
}
