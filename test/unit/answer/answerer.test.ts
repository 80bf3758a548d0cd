import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer, DEFAULT_ANSWERER } from "../../../src/answer/answerer.js";
import {
  confidenceOf,
  DEFAULT_CONFIDENCE,
  expectedAnswerType,
  matchesAnswerType,
} from "../../../src/answer/confidence.js";
import { focusTerms } from "../../../src/answer/coverage.js";
import { AppError } from "../../../src/errors.js";
import { createRetriever } from "../../../src/retrieval/retriever.js";
import type { Store } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { fakeStore } from "../../fixtures/fake-store.js";

// The fake embedder is deterministic: this instance gives the vectors the store was built with.
const embedder = createFakeEmbedder(256);
let store: Store;
let cleanup = () => undefined as void;

beforeAll(async () => {
  ({ store, cleanup } = await fakeStore(256));
});
afterAll(() => cleanup());

const answerer = () => createAnswerer(store, embedder, createRetriever(store));

describe("answerer (fake embedder)", () => {
  it("quotes sentences verbatim, with offsets into the document", async () => {
    const { answer } = await answerer().ask("How many pocket parks will be built?");
    expect(answer.answered).toBe(true);
    expect(answer.quotes.length).toBeGreaterThan(0);
    expect(answer.quotes.length).toBeLessThanOrEqual(3);
    for (const q of answer.quotes) expect(store.texts[q.doc]?.slice(q.start, q.end)).toBe(q.text);
    expect(answer.quotes.some((q) => q.text.includes("20 pocket parks"))).toBe(true);
  });

  it("counts a sentence's section heading as what it is about", async () => {
    // "livelihood" is only in the heading of the section that holds the sentence.
    const { answer, signals } = await answerer().ask(
      "How many livelihood projects have completed their annual targets ahead of schedule?",
    );
    expect(answer.quotes[0]?.text).toContain("5 projects have completed their annual targets");
    expect(answer.quotes[0]?.section).toContain("livelihood");
    expect(signals.focusCoverage).toBe(1);
  });

  it("abstains on a question the report does not touch, still listing the nearest passages", async () => {
    const { answer } = await answerer().ask("Who won the football match last night?");
    expect(answer.answered).toBe(false);
    expect(answer.quotes).toEqual([]);
    expect(answer.passages).toHaveLength(DEFAULT_ANSWERER.passages);
  });

  it("gives byte-identical JSON for the same question and index", async () => {
    const a = await answerer().ask("What is planned for rural revitalization?");
    const b = await answerer().ask("What is planned for rural revitalization?");
    expect(JSON.stringify(a.answer)).toBe(JSON.stringify(b.answer));
  });

  it("rejects an empty or overlong question with a user-facing error", async () => {
    await expect(answerer().ask("  ?! ")).rejects.toBeInstanceOf(AppError);
    await expect(answerer().ask("x".repeat(501))).rejects.toThrow(/at most 500/);
  });
});

describe("confidence", () => {
  const base = {
    sentenceCos: 0.5,
    passageCos: 0.5,
    coverage: 0.5,
    corpusCoverage: 0.5,
    agreement: 0,
    quoteCoverage: 0.5,
    answerType: 1,
    focusCoverage: 1,
  };
  it("stays in [0, 1] and grows with each weighted signal", () => {
    const c = confidenceOf(base);
    expect(c).toBeGreaterThan(0);
    expect(c).toBeLessThan(1);
    for (const key of Object.keys(DEFAULT_CONFIDENCE.weights) as (keyof typeof base)[]) {
      expect(confidenceOf({ ...base, [key]: base[key] + 0.3 }, DEFAULT_CONFIDENCE)).toBeGreaterThan(c);
    }
  });
  it("abstains when the quote lacks what the question asks for, however close it is", () => {
    const strong = { ...base, coverage: 1, corpusCoverage: 1, quoteCoverage: 1, sentenceCos: 0.8 };
    expect(confidenceOf(strong)).toBeGreaterThan(DEFAULT_CONFIDENCE.threshold);
    expect(confidenceOf({ ...strong, answerType: 0 })).toBeLessThan(DEFAULT_CONFIDENCE.threshold);
    expect(confidenceOf({ ...strong, focusCoverage: 0.5 })).toBeLessThan(DEFAULT_CONFIDENCE.threshold);
  });
});

describe("what a question asks for", () => {
  it("reads the answer type off the question's form", () => {
    expect(expectedAnswerType("How many pocket parks will be built?")).toBe("number");
    expect(expectedAnswerType("How much money is budgeted for parks?")).toBe("money");
    expect(expectedAnswerType("What is the unemployment rate?")).toBe("percent");
    expect(expectedAnswerType("What is the average house price in the district?")).toBe("money");
    expect(expectedAnswerType("When will the tunnel open?")).toBe("time");
    expect(expectedAnswerType("What are the opening hours of the hotline?")).toBe("hours");
    expect(matchesAnswerType("hours", "Parks will open 24-hour where possible.")).toBe(true);
    expect(matchesAnswerType("hours", "The hotline work will be improved this year.")).toBe(false);
    expect(expectedAnswerType("How big is the new park?")).toBe("number");
    expect(expectedAnswerType("What was the district's trade volume?")).toBe("number");
    expect(expectedAnswerType("What is planned for parks?")).toBeNull();
    expect(matchesAnswerType("money", "80 hectares of green space")).toBe(false);
    expect(matchesAnswerType("money", "a fund of 2 billion yuan")).toBe(true);
    const where = "Where are the demonstration areas?";
    expect(expectedAnswerType(where)).toBe("place");
    expect(
      matchesAnswerType("place", "We will build demonstration areas in Zizhu High-tech Zone.", where),
    ).toBe(true);
    expect(matchesAnswerType("place", "Demonstration areas will be built. Areas matter.", where)).toBe(false);
  });
  it("takes the counted noun or the event as the focus, stopping at the first stop word", () => {
    expect(focusTerms("How many pocket parks will be built this year?")).toEqual(["pocket", "park"]);
    expect(focusTerms("When will the next People's Congress election be held?")).toEqual([
      "next",
      "peopl",
      "congress",
      "elect",
    ]);
    expect(focusTerms("What is planned for parks?")).toEqual([]);
    expect(focusTerms("Which universities is the district working with?")).toEqual(["univers"]);
    expect(focusTerms("What three things will the plan focus on?")).toEqual([]);
    expect(focusTerms("Where will the Airport Link Line stations be located?")).toEqual([
      "airport",
      "link",
      "line",
      "station",
    ]);
  });
});

describe("document filter", () => {
  it("answers only from the named document and rejects an unknown one", async () => {
    const { answer } = await answerer().ask("pocket parks", { doc: "minhang-mayor-report.txt" });
    expect(answer.passages.every((p) => p.doc === "minhang-mayor-report.txt")).toBe(true);
    await expect(answerer().ask("pocket parks", { doc: "nope.txt" })).rejects.toMatchObject({
      code: "DOC_UNKNOWN",
    });
  });
});
