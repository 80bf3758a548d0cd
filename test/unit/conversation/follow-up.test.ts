import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answerer } from "../../../src/answer/answerer.js";
import type { Answer, PassageOut, Quote } from "../../../src/answer/types.js";
import { createConversation, type Reply } from "../../../src/conversation/conversation.js";
import { readOn, rewriteQuestion } from "../../../src/conversation/follow-up.js";
import type { Store } from "../../../src/store/store.js";
import { fakeStore } from "../../fixtures/fake-store.js";

describe("rewriteQuestion: the previous question's frame with a new topic", () => {
  it.each([
    ["What is planned for rural revitalization?", "the budget", "What is planned for the budget?"],
    [
      "What does the report say about jobs in the district?",
      "housing",
      "What does the report say about housing?",
    ],
    ["How many parks will be built in 2024?", "2025", "How many parks will be built in 2025?"],
    ["How many pocket parks will be built?", "greenways", "How many greenways will be built?"],
    ["What is the employment priority?", "the safety plan", "What is the safety plan?"],
    ["When will the new pier open?", "the museum", "When will the museum open?"],
    ["Summarise the plans", "schools", "Summarise the plans schools?"],
  ])("%s + %s → %s", (previous, topic, expected) => {
    expect(rewriteQuestion(previous, topic)).toBe(expected);
  });
});

/** Sentences of the store whose text starts so, as a verbatim quote of them. */
function quoteOf(store: Store, starts: string, count = 1): Quote {
  const i = store.sentences.findIndex((s) => s.text.startsWith(starts));
  const a = store.sentences[i]!;
  const b = store.sentences[i + count - 1]!;
  const text = store.texts[a.doc]!.slice(a.start, b.end);
  return { text, doc: a.doc, section: a.section, paragraph: a.paragraph, start: a.start, end: b.end };
}

