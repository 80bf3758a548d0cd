import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import {
  createJsVectorKernels,
  type BestMatches,
  type VectorKernels,
} from "../../../src/compute/vector-kernels.js";
import { createWasmVectorKernels } from "../../../src/compute/wasm-vector-kernels.js";

/** Numbers from a seeded generator, so a failure can be replayed. */
function numbers(count: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 30 - 1;
  });
}

/** Each range's `count` bests, out of results that keep them `stride` apart. */
const bestsOf = (r: BestMatches, count: number) =>
  Array.from({ length: r.best.length / (r.stride || 1) }, (_, i) => [
    ...r.best.subarray(i * r.stride, i * r.stride + count),
  ]).flat();

/** Each query's best product over rows from..to and each row's best, worked out the plain way. */
function expectedBests(m: Float32Array, q: Float32Array, dims: number, from: number, to: number) {
  const count = q.length / dims;
  const dot = (r: number, c: number) => {
    let s = 0;
    for (let k = 0; k < dims; k++) s += m[r * dims + k]! * q[c * dims + k]!;
    return s;
  };
  const best = Array.from({ length: count }, (_, c) => {
    let b = -1;
    for (let r = from; r < to; r++) b = Math.max(b, dot(r, c));
    return b;
  });
  const nearest = Array.from({ length: to - from }, (_, i) => {
    let b = -1;
    for (let c = 0; c < count; c++) b = Math.max(b, dot(from + i, c));
    return b;
  });
  return { best, nearest };
}

const closeTo = (got: ArrayLike<number>, want: readonly number[], digits = 5) => {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(got[i]).toBeCloseTo(w, digits));
};

/** Rows of signed bytes with a scale each, and the floats they stand for. */
function asCodes(rows: number, dims: number, seed: number) {
  const codes = Int8Array.from(numbers(rows * dims, seed), (x) => Math.round(x * 127));
  const scales = Float32Array.from(numbers(rows, seed + 100), (x) => Math.abs(x) / 100 + 0.001);
  const floats = Float32Array.from(codes, (c, i) => c * scales[Math.floor(i / dims)]!);
  return { codes, scales, floats };
}

