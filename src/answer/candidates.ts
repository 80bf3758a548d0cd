import { dot } from "../retrieval/dense.js";
import { clip } from "./answer-model.js";
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

export function headScore(
  head: EmbeddingHead,
  vectors: Float32Array,
  row: number,
  query: Float32Array,
): number {
  const dims = query.length;
  const offset = row * dims;
  let z = 0;
  for (let k = 0; k < dims; k++) {
    z += head.weights[k]! * clip((query[k]! * vectors[offset + k]! * dims - head.mean[k]!) / head.scale[k]!);
  }
  return z;
}

/**
 * Every sentence of the best `passages` passages. Choosing among many, rather than among the first three
 * passages' sentences, is what lets the learned stage find the right sentence when retrieval ranks its
 * passage fifth.
 */
export function gatherCandidates(
  store: Store,
  ranked: readonly FusedPassage[],
  vector: Float32Array,
  passages: number,
  head?: EmbeddingHead,
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
        cos: dot(store.sentenceVectors, sentence, vector),
        passageRank: rank,
        passageScore: best > 0 ? p.score / best : 0,
        passageDense: p.dense,
        passageLexical: p.lexicalNorm,
        head: head ? headScore(head, store.sentenceVectors, sentence, vector) : 0,
      });
    }
  });
  return [...bySentence.values()];
}
