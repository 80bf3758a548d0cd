import { SIMD_KERNELS_BASE64 } from "./simd-kernels-binary.js";
import {
  checkHead,
  checkQueries,
  checkRanges,
  checkRows,
  checkScales,
  checkShape,
  createJsVectorKernels,
  heldOnce,
  type BestMatches,
  type HeldCodes,
  type HeldMatrix,
  type RowRange,
  type VectorKernels,
} from "./vector-kernels.js";

/** The part of the WebAssembly API used here (Node's types leave it out without the DOM library). */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: unknown };
}
const wasm = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/** What simd-kernels.wat exports; addresses are bytes into `memory`. */
interface KernelExports {
  memory: { buffer: ArrayBuffer; grow(pages: number): number };
  dots(m: number, rows: number, dims: number, q: number, out: number): void;
  dots_at(m: number, idx: number, n: number, dims: number, q: number, out: number): void;
  clipped_at(
    m: number,
    idx: number,
    n: number,
    dims: number,
    t: number,
    b: number,
    w: number,
    c: number,
    out: number,
  ): void;
  dots_i8(
    m: number,
    scales: number,
    idx: number,
    n: number,
    dims: number,
    q: number,
    qscale: number,
    out: number,
  ): void;
  best_matches_i8(
    m: number,
    scales: number,
    ranges: number,
    n: number,
    dims: number,
    q: number,
    qscales: number,
    cols: number,
    best: number,
    nearest: number,
  ): void;
}

const PAGE = 65536;
const FLOAT = Float32Array.BYTES_PER_ELEMENT;

let compiled: object | undefined;
/** Compiled once a process; each kernels instance has a memory of its own. */
const kernelModule = () => (compiled ??= new wasm.Module(Buffer.from(SIMD_KERNELS_BASE64, "base64")));

/**
 * The kernels of simd-kernels.wat, four floats a step. Held matrices are copied once into the instance's
 * memory and stay there as long as the instance lives: make one instance per store (the app does, in
 * answererFor), so a store's matrices go with it. A matrix whose rows are not a multiple of 4 numbers long
 * is held in plain JavaScript instead.
 */
