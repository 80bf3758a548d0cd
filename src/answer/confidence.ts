/** What the answerer knows about how well the report covers a question. */
export interface AnswerSignals {
  /** Best cosine similarity of the question with a single sentence of the top passages. */
  sentenceCos: number;
  /** Cosine similarity of the question with the best passage. */
  passageCos: number;
  /** IDF-weighted share of the question's content terms found in the best passage and its neighbours. */
  coverage: number;
  /** IDF-weighted share of the question's content terms found anywhere in the corpus. */
  corpusCoverage: number;
  /** Whether dense and lexical retrieval agree on the best passage (1) or not (0). */
  agreement: number;
}

export interface ConfidenceModel {
  weights: Record<keyof AnswerSignals, number>;
  bias: number;
  /** Below this the answer abstains. */
  threshold: number;
}

export const DEFAULT_CONFIDENCE: ConfidenceModel = {
  weights: { sentenceCos: 6, passageCos: 2, coverage: 3, corpusCoverage: 2, agreement: 0.5 },
  bias: -6,
  threshold: 0.5,
};

/** A logistic model over the signals: a number in [0, 1], monotone in each signal. */
export function confidenceOf(signals: AnswerSignals, model: ConfidenceModel = DEFAULT_CONFIDENCE): number {
  let z = model.bias;
  for (const key of Object.keys(model.weights) as (keyof AnswerSignals)[]) {
    z += model.weights[key] * signals[key];
  }
  return 1 / (1 + Math.exp(-z));
}
