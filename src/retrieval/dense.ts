/** Exact vector arithmetic, shared by the retriever, the answer stage and the checks of any dense index. */
import type { DenseHit } from "./dense-index.js";

export function dot(vectors: Float32Array, row: number, query: Float32Array): number {
  const dims = query.length;
  const o = row * dims;
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < dims; j += 4) {
    s0 += vectors[o + j]! * query[j]!;
    s1 += vectors[o + j + 1]! * query[j + 1]!;
    s2 += vectors[o + j + 2]! * query[j + 2]!;
    s3 += vectors[o + j + 3]! * query[j + 3]!;
  }
  for (; j < dims; j++) s0 += vectors[o + j]! * query[j]!;
  return s0 + s1 + s2 + s3;
}

/** Exact search over every vector: the reference that HNSW is checked against. */
export function bruteForceSearch(vectors: Float32Array, query: Float32Array, k: number): DenseHit[] {
  const count = vectors.length / query.length;
  const hits: DenseHit[] = [];
  for (let i = 0; i < count; i++) hits.push({ unit: i, similarity: dot(vectors, i, query) });
  return hits.sort((a, b) => b.similarity - a.similarity || a.unit - b.unit).slice(0, k);
}
