import * as ort from "onnxruntime-node";
import { AppError } from "../errors.js";
import { innerDimension, type MatrixProduct } from "./matrix-product.js";

/**
 * An ONNX model of one MatMul node, c = a · b, float inputs of any shape. Serialised protobuf (ModelProto):
 * IR version 9; a graph holding the node (inputs "a", "b", output "c", op "MatMul"), float inputs and
 * output without fixed shapes; opset 20. The same bytes transformers.js uses for its `matmul`.
 */
const MATMUL_MODEL = Uint8Array.from([
  8, 9, 18, 0, 58, 55, 10, 17, 10, 1, 97, 10, 1, 98, 18, 1, 99, 34, 6, 77, 97, 116, 77, 117, 108, 18, 1, 114,
  90, 9, 10, 1, 97, 18, 4, 10, 2, 8, 1, 90, 9, 10, 1, 98, 18, 4, 10, 2, 8, 1, 98, 9, 10, 1, 99, 18, 4, 10, 2,
  8, 1, 66, 2, 16, 20,
]);

export interface OnnxMatrixProductOptions {
  /**
   * Threads of the runtime for one product. One by default: the products here are small, and the
   * model's own inference wants the other cores.
   */
  threads?: number;
}

/** Matrix products by ONNX Runtime's CPU kernels; the session is made on the first product, not before. */
export function createOnnxMatrixProduct(options: OnnxMatrixProductOptions = {}): MatrixProduct {
  let session: Promise<ort.InferenceSession> | undefined;
  const open = () =>
    (session ??= ort.InferenceSession.create(MATMUL_MODEL, {
      intraOpNumThreads: options.threads ?? 1,
      interOpNumThreads: 1,
      executionMode: "sequential",
    }).catch((cause: unknown) => {
      session = undefined;
      throw new AppError("MODEL_UNAVAILABLE", "ONNX Runtime could not open its matrix product.", { cause });
    }));
  const run = async (a: Float32Array, rows: number, inner: number, b: Float32Array, cols: number) => {
    const s = await open();
    const out = await s.run({
      a: new ort.Tensor("float32", a, [rows, inner]),
      b: new ort.Tensor("float32", b, [inner, cols]),
    });
    return out.c!.data as Float32Array;
  };
  return {
    async multiply(a, rows, b, cols) {
      const inner = innerDimension(a, rows, b, cols);
      if (rows === 0 || cols === 0 || inner === 0) return new Float32Array(rows * cols);
      return run(a, rows, inner, b, cols);
    },
    async dispose() {
      const s = await session?.catch(() => undefined);
      session = undefined;
      await s?.release();
    },
  };
}
