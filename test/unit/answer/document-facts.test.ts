import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../../src/answer/answerer.js";
import { asksForSource } from "../../../src/answer/document-source.js";
import { createAnswerParts } from "../../../src/app.js";
import { attributionLines } from "../../../src/chunking/structure.js";
import { createRetriever } from "../../../src/retrieval/retriever.js";
import type { Store } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { REPORT } from "../../fixtures/temp-corpus.js";

describe("asksForSource", () => {
  it.each([
    "Where was this report originally published?",
    "Where does this report come from, which paper printed it?",
    "what's the source of this article",
    "where is this article from originally, like which paper",
    "Which newspaper is the source of this report?",
  ])("%s asks where the document comes from", (q) => expect(asksForSource(q)).toBe(true));

  it.each([
    // The content's source, not the document's.
    "What does the report say about the source of funding?",
    "What is the source of funding for the greenways?",
    "Is the report published in Chinese too?",
    // No document pointed at.
    "Which newspapers were published in 1900?",
    "What is the main source of income?",
  ])("%s is a question about the content", (q) => expect(asksForSource(q)).toBe(false));
});

describe("attributionLines", () => {
  it("finds the attribution lines with their exact offsets and labels", () => {
    const text = "Title\n\nA paragraph. Another one.\n  Source: The Daily Paper  \nEditor: A. Smith\n";
    const lines = attributionLines(text);
    expect(lines.map((l) => l.label)).toEqual(["source", "editor"]);
    expect(text.slice(lines[0]!.start, lines[0]!.end)).toBe("Source: The Daily Paper");
    expect(attributionLines("No attribution here.\nThe source: a spring.")).toEqual([]);
  });
});

describe("the source line on a shelf of several documents", () => {
  const OTHER = "harbour-notes.txt";
  const embedder = createFakeEmbedder(384);
  let store: Store;
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    // A second document without an attribution line: "this report" no longer names one document.
    const prepare = (corpus: string) =>
      writeFileSync(
        path.join(corpus, OTHER),
        "Harbour notes\n\nThe harbour will dredge its east channel this year. Ferries will run every hour.\n",
      );
    ({ store, cleanup } = await fakeStore(384, { prepare }));
  });
  afterAll(() => cleanup());
  const ask = (doc?: string) =>
    createAnswerer({ store, embedder, retriever: createRetriever(store), ...createAnswerParts() }).ask(
      "Where was this report published?",
      { doc },
    );
  const quotesSource = (quotes: { text: string }[]) => quotes.some((q) => q.text.startsWith("Source:"));

  it("is given only when the question is narrowed to a document that has one", async () => {
    const narrowed = await ask(REPORT);
    expect(narrowed.answer.quotes.map((q) => q.doc)).toEqual([REPORT]);
    expect(quotesSource(narrowed.answer.quotes)).toBe(true);
    const shelf = await ask();
    expect(quotesSource(shelf.candidateQuotes)).toBe(false);
    const without = await ask(OTHER);
    expect(quotesSource(without.candidateQuotes)).toBe(false);
    expect(without.answer.passages.every((p) => p.doc === OTHER)).toBe(true);
  });
});
