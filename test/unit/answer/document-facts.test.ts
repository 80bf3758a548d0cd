import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAnswerer } from "../../../src/answer/answerer.js";
import { asksForSource, documentFactsAsked } from "../../../src/answer/document-facts.js";
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
    // The rest of the word family: "sourced", "publisher".
    "Which publication is this report sourced from?",
    "Who is the publisher of this article?",
  ])("%s asks where the document comes from", (q) => expect(asksForSource(q)).toBe(true));

  it.each([
    // The content's source, not the document's.
    "What does the report say about the source of funding?",
    "What is the source of funding for the greenways?",
    "Is the report published in Chinese too?",
    // No document pointed at.
    "Which newspapers were published in 1900?",
    "What is the main source of income?",
    "Which energy sources does the report mention?",
  ])("%s is a question about the content", (q) => expect(asksForSource(q)).toBe(false));
});

describe("documentFactsAsked", () => {
  it.each([
    ["Who gave this speech?", ["speaker"]],
    ["Who is the speaker?", ["speaker"]],
    ["who wrote this report", ["speaker"]],
    ["Who is the author of this article?", ["speaker"]],
    ["When was this speech given?", ["dateline"]],
    ["When was the report delivered?", ["dateline"]],
    ["Where was this speech given?", ["dateline"]],
    ["At what meeting was the speech given?", ["dateline"]],
    ["who delivered the speech and when", ["speaker", "dateline"]],
    ["Where was this report originally published?", ["source"]],
    ["Where did this report come from originally?", ["source"]],
    ["where is the article from", ["source"]],
    // A request around the question.
    ["May I ask where this report was originally published?", ["source"]],
    ["Can you tell me who gave this speech?", ["speaker"]],
  ])("%s asks the document's %j", (q, facts) => expect(documentFactsAsked(q)).toEqual(facts));

  it.each([
    // Something to look up besides the document.
    "Who gave the speech on housing?",
    "When will the report's greenways be finished?",
    "Who is the party secretary of Minhang?",
    // No document pointed at, or nothing asked of it.
    "When was the meeting held?",
    "Who gave a speech?",
    "What is this report about?",
  ])("%s is a question about the content", (q) => expect(documentFactsAsked(q)).toEqual([]));
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

describe("questions about the document itself", () => {
  const embedder = createFakeEmbedder(384);
  let store: Store;
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    ({ store, cleanup } = await fakeStore(384));
  });
  afterAll(() => cleanup());
  const ask = (question: string) =>
    createAnswerer({ store, embedder, retriever: createRetriever(store), ...createAnswerParts() }).ask(
      question,
    );

  it("quotes the sentence that names the speaker of the metadata, and the passage holding it", async () => {
    const { answer } = await ask("Who gave this speech, and when?");
    const text = store.texts[REPORT]!;
    expect(answer.answered).toBe(true);
    expect(answer.quotes).toHaveLength(1);
    const [quote] = answer.quotes;
    expect(quote!.text).toContain("Chen Huawen");
    expect(quote!.text).toContain("August 22");
    expect(text.slice(quote!.start, quote!.end)).toBe(quote!.text);
    expect(answer.passages[0]!.start).toBeLessThanOrEqual(quote!.start);
    expect(answer.passages[0]!.end).toBeGreaterThanOrEqual(quote!.end);
  });

  it("leaves a question about the content to the answer stage", async () => {
    const { answer, features } = await ask("Who gave the speech on greenways?");
    expect(features).not.toBeNull();
    expect(answer.confidence).not.toBe(0.95);
  });
});
