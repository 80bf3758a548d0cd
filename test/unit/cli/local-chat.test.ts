import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateQuestion, type Answerer } from "../../../src/answer/answerer.js";
import { createLocalChat, CHAT_HELP } from "../../../src/frontends/cli/local-chat.js";
import type { Engine } from "../../../src/frontends/shared/report-view.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { answer, DOC, passage, TITLE } from "../discord/fake-answer.js";

const manifest = {
  indexVersion: "abcdef123456",
  createdAt: "2025-01-01T00:00:00.000Z",
  model: { id: "mini", dtype: "q4", dims: 384 },
  counts: { units: 4, sentences: 9 },
  documents: [
    { path: DOC, meta: { title: TITLE, occasion: "A meeting", source: "A paper", language: "en" } },
  ],
};

function fakeEngine(): Engine {
  const passages = [1, 2, 3, 4, 5].map((i) => passage(`Passage number ${i}.`, { paragraph: i }));
  const answerer = {
    store: { manifest },
    async ask(question: string) {
      validateQuestion(question, 500);
      return {
        answer: answer({ question, passages }),
        signals: {},
        timings: { embedMs: 1, retrieveMs: 1, answerMs: 1 },
      };
    },
  } as unknown as Answerer;
  return { answerer: () => answerer };
}

async function chat(lines: string[]) {
  const out: string[] = [];
  const c = createLocalChat(fakeEngine(), (t) => out.push(t));
  const results = [];
  for (const line of lines) results.push(await c.handle(line));
  return { text: out.join("\n"), results };
}

describe("local chat", () => {
  it("answers with quotes and citations, then pages sources, then quits", async () => {
    const { text, results } = await chat(["What is planned?", "/sources", "/sources", "/sources", "/quit"]);
    expect(results).toEqual(["continue", "continue", "continue", "continue", "quit"]);
    expect(text).toContain("> The third is rural revitalization.");
    expect(text).toContain(`— ${TITLE} › Rural revitalization › ¶19`);
    expect(text).toContain("Confidence: 0.87");
    expect(text).toContain("> Passage number 3.\n");
    expect(text).toContain("(2 more: /sources again)");
    expect(text).toContain("> Passage number 5.");
    expect(text).toContain("That is every passage found for this question.");
  });

  it("explains /sources before a question, /about, unknown commands and bad questions", async () => {
    const { text } = await chat(["/sources", "/about", "/nope", "?!", ""]);
    expect(text).toContain("Ask a question first");
    expect(text).toContain(`  • ${TITLE}\n    A meeting\n    Source: A paper\n    File: ${DOC}`);
    expect(text).toContain("Index version: abcdef123456");
    expect(text).toContain(CHAT_HELP);
    expect(text).toContain("Expected a question with at least one word");
  });
});

describe("local chat: /quote, /brief and /outline over the report (no model)", () => {
  let store: Store;
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    ({ store, cleanup } = await fakeStore());
  });
  afterAll(() => cleanup());

  async function chatOver(lines: string[]) {
    const answerer = { store, ask: () => Promise.reject(new Error("no questions here")) };
    const out: string[] = [];
    const c = createLocalChat({ answerer: () => answerer as unknown as Answerer }, (t) => out.push(t));
    for (const line of lines) await c.handle(line);
    return out.join("\n");
  }

  it("/quote prints every hit verbatim with the match marked and cited", async () => {
    const text = await chatOver(["/quote 650 mu of forrest"]);
    expect(text).toContain('"650 mu of forrest": 1 hit (1 near)');
    expect(text).toContain(
      "1. (near) In terms of promoting increment, »650 mu of forest« area will be added",
    );
    expect(text).toMatch(/— Minhang District Mayor's Report .* › ¶18 \(chars \d+–\d+\)/);
  });

  it("/brief briefs on a topic, /outline lists the sections, and bad input gets a hint", async () => {
    const text = await chatOver([
      "/brief rural revitalization",
      "/outline",
      "/outline nope.txt",
      "/quote",
      "/brief ?!",
    ]);
    expect(text).toContain('Briefing on "rural revitalization"');
    expect(text).toContain("• The third is rural revitalization.");
    expect(text).toContain("  4. Do a good job in practical matters");
    expect(text).toContain(
      'No document "nope.txt" is indexed. Known documents:\n  • minhang-mayor-report.txt — ',
    );
    expect(text).toContain("Give the words to look for: /quote 650 mu of forest");
    expect(text).toContain("Expected a section or topic of 1 to 200 characters with a word in it");
  });
});
