/**
 * The matrix product the token projection is made of: plain JavaScript by default (sums in double precision,
 * no dependency; what the tests use), ONNX Runtime's in the model's embedder, whose vectorised kernels do the
 * same work in a small fraction of the time. (The answer stage's products are VectorKernels'.)
 */
export interface MatrixProduct {
  /** `a` (`rows` × k) times `b` (k × `cols`), both row-major; the result is `rows` × `cols`, row-major. */
  multiply(a: Float32Array, rows: number, b: Float32Array, cols: number): Promise<Float32Array>;
  /** Frees what the product holds (a runtime session); it must not be used afterwards. */
  dispose?(): Promise<void>;
}

/** Checks the shapes every implementation expects, so a bad call fails the same way whichever is used. */
export function innerDimension(a: Float32Array, rows: number, b: Float32Array, cols: number): number {
  const inner = rows > 0 ? a.length / rows : 0;
  if (!Number.isInteger(inner) || (rows > 0 && b.length !== inner * cols)) {
    throw new RangeError(
      `Cannot multiply ${a.length} numbers as ${rows} rows by ${b.length} numbers as ${cols} columns.`,
    );
  }
  return inner;
}

export const jsMatrixProduct: MatrixProduct = {
  async multiply(a, rows, b, cols) {
    return multiplySync(a, rows, b, cols);
  },
};

function multiplySync(a: Float32Array, rows: number, b: Float32Array, cols: number): Float32Array {
  const inner = innerDimension(a, rows, b, cols);
  const out = new Float32Array(rows * cols);
  // One output row at a time, adding whole rows of `b`: the inner loop reads contiguous memory.
  const row = new Float64Array(cols);
  for (let r = 0; r < rows; r++) {
    row.fill(0);
    for (let i = 0; i < inner; i++) {
      const x = a[r * inner + i]!;
      if (x === 0) continue;
      const from = i * cols;
      for (let c = 0; c < cols; c++) row[c]! += x * b[from + c]!;
    }
    out.set(row, r * cols);
  }
  return out;
}