describe.each([
  ["plain JavaScript", createJsVectorKernels],
  ["WebAssembly", createWasmVectorKernels],
])("vector kernels (%s)", (_, make: () => VectorKernels) => {
  it("gives every row's dot product with a query", () => {
    const held = make().hold(Float32Array.of(1, 2, 3, 4, 5, 6, 7, 8, 0, 0, 0, 1), 4);
    expect(held.rows).toBe(3);
    expect([...held.dots(Float32Array.of(1, 0, 1, 0))]).toEqual([4, 12, 0]);
  });

  it("gives the dot products of the rows asked for, in the order asked", () => {
    const m = numbers(40 * 8, 9);
    const q = numbers(8, 10);
    const held = make().hold(m, 8);
    const all = held.dots(q);
    closeTo(held.dotsAt([39, 0, 7, 7], q), [all[39]!, all[0]!, all[7]!, all[7]!]);
    expect(held.dotsAt([], q)).toHaveLength(0);
    expect(() => held.dotsAt([40], q)).toThrow(/row numbers within 0..39; got 40/);
  });

  it("scores rows with a clipped linear head, row by row in the order asked", () => {
    const dims = 8;
    const m = numbers(20 * dims, 11);
    const [times, minus, weights] = [numbers(dims, 12), numbers(dims, 13), numbers(dims, 14)];
    times.forEach((_, k) => (times[k]! *= 10)); // some terms beyond the limit, so clipping counts
    const want = [3, 19, 0].map((r) => {
      let z = 0;
      for (let k = 0; k < dims; k++) {
        const x = times[k]! * m[r * dims + k]! - minus[k]!;
        z += weights[k]! * Math.max(-2, Math.min(2, x));
      }
      return z;
    });
    const held = make().hold(m, dims);
    closeTo(held.clippedAt([3, 19, 0], times, minus, weights, 2), want);
    expect(() => held.clippedAt([0], times, minus, numbers(4, 1), 2)).toThrow(/8 numbers each; got 8, 8, 4/);
  });

  it("finds each query's best row and each row's best query, range by range", () => {
    const dims = 32; // two steps of sixteen bytes, and a query count that is not a multiple of four
    const { codes, scales, floats } = asCodes(50, dims, 1);
    const q = numbers(7 * dims, 2);
    const ranges = [
      [0, 50],
      [10, 13],
      [49, 50],
      [5, 5],
    ] as const;
    const found = make().holdCodes(codes, dims, scales).bestMatches(q, 7, ranges);
    const best = Float32Array.from(bestsOf(found, 7));
    const nearest = found.nearest;
    expect(best).toHaveLength(4 * 7);
    expect(nearest).toHaveLength(50 + 3 + 1);
    let row = 0;
    ranges.forEach(([from, to], i) => {
      const want = expectedBests(floats, q, dims, from, to);
      // The WebAssembly kernel takes the queries as 16-bit integers: within a few parts in 100,000.
      closeTo(best.subarray(i * 7, (i + 1) * 7), want.best, 3);
      closeTo(nearest.subarray(row, row + to - from), want.nearest, 3);
      row += to - from;
    });
  });

  it("gives a query the same best whether it is taken four at a time or alone", () => {
    const dims = 32;
    const { codes, scales } = asCodes(30, dims, 5);
    const q = numbers(5 * dims, 6);
    const held = make().holdCodes(codes, dims, scales);
    const ranges = [[0, 30]] as const;
    const five = bestsOf(held.bestMatches(q, 5, ranges), 5);
    const four = bestsOf(held.bestMatches(q.subarray(0, 4 * dims), 4, ranges), 4);
    const last = bestsOf(held.bestMatches(q.subarray(4 * dims), 1, ranges), 1);
    expect(five).toEqual([...four, ...last]);
  });

  it("gives rows of bytes' dot products with a query, all or those asked for", () => {
    const dims = 32;
    const { codes, scales, floats } = asCodes(40, dims, 31);
    const q = numbers(dims, 32);
    const want = Array.from({ length: 40 }, (_, r) => {
      let s = 0;
      for (let k = 0; k < dims; k++) s += floats[r * dims + k]! * q[k]!;
      return s;
    });
    const kernels = make();
    kernels.hold(numbers(8 * 4, 1), 4); // something held first: the bytes do not start the memory
    const held = kernels.holdCodes(codes, dims, scales);
    // The WebAssembly kernel takes the query as 16-bit integers: within a few parts in 100,000.
    closeTo(held.dots(q), want, 3);
    closeTo(held.dotsAt([39, 0, 5, 5], q), [want[39]!, want[0]!, want[5]!, want[5]!], 3);
    expect(held.dotsAt([], q)).toHaveLength(0);
    expect(() => held.dotsAt([40], q)).toThrow(/row numbers within 0..39; got 40/);
    expect(() => held.dots(numbers(3, 1))).toThrow(/a query of whole rows of 32 numbers; got 3/);
  });

  it("gives the same numbers from one call as from several, and whatever was held before or after", () => {
    const kernels = make();
    const { codes, scales } = asCodes(30, 16, 3);
    const heldA = kernels.holdCodes(codes, 16, scales);
    const queries = numbers(5 * 16, 5);
    const together = heldA.bestMatches(queries, 5, [
      [0, 12],
      [12, 30],
    ]);
    // Another matrix held and used in between: the first keeps its rows.
    const a = numbers(500 * 8, 4);
    const heldB = kernels.hold(a, 8);
    expect(kernels.holdCodes(codes, 16, scales)).toBe(heldA);
    closeTo(heldB.dots(numbers(8, 6)), [...createJsVectorKernels().hold(a, 8).dots(numbers(8, 6))]);
    const apart = [heldA.bestMatches(queries, 5, [[0, 12]]), heldA.bestMatches(queries, 5, [[12, 30]])];
    expect(bestsOf(together, 5)).toEqual([...bestsOf(apart[0]!, 5), ...bestsOf(apart[1]!, 5)]);
    expect([...together.nearest]).toEqual([...apart[0]!.nearest, ...apart[1]!.nearest]);
  });

  it("holds bytes once, and a scale for every row", () => {
    const kernels = make();
    const { codes, scales } = asCodes(20, 32, 21);
    expect(kernels.holdCodes(codes, 32, scales)).toBe(kernels.holdCodes(codes, 32, scales));
    expect(() => kernels.holdCodes(codes.slice(), 32, scales.subarray(1))).toThrow(
      /scale for each of the 20 rows; got 19/,
    );
  });

  it("refuses shapes that do not fit, naming them", () => {
    const kernels = make();
    expect(() => kernels.hold(numbers(10, 1), 4)).toThrow(/whole rows of 4 numbers; got 10/);
    const held = kernels.hold(numbers(16, 1), 4);
    expect(() => held.dots(numbers(3, 1))).toThrow(/a query of whole rows of 4 numbers; got 3/);
    const { codes, scales } = asCodes(4, 16, 1);
    const bytes = kernels.holdCodes(codes, 16, scales);
    expect(() => bytes.bestMatches(numbers(32, 1), 3, [])).toThrow(
      /Expected 3 queries of 16 numbers; got 32/,
    );
    expect(() => bytes.bestMatches(numbers(32, 1), 2, [[2, 5]])).toThrow(/rows within 0..4; got 2..5/);
  });
});

describe("WebAssembly kernels", () => {
  it("are the module compiled from simd-kernels.wat", () => {
    expect(() =>
      execFileSync("node", ["scripts/build-kernels.mjs", "--check"], { stdio: "pipe" }),
    ).not.toThrow();
  });

  it("hold a matrix whose rows are not a multiple of four numbers in plain JavaScript, with the same results", () => {
    const m = numbers(9 * 5, 7);
    const q = numbers(5, 8);
    closeTo(createWasmVectorKernels().hold(m, 5).dots(q), [...createJsVectorKernels().hold(m, 5).dots(q)]);
  });
});
