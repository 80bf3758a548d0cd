import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadSettings } from "../../src/config/settings.js";
import { bruteForceSearch } from "../../src/retrieval/dense.js";
import { REPO, REPORT, tempWorkspace } from "../fixtures/temp-corpus.js";

// The real model and the real report; the index goes to a scratch folder so the repo's index/ is untouched.
const ws = tempWorkspace();
let app: App;
const report = readFileSync(path.join(REPO, "corpus", REPORT), "utf8");

beforeAll(async () => {
  app = await createApp(
    loadSettings({ CORPUS_DIR: ws.corpus, INDEX_DIR: ws.index, MODELS_CACHE_DIR: path.join(REPO, "models") }),
  );
});
afterAll(async () => {
  await app?.close();
  ws.cleanup();
});

const ask = (q: string) =>
  app
    .answerer()
    .ask(q)
    .then((r) => r.answer);

describe("engine on the report, real model", () => {
  it.each([
    [
      "What is planned for rural revitalization?",
      /One Belt and Six Villages|three parks|rural revitalization/,
    ],
    ["How many pocket parks are planned?", /pocket parks/],
    ["How many major industrial projects will be built?", /71 major industrial projects/],
    ["What help is there for college graduates looking for jobs?", /graduates/],
    ["What will happen to the old housing on Longwu Road?", /completed by the end of September/],
  ])("answers %j with verbatim quotes", async (question, expected) => {
    const answer = await ask(question);
    expect(answer.answered).toBe(true);
    expect(answer.quotes.some((q) => expected.test(q.text))).toBe(true);
    for (const q of answer.quotes) {
      expect(report.slice(q.start, q.end)).toBe(q.text);
      expect(q.doc).toBe(REPORT);
      expect(q.paragraph).toBeGreaterThan(0);
    }
    expect(answer.passages).toHaveLength(10);
  });

  it("abstains on a question the report does not address", async () => {
    const answer = await ask("What is the recipe for a chocolate cake?");
    expect(answer.answered).toBe(false);
    expect(answer.passages.length).toBeGreaterThan(0);
  });

  it("is deterministic: the same question gives byte-identical JSON", async () => {
    const q = "What does the report say about employment?";
    expect(JSON.stringify(await ask(q))).toBe(JSON.stringify(await ask(q)));
  });

  it("finds with hnswlib exactly what exact search finds on this corpus", async () => {
    const store = app.answerer().store;
    for (const q of [
      "green space targets",
      "foreign trade",
      "old housing renovation",
      "artificial intelligence industry",
    ]) {
      const [v] = await app.embedder.embed([q]);
      const k = 10;
      const exact = bruteForceSearch(store.unitVectors, v as Float32Array, k).map((h) => h.unit);
      expect(store.dense.search(v as Float32Array, k).map((h) => h.unit)).toEqual(exact);
    }
  });
});
