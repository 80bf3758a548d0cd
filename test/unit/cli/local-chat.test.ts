import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateQuestion, type Answerer } from "../../../src/answer/answerer.js";
import type { Answer, Quote } from "../../../src/answer/types.js";
import { COLOURED, PLAIN, QUOTE_MARK, chatStyle } from "../../../src/frontends/cli/chat-render.js";
import { createLocalChat, CHAT_HELP, runLocalChat } from "../../../src/frontends/cli/local-chat.js";
import type { Engine } from "../../../src/frontends/shared/report-view.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { answer, DOC, passage, quote, TITLE } from "../discord/fake-answer.js";

const manifest = {
  indexVersion: "abcdef123456",
  createdAt: "2025-01-01T00:00:00.000Z",
  model: { id: "mini", dtype: "q4", dims: 384 },
  counts: { units: 4, sentences: 9 },
  documents: [
    { path: DOC, meta: { title: TITLE, occasion: "A meeting", source: "A paper", language: "en" } },
  ],
};

function fakeEngine(make: (question: string) => Answer = (question) => answer({ question })): Engine {
  const passages = [1, 2, 3, 4, 5].map((i) => passage(`Passage number ${i}.`, { paragraph: i }));
  const answerer = {
    store: { manifest, sections: {} },
    async ask(question: string) {
      validateQuestion(question, 500);
      return {
        answer: { ...make(question), passages },
        signals: {},
        timings: { embedMs: 1, retrieveMs: 1, answerMs: 1 },
      };
    },
  } as unknown as Answerer;
  return { answerer: () => answerer };
}

async function chat(lines: string[], engine = fakeEngine(), width?: number) {
  const out: string[] = [];
  const c = createLocalChat(engine, (t) => out.push(t), width ? { width: () => width } : {});
  const results = [];
  for (const line of lines) results.push(await c.handle(line));
  return { text: out.join("\n"), results };
}

