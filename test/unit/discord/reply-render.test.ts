import { describe, expect, it } from "vitest";
import type { Reply } from "../../../src/conversation/conversation.js";
import type { Turn } from "../../../src/conversation/memory.js";
import { embedViolations } from "../../../src/frontends/discord/limits.js";
import { DISCORD_HELP, renderReply } from "../../../src/frontends/discord/reply-render.js";
import { quotedTexts } from "../../fixtures/embed-quotes.js";
import { answer, passage, quote, TITLE, TITLES } from "./fake-answer.js";

const ids = { answerId: "111", askerId: "222" };
const turn = (): Turn => {
  const a = answer({ passages: [1, 2, 3, 4].map((i) => passage(`Passage ${i}.`, { paragraph: i })) });
  return { question: a.question, answer: a, shown: [] };
};

describe("renderReply", () => {
  it("notes are plain text, with no embed and no buttons", () => {
    const hello = renderReply({ kind: "note", note: "greeting" }, TITLES, ids).body;
    expect(hello.content).toMatch(/^Hello! Ask me a question about the report/);
    expect(hello.embeds).toBeUndefined();
    expect(hello.components).toBeUndefined();
    expect(renderReply({ kind: "note", note: "help" }, TITLES, ids).body.content).toBe(DISCORD_HELP);
    expect(renderReply({ kind: "other-language", language: "Chinese" }, TITLES, ids).body.content).toMatch(
      /^Questions must be in English for now \(this looks like Chinese\)/,
    );
    const noItem: Reply = { kind: "no-item", n: 5, items: 1, turn: turn() };
    expect(renderReply(noItem, TITLES, ids).body.content).toBe(
      "The last answer showed 1 quote, so there is no fifth one. “What else?” lists other passages.",
    );
  });

  it("an answer gets its embed and buttons", () => {
    const t = turn();
    const timings = { embedMs: 1, retrieveMs: 1, answerMs: 1 };
    const r = renderReply({ kind: "answer", answer: t.answer, timings, turn: t }, TITLES, ids);
    expect(r.quotesShown).toBe(1);
    expect(r.body.embeds?.[0]?.description).toMatch(/^\*\*The report says:\*\*/);
    expect(r.body.components?.[0]?.components).toHaveLength(3);
  });

  it("a follow-up's text says what it is, quotes it whole and cites it, without buttons", () => {
    const q = quote("The pier opens in October.", { paragraph: 20 });
    const reply: Reply = { kind: "passage", follow: "more", quote: q, nextParagraph: true, turn: turn() };
    const { body } = renderReply(reply, TITLES, ids);
    const embed = body.embeds?.[0];
    expect(embed && embedViolations(embed)).toEqual([]);
    expect(embed?.description).toBe(
      `*The next paragraph goes on:*\n\n> The pier opens in October.\n— ${TITLE} › Rural revitalization › ¶20`,
    );
    expect(quotedTexts(embed?.description ?? "")).toEqual([q.text]);
    expect(body.components).toBeUndefined();
  });

  it('"what else?" pages through the passages not shown yet, then says there are no more', () => {
    const t = turn();
    const first = renderReply({ kind: "sources", turn: t }, TITLES, ids);
    expect(first.sourcesShown.map((p) => p.text)).toEqual(["Passage 1.", "Passage 2.", "Passage 3."]);
    t.shown.push(...first.sourcesShown);
    const rest = renderReply({ kind: "sources", turn: t }, TITLES, ids);
    t.shown.push(...rest.sourcesShown);
    expect(renderReply({ kind: "sources", turn: t }, TITLES, ids).body.content).toBe(
      "That is every passage I found for this question.",
    );
  });
});
