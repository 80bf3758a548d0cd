/**
 * The dot products the answer stage repeats for every question, against matrices that stay the same from
 * one question to the next (a shelf's token vectors, its memory's question vectors). A part the answerer is
 * given: plain JavaScript here (sums in double precision, no dependency; what the tests use by default),
 * WebAssembly with SIMD in the app (wasm-vector-kernels.ts), where the matrices are copied once into the
 * module's memory and a product costs a fraction of the time.
 */
export interface VectorKernels {
  /**
   * `matrix` (rows of `dims` numbers, row-major) kept for products; the same matrix held again is the same
   * held matrix. The matrix must not change afterwards.
   */
  hold(matrix: Float32Array, dims: number): HeldMatrix;
  /**
   * A matrix kept as signed bytes: row r is `codes`' r-th row of `dims` bytes times `scales[r]`, a quarter
   * of the floats' memory, which is what a product over many rows mostly waits on. The same codes held
   * again are the same held matrix; they must not change afterwards.
   */
  holdCodes(codes: Int8Array, dims: number, scales: Float32Array): HeldCodes;
}

/** A matrix held as bytes, for the token match and the answer memory. */
export interface HeldCodes {
  readonly rows: number;
  readonly dims: number;
  /** Every row's dot product with `query` (`dims` numbers), row for row. */
  dots(query: Float32Array): Float32Array;
  /** The dot products of the rows numbered in `rows` with `query`, in that order. */
  dotsAt(rows: readonly number[], query: Float32Array): Float32Array;
  /**
   * Products of the rows with `count` queries (row-major, `dims` numbers each), range by range: for each
   * range of rows [from, to), each query's largest product with its rows (`best`, `count` numbers a range,
   * `stride` apart); and each row's largest product with a query (`nearest`, one number a row of the
   * ranges, in order). Both are at least -1.
   */
  bestMatches(queries: Float32Array, count: number, ranges: readonly RowRange[]): BestMatches;
}

export interface HeldMatrix {
  readonly rows: number;
  readonly dims: number;
  /** Every row's dot product with `query` (`dims` numbers), row for row. */
  dots(query: Float32Array): Float32Array;
  /** The dot products of the rows numbered in `rows` with `query`, in that order. */
  dotsAt(rows: readonly number[], query: Float32Array): Float32Array;
  /**
   * For the rows numbered in `rows`, in that order: the sum over dimensions k of
   * `weights[k] · clamp(times[k] · row[k] − minus[k], −limit, limit)` (each of `dims` numbers): a linear
   * head over a row's dimensions, each scaled, shifted and clipped (see EmbeddingHead).
   */
  clippedAt(
    rows: readonly number[],
    times: Float32Array,
    minus: Float32Array,
    weights: Float32Array,
    limit: number,
  ): Float32Array;
}

/** Rows `from` up to `to`. */
export type RowRange = readonly [from: number, to: number];

export interface BestMatches {
  /** Range i's bests are `best[i * stride]` up to `best[i * stride + count]`. */
  best: Float32Array;
  stride: number;
  nearest: Float32Array;
}

/** Checks the shapes every implementation expects, so a bad call fails the same way whichever is used. */
export function checkShape(what: string, length: number, dims: number): number {
  const rows = dims > 0 ? length / dims : NaN;
  if (!Number.isInteger(rows)) {
    throw new RangeError(`Expected ${what} of whole rows of ${dims} numbers; got ${length} numbers.`);
  }
  return rows;
}

export function checkRows(wanted: readonly number[], rows: number): void {
  for (const r of wanted) {
    if (!(Number.isInteger(r) && 0 <= r && r < rows)) {
      throw new RangeError(`Expected row numbers within 0..${rows - 1}; got ${r}.`);
    }
  }
}

export function checkHead(dims: number, ...parts: Float32Array[]): void {
  if (parts.some((p) => p.length !== dims)) {
    const lengths = parts.map((p) => p.length).join(", ");
    throw new RangeError(`Expected the head's three parts of ${dims} numbers each; got ${lengths}.`);
  }
}

export function checkQueries(queries: Float32Array, count: number, dims: number): void {
  if (checkShape("queries", queries.length, dims) !== count) {
    throw new RangeError(`Expected ${count} queries of ${dims} numbers; got ${queries.length} numbers.`);
  }
}