export function createWasmVectorKernels(): VectorKernels {
  const instance = new wasm.Instance(kernelModule(), {});
  const k = instance.exports as unknown as KernelExports;
  const fallback = createJsVectorKernels();
  const held = new WeakMap<Float32Array, HeldMatrix>();
  // Held matrices lie below `top`; scratch (queries, results) above it, for one call at a time.
  let top = 0;
  let view = new Float32Array(k.memory.buffer);

  const floats = () => (view.buffer === k.memory.buffer ? view : (view = new Float32Array(k.memory.buffer)));
  const reserve = (bytes: number) => {
    const missing = bytes - k.memory.buffer.byteLength;
    if (missing > 0) k.memory.grow(Math.ceil(missing / PAGE));
  };
  const aligned = (bytes: number) => Math.ceil(bytes / 16) * 16;

  function place(matrix: Float32Array, dims: number): HeldMatrix {
    const rows = checkShape("a matrix", matrix.length, dims);
    const at = top;
    top = aligned(at + matrix.length * FLOAT);
    reserve(top);
    floats().set(matrix, at / FLOAT);
    const rowBytes = dims * FLOAT;
    return {
      rows,
      dims,
      dots(query) {
        checkShape("a query", query.length, dims);
        const out = aligned(top + query.length * FLOAT);
        reserve(out + rows * FLOAT);
        floats().set(query, top / FLOAT);
        k.dots(at, rows, dims, top, out);
        return floats().slice(out / FLOAT, out / FLOAT + rows);
      },
      dotsAt(wanted, query) {
        checkShape("a query", query.length, dims);
        checkRows(wanted, rows);
        const idx = aligned(top + query.length * FLOAT);
        const out = aligned(idx + wanted.length * FLOAT);
        reserve(out + wanted.length * FLOAT);
        floats().set(query, top / FLOAT);
        new Int32Array(k.memory.buffer, idx, wanted.length).set(wanted);
        k.dots_at(at, idx, wanted.length, dims, top, out);
        return floats().slice(out / FLOAT, out / FLOAT + wanted.length);
      },
      clippedAt(wanted, times, minus, weights, limit) {
        checkHead(dims, times, minus, weights);
        checkRows(wanted, rows);
        const [t, b, w] = [top, top + rowBytes, top + 2 * rowBytes];
        const idx = w + rowBytes;
        const out = aligned(idx + wanted.length * FLOAT);
        reserve(out + wanted.length * FLOAT);
        const f = floats();
        f.set(times, t / FLOAT);
        f.set(minus, b / FLOAT);
        f.set(weights, w / FLOAT);
        new Int32Array(k.memory.buffer, idx, wanted.length).set(wanted);
        k.clipped_at(at, idx, wanted.length, dims, t, b, w, limit, out);
        return floats().slice(out / FLOAT, out / FLOAT + wanted.length);
      },
    };
  }

  /** Queries as 16-bit integers, each with its scale. */
  function placeQueries(queries: Float32Array, count: number, dims: number, at: number) {
    const scales = aligned(at + count * dims * 2);
    const end = aligned(scales + count * FLOAT);
    reserve(end);
    const ints = new Int16Array(k.memory.buffer, at, count * dims);
    const factors = new Float32Array(k.memory.buffer, scales, count);
    for (let c = 0; c < count; c++) {
      const q = c * dims;
      let max = 0;
      for (let d = 0; d < dims; d++) max = Math.max(max, Math.abs(queries[q + d]!));
      const scale = max > 0 ? max / 32767 : 1;
      for (let d = 0; d < dims; d++) ints[q + d] = Math.round(queries[q + d]! / scale);
      factors[c] = scale;
    }
    return { cols: count, scales, end };
  }

  function placeCodes(codes: Int8Array, dims: number, rowScales: Float32Array): HeldCodes {
    const rows = checkShape("codes", codes.length, dims);
    checkScales(rowScales, rows);
    const at = top;
    const scalesAt = aligned(at + codes.length);
    top = aligned(scalesAt + rows * FLOAT);
    reserve(top);
    new Int8Array(k.memory.buffer, at, codes.length).set(codes);
    floats().set(rowScales, scalesAt / FLOAT);
    /** The rows at `wanted` (every row when not given) times `query`, taken as 16-bit integers. */
    const dotsOf = (query: Float32Array, wanted?: readonly number[]) => {
      checkShape("a query", query.length, dims);
      if (wanted) checkRows(wanted, rows);
      const n = wanted ? wanted.length : rows;
      const { scales, end } = placeQueries(query, 1, dims, top);
      const idx = end;
      const out = aligned(idx + (wanted ? n * FLOAT : 0));
      reserve(out + n * FLOAT);
      if (wanted) new Int32Array(k.memory.buffer, idx, n).set(wanted);
      const qscale = floats()[scales / FLOAT]!;
      // Row numbers at address 0 mean every row: held matrices start there, never scratch.
      k.dots_i8(at, scalesAt, wanted ? idx : 0, n, dims, top, qscale, out);
      return floats().slice(out / FLOAT, out / FLOAT + n);
    };
    return {
      rows,
      dims,
      dots: (query) => dotsOf(query),
      dotsAt: (wanted, query) => dotsOf(query, wanted),
      bestMatches(queries, count, ranges): BestMatches {
        checkQueries(queries, count, dims);
        const total = checkRanges(ranges, rows);
        if (count === 0)
          return { best: new Float32Array(0), stride: 0, nearest: new Float32Array(total).fill(-1) };
        const { cols, scales, end } = placeQueries(queries, count, dims, top);
        const { pairs, best, nearest } = placeRanges(ranges, cols, total, end);
        k.best_matches_i8(at, scalesAt, pairs, ranges.length, dims, top, scales, cols, best, nearest);
        return readBests(ranges.length, cols, best, nearest, total);
      },
    };
  }

  /** The ranges as pairs of 32-bit integers, and room for the results after them. */
  function placeRanges(ranges: readonly RowRange[], cols: number, total: number, at: number) {
    const pairs = at;
    const best = aligned(pairs + ranges.length * 2 * FLOAT);
    const nearest = aligned(best + ranges.length * cols * FLOAT);
    reserve(nearest + total * FLOAT);
    new Int32Array(k.memory.buffer, pairs, ranges.length * 2).set(ranges.flat());
    return { pairs, best, nearest };
  }

  /** The ranges' bests (`cols` apart) and the rows' nearest, copied out. */
  function readBests(ranges: number, cols: number, best: number, nearest: number, total: number) {
    const f = floats();
    return {
      best: f.slice(best / FLOAT, best / FLOAT + ranges * cols),
      stride: cols,
      nearest: f.slice(nearest / FLOAT, nearest / FLOAT + total),
    };
  }

  const heldCodes = new WeakMap<Int8Array, HeldCodes>();
  return {
    holdCodes(codes, dims, scales) {
      // Sixteen bytes a step, and integer sums that cannot overflow.
      if (dims % 16 !== 0 || dims > 512) return fallback.holdCodes(codes, dims, scales);
      return heldOnce(heldCodes, codes, dims, () => placeCodes(codes, dims, scales));
    },
    hold(matrix, dims) {
      if (dims % 4 !== 0) return fallback.hold(matrix, dims);
      return heldOnce(held, matrix, dims, () => place(matrix, dims));
    },
  };
}
