import { describe, expect, it } from "vitest";
import { bruteForceSearch } from "../../../src/retrieval/dense.js";
import { createHnswDenseIndexes, DEFAULT_HNSW } from "../../../src/retrieval/hnsw-dense-index.js";

function randomVectors(n: number, dims: number, seed: number): Float32Array {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
  const out = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (let j = 0; j < dims; j++) norm += (out[i * dims + j] = rand()) ** 2;
    for (let j = 0; j < dims; j++) out[i * dims + j]! /= Math.sqrt(norm);
  }
  return out;
}

describe("hnswlib with the default ef", () => {
  it("returns exactly what brute force returns on a corpus of a few thousand passages", () => {
    const dims = 48;
    const vectors = randomVectors(3000, dims, 7);
    const index = createHnswDenseIndexes(DEFAULT_HNSW).build(vectors, dims);
    const queries = randomVectors(50, dims, 99);
    let agree = 0;
    for (let q = 0; q < 50; q++) {
      const query = queries.subarray(q * dims, (q + 1) * dims);
      const exact = bruteForceSearch(vectors, query, 10).map((h) => h.unit);
      const approx = index.search(query, 10).map((h) => h.unit);
      if (JSON.stringify(exact) === JSON.stringify(approx)) agree++;
    }
    // Random 48-d vectors are the hard case for HNSW; real embeddings of a report cluster far better.
    expect(agree).toBeGreaterThanOrEqual(48);
  });

  it("gives every unit of a repeated passage, though identical vectors share one point", () => {
    const v = new Float32Array([1, 0, 0, 0, 1, 0, 1, 0, 0, 0, 0, 1, 1, 0, 0]);
    const index = createHnswDenseIndexes().build(v, 3);
    expect(index.count).toBe(5);
    const hits = index.search(new Float32Array([1, 0, 0]), 3);
    expect(hits.map((h) => h.unit)).toEqual([0, 2, 4]);
    expect(index.search(new Float32Array([0, 0, 1]), 10).map((h) => h.unit)).toEqual([3, 0, 1, 2, 4]);
  });

  it("gives similarities in cosine terms", () => {
    const v = new Float32Array([1, 0, 0, 0, 1, 0]);
    const index = createHnswDenseIndexes().build(v, 3);
    const hits = index.search(new Float32Array([1, 0, 0]), 2);
    expect(hits[0]).toEqual({ unit: 0, similarity: expect.closeTo(1, 5) });
    expect(hits[1]?.similarity).toBeCloseTo(0, 5);
  });
});

describe("a graph no larger than the search breadth", () => {
  it("is scanned, with the units and similarities the graph walk gives", () => {
    const dims = 32;
    const vectors = randomVectors(300, dims, 3);
    // Longer than unit length: the scan measures cosine, as hnswlib's cosine space does.
    for (let i = 0; i < 32; i++) vectors[i]! *= 3;
    const scanned = createHnswDenseIndexes({ ...DEFAULT_HNSW, efSearch: 300 }).build(vectors, dims);
    const walked = createHnswDenseIndexes({ ...DEFAULT_HNSW, efSearch: 299 }).build(vectors, dims);
    const queries = randomVectors(20, dims, 5);
    for (let q = 0; q < 20; q++) {
      const query = queries.subarray(q * dims, (q + 1) * dims);
      const [a, b] = [scanned.search(query, 10), walked.search(query, 10)];
      expect(a.map((h) => h.unit)).toEqual(b.map((h) => h.unit));
      a.forEach((h, i) => expect(h.similarity).toBeCloseTo(b[i]!.similarity, 5));
    }
  });
});
