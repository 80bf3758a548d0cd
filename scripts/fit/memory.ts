/**
 * The report shelf's answered questions (src/answer/answer-memory.ts): each report question's support is
 * taken from the answered questions of the other report sets only, so the weight of that support is
 * learned on questions the memory does not hold.
 */
import {
  onAxes,
  quantise,
  readBack,
  spanFinder,
  supportOf,
  type AnswerMemoryFile,
} from "../../src/answer/answer-memory.js";
import { dotAt } from "../../src/retrieval/dense.js";
import { readItems } from "../../src/eval/read-items.js";
import { topAxes } from "./axes.js";
import type { QuestionData } from "./collect.js";

export interface MemoryItem {
  set: string;
  gold: string[];
  /** As the engine will read it back: on the axes, quantised, then made unit length. */
  vector: Float32Array;
  stored: { bytes: Int8Array; scale: number };
  sentences: Set<number>;
}

export interface MemoryAxes {
  count: number;
  values: Float32Array;
}

/**
 * The leading axes of the answered questions' vectors (of their second moments, not centred: what is kept
 * is their dot products). Questions about one report vary along few directions.
 */
export function memoryAxes(vectors: readonly Float32Array[], count: number): MemoryAxes {
  const n = vectors[0]?.length ?? 0;
  const moments = new Float64Array(n * n);
  for (const v of vectors) {
    for (let a = 0; a < n; a++) for (let b = 0; b < n; b++) moments[a * n + b]! += v[a]! * v[b]!;
  }
  return { count, values: Float32Array.from(topAxes(moments, n, count, 30)) };
}

/** The answerable questions of the report sets, with the shelf's sentences that answer each. */
export function memoryItems(
  sets: readonly { name: string; questions: string }[],
  vectorOf: (set: string, id: string) => Float32Array,
  sentenceTexts: readonly string[],
  axesCount: number,
): { items: MemoryItem[]; axes: MemoryAxes } {
  const answering = spanFinder(sentenceTexts);
  const answered = sets.flatMap((set) =>
    readItems(set.questions).flatMap((item) => {
      const gold = item.gold.filter((g): g is string => typeof g === "string");
      const sentences = new Set(answering(gold));
      return gold.length && sentences.size
        ? [{ set: set.name, gold, full: vectorOf(set.name, item.id), sentences }]
        : [];
    }),
  );
  const axes = memoryAxes(
    answered.map((a) => a.full),
    axesCount,
  );
  const items = answered.map(({ full, ...a }) => {
    const stored = quantise(onAxes(full, axes.values, axes.count));
    return { ...a, stored, vector: readBack(stored.bytes, stored.scale) };
  });
  return { items, axes };
}

/** Each report question's candidates' support, from the other sets' answered questions; by d.id + d.group. */
export function memorySupport(
  rows: readonly QuestionData[],
  items: readonly MemoryItem[],
  axes: MemoryAxes,
  floor: number,
  vectorOf: (set: string, id: string) => Float32Array,
): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const d of rows) {
    const q = onAxes(vectorOf(d.set, d.id), axes.values, axes.count);
    const others = items.filter((m) => m.set !== d.set);
    out.set(
      d.id + d.group,
      d.sentences.map((sentence) => {
        let best = -1;
        for (const m of others) {
          if (m.sentences.has(sentence)) best = Math.max(best, dotAt(m.vector, 0, q, 0, axes.count));
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

/** A question labelled unanswerable, tied to the sentence the engine quoted for it out of fold. */
export interface UnansweredItem {
  set: string;
  /** Position in the shelf's sentences. */
  sentence: number;
  vector: Float32Array;
  stored: { bytes: Int8Array; scale: number };
}

export function unansweredItems(
  rows: readonly QuestionData[],
  quotedOf: (d: QuestionData) => number | undefined,
  axes: MemoryAxes,
  vectorOf: (set: string, id: string) => Float32Array,
): UnansweredItem[] {
  return rows.flatMap((d) => {
    const sentence = quotedOf(d);
    if (d.answerable || sentence === undefined) return [];
    const stored = quantise(onAxes(vectorOf(d.set, d.id), axes.values, axes.count));
    return [{ set: d.set, sentence, stored, vector: readBack(stored.bytes, stored.scale) }];
  });
}

/**
 * Each report question's likeness to the other sets' unanswerable questions quoted with the sentence it is
 * quoted with itself (as the engine's memory works it out); by d.id + d.group.
 */
export function unansweredLikeness(
  rows: readonly QuestionData[],
  quotedOf: (d: QuestionData) => number | undefined,
  items: readonly UnansweredItem[],
  axes: MemoryAxes,
  floor: number,
  vectorOf: (set: string, id: string) => Float32Array,
): Map<string, number> {
  const out = new Map<string, number>();
  for (const d of rows) {
    const sentence = quotedOf(d);
    const q = onAxes(vectorOf(d.set, d.id), axes.values, axes.count);
    let best = -1;
    for (const u of items) {
      if (u.set !== d.set && u.sentence === sentence)
        best = Math.max(best, dotAt(u.vector, 0, q, 0, axes.count));
    }
    out.set(d.id + d.group, supportOf(best, floor));
  }
  return out;
}

const base64 = (a: Int8Array | Float32Array) =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("base64");

export function memoryFile(
  items: readonly MemoryItem[],
  unanswered: { items: readonly UnansweredItem[]; texts: readonly string[] },
  axes: MemoryAxes,
  embeddingModel: string,
  floor: number,
  weight: number,
  fitted: Record<string, unknown>,
): AnswerMemoryFile {
  return {
    format: 2,
    embeddingModel,
    dims: axes.values.length / axes.count,
    axes: { count: axes.count, values: base64(axes.values) },
    floor,
    weight,
    questions: items.map((m) => ({
      gold: m.gold,
      vector: base64(m.stored.bytes),
      scale: Number(m.stored.scale.toPrecision(6)),
    })),
    unanswered: unanswered.items.map((u) => ({
      quoted: unanswered.texts[u.sentence]!,
      vector: base64(u.stored.bytes),
      scale: Number(u.stored.scale.toPrecision(6)),
    })),
    fitted,
  };
}
