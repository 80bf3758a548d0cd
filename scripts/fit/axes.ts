/** Principal axes of a symmetric matrix, for the fitted projections (token vectors, a shelf's answered questions). */

/**
 * The leading `k` eigenvectors of a symmetric n × n matrix by subspace iteration (columns of an n × k
 * matrix, row-major), from a fixed start so a refit gives the same file.
 */
export function topAxes(m: Float64Array, n: number, k: number, iterations: number): Float64Array {
  let q = new Float64Array(n * k);
  let seed = 12345;
  for (let i = 0; i < q.length; i++) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    q[i] = seed / 2 ** 31 - 0.5;
  }
  orthonormalise(q, n, k);
  for (let it = 0; it < iterations; it++) {
    const z = new Float64Array(n * k);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) {
        const mij = m[i * n + j]!;
        if (mij === 0) continue;
        for (let c = 0; c < k; c++) z[i * k + c]! += mij * q[j * k + c]!;
      }
    }
    orthonormalise(z, n, k);
    q = z;
  }
  return q;
}

function orthonormalise(q: Float64Array, n: number, k: number): void {
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < c; p++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += q[i * k + c]! * q[i * k + p]!;
      for (let i = 0; i < n; i++) q[i * k + c]! -= d * q[i * k + p]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += q[i * k + c]! ** 2;
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) q[i * k + c]! /= norm;
  }
}

/** The variance along axis `c` of `q` (n × k): its Rayleigh quotient in `m`. */
export function rayleigh(m: Float64Array, n: number, q: Float64Array, c: number, k: number): number {
  let out = 0;
  for (let i = 0; i < n; i++) {
    let row = 0;
    for (let j = 0; j < n; j++) row += m[i * n + j]! * q[j * k + c]!;
    out += q[i * k + c]! * row;
  }
  return out;
}
