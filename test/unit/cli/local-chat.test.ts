import { describe, expect, it } from "vitest";
import { validateQuestion, type Answerer } from "../../../src/answer/answerer.js";
import { createLocalChat, CHAT_HELP } from "../../../src/frontends/cli/local-chat.js";
import type { Engine } from "../../../src/frontends/shared/report-view.js";
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
    expect(text).toContain(`  • ${TITLE}\n    A meeting\n    Source: A paper`);
    expect(text).toContain("Index version: abcdef123456");
    expect(text).toContain(CHAT_HELP);
    expect(text).toContain("Expected a question with at least one word");
  });
});
