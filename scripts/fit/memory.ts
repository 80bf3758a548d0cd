/**
 * The report shelf's answered questions (src/answer/answer-memory.ts): the ranker's "memory" input of every
 * report question is filled in from the answered questions of the other report sets only, so the ranker
 * learns how much a like question answered elsewhere is worth on questions the memory does not hold.
 */
import {
  answersWith,
  dequantise,
  quantise,
  supportOf,
  type AnswerMemoryFile,
} from "../../src/answer/answer-memory.js";
import { dotAt } from "../../src/retrieval/dense.js";
import { readItems } from "../../src/eval/read-items.js";
import type { QuestionData } from "./collect.js";

export interface MemoryItem {
  set: string;
  gold: string[];
  /** As the engine will read it back: quantised, then made unit length. */
  vector: Float32Array;
  stored: { bytes: Int8Array; scale: number };
  sentences: Set<number>;
}

/** The answerable questions of the report sets, with the shelf's sentences that answer each. */
export function memoryItems(
  sets: readonly { name: string; questions: string }[],
  vectorOf: (set: string, id: string) => Float32Array,
  sentenceTexts: readonly string[],
): MemoryItem[] {
  return sets.flatMap((set) =>
    readItems(set.questions).flatMap((item) => {
      const gold = item.gold.filter((g): g is string => typeof g === "string");
      if (!gold.length) return [];
      const stored = quantise(vectorOf(set.name, item.id));
      const v = dequantise(stored.bytes, stored.scale);
      const length = Math.sqrt(dotAt(v, 0, v, 0, v.length)) || 1;
      const sentences = new Set(sentenceTexts.flatMap((text, i) => (answersWith(text, gold) ? [i] : [])));
      return sentences.size
        ? [{ set: set.name, gold, vector: v.map((x) => x / length), stored, sentences }]
        : [];
    }),
  );
}

/** Each report question's candidates' support, from the other sets' answered questions; by d.id + d.group. */
export function memorySupport(
  rows: readonly QuestionData[],
  items: readonly MemoryItem[],
  floor: number,
  vectorOf: (set: string, id: string) => Float32Array,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of rows) {
    const q = vectorOf(d.set, d.id);
    const others = items.filter((m) => m.set !== d.set);
    out.set(
      d.id + d.group,
      d.sentences.map((sentence) => {
        let best = -1;
        for (const m of others) {
          if (m.sentences.has(sentence)) best = Math.max(best, dotAt(m.vector, 0, q, 0, q.length));
        }
        return best < 0 ? 0 : supportOf(best, floor);
      }),
    );
  }
  return out;
}

/**
 * The weight of the support in the ranking log-odds: the one that makes the gold sentences likeliest
 * (softmax over each question's candidates) on the general ranker's out-of-fold log-odds.
 */
export function fitMemoryWeight(
  rows: readonly QuestionData[],
  logitsOf: (d: QuestionData) => number[],
  supportOf: Map<string, number[]>,
): { weight: number; logLikelihood: (w: number) => number } {
  const logLikelihood = (w: number) =>
    rows.reduce((sum, d) => {
      const support = supportOf.get(d.id + d.group)!;
      const z = logitsOf(d).map((l, i) => l + w * support[i]!);
      const max = Math.max(...z);
      const log = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
      const gold = z.filter((_, i) => d.y[i]);
      const goldMax = Math.max(...gold);
      return sum + goldMax + Math.log(gold.reduce((s, v) => s + Math.exp(v - goldMax), 0)) - log;
    }, 0);
  let weight = 0;
  for (let w = 0.25; w <= 12; w += 0.25) if (logLikelihood(w) > logLikelihood(weight)) weight = w;
  return { weight, logLikelihood };
}

export function memoryFile(
  items: readonly MemoryItem[],
  embeddingModel: string,
  floor: number,
  weight: number,
  fitted: Record<string, unknown>,
): AnswerMemoryFile {
  return {
    format: 1,
    embeddingModel,
    dims: items[0]?.vector.length ?? 0,
    floor,
    weight,
    questions: items.map((m) => ({
      gold: m.gold,
      vector: Buffer.from(m.stored.bytes.buffer, m.stored.bytes.byteOffset, m.stored.bytes.length).toString(
        "base64",
      ),
      scale: Number(m.stored.scale.toPrecision(6)),
    })),
    fitted,
  };
}
