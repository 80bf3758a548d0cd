import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { AppError } from "../errors.js";
import { createJsVectorKernels, type RowRange, type VectorKernels } from "../compute/vector-kernels.js";
import { dotAt } from "../retrieval/dense.js";
import type { Store } from "../store/store.js";
import { readFittedFile } from "./answer-model.js";

/**
 * A shelf's answered questions, kept beside its documents (`answer-memory.json`, written by `npm run fit`
 * from the shelf's labelled question sets). A district office's readers ask in their own words ("skilled
 * people", "old machines") what the report says in its register ("talents", "equipment renewal"); a
 * question close to one already answered by a sentence is evidence for that sentence that neither the
 * words nor the pooled vectors give. It adds to a sentence's ranking log-odds, with a weight fitted on
 * questions the memory did not hold (each report set against the others'); the general model is fitted
 * without it, so a shelf without the file ranks exactly as before.
 *
 * It also holds the shelf's questions labelled unanswerable, each tied to the sentence the engine quoted
 * for it: readers ask again for what the report leaves out ("which university is the partner?"), and a new
 * question close to one of those, quoted with the same sentence, is likely left out too. Only that
 * sentence carries the evidence, so a document added to the shelf later is untouched by it.
 */
export const ANSWER_MEMORY_FILE = "answer-memory.json";

export const answerMemorySchema = z.object({
  format: z.literal(2).describe("Bumped when the file's layout changes."),
  embeddingModel: z
    .string()
    .describe("The model the question vectors come from; with another model they mean nothing."),
  dims: z.number().int().positive().describe("Numbers per question vector, as the embedder gives it."),
  axes: z
    .object({
      count: z.number().int().positive().describe("Axes kept."),
      values: z.string().describe("dims × count numbers, row-major, as float32 (base64)."),
    })
    .describe(
      "The principal axes of the answered questions' vectors: compared on these, a question costs a sixth of the work.",
    ),
  floor: z
    .number()
    .min(0)
    .max(1)
    .describe(
      "Cosines at or under this count as no likeness (two questions about one report share much), to answered and unanswerable questions alike.",
    ),
  weight: z
    .number()
    .min(0)
    .describe("Log-odds a sentence gains from full support, fitted on questions the memory did not hold."),
  questions: z
    .array(
      z.object({
        gold: z.array(z.string().min(1)).min(1).describe("Spans of the shelf's text that answer it."),
        vector: z
          .string()
          .describe(
            "The question's vector on the axes, unit length: one signed byte a number (base64), scaled.",
          ),
        scale: z.number().positive().describe("What a byte of 127 stands for."),
      }),
    )
    .describe("Answered questions; their texts are left out, their vectors are what is compared."),
  unanswered: z
    .array(
      z.object({
        quoted: z
          .string()
          .min(1)
          .describe("The sentence the engine quoted for it, out of fold: the one its likeness counts for."),
        vector: z.string().describe("As the answered questions' vectors."),
        scale: z.number().positive().describe("What a byte of 127 stands for."),
      }),
    )
    .describe(
      "Questions labelled unanswerable from the shelf, each tied to the sentence it was quoted with.",
    ),
  fitted: z.record(z.string(), z.unknown()).describe("How it was made: data, date."),
});
export type AnswerMemoryFile = z.infer<typeof answerMemorySchema>;

/** How a memory names the model its vectors come from: model and precision (q4 and fp32 vectors differ). */
export const embeddingModelOf = (embedder: { modelId: string; dtype: string }): string =>
  `${embedder.modelId}/${embedder.dtype}`;

/** What the ranker asks of a shelf's memory. */
export interface AnswerMemory {
  /** Hash of what changes answers; joins the answer model's version in every answer. */
  version: string;
  /** Log-odds added to a sentence's ranking score per unit of support. */
  weight: number;
  /**
   * How close one question is to the memory's, sentence by sentence: worked out at once for `sentences` (the
   * candidates) when given, and for any other sentence when asked.
   */
  likenessTo(question: Float32Array, sentences?: readonly number[]): MemoryLikeness;
}

/** Both from 0 (none, or no closer than the floor) to 1 (the same question), compared on the memory's axes. */
export interface MemoryLikeness {
  /** A sentence's support: the question's likeness to the closest answered question the sentence answers. */
  answered(sentence: number): number;
  /** The question's likeness to the closest unanswerable question quoted with the sentence. */
  unanswered(sentence: number): number;
}

