import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerMemory, quantise } from "../../../src/answer/answer-memory.js";
import { createAnswerer, DEFAULT_ANSWERER } from "../../../src/answer/answerer.js";
import { createAnswerParts } from "../../../src/app.js";
import { AppError } from "../../../src/errors.js";
import type { QueryTranslator } from "../../../src/language/translator.js";
import { createRetriever } from "../../../src/retrieval/retriever.js";
import type { Store } from "../../../src/store/store.js";
import { createWasmVectorKernels } from "../../../src/compute/wasm-vector-kernels.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { fakeStore } from "../../fixtures/fake-store.js";

// The fake embedder is deterministic: this instance gives the vectors the store was built with.
const embedder = createFakeEmbedder(384);
const parts = createAnswerParts();
let store: Store;
let cleanup = () => undefined as void;

beforeAll(async () => {
  ({ store, cleanup } = await fakeStore(384));
});
afterAll(() => cleanup());

const answerer = (translator?: QueryTranslator) =>
  createAnswerer({ store, embedder, retriever: createRetriever(store), ...parts, translator });

describe("answerer (fake embedder, fitted answer model)", () => {
  it("quotes sentences verbatim, with offsets into the document", async () => {
    // Fake vectors make no confident answer: the quotes are checked whether or not they clear the threshold.
    const { answer, candidateQuotes } = await answerer().ask("How many pocket parks will be built?");
    expect(answer.quotes).toEqual(answer.answered ? candidateQuotes : []);
    expect(candidateQuotes.length).toBeGreaterThan(0);
    for (const q of candidateQuotes) expect(store.texts[q.doc]?.slice(q.start, q.end)).toBe(q.text);
    expect(candidateQuotes.some((q) => q.text.includes("20 pocket parks"))).toBe(true);
    expect(answer.index.answerModel).toBe(parts.model.version);
  });

  it("answers the same with the app's WebAssembly kernels as with plain JavaScript", async () => {
    const kernels = createWasmVectorKernels();
    const withKernels = createAnswerer({
      store,
      embedder,
      retriever: createRetriever(store, undefined, kernels),
      ...parts,
      kernels,
    });
    for (const question of [
      "How many pocket parks will be built?",
      "What about the greenways and forests?",
    ]) {
      const [plain, simd] = [await answerer().ask(question), await withKernels.ask(question)];
      expect(simd.candidateQuotes).toEqual(plain.candidateQuotes);
      expect(simd.answer.passages.map((p) => p.id)).toEqual(plain.answer.passages.map((p) => p.id));
      expect(simd.answer.confidence).toBeCloseTo(plain.answer.confidence, 3);
    }
  });

  it("tells the confidence that the report uses none of a question's words, still listing the nearest passages", async () => {
    // The fake embedder's vectors mean nothing, so the confidence itself is not compared here (abstention
    // is tested with the real model in test/integration/engine.test.ts); its lexical inputs are.
    const unknown = await answerer().ask("Did quixotic zebras juggle xylophones?");
    const known = await answerer().ask("How many pocket parks will be built?");
    expect(unknown.features?.corpusCoverage).toBe(0);
    expect(known.features?.corpusCoverage).toBeGreaterThan(0.9);
    expect(unknown.features!.topCoverage).toBeLessThan(known.features!.topCoverage);
    expect(unknown.candidateQuotes.length).toBeGreaterThan(0);
    expect(unknown.answer.passages).toHaveLength(DEFAULT_ANSWERER.passages);
    if (!unknown.answer.answered) expect(unknown.answer.quotes).toEqual([]);
  });

  it("gives byte-identical JSON for the same question and index", async () => {
    const a = await answerer().ask("What is planned for rural revitalization?");
    const b = await answerer().ask("What is planned for rural revitalization?");
    expect(JSON.stringify(a.answer)).toBe(JSON.stringify(b.answer));
  });

  it("answers the same whether the sentences were worked out while the model embedded or after", async () => {
    // A model slow enough that every sentence's lexical inputs are worked out before the vector comes.
    const slow = {
      ...embedder,
      embedTokens: async (texts: readonly string[]) => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        return embedder.embedTokens!(texts);
      },
    };
    const ask = (sentencesAhead: number, q: string) =>
      createAnswerer(
        { store, embedder: slow, retriever: createRetriever(store), ...parts },
        { ...DEFAULT_ANSWERER, sentencesAhead },
      ).ask(q);
    for (const q of ["How many pocket parks will be built?", "What is planned for rural revitalization?"]) {
      const ahead = await ask(store.sentences.length, q);
      const after = await ask(0, q);
      expect(JSON.stringify(ahead.answer)).toBe(JSON.stringify(after.answer));
      expect(ahead.features).toEqual(after.features);
    }
  });

  it("never gives a confidence outside [0, 1] or NaN", async () => {
    for (const q of ["x", "the the the", "1 2 3", "What?", "pocket parks pocket parks"]) {
      const { answer } = await answerer().ask(q);
      expect(Number.isFinite(answer.confidence)).toBe(true);
      expect(answer.confidence).toBeGreaterThanOrEqual(0);
      expect(answer.confidence).toBeLessThanOrEqual(1);
    }
  });

  it("rejects an empty or overlong question with a user-facing error", async () => {
    await expect(answerer().ask("  ?! ")).rejects.toBeInstanceOf(AppError);
    await expect(answerer().ask("x".repeat(501))).rejects.toThrow(/at most 500/);
  });

  it("searches a translated question in English and says what it searched for", async () => {
    const seen: string[] = [];
    const translator: QueryTranslator = {
      handles: (q) => /[\u4e00-\u9fff]/u.test(q),
      translate: async (q, isKnown) => {
        seen.push(q);
        expect(isKnown("parks")).toBe(true);
        expect(isKnown("zebra")).toBe(false);
        return { query: "How many pocket parks will be built?", words: [] };
      },
    };
    const { answer, candidateQuotes } = await answerer(translator).ask("口袋公园有多少个?");
    expect(seen).toEqual(["口袋公园有多少个?"]);
    expect(answer.question).toBe("口袋公园有多少个?");
    expect(answer.searchedFor).toBe("How many pocket parks will be built?");
    expect(candidateQuotes.some((q) => q.text.includes("20 pocket parks"))).toBe(true);
    const english = await answerer(translator).ask("How many pocket parks will be built?");
    expect(english.answer.searchedFor).toBeUndefined();
  });
});

