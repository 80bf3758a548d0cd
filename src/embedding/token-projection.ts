import { createHash } from "node:crypto";
import { z } from "zod";
import { jsMatrixProduct, type MatrixProduct } from "../compute/matrix-product.js";
import { AppError } from "../errors.js";

/**
 * A linear map of the model's token vectors (its last layer, before pooling) onto their first principal
 * axes. Comparing a question's tokens with a sentence's, token by token, tells which sentence answers far
 * better than one pooled vector does; in the full 384 dimensions it costs several times the question's own
 * embedding, in 64 it costs a fraction, and keeps most of the gain (docs/answer-quality.md). Fitted on
 * data by `npm run fit:projection`, so it is a file with how it was fitted, not code.
 */
export interface TokenProjection {
  /** Hash of the matrix: part of the index's identity, so a new projection rebuilds the index. */
  version: string;
  /** Dimensions of the model's token vectors. */
  from: number;
  /** Dimensions after projection. */
  dims: number;
  /** Row-major `from` × `dims`. */
  matrix: Float32Array;
}

const projectionFileSchema = z.object({
  formatVersion: z.literal(1),
  from: z.number().int().positive(),
  dims: z.number().int().positive(),
  fittedOn: z.array(z.string()).describe("The texts whose token vectors the axes were found on."),
  fittedAt: z.string(),
  varianceShare: z.number().describe("Share of the token vectors' variance the axes keep."),
  /** One row per model dimension. */
  matrix: z.array(z.array(z.number())),
});
export type TokenProjectionFile = z.infer<typeof projectionFileSchema>;

export function parseTokenProjection(raw: unknown, source: string): TokenProjection {
  const parsed = projectionFileSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError("MODEL_UNAVAILABLE", `${source} is not a token projection: ${problems}.`);
  }
  const file = parsed.data;
  if (file.matrix.length !== file.from || file.matrix.some((row) => row.length !== file.dims)) {
    throw new AppError(
      "MODEL_UNAVAILABLE",
      `${source} should hold ${file.from} rows of ${file.dims} numbers; it holds ${file.matrix.length} rows.`,
    );
  }
  const matrix = Float32Array.from(file.matrix.flat());
  const version = createHash("sha256").update(Buffer.from(matrix.buffer)).digest("hex").slice(0, 12);
  return { version, from: file.from, dims: file.dims, matrix };
}

/**
 * Projects `count` token vectors (row-major, `projection.from` each) and scales each to unit length, so
 * that a dot product is a cosine.
 */
export async function projectTokens(
  projection: TokenProjection,
  tokens: Float32Array,
  count: number,
  product: MatrixProduct = jsMatrixProduct,
): Promise<Float32Array> {
  const { dims, matrix } = projection;
  const out = await product.multiply(tokens, count, matrix, dims);
  for (let t = 0; t < count; t++) normalise(out, t * dims, dims);
  return out;
}

export function normalise(v: Float32Array, offset: number, dims: number): void {
  let sum = 0;
  for (let k = 0; k < dims; k++) sum += v[offset + k]! ** 2;
  const norm = Math.sqrt(sum);
  if (norm > 0) for (let k = 0; k < dims; k++) v[offset + k]! /= norm;
}
