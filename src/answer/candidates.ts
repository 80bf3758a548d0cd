import { createJsVectorKernels, type HeldMatrix, type VectorKernels } from "../compute/vector-kernels.js";
import { CLIP } from "./answer-model.js";
import type { FusedPassage } from "../retrieval/fusion.js";
import { unitSentences } from "../retrieval/retriever.js";
import type { Store } from "../store/store.js";

/** A sentence that may be quoted, with what retrieval knows of it. */
export interface Candidate {
  /** Position in store.sentences. */
  sentence: number;
  /** Cosine similarity of question and sentence. */
  cos: number;
  /** 0-based rank of the best passage holding the sentence. */
  passageRank: number;
  /** That passage's fused score over the best passage's. */
  passageScore: number;
  /** That passage's cosine with the question. */
  passageDense: number;
  /** Best BM25 score among passages holding the sentence, over the question's best. */
  passageLexical: number;
  /** The learned similarity of question and sentence (see EmbeddingHead); 0 without a head. */
  head: number;
}

/**
 * A learned similarity over the embeddings: a weight per dimension of the element-wise product of question
 * and sentence vectors (standardised), so the dimensions that tell answers apart count more than cosine
 * lets them.
 */
export interface EmbeddingHead {
  mean: Float32Array;
  scale: Float32Array;
  weights: Float32Array;
}

/**
 * Every sentence of the best `passages` passages. Choosing among many, rather than among the first three
 * passages' sentences, is what lets the learned stage find the right sentence when retrieval ranks its
 * passage fifth. Their cosines are worked out with `kernels` (plain JavaScript when not given).
 */
export function gatherCandidates(
  store: Store,
  ranked: readonly FusedPassage[],
  vector: Float32Array,
  passages: number,
  head?: EmbeddingHead,
  kernels: VectorKernels = createJsVectorKernels(),
): Candidate[] {
  const best = ranked[0]?.score ?? 0;
  const bySentence = new Map<number, Candidate>();
  ranked.slice(0, passages).forEach((p, rank) => {
    for (const sentence of unitSentences(store, p.unit)) {
      const seen = bySentence.get(sentence);
      if (seen) {
        seen.passageLexical = Math.max(seen.passageLexical, p.lexicalNorm);
        continue;
      }
      bySentence.set(sentence, {
        sentence,
        cos: 0,
        passageRank: rank,
        passageScore: best > 0 ? p.score / best : 0,
        passageDense: p.dense,
        passageLexical: p.lexicalNorm,
        head: 0,
      });
    }
  });
  const candidates = [...bySentence.values()];
  const sentences = candidates.map((c) => c.sentence);
  const rows = kernels.hold(store.sentenceVectors, vector.length);
  const cosines = rows.dotsAt(sentences, vector);
  const heads = head ? headScores(head, rows, sentences, vector) : null;
  candidates.forEach((c, i) => {
    c.cos = cosines[i]!;
    c.head = heads?.[i] ?? 0;
  });
  return candidates;
}

/**
 * The head's score of each sentence: for each dimension k, `(q[k] · s[k] · dims − mean[k]) / scale[k]`,
 * clipped, times its weight; the question's part of it worked out once, as `times[k] · s[k] − minus[k]`.
 */
function headScores(
  head: EmbeddingHead,
  rows: HeldMatrix,
  sentences: readonly number[],
  query: Float32Array,
): Float32Array {
  const dims = query.length;
  const times = new Float32Array(dims);
  const minus = new Float32Array(dims);
  for (let k = 0; k < dims; k++) {
    times[k] = (query[k]! * dims) / head.scale[k]!;
    minus[k] = head.mean[k]! / head.scale[k]!;
  }
  return rows.clippedAt(sentences, times, minus, head.weights, CLIP);
}
