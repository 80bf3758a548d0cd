/** hnswlib against exact search over the same vectors: recall@k and the time of each. */
import { bruteForceSearch } from "../../src/retrieval/dense.js";
import type { Store } from "../../src/store/store.js";
import { idRecallAtK, mean, median, recallAtK } from "./stats.js";
import { seededRandom } from "./synthetic-corpus.js";

export interface DenseCheck {
  queries: number;
  recallAtK: number;
  idRecallAtK: number;
  bruteForceMsP50: number;
  hnswMsP50: number;
}

/**
 * Query vectors: the embedded questions first, then sentence vectors of the store drawn with a seed, up to
 * `count`. Sentences are real text of the corpus, so they sit where questions about it land.
 */
export function pickQueries(
  store: Store,
  questionVectors: Float32Array[],
  count: number,
  seed = 1,
): Float32Array[] {
  const dims = store.manifest.model.dims;
  const total = store.sentences.length;
  const random = seededRandom(seed);
  const out = [...questionVectors];
  while (out.length < count && total > 0) {
    const i = Math.floor(random() * total);
    out.push(store.sentenceVectors.slice(i * dims, (i + 1) * dims));
  }
  return out;
}

export function checkDense(store: Store, queries: readonly Float32Array[], k = 10): DenseCheck {
  const recall: number[] = [];
  const idRecall: number[] = [];
  const bruteMs: number[] = [];
  const hnswMs: number[] = [];
  for (const query of queries) {
    const t0 = performance.now();
    const exact = bruteForceSearch(store.unitVectors, query, k);
    const t1 = performance.now();
    const approx = store.dense.search(query, k);
    const t2 = performance.now();
    bruteMs.push(t1 - t0);
    hnswMs.push(t2 - t1);
    recall.push(
      recallAtK(
        exact.map((h) => h.similarity),
        approx.map((h) => h.similarity),
        k,
      ),
    );
    idRecall.push(
      idRecallAtK(
        exact.map((h) => h.unit),
        approx.map((h) => h.unit),
        k,
      ),
    );
  }
  return {
    queries: queries.length,
    recallAtK: mean(recall),
    idRecallAtK: mean(idRecall),
    bruteForceMsP50: median(bruteMs),
    hnswMsP50: median(hnswMs),
  };
}
