import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ANSWER_MEMORY_FILE,
  answerMemory,
  dequantise,
  loadAnswerMemory,
  quantise,
  spanFinder,
  supportOf,
  type AnswerMemoryFile,
} from "../../../src/answer/answer-memory.js";
import { AppError } from "../../../src/errors.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";

const DIMS = 8;
const unit = (values: number[]) => {
  const v = Float32Array.from(values);
  const length = Math.hypot(...v);
  return v.map((x) => x / length);
};
const stored = (v: Float32Array) => {
  const q = quantise(v);
  return { vector: Buffer.from(q.bytes.buffer).toString("base64"), scale: q.scale };
};
const memoryFile = (
  questions: { gold: string[]; vector: Float32Array }[],
  unanswered: { quoted: string; vector: Float32Array }[] = [],
): AnswerMemoryFile => ({
  format: 2,
  embeddingModel: "test/q4",
  dims: DIMS,
  // The identity: questions compared on every dimension.
  axes: {
    count: DIMS,
    values: Buffer.from(
      Float32Array.from({ length: DIMS * DIMS }, (_, i) => (i % (DIMS + 1) === 0 ? 1 : 0)).buffer,
    ).toString("base64"),
  },
  floor: 0.5,
  weight: 2,
  questions: questions.map((q) => ({ gold: q.gold, ...stored(q.vector) })),
  unanswered: unanswered.map((q) => ({ quoted: q.quoted, ...stored(q.vector) })),
  fitted: { command: "test" },
});

let store: Store;
let cleanup: () => void;
beforeAll(async () => {
  ({ store, cleanup } = await fakeStore(DIMS));
});
afterAll(() => cleanup());