describe("translated questions", () => {
  it("abstain when the translation rendered none of the question's words in the shelf's", async () => {
    const translator: QueryTranslator = {
      handles: () => true,
      translate: async () => ({
        query: "How many pocket parks will be built?",
        words: [{ source: "迪士尼", weight: 3, english: ["Disney"], known: false }],
      }),
    };
    const { answer, candidateQuotes } = await answerer(translator).ask("迪士尼有多少个?");
    expect(answer.answered).toBe(false);
    expect(answer.confidence).toBe(0);
    expect(candidateQuotes.length).toBeGreaterThan(0);
  });
});

describe("a question about where the document comes from", () => {
  it("quotes the document's own source line, verbatim where it stands", async () => {
    const { answer } = await answerer().ask("Where was this report originally published?");
    const line = /^Source: .+$/m.exec(store.texts["minhang-mayor-report.txt"]!)!;
    expect(answer.answered).toBe(true);
    expect(answer.quotes).toHaveLength(1);
    const [quote] = answer.quotes;
    expect(quote).toMatchObject({ text: line[0], start: line.index, end: line.index + line[0].length });
    expect(store.texts[quote!.doc]!.slice(quote!.start, quote!.end)).toBe(quote!.text);
    // The line stands outside the paragraphs: it is listed as where the answer stands.
    expect(answer.passages).toEqual([
      expect.objectContaining({ text: line[0], start: line.index, end: line.index + line[0].length }),
    ]);
  });

  it("leaves a question about the content's source to the answer stage", async () => {
    const { answer } = await answerer().ask("What does the report say about the source of funding?");
    expect(answer.quotes.every((q) => !q.text.startsWith("Source:"))).toBe(true);
    expect(answer.passages.length).toBeGreaterThan(0);
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

describe("words searched while the question is embedded", () => {
  it("quotes the sentence a shelf's answered question like this one was answered with", async () => {
    const question = "How many pocket parks will be built?";
    const before = await answerer().ask(question);
    // A sentence the general model does not put first: the first sentence of a lower passage.
    const other = before.answer.passages
      .slice(1)
      .map((p) => p.text.slice(0, p.text.indexOf(". ")))
      .find((first) => first.length > 50 && !before.candidateQuotes.some((q) => q.text.includes(first)))!;
    expect(other).toBeDefined();
    const [asked] = await embedder.embed([question]);
    const stored = quantise(asked!);
    const identity = Float32Array.from({ length: 384 * 384 }, (_, i) => (i % 385 === 0 ? 1 : 0));
    const memory = answerMemory(
      {
        format: 2,
        embeddingModel: "test",
        dims: 384,
        axes: { count: 384, values: Buffer.from(identity.buffer).toString("base64") },
        floor: 0.5,
        weight: 50,
        questions: [
          {
            gold: [other.slice(0, 40)],
            vector: Buffer.from(stored.bytes.buffer).toString("base64"),
            scale: stored.scale,
          },
        ],
        unanswered: [],
        fitted: {},
      },
      store,
    );
    const remembering = createAnswerer({
      store,
      embedder,
      retriever: createRetriever(store),
      ...parts,
      memory,
    });
    const after = await remembering.ask(question);
    expect(after.candidateQuotes[0]?.text).toContain(other.slice(0, 40));
    expect(after.answer.index.answerModel).toBe(`${parts.model.version}+m${memory.version}`);
    // A question unlike the answered one is ranked as without the memory.
    const unlike = "river greenways";
    expect((await remembering.ask(unlike)).candidateQuotes).toEqual(
      (await answerer().ask(unlike)).candidateQuotes,
    );
  });

  it("ranks exactly as the one-step retrieval does", async () => {
    const retriever = createRetriever(store);
    for (const question of ["How many pocket parks will be built?", "river greenways", "budget"]) {
      const [vector] = await embedder.embed([question]);
      const whole = retriever.retrieve({ question, vector: vector! });
      expect(retriever.begin({ question }).finish(vector!)).toEqual(whole);
    }
  });

  it("reports an embedding that fails as the error it is", async () => {
    const failing = {
      ...embedder,
      embed: () => Promise.reject(new AppError("MODEL_UNAVAILABLE", "the model went away")),
      embedTokens: undefined,
    };
    const asking = createAnswerer({ store, embedder: failing, retriever: createRetriever(store), ...parts });
    await expect(asking.ask("pocket parks")).rejects.toMatchObject({ code: "MODEL_UNAVAILABLE" });
  });
});
