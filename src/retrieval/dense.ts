/** Exact vector arithmetic, shared by the retriever, the answer stage and the checks of any dense index. */
import type { DenseHit } from "./dense-index.js";

export function dot(vectors: Float32Array, row: number, query: Float32Array): number {
  return dotAt(vectors, row * query.length, query, 0, query.length);
}

/** The product of `dims` numbers of `a` from `i` and of `b` from `j`, four products a step. */
export function dotAt(a: Float32Array, i: number, b: Float32Array, j: number, dims: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let k = 0;
  for (; k + 3 < dims; k += 4) {
    s0 += a[i + k]! * b[j + k]!;
    s1 += a[i + k + 1]! * b[j + k + 1]!;
    s2 += a[i + k + 2]! * b[j + k + 2]!;
    s3 += a[i + k + 3]! * b[j + k + 3]!;
  }
  for (; k < dims; k++) s0 += a[i + k]! * b[j + k]!;
  return s0 + s1 + s2 + s3;
}

/** Exact search over every vector: the reference that HNSW is checked against. */
export function bruteForceSearch(vectors: Float32Array, query: Float32Array, k: number): DenseHit[] {
  const scores = Float64Array.from({ length: vectors.length / query.length }, (_, i) =>
    dot(vectors, i, query),
  );
  return topRows(scores, k).map((unit) => ({ unit, similarity: scores[unit]! }));
}

/** The `k` rows of highest score that `keep` keeps, best first, a tie to the earlier row. */
export function topRows(
  scores: ArrayLike<number>,
  k: number,
  keep: (row: number) => boolean = () => true,
): number[] {
  const rows: number[] = [];
  for (let r = 0; r < scores.length; r++) if (keep(r)) rows.push(r);
  return rows.sort((a, b) => scores[b]! - scores[a]! || a - b).slice(0, k);
}