describe("a shelf's answered questions", () => {
  it("keeps a vector to within a byte's precision", () => {
    const v = unit([0.3, -0.1, 0.05, 0.9, 0, -0.4, 0.2, 0.1]);
    const q = quantise(v);
    const back = dequantise(q.bytes, q.scale);
    v.forEach((x, i) => expect(back[i]).toBeCloseTo(x, 2));
  });

  it("supports only the sentences that hold an answered question's gold, by how close the question is", () => {
    const sentence = store.sentences.findIndex((s) => s.text.length > 60);
    const text = store.sentences[sentence]!.text;
    const asked = unit([1, 0, 0, 0, 0, 0, 0, 0]);
    const memory = answerMemory(memoryFile([{ gold: [text.slice(5, 45)], vector: asked }]), store);
    const same = memory.likenessTo(asked);
    expect(same.answered(sentence)).toBeCloseTo(1, 2);
    const near = unit([1, 0.7, 0, 0, 0, 0, 0, 0]);
    expect(memory.likenessTo(near).answered(sentence)).toBeCloseTo(
      supportOf(Math.cos(Math.atan(0.7)), 0.5),
      2,
    );
    expect(memory.likenessTo(unit([0, 1, 0, 0, 0, 0, 0, 0])).answered(sentence)).toBe(0);
    const other = store.sentences.findIndex((s) => !s.text.includes(text.slice(5, 45)));
    expect(same.answered(other)).toBe(0);
    expect(same.unanswered(sentence)).toBe(0);
  });

  it("gives each sentence the same support whether it is among the candidates worked out at once or not", () => {
    const texts = store.sentences.map((s) => s.text);
    const [a, b, c] = texts.flatMap((t, i) => (t.length > 40 ? [i] : [])).slice(0, 3);
    const span = (i: number) => texts[i]!.slice(2, 30);
    const memory = answerMemory(
      memoryFile([
        { gold: [span(a!)], vector: unit([1, 0.2, 0, 0, 0, 0, 0, 0]) },
        { gold: [span(b!), span(a!)], vector: unit([1, 0, 0.3, 0, 0, 0, 0, 0]) },
        { gold: [span(c!)], vector: unit([0, 1, 0, 0, 0, 0, 0, 0]) },
        { gold: [span(b!)], vector: unit([1, 0.5, 0.1, 0, 0, 0, 0, 0]) },
      ]),
      store,
    );
    const asked = unit([1, 0.1, 0.2, 0, 0, 0, 0, 0]);
    const alone = memory.likenessTo(asked);
    const atOnce = memory.likenessTo(asked, [b!, a!]);
    for (const s of store.sentences.keys()) expect(atOnce.answered(s)).toBe(alone.answered(s));
    expect(alone.answered(a!)).toBeGreaterThan(0);
    expect(alone.answered(b!)).toBeGreaterThan(0);
  });

  it("ties an unanswerable question to the sentence it was quoted with, and to no other", () => {
    const sentence = store.sentences.findIndex((s) => s.text.length > 60);
    const quoted = store.sentences[sentence]!.text;
    const other = store.sentences.findIndex((s) => s.text !== quoted);
    const asked = unit([0, 0, 1, 0, 0, 0, 0, 0]);
    const memory = answerMemory(memoryFile([], [{ quoted, vector: asked }]), store);
    const likeness = memory.likenessTo(unit([0, 0, 1, 0.3, 0, 0, 0, 0]));
    expect(likeness.unanswered(sentence)).toBeCloseTo(supportOf(Math.cos(Math.atan(0.3)), 0.5), 2);
    expect(likeness.unanswered(other)).toBe(0);
    expect(likeness.answered(sentence)).toBe(0);
    // Further than the floor: no likeness at all.
    expect(memory.likenessTo(unit([0, 0, 1, 2, 0, 0, 0, 0])).unanswered(sentence)).toBe(0);
  });

  it("finds the texts holding any of a question's spans, whatever their line breaks and spacing", () => {
    const answering = spanFinder(["The park opens\n in  May.", "It closes in June.", "Nothing here."]);
    expect(answering(["opens in May"])).toEqual([0]);
    expect(answering(["closes in June", "park  opens"])).toEqual([0, 1]);
    expect(answering(["opens in June"])).toEqual([]);
  });

  it("changes its version with what it holds", () => {
    const one = answerMemory(
      memoryFile([{ gold: ["Minhang"], vector: unit([1, 0, 0, 0, 0, 0, 0, 0]) }]),
      store,
    );
    const two = answerMemory(
      memoryFile([{ gold: ["Minhang"], vector: unit([0, 1, 0, 0, 0, 0, 0, 0]) }]),
      store,
    );
    expect(one.version).not.toBe(two.version);
  });

  it("compares questions on its axes only", () => {
    const sentence = store.sentences.findIndex((s) => s.text.length > 60);
    const gold = [store.sentences[sentence]!.text.slice(5, 45)];
    // One axis: every question that leans the same way on the first dimension is alike.
    const axes = {
      count: 1,
      values: Buffer.from(Float32Array.from({ length: DIMS }, (_, i) => (i === 0 ? 1 : 0)).buffer).toString(
        "base64",
      ),
    };
    const stored = {
      ...memoryFile([]),
      axes,
      questions: [{ gold, vector: Buffer.from(Int8Array.of(127).buffer).toString("base64"), scale: 1 }],
    };
    const memory = answerMemory(stored, store);
    expect(memory.likenessTo(unit([0.2, 1, 0, 0, 0, 0, 0, 0])).answered(sentence)).toBeCloseTo(1, 5);
    expect(memory.likenessTo(unit([-0.2, 1, 0, 0, 0, 0, 0, 0])).answered(sentence)).toBe(0);
  });

  it("refuses vectors of another length than the index's", () => {
    const file = { ...memoryFile([]), dims: DIMS + 1 };
    expect(() => answerMemory(file, store)).toThrow(AppError);
  });
});

describe("loading the memory beside a corpus", () => {
  const corpusWith = (json: unknown) => {
    const dir = mkdtempSync(path.join(tmpdir(), "memory-"));
    writeFileSync(path.join(dir, ANSWER_MEMORY_FILE), typeof json === "string" ? json : JSON.stringify(json));
    return dir;
  };

  it("is absent when the corpus has no file", () => {
    expect(loadAnswerMemory(mkdtempSync(path.join(tmpdir(), "memory-")), "test/q4", () => undefined)).toBe(
      undefined,
    );
  });

  it("sets aside, with a warning, a memory made with another model", () => {
    const warnings: string[] = [];
    const dir = corpusWith(memoryFile([]));
    expect(loadAnswerMemory(dir, "other/fp32", (line) => warnings.push(line))).toBe(undefined);
    expect(warnings.join("\n")).toMatch(/made with test\/q4, not other\/fp32/);
    expect(loadAnswerMemory(dir, "test/q4", () => undefined)?.questions).toEqual([]);
  });

  it("names the file and the bad field when it is malformed", () => {
    expect(() => loadAnswerMemory(corpusWith("{ nope"), "test/q4", () => undefined)).toThrow(
      /answer-memory\.json/,
    );
    const bad = { ...memoryFile([]), floor: 2 };
    expect(() => loadAnswerMemory(corpusWith(bad), "test/q4", () => undefined)).toThrow(/floor/);
  });
});