/** Checks each range of rows; returns how many rows they hold together. */
export function checkRanges(ranges: readonly RowRange[], rows: number): number {
  let total = 0;
  for (const [from, to] of ranges) {
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= rows)) {
      throw new RangeError(`Expected rows within 0..${rows}; got ${from}..${to}.`);
    }
    total += to - from;
  }
  return total;
}

export function checkScales(scales: Float32Array, rows: number): void {
  if (scales.length !== rows) {
    throw new RangeError(`Expected a scale for each of the ${rows} rows; got ${scales.length}.`);
  }
}

/** What `make` holds of `key`, made once: the same matrix held again is the same held matrix. */
export function heldOnce<K extends object, H extends { dims: number }>(
  memo: WeakMap<K, H>,
  key: K,
  dims: number,
  make: () => H,
): H {
  const known = memo.get(key);
  if (known?.dims === dims) return known;
  const made = make();
  memo.set(key, made);
  return made;
}

/** Plain JavaScript: each product summed in double precision. */
export function createJsVectorKernels(): VectorKernels {
  const held = new WeakMap<Float32Array, HeldMatrix>();
  const heldCodes = new WeakMap<Int8Array, HeldCodes>();
  return {
    hold: (matrix, dims) => heldOnce(held, matrix, dims, () => jsHeld(matrix, dims)),
    holdCodes: (codes, dims, scales) =>
      heldOnce(heldCodes, codes, dims, () => jsHeldCodes(codes, dims, scales)),
  };
}

type Product = (row: number, query: Float32Array, at: number) => number;

/** Every row's product with a query, or those of the rows asked for, by `product`. */
function rowProducts(
  rows: number,
  dims: number,
  product: Product,
): Pick<HeldMatrix, "rows" | "dims" | "dots" | "dotsAt"> {
  return {
    rows,
    dims,
    dots(query) {
      checkShape("a query", query.length, dims);
      return Float32Array.from({ length: rows }, (_, r) => product(r, query, 0));
    },
    dotsAt(wanted, query) {
      checkShape("a query", query.length, dims);
      checkRows(wanted, rows);
      return Float32Array.from(wanted, (r) => product(r, query, 0));
    },
  };
}

function jsHeld(matrix: Float32Array, dims: number): HeldMatrix {
  const rows = checkShape("a matrix", matrix.length, dims);
  const product = (row: number, query: Float32Array, at: number) => {
    let sum = 0;
    for (let k = 0, i = row * dims; k < dims; k++, i++) sum += matrix[i]! * query[at + k]!;
    return sum;
  };
  return {
    ...rowProducts(rows, dims, product),
    clippedAt(wanted, times, minus, weights, limit) {
      checkHead(dims, times, minus, weights);
      checkRows(wanted, rows);
      return Float32Array.from(wanted, (r) => {
        let z = 0;
        for (let k = 0, i = r * dims; k < dims; k++, i++) {
          const x = times[k]! * matrix[i]! - minus[k]!;
          z += weights[k]! * Math.max(-limit, Math.min(limit, x));
        }
        return z;
      });
    },
  };
}

/** A matrix of bytes times a scale a row, in plain JavaScript: the floats' products, in double precision. */
function jsHeldCodes(codes: Int8Array, dims: number, scales: Float32Array): HeldCodes {
  const rows = checkShape("codes", codes.length, dims);
  checkScales(scales, rows);
  const product = (row: number, query: Float32Array, at: number) => {
    let sum = 0;
    for (let k = 0, i = row * dims; k < dims; k++, i++) sum += codes[i]! * query[at + k]!;
    return sum * scales[row]!;
  };
  return {
    ...rowProducts(rows, dims, product),
    bestMatches: (queries, count, ranges) => bestOverRanges(rows, dims, product, queries, count, ranges),
  };
}

function bestOverRanges(
  rows: number,
  dims: number,
  product: (row: number, query: Float32Array, at: number) => number,
  queries: Float32Array,
  count: number,
  ranges: readonly RowRange[],
): BestMatches {
  checkQueries(queries, count, dims);
  const best = new Float32Array(ranges.length * count).fill(-1);
  const nearest = new Float32Array(checkRanges(ranges, rows));
  let at = 0;
  ranges.forEach(([from, to], i) => {
    for (let r = from; r < to; r++, at++) {
      let near = -1;
      for (let q = 0; q < count; q++) {
        const d = Math.fround(product(r, queries, q * dims));
        if (d > best[i * count + q]!) best[i * count + q] = d;
        if (d > near) near = d;
      }
      nearest[at] = near;
    }
  });
  return { best, stride: count, nearest };
}