/** One signed byte a number, scaled by the largest magnitude: a question vector in a quarter of the space. */
export function quantise(vector: Float32Array): { bytes: Int8Array; scale: number } {
  const scale = Math.max(1e-9, ...Array.from(vector, Math.abs));
  return { bytes: Int8Array.from(vector, (x) => Math.round((x / scale) * 127)), scale };
}

export function dequantise(bytes: Int8Array, scale: number): Float32Array {
  return Float32Array.from(bytes, (b) => (b / 127) * scale);
}

/** A vector on the axes (`dims` × `count`, row-major), made unit length: what the memory compares. */
export function onAxes(vector: Float32Array, axes: Float32Array, count: number): Float32Array {
  return onColumns(vector, transposed(axes, vector.length, count), count);
}

/** `count` × `dims`, each axis a contiguous row: one dot product an axis. */
function transposed(axes: Float32Array, dims: number, count: number): Float32Array {
  const out = new Float32Array(axes.length);
  for (let i = 0; i < dims; i++) for (let k = 0; k < count; k++) out[k * dims + i] = axes[i * count + k]!;
  return out;
}

function onColumns(vector: Float32Array, rows: Float32Array, count: number): Float32Array {
  const dims = vector.length;
  const out = new Float32Array(count);
  let squares = 0;
  for (let k = 0; k < count; k++) {
    const x = dotAt(rows, k * dims, vector, 0, dims);
    out[k] = x;
    squares += x * x;
  }
  const length = Math.sqrt(squares) || 1;
  for (let k = 0; k < count; k++) out[k]! /= length;
  return out;
}

