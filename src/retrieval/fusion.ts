/** The signals one candidate passage has, each in [0, 1] or raw where noted. */
export interface CandidateSignals {
  unit: number;
  /** Cosine similarity of question and passage. */
  dense: number;
  /** Raw BM25 score; 0 when the lexical side did not find it. */
  lexical: number;
  /** Best cosine similarity of the question with one of the passage's sentences. */
  sentence: number;
}

export interface FusionWeights {
  dense: number;
  lexical: number;
  sentence: number;
}

/** Chosen on the dev and own questions (`npx tsx scripts/tune.ts`): BM25 helps most as a tie-breaker. */
export const DEFAULT_FUSION: FusionWeights = { dense: 0.5, lexical: 0.15, sentence: 0.35 };

export interface FusedPassage extends CandidateSignals {
  score: number;
  /** BM25 score divided by the best BM25 score of this question. */
  lexicalNorm: number;
}

/**
 * Weighted sum of normalised scores. Cosines are already comparable across questions; BM25 is not, so it is
 * divided by this question's best. Ties break on the unit's position, so the order is deterministic.
 */
export function fuse(
  candidates: readonly CandidateSignals[],
  weights: FusionWeights = DEFAULT_FUSION,
): FusedPassage[] {
  const maxLexical = Math.max(0, ...candidates.map((c) => c.lexical));
  return candidates
    .map((c) => {
      const lexicalNorm = maxLexical > 0 ? c.lexical / maxLexical : 0;
      const score = weights.dense * c.dense + weights.lexical * lexicalNorm + weights.sentence * c.sentence;
      return { unit: c.unit, dense: c.dense, lexical: c.lexical, sentence: c.sentence, lexicalNorm, score };
    })
    .sort((a, b) => b.score - a.score || a.unit - b.unit);
}

/** Reciprocal-rank fusion, kept as the baseline the weighted sum is measured against. */
export function reciprocalRankFusion(
  rankings: readonly number[][],
  k = 60,
): { unit: number; score: number }[] {
  const scores = new Map<number, number>();
  for (const ranking of rankings) {
    ranking.forEach((unit, rank) => scores.set(unit, (scores.get(unit) ?? 0) + 1 / (k + rank + 1)));
  }
  return [...scores.entries()]
    .map(([unit, score]) => ({ unit, score }))
    .sort((a, b) => b.score - a.score || a.unit - b.unit);
}
