import { SIMD_KERNELS_BASE64 } from "./simd-kernels-binary.js";
import {
  checkHead,
  checkQueries,
  checkRange,
  checkRows,
  checkShape,
  createJsVectorKernels,
  type HeldMatrix,
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
  best_matches(
    m: number,
    ranges: number,
    n: number,
    dims: number,
    q: number,
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
      bestMatches(queries, count, ranges) {
        checkQueries(queries, count, dims);
        ranges.forEach(([from, to]) => checkRange(from, to, rows));
        const total = ranges.reduce((sum, [from, to]) => sum + to - from, 0);
        // Queries four at a time: the last one repeated up to a multiple of four changes no maximum.
        const cols = Math.ceil(count / 4) * 4;
        const pairs = aligned(top + cols * rowBytes);
        const best = aligned(pairs + ranges.length * 2 * FLOAT);
        const nearest = aligned(best + ranges.length * cols * FLOAT);
        reserve(nearest + total * FLOAT);
        const f = floats();
        f.set(queries, top / FLOAT);
        for (let q = count; q < cols; q++)
          f.copyWithin(
            (top + q * rowBytes) / FLOAT,
            (top + (count - 1) * rowBytes) / FLOAT,
            (top + count * rowBytes) / FLOAT,
          );
        new Int32Array(k.memory.buffer, pairs, ranges.length * 2).set(ranges.flat());
        if (count > 0) k.best_matches(at, pairs, ranges.length, dims, top, cols, best, nearest);
        else f.fill(-1, nearest / FLOAT, nearest / FLOAT + total);
        const out = new Float32Array(ranges.length * count);
        for (let i = 0; i < ranges.length; i++) {
          const from = best / FLOAT + i * cols;
          out.set(f.subarray(from, from + count), i * count);
        }
        return { best: out, nearest: f.slice(nearest / FLOAT, nearest / FLOAT + total) };
      },
    };
  }

  return {
    hold(matrix, dims) {
      if (dims % 4 !== 0) return fallback.hold(matrix, dims);
      const known = held.get(matrix);
      if (known?.dims === dims) return known;
      const made = place(matrix, dims);
      held.set(matrix, made);
      return made;
    },
  };
}
