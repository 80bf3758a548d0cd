import { afterAll, describe, expect, it } from "vitest";
import { jsMatrixProduct } from "../../../src/compute/matrix-product.js";
import { createOnnxMatrixProduct } from "../../../src/compute/onnx-matrix-product.js";

const onnx = createOnnxMatrixProduct();
afterAll(() => onnx.dispose?.());

/** Numbers from a seeded generator, so a failure can be replayed. */
function numbers(count: number, seed: number): Float32Array {
  let x = seed;
  return Float32Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2 ** 31;
    return x / 2 ** 30 - 1;
  });
}

describe.each([
  ["plain JavaScript", jsMatrixProduct],
  ["ONNX Runtime", onnx],
])("matrix product (%s)", (_, product) => {
  it("multiplies row-major matrices", async () => {
    // [1 2 3; 4 5 6] · [1 0; 0 1; 1 1] = [4 5; 10 11]
    const out = await product.multiply(
      Float32Array.of(1, 2, 3, 4, 5, 6),
      2,
      Float32Array.of(1, 0, 0, 1, 1, 1),
      2,
    );
    expect([...out]).toEqual([4, 5, 10, 11]);
  });

  it("reads a view into a larger buffer from its own start", async () => {
    const buffer = Float32Array.of(9, 9, 1, 2, 3, 4, 9);
    const out = await product.multiply(buffer.subarray(2, 6), 2, Float32Array.of(1, 1), 1);
    expect([...out]).toEqual([3, 7]);
  });

  it("gives an empty product for no rows, and refuses shapes that do not fit, naming them", async () => {
    expect(await product.multiply(new Float32Array(0), 0, Float32Array.of(1, 2), 2)).toHaveLength(0);
    await expect(product.multiply(Float32Array.of(1, 2, 3), 2, Float32Array.of(1), 1)).rejects.toThrow(
      /3 numbers as 2 rows/,
    );
  });
});

describe("matrix products agree", () => {
  it("gives the same numbers in ONNX Runtime as in JavaScript, to float precision", async () => {
    const a = numbers(37 * 64, 1);
    const b = numbers(64 * 11, 2);
    const [js, rt] = [await jsMatrixProduct.multiply(a, 37, b, 11), await onnx.multiply(a, 37, b, 11)];
    expect(rt).toHaveLength(js.length);
    const worst = Math.max(...js.map((x, i) => Math.abs(x - rt[i]!)));
    expect(worst).toBeLessThan(1e-4);
  });
});