describe("local chat", () => {
  it("answers with the confidence in words, marked quotes and short citations, then pages sources, then quits", async () => {
    const { text, results } = await chat(["What is planned?", "/sources", "/sources", "/sources", "/quit"]);
    expect(results).toEqual(["continue", "continue", "continue", "continue", "quit"]);
    expect(text).toContain("The report says (confidence 0.87):\n  │ The third is rural revitalization.\n");
    expect(text).toContain("    — Rural revitalization, ¶19");
    // /sources: where the quote stands in full, then more passages.
    expect(text).toContain(`Quoted from:\n  • ${TITLE} › Rural revitalization › ¶19 (chars`);
    expect(text).toContain("  │ Passage number 3.\n");
    expect(text).toContain("(2 more: /sources again)");
    expect(text).toContain("  │ Passage number 5.");
    expect(text).toContain("That is every passage found for this question.");
  });

  it("/sources leaves out passages holding a quote already shown", async () => {
    const q = quote("The pier opens in October.");
    const around = passage("The pier opens in October. Boats leave every hour.", {
      start: q.start,
      end: q.end + 24,
    });
    const other = passage("Parks open at six.", { paragraph: 3 });
    const a = answer({ quotes: [q], passages: [around, other] });
    const answerer = {
      store: { manifest, sections: {} },
      ask: async () => ({ answer: a, signals: {}, timings: { embedMs: 1, retrieveMs: 1, answerMs: 1 } }),
    } as unknown as Answerer;
    const out: string[] = [];
    const c = createLocalChat({ answerer: () => answerer }, (t) => out.push(t));
    await c.handle("When does the pier open?");
    await c.handle("/sources");
    const sources = out.slice(2).join("\n");
    expect(sources).toContain("Other passages found:\n  │ Parks open at six.");
    expect(sources).not.toContain("Boats leave every hour.");
  });

  it("says when the report may not answer, with the nearest passages and the number", async () => {
    const engine = fakeEngine((question) =>
      answer({ question, answered: false, confidence: 0.21, quotes: [] }),
    );
    const { text } = await chat(["What is the weather on the moon?"], engine);
    expect(text).toContain(
      "The report may not answer this (confidence 0.21). Nearest passages:\n  • Rural revitalization, ¶1",
    );
  });

  it.each([
    [0.95, "The report says (confidence 0.95):"],
    [0.6, "Probably (confidence 0.60):"],
    [0.3, "Possibly (low confidence, 0.30):"],
  ])("an answer at %s opens with %s", async (confidence, lead) => {
    const { text } = await chat(
      ["What is planned?"],
      fakeEngine((question) => answer({ question, confidence })),
    );
    expect(text.split("\n")[0]).toBe(lead);
  });

  it("wraps quotes at word boundaries to the width, every line a run of the quote's words", async () => {
    const long =
      "The district will build twenty pocket parks and thirty kilometres of greenways this year, and plant trees along every new road.";
    const engine = fakeEngine((question) => answer({ question, quotes: [quote(long)] }));
    const { text } = await chat(["What is planned?"], engine, 40);
    const lines = text.split("\n").filter((l) => l.startsWith(QUOTE_MARK));
    expect(lines.length).toBeGreaterThan(3);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(40);
    expect(lines.map((l) => l.slice(QUOTE_MARK.length)).join(" ")).toBe(long);
  });

  it("explains /sources before a question, /about, names unknown commands, and answers bad questions with a hint", async () => {
    const { text } = await chat(["/sources", "/about", "/nope", "x".repeat(600), ""]);
    expect(text).toContain("Ask a question first");
    expect(text).toContain(`  • ${TITLE}\n    A meeting\n    Source: A paper\n    File: ${DOC}`);
    expect(text).toContain("Index version: abcdef123456");
    expect(text).toContain(`Unknown command /nope. ${CHAT_HELP}`);
    expect(text).toContain("Expected at most 500 characters");
  });

  it("greets, thanks, helps and asks for English without quoting anything", async () => {
    const { text } = await chat([
      "hello",
      "thanks!",
      "help",
      "?!",
      "乡村振兴计划是什么？",
      "tell me more",
      "are you a real person or a bot?",
    ]);
    expect(text).not.toContain(QUOTE_MARK);
    expect(text).not.toContain("confidence");
    expect(text).toContain("Hello! Ask me a question about the report");
    expect(text).toContain("Glad to help.");
    expect(text).toContain(CHAT_HELP);
    expect(text.match(/I answer questions about the report in its own words/g)).toHaveLength(2);
    expect(text).toContain("That gives me nothing to look up.");
    expect(text).toContain("Questions must be in English for now (this looks like Chinese).");
    expect(text).toContain("There is no earlier answer here to follow up on.");
  });
});

describe("chatStyle", () => {
  it("colours a terminal unless NO_COLOR is set, never a pipe", () => {
    expect(chatStyle(true, {})).toBe(COLOURED);
    expect(chatStyle(true, { NO_COLOR: "1" })).toBe(PLAIN);
    expect(chatStyle(false, {})).toBe(PLAIN);
    expect(COLOURED.lead("x")).toBe("\x1b[1mx\x1b[22m");
  });
});

describe("runLocalChat through a pipe", () => {
  it("prints the help, answers, sends status lines to their own stream, and ends with the input", async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const status = new PassThrough();
    let out = "";
    let err = "";
    output.on("data", (d: Buffer) => (out += d.toString()));
    status.on("data", (d: Buffer) => (err += d.toString()));
    const running = runLocalChat({
      engine: fakeEngine(),
      input,
      output,
      terminal: false,
      statusOutput: status,
      env: {},
    });
    running.status("index refreshed: 1 document, 4 passages, version abcdef123456");
    input.end("What is planned?\n");
    await running.done;
    expect(out.startsWith(`${CHAT_HELP}\n`)).toBe(true);
    expect(out).toContain("  │ The third is rural revitalization.");
    expect(out).not.toContain("\x1b[");
    expect(out).not.toContain("ask ›");
    expect(err).toBe("index refreshed: 1 document, 4 passages, version abcdef123456\n");
  });
});