/** A stored vector read back: unit length again after its bytes. */
export function readBack(bytes: Int8Array, scale: number): Float32Array {
  return unitLength(dequantise(bytes, scale));
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * Which of the texts answer a question: those holding one of its gold spans, whitespace aside. The texts
 * are folded once, for all the questions asked of them (a shelf's sentences times its questions).
 */
export function spanFinder(texts: readonly string[]): (gold: readonly string[]) => number[] {
  const folded = texts.map(collapse);
  return (gold) => {
    const spans = gold.map(collapse);
    return folded.flatMap((text, i) => (spans.some((g) => text.includes(g)) ? [i] : []));
  };
}

/** The support one answered question gives, by the memory's floor. */
export function supportOf(cosine: number, floor: number): number {
  return Math.max(0, (cosine - floor) / (1 - floor));
}

/**
 * The memory over one store: each answered question is tied to the sentences that hold its gold. Cosines
 * are of unit vectors on the memory's axes.
 */
export function answerMemory(
  file: AnswerMemoryFile,
  store: Store,
  kernels: VectorKernels = createJsVectorKernels(),
): AnswerMemory {
  if (file.dims !== store.manifest.model.dims) {
    throw new AppError(
      "ANSWER_MEMORY_INVALID",
      `Expected question vectors of ${store.manifest.model.dims} numbers (the index's); got ${file.dims}.`,
    );
  }
  const count = file.axes.count;
  const axes = kernels.hold(
    transposed(floatsOf(file.axes.values, file.dims * count, "axes.values"), file.dims, count),
    file.dims,
  );
  const held = (questions: readonly { vector: string }[]) => {
    const { codes, scales } = codeRows(questions, count);
    return kernels.holdCodes(codes, count, scales);
  };
  const unanswered = held(file.unanswered);
  const sentencesOf = spanFinder(store.sentences.map((s) => s.text));
  // The answered questions in the order of the sentences they answer (a question answered by two sentences
  // held twice), so that a sentence's questions are one range of rows: the candidates' are worked out in
  // one pass over their ranges, not every question's.
  const answeredBy = bySentence(file.questions.map((q) => sentencesOf(q.gold)));
  const order = [...answeredBy.keys()].sort((a, b) => a - b);
  const rangeOf = new Map<number, RowRange>();
  const rows: { vector: string }[] = [];
  for (const sentence of order) {
    const ks = answeredBy.get(sentence)!;
    rangeOf.set(sentence, [rows.length, rows.length + ks.length]);
    for (const k of ks) rows.push(file.questions[k]!);
  }
  const answered = held(rows);
  const unansweredBy = bySentence(file.unanswered.map((q) => sentencesOf([q.quoted])));
  const { fitted: _fitted, ...behaviour } = file;
  return {
    version: createHash("sha256").update(JSON.stringify(behaviour)).digest("hex").slice(0, 8),
    weight: file.weight,
    likenessTo(question, sentences = []) {
      const asked = unitLength(axes.dots(question));
      const closest = (wanted: readonly number[]) => {
        const { best, stride } = answered.bestMatches(
          asked,
          1,
          wanted.map((s) => rangeOf.get(s) ?? NONE),
        );
        return wanted.map((_, i) => best[i * stride]!);
      };
      const known = new Map(sentences.map((s, i) => [s, i] as const));
      const atOnce = sentences.length ? closest(sentences) : [];
      return {
        answered: (sentence) => {
          const i = known.get(sentence);
          return supportOf(i === undefined ? closest([sentence])[0]! : atOnce[i]!, file.floor);
        },
        unanswered: (sentence) =>
          supportOf(highest(unanswered.dotsAt(unansweredBy.get(sentence) ?? [], asked)), file.floor),
      };
    },
  };
}

/** No rows: a sentence no answered question is tied to (its closest is -1, as for none). */
const NONE: RowRange = [0, 0];

/** The largest of the cosines, -1 for none. */
function highest(cosines: ArrayLike<number>): number {
  let best = -1;
  for (let i = 0; i < cosines.length; i++) best = Math.max(best, cosines[i]!);
  return best;
}

/** `v` made unit length, in place. */
function unitLength(v: Float32Array): Float32Array {
  const length = Math.sqrt(dotAt(v, 0, v, 0, v.length)) || 1;
  for (let k = 0; k < v.length; k++) v[k]! /= length;
  return v;
}

/**
 * Stored question vectors as one matrix of bytes, a question a row, each row's scale making it unit length
 * (the vectors readBack gives as floats): a question's cosines read a quarter of the floats' bytes.
 */
function codeRows(
  questions: readonly { vector: string }[],
  count: number,
): { codes: Int8Array; scales: Float32Array } {
  const codes = new Int8Array(questions.length * count);
  const scales = new Float32Array(questions.length);
  questions.forEach((q, k) => {
    const bytes = new Int8Array(Buffer.from(q.vector, "base64"));
    if (bytes.length !== count) {
      throw new AppError("ANSWER_MEMORY_INVALID", `Expected every question vector on ${count} axes.`);
    }
    codes.set(bytes, k * count);
    let squares = 0;
    for (const b of bytes) squares += b * b;
    scales[k] = squares > 0 ? 1 / Math.sqrt(squares) : 1;
  });
  return { codes, scales };
}

/** Question numbers by the sentences each is tied to. */
function bySentence(sentencesOfQuestion: readonly number[][]): Map<number, number[]> {
  const out = new Map<number, number[]>();
  sentencesOfQuestion.forEach((sentences, k) => {
    for (const i of sentences) {
      const ks = out.get(i);
      if (ks) ks.push(k);
      else out.set(i, [k]);
    }
  });
  return out;
}

function floatsOf(base64: string, expected: number, field: string): Float32Array {
  const bytes = Buffer.from(base64, "base64");
  if (bytes.length !== expected * 4) {
    throw new AppError(
      "ANSWER_MEMORY_INVALID",
      `Expected ${expected} numbers in ${field}; got ${bytes.length / 4}.`,
    );
  }
  return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
}

/**
 * The memory beside a corpus, if it has one made with this embedding model. One made with another model is
 * set aside with a warning (its vectors are not comparable), never applied.
 */
export function loadAnswerMemory(
  corpusDir: string,
  embeddingModel: string,
  warn: (line: string) => void,
): AnswerMemoryFile | undefined {
  const file = path.join(corpusDir, ANSWER_MEMORY_FILE);
  const parsed = readFittedFile(answerMemorySchema, file, "ANSWER_MEMORY_INVALID");
  if (!parsed) return undefined;
  if (parsed.embeddingModel !== embeddingModel) {
    warn(
      `${file} was made with ${parsed.embeddingModel}, not ${embeddingModel}; answering without it (refit with npm run fit)`,
    );
    return undefined;
  }
  return parsed;
}