describe("follow-ups over the real report (no model)", () => {
  let store: Store;
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    ({ store, cleanup } = await fakeStore());
  });
  afterAll(() => cleanup());

  const asked: string[] = [];
  /** An answerer that answers every question with `answer(question)`, and records what it was asked. */
  function answererWith(answer: (question: string) => Answer): Answerer {
    return {
      store,
      async ask(question: string) {
        asked.push(question);
        return { answer: answer(question), signals: {}, timings: { embedMs: 1, retrieveMs: 1, answerMs: 1 } };
      },
    } as unknown as Answerer;
  }
  const answerOf = (question: string, quotes: Quote[], passages: PassageOut[] = []): Answer => ({
    question,
    answered: quotes.length > 0,
    confidence: quotes.length > 0 ? 0.9 : 0.1,
    quotes,
    passages,
    index: { version: store.manifest.indexVersion },
  });
  const nearest = (a: Answer) => a.passages.slice(0, 3);
  const text = (r: Reply) => (r.kind === "passage" ? r.quote.text : `(${r.kind})`);

  it("reads on after the quote in its paragraph, verbatim, then into the next paragraph of the section", async () => {
    const first = quoteOf(store, "The third is rural revitalization.", 2);
    const answerer = answererWith((q) => answerOf(q, [first]));
    const chat = createConversation({ nearest });
    await chat.respond("c1", "What is planned for rural revitalization?", { answerer });
    const more = await chat.respond("c1", "tell me more", { answerer });
    expect(more.kind).toBe("passage");
    if (more.kind !== "passage") return;
    expect(more.quote.text).toMatch(/^In terms of building beautiful villages/);
    expect(store.texts[more.quote.doc]!.slice(more.quote.start, more.quote.end)).toBe(more.quote.text);
    expect(more.quote.start).toBeGreaterThan(first.end);
    expect(more.quote.paragraph).toBe(first.paragraph);
    // Each "more" moves on from what the last one showed, until the section ends.
    const seen = [more.quote.start];
    let reply = await chat.respond("c1", "more", { answerer });
    while (reply.kind === "passage") {
      expect(reply.quote.start).toBeGreaterThan(seen[seen.length - 1]!);
      seen.push(reply.quote.start);
      reply = await chat.respond("c1", "go on", { answerer });
    }
    expect(reply).toEqual({ kind: "note", note: "end-of-section" });
    expect(seen.length).toBeGreaterThan(2);
  });

  it("reads on after the best quote, leaving out the answer's other quotes, so nothing is shown twice", async () => {
    const quotes = [
      quoteOf(store, "The third is rural revitalization."),
      quoteOf(store, "In terms of building beautiful villages"),
    ];
    const answerer = answererWith((q) => answerOf(q, quotes));
    const chat = createConversation({ nearest });
    await chat.respond("c7", "What is planned for villages?", { answerer });
    const more = await chat.respond("c7", "tell me more", { answerer });
    // Stops before the second quote, which was shown...
    expect(text(more)).toMatch(/^Taking the construction of "three parks" as a starting point[^.]*\.$/);
    // ...and the next "more" goes on after it.
    const again = await chat.respond("c7", "more", { answerer });
    expect(text(again)).toMatch(/^Taking the pilot land consolidation in the whole area/);
  });

  it("readOn says when the document changed under the quote", () => {
    const q = quoteOf(store, "The third is rural revitalization.");
    expect(readOn(store, { ...q, text: "Something else entirely." })).toEqual({
      ok: false,
      reason: "changed",
    });
  });

  it('"the second one" is the second quote with what follows it; "the fifth" of two says so', async () => {
    const quotes = [
      quoteOf(store, "The third is rural revitalization."),
      quoteOf(store, "Fourth, stabilize employment."),
    ];
    const answerer = answererWith((q) => answerOf(q, quotes));
    const chat = createConversation({ nearest });
    await chat.respond("c2", "What are the priorities?", { answerer });
    const second = await chat.respond("c2", "what about the second one?", { answerer });
    expect(text(second)).toMatch(/^Fourth, stabilize employment\. Minhang will continue/);
    const fifth = await chat.respond("c2", "the fifth one", { answerer });
    expect(fifth).toMatchObject({ kind: "no-item", n: 5, items: 2 });
  });

  it("after an abstention, more shows the nearest passage itself", async () => {
    const q = quoteOf(store, "Fourth, stabilize employment.", 2);
    const passage: PassageOut = { ...q, id: "near", score: 0.3 };
    const answerer = answererWith((question) => answerOf(question, [], [passage]));
    const chat = createConversation({ nearest });
    await chat.respond("c3", "What about the moon landing?", { answerer });
    const more = await chat.respond("c3", "tell me more", { answerer });
    expect(text(more)).toMatch(/^Fourth, stabilize employment\./);
  });

  it('"and the budget?" asks the previous question of the new topic, in that conversation only', async () => {
    const answerer = answererWith((q) => answerOf(q, [quoteOf(store, "The third is rural revitalization.")]));
    const chat = createConversation({ nearest });
    await chat.respond("c4", "What is planned for rural revitalization?", { answerer });
    const reply = await chat.respond("c4", "and the budget?", { answerer });
    expect(reply).toMatchObject({ kind: "answer", asked: "What is planned for the budget?" });
    expect(asked[asked.length - 1]).toBe("What is planned for the budget?");
    expect(chat.last("c4")?.question).toBe("What is planned for the budget?");
    // Another conversation has no context: the topic is asked as it stands, "more" gets a note.
    expect(await chat.respond("other", "and the budget?", { answerer })).toMatchObject({ kind: "answer" });
    expect(asked[asked.length - 1]).toBe("and the budget?");
    expect(await chat.respond("new", "tell me more", { answerer })).toEqual({
      kind: "note",
      note: "no-context",
    });
    expect(await chat.respond("c4", "what else?", { answerer })).toMatchObject({ kind: "sources" });
  });

  it("a follow-up may name the turn it refers to, over the conversation's last one", async () => {
    const quotes = [quoteOf(store, "The third is rural revitalization.")];
    const answerer = answererWith((q) => answerOf(q, quotes));
    const chat = createConversation({ nearest });
    const first = await chat.respond("c8", "What is planned for rural revitalization?", { answerer });
    await chat.respond("c8", "How many parks will be built?", { answerer });
    const turn = first.kind === "answer" ? first.turn : undefined;
    const reply = await chat.respond("c8", "and the budget?", { answerer, turn });
    expect(reply).toMatchObject({ kind: "answer", asked: "What is planned for the budget?" });
  });

  it("greetings, thanks, help and other languages never reach the answerer", async () => {
    const before = asked.length;
    const answerer = answererWith((q) => answerOf(q, []));
    const chat = createConversation({ nearest });
    expect(await chat.respond("c5", "hello", { answerer })).toEqual({ kind: "note", note: "greeting" });
    expect(await chat.respond("c5", "thanks!", { answerer })).toEqual({ kind: "note", note: "thanks" });
    expect(await chat.respond("c5", "help", { answerer })).toEqual({ kind: "note", note: "help" });
    expect(await chat.respond("c5", "Why?", { answerer })).toEqual({ kind: "note", note: "content-free" });
    expect(await chat.respond("c5", "Can you write me a business plan?", { answerer })).toEqual({
      kind: "note",
      note: "task",
    });
    expect(await chat.respond("c5", "乡村振兴计划是什么？", { answerer })).toEqual({
      kind: "other-language",
      language: "Chinese",
    });
    expect(asked.length).toBe(before);
    const translated = createConversation({ nearest, translates: () => true });
    expect(await translated.respond("c6", "乡村振兴计划是什么？", { answerer })).toMatchObject({
      kind: "answer",
    });
  });
});