describe("runLocalChat in a terminal", () => {
  it("draws the prompt again, with what was typed, under a status line", async () => {
    const input = new PassThrough();
    const output = Object.assign(new PassThrough(), { columns: 60, isTTY: true });
    const status = new PassThrough();
    let out = "";
    output.on("data", (d: Buffer) => (out += d.toString()));
    const running = runLocalChat({
      engine: fakeEngine(),
      input,
      output,
      terminal: true,
      statusOutput: status,
      env: {},
    });
    input.write("What is pl");
    await new Promise((resolve) => setImmediate(resolve));
    const before = out.length;
    running.status("index refreshed: 1 document, 4 passages, version abcdef123456");
    const after = out.slice(before);
    // The prompt line is cleared, then drawn again with the half-typed question.
    expect(after).toMatch(/^\x1b\[2K/);
    expect(after.replace(/\x1b\[[0-9;]*[A-Za-z]/g, "")).toMatch(/ask › What is pl$/);
    expect(status.read()?.toString()).toBe("index refreshed: 1 document, 4 passages, version abcdef123456\n");
    running.close();
    await running.done;
  });
});

describe("local chat over the report (no model): follow-ups and the wording tools", () => {
  let store: Store;
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    ({ store, cleanup } = await fakeStore());
  });
  afterAll(() => cleanup());

  /** Sentences of the store whose text starts so, as a verbatim quote of them. */
  function quoteOf(starts: string, count = 1): Quote {
    const i = store.sentences.findIndex((s) => s.text.startsWith(starts));
    const a = store.sentences[i]!;
    const b = store.sentences[i + count - 1]!;
    const text = store.texts[a.doc]!.slice(a.start, b.end);
    return { text, doc: a.doc, section: a.section, paragraph: a.paragraph, start: a.start, end: b.end };
  }

  async function chatOver(lines: string[], width?: number) {
    const asked: string[] = [];
    const answerer = {
      store,
      async ask(question: string) {
        asked.push(question);
        const quotes = [
          quoteOf("The third is rural revitalization.", 2),
          quoteOf("Fourth, stabilize employment."),
        ];
        const a = answer({ question, confidence: 0.91, quotes, passages: [] });
        return { answer: a, signals: {}, timings: { embedMs: 1, retrieveMs: 1, answerMs: 1 } };
      },
    };
    const out: string[] = [];
    const c = createLocalChat(
      { answerer: () => answerer as unknown as Answerer },
      (t) => out.push(t),
      width ? { width: () => width } : {},
    );
    for (const line of lines) await c.handle(line);
    return { text: out.join("\n"), asked };
  }

  it("answers follow-ups in the context of the previous answer", async () => {
    const { text, asked } = await chatOver([
      "What is planned for rural revitalization?",
      "tell me more",
      "the second one",
      "and the budget?",
    ]);
    expect(text).toMatch(/The text goes on:\n {2}│ In terms of building beautiful villages/);
    expect(text).toMatch(/    — §4 Do a good job in practical matters…, ¶19/);
    expect(text).toContain(
      "The second quote of the answer to “What is planned for rural revitalization?”, with what follows it:",
    );
    expect(text).toContain("  │ Fourth, stabilize employment. Minhang will continue");
    expect(text).toContain("Read as: “What is planned for the budget?”\nThe report says (confidence 0.91):");
    expect(asked).toEqual(["What is planned for rural revitalization?", "What is planned for the budget?"]);
  });

  it("fits every line of answers, follow-ups, notes, help and sources to a narrow terminal", async () => {
    const { text } = await chatOver(
      ["What is planned?", "tell me more", "/sources", "/help", "hello", "乡村振兴？", "/nope", "Why?"],
      50,
    );
    const lines = text.split("\n");
    expect(lines.length).toBeGreaterThan(40);
    for (const line of lines) expect(line.length, line).toBeLessThanOrEqual(50);
  });

  it("/quote prints every hit verbatim with the match marked and cited", async () => {
    const { text } = await chatOver(["/quote 650 mu of forrest"]);
    expect(text).toContain('"650 mu of forrest": 1 hit (1 near)');
    expect(text).toContain(
      "1. (near) In terms of promoting increment, »650 mu of forest« area will be added",
    );
    expect(text).toMatch(/— Minhang District Mayor's Report .* › ¶18 \(chars \d+–\d+\)/);
  });

  it("/brief briefs on a topic, /outline lists the sections, and bad input gets a hint", async () => {
    const { text } = await chatOver([
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
    expect(text).toContain("Give the words to look for: /quote");
    expect(text).toContain("Expected a section or topic of 1 to 200 characters with a word in it");
  });
});
