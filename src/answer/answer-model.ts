import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { AppError, describeError, type ErrorCode } from "../errors.js";
import type { EmbeddingHead } from "./candidates.js";
import {
  QUESTION_FEATURES,
  SENTENCE_FEATURES,
  type FeatureRow,
  type QuestionFeature,
  type SentenceFeature,
} from "./features.js";

export const logisticSchema = z.object({
  features: z.array(z.string()).describe("Input names, in the order of the other arrays."),
  mean: z.array(z.number()).describe("Subtracted from each input before weighing (standardisation)."),
  scale: z.array(z.number().positive()).describe("Each centred input is divided by this."),
  weights: z.array(z.number()),
  bias: z.number(),
});

/** The fitted answer stage as written by `npm run fit` (scripts/fit.ts); validated where it is read. */
export const answerModelSchema = z.object({
  format: z.literal(1).describe("Bumped when the file's layout changes."),
  candidatePassages: z.number().int().min(1).describe("Best passages whose sentences are candidates."),
  maxQuotes: z.number().int().min(1).describe("Most sentences quoted."),
  secondQuoteMargin: z
    .number()
    .min(0)
    .describe("A further sentence is quoted when its log-odds are within this of the best one's."),
  threshold: z.number().min(0).max(1).describe("Below this confidence the answer abstains."),
  sentence: logisticSchema.describe("Log-odds that a candidate sentence holds the answer."),
  confidence: logisticSchema.describe("Probability that the chosen quote answers the question."),
  head: z
    .object({
      mean: z.array(z.number()),
      scale: z.array(z.number().positive()),
      weights: z.array(z.number()),
    })
    .optional()
    .describe("A weight per embedding dimension of question × sentence (see candidates.ts EmbeddingHead)."),
  fitted: z
    .record(z.string(), z.unknown())
    .describe("How it was fitted: data, date, command, validation figures."),
});
export type AnswerModelFile = z.infer<typeof answerModelSchema>;
type Logistic = z.infer<typeof logisticSchema>;

export interface AnswerModel {
  file: AnswerModelFile;
  /** Hash of everything that changes answers; part of the answer's index version. */
  version: string;
  sentenceLogit(row: FeatureRow<SentenceFeature>): number;
  head: EmbeddingHead | undefined;
  confidence(row: FeatureRow<QuestionFeature>): number;
}

export function parseAnswerModel(json: unknown, source = "answer model"): AnswerModel {
  const file = parseFitted(answerModelSchema, json, "ANSWER_MODEL_INVALID", source);
  const sentence = linear(file.sentence, SENTENCE_FEATURES, "ANSWER_MODEL_INVALID", `${source} sentence`);
  const confidence = linear(
    file.confidence,
    QUESTION_FEATURES,
    "ANSWER_MODEL_INVALID",
    `${source} confidence`,
  );
  const { fitted: _fitted, ...behaviour } = file;
  return {
    file,
    version: createHash("sha256").update(JSON.stringify(behaviour)).digest("hex").slice(0, 12),
    sentenceLogit: sentence,
    head: file.head && {
      mean: Float32Array.from(file.head.mean),
      scale: Float32Array.from(file.head.scale),
      weights: Float32Array.from(file.head.weights),
    },
    confidence: (row) => sigmoid(confidence(row)),
  };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * Standardised inputs are held within four standard deviations: far outside what the model was fitted on
 * (a question none of whose words the shelf uses), a linear model's extrapolation means nothing.
 */
export const CLIP = 4;
export const clip = (z: number) => Math.max(-CLIP, Math.min(CLIP, z));

/** A fitted file checked against its schema; the first problem named with where it is. */
/**
 * A fitted file beside a shelf's documents, parsed with its schema; undefined when the shelf has none. A file
 * that is not JSON, or not of the schema, fails with `code`, naming the file.
 */
export function readFittedFile<S extends z.ZodType>(
  schema: S,
  file: string,
  code: ErrorCode,
): z.infer<S> | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new AppError(code, `${file}: ${describeError(error)}.`);
  }
  return parseFitted(schema, json, code, file);
}

export function parseFitted<S extends z.ZodType>(
  schema: S,
  json: unknown,
  code: ErrorCode,
  source: string,
): z.infer<S> {
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  throw new AppError(
    code,
    `${source}: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}.`,
  );
}

/** The log-odds of a fitted logistic regression over named inputs, each standardised and clipped. */
export function linear<K extends string>(
  model: Logistic,
  known: readonly K[],
  code: ErrorCode,
  source: string,
): (row: FeatureRow<K>) => number {
  const n = model.features.length;
  if (model.mean.length !== n || model.scale.length !== n || model.weights.length !== n) {
    throw new AppError(code, `${source}: features, mean, scale and weights differ in length.`);
  }
  const unknown = model.features.find((f) => !(known as readonly string[]).includes(f));
  if (unknown !== undefined) {
    throw new AppError(code, `${source}: expected features among ${known.join(", ")}; got "${unknown}".`);
  }
  const names = model.features as K[];
  return (row) => {
    let z = model.bias;
    for (let i = 0; i < n; i++) {
      z += model.weights[i]! * clip((row[names[i]!] - model.mean[i]!) / model.scale[i]!);
    }
    return z;
  };
}
