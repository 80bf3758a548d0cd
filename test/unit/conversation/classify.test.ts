import { ZH_CN_HELP } from "../../../src/language/zh-strings.js";
import { replyNote } from "../../../src/frontends/shared/conversation-notes.js";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { classifyMessage } from "../../../src/conversation/classify.js";

const kind = (text: string) => classifyMessage(text).kind;

describe("classifyMessage", () => {
  it.each(["hi", "Hello!", "hey there", "Good morning", "good evening, bot", "Hi there!", "how are you?"])(
    "%s is a greeting",
    (text) => expect(kind(text)).toBe("greeting"),
  );

  it.each(["thanks", "Thank you!", "thx", "Great, thanks!", "ok", "Got it.", "much appreciated", "cheers"])(
    "%s is thanks",
    (text) => expect(kind(text)).toBe("thanks"),
  );

  it.each(["help", "Help!", "/help me", "What can you do?", "how does this work?", "who are you"])(
    "%s asks for help",
    (text) => expect(kind(text)).toBe("help"),
  );

  it.each([
    "test",
    "Testing",
    "Hello, thank you in advance for your assistance.",
    "ok thanks, that's all",
    "Thanks! That's all for now. Bye",
  ])("%s is only courtesies, one after another", (text) => {
    expect(["greeting", "thanks"]).toContain(kind(text));
  });

  it.each(["hello, are you working?", "Are you there?", "is this thing on?", "hi, is anyone there"])(
    "%s checks the bot is there: a greeting",
    (text) => expect(kind(text)).toBe("greeting"),
  );

  it("answers a string of courtesies as its last one", () => {
    expect(kind("Hello, thank you in advance for your assistance.")).toBe("thanks");
    expect(kind("Thanks, bye")).toBe("thanks");
  });

  it.each([
    "are you a bot?",
    "Are you a real person or an AI chatbot?",
    "are you a chatbot or a real person?",
    "are you a robot? who made you?",
  ])("%s asks about the bot, which the help text answers", (text) => expect(kind(text)).toBe("help"));

  it.each([
    "Are you a real person or a tax adviser?",
    "Is there a test for new teachers?",
    "Who made the plan for the greenways?",
    "Are you sure about the budget? Who made it?",
  ])("%s is a question, not help or a courtesy", (text) => expect(kind(text)).toBe("question"));

  it.each(["Why?", "the", "?", "What is it?", "so?", "!!!", "huh", "what does that mean?"])(
    "%s has nothing to look up",
    (text) => expect(kind(text)).toBe("content-free"),
  );

  it.each([
    "Can you write me a business plan for a bubble tea shop in Xinzhuang?",
    "can you translate this whole report into Chinese for me?",
    "Please draft an email to my boss about the greenways",
    "I need you to compose a speech like this one",
    "Write a poem about the parks.",
    "could you please rewrite the second paragraph in plain words",
    "translate the sentence about parks into Chinese",
  ])("%s asks to make text, not to find it", (text) => expect(kind(text)).toBe("task"));

  it.each([
    "Please write out the exact words the report uses for the greenway target.",
    "can you write down what it says about elderly care?",
    "please write me exact words of slogan about see green when go out the door",
  ])("%s asks for the report's words written in full: a question", (text) =>
    expect(kind(text)).toBe("question"),
  );

  it.each([
    "summarize the report",
    "Can you please summarise this report for me?",
    "Give me a quick summary.",
    "What are the main points of the speech?",
    "tl;dr",
    "overview of the document please",
  ])("%s asks for an overview of the whole text", (text) => expect(kind(text)).toBe("overview"));

  it.each([
    "summarize what the report says about housing",
    "What are the main points on elderly care?",
    "Give me a summary of the greenway plans",
  ])("%s asks about a topic, a question for the answerer", (text) => expect(kind(text)).toBe("question"));

  it("points a request for a summary to the outline and briefings", () => {
    expect(replyNote({ kind: "note", note: "overview" }, "help")).toMatch(/\/outline .* \/brief/);
  });

  it("answers a request to make text with what the bot does instead", () => {
    expect(replyNote({ kind: "note", note: "task" }, "help")).toMatch(/only find and quote .* cannot write/);
  });

  it.each([
    "What will the district create for young people?",
    "How many jobs will be created?",
    "Who wrote the report?",
    "Can you tell me what the report says about translation services?",
    "Write-off rules for small firms?",
  ])("%s is still a question", (text) => expect(kind(text)).toBe("question"));

  it("tells the follow-ups apart", () => {
    expect(classifyMessage("tell me more").kind).toBe("follow-up");
    expect(classifyMessage("Tell me more.")).toEqual({ kind: "follow-up", follow: { type: "more" } });
    expect(classifyMessage("more")).toEqual({ kind: "follow-up", follow: { type: "more" } });
    expect(classifyMessage("Go on, please")).toEqual({ kind: "follow-up", follow: { type: "more" } });
    expect(classifyMessage("what else?")).toEqual({ kind: "follow-up", follow: { type: "others" } });
    expect(classifyMessage("Explain more, please.")).toEqual({ kind: "follow-up", follow: { type: "more" } });
    expect(classifyMessage("What else is there?")).toEqual({ kind: "follow-up", follow: { type: "others" } });
    // Asked politely, a follow-up is still one; "so what is the budget?" is still a question.
    expect(classifyMessage("Can you tell me more about that?")).toEqual({
      kind: "follow-up",
      follow: { type: "more" },
    });
    expect(classifyMessage("so what happens next?")).toEqual({ kind: "follow-up", follow: { type: "more" } });
    expect(classifyMessage("so what is the budget?").kind).toBe("question");
    // A new topic after "tell me more about" is a question of its own.
    expect(classifyMessage("Tell me more about the schools")).toEqual({
      kind: "question",
      text: "Tell me more about the schools",
    });
    expect(classifyMessage("Anything else?")).toEqual({ kind: "follow-up", follow: { type: "others" } });
    expect(classifyMessage("what about the second one?")).toEqual({
      kind: "follow-up",
      follow: { type: "item", n: 2 },
    });
    expect(classifyMessage("the 3rd quote")).toEqual({ kind: "follow-up", follow: { type: "item", n: 3 } });
    expect(classifyMessage("show me the last one")).toEqual({
      kind: "follow-up",
      follow: { type: "item", n: -1 },
    });
    expect(classifyMessage("and the budget?")).toEqual({
      kind: "follow-up",
      follow: { type: "topic", topic: "the budget" },
    });
    expect(classifyMessage("What about Senior Care Homes?")).toEqual({
      kind: "follow-up",
      follow: { type: "topic", topic: "Senior Care Homes" },
    });
    expect(classifyMessage("how about next year")).toEqual({
      kind: "follow-up",
      follow: { type: "topic", topic: "next year" },
    });
  });

  it("keeps questions that only look like follow-ups as questions", () => {
    expect(kind("And what is planned for housing?")).toBe("question");
    expect(kind("What is the second priority?")).toBe("question");
    expect(kind("What came first?")).toBe("question");
    expect(kind("What is the budget for schools?")).toBe("question");
    expect(kind("More parks are planned where?")).toBe("question");
  });

  it("takes a greeting, thanks or please off the front of a question", () => {
    expect(classifyMessage("Hi, what is planned for schools?")).toEqual({
      kind: "question",
      text: "what is planned for schools?",
    });
    expect(classifyMessage("hello what is planned for schools?")).toEqual({
      kind: "question",
      text: "what is planned for schools?",
    });
    expect(classifyMessage("Good morning! Please list the goals for this year.")).toEqual({
      kind: "question",
      text: "list the goals for this year.",
    });
    expect(classifyMessage("Thanks! And the budget?")).toEqual({
      kind: "follow-up",
      follow: { type: "topic", topic: "the budget" },
    });
    // No punctuation after a word that could start a question: left whole.
    expect(classifyMessage("Morning markets open when?")).toEqual({
      kind: "question",
      text: "Morning markets open when?",
    });
    expect(classifyMessage("Great Wall repairs?")).toEqual({ kind: "question", text: "Great Wall repairs?" });
  });

  it("names a message in another script, and keeps a foreign name inside English a question", () => {
    expect(classifyMessage("闵行区的乡村振兴计划是什么？")).toEqual({
      kind: "other-language",
      language: "Chinese",
    });
    expect(classifyMessage("你好")).toEqual({ kind: "other-language", language: "Chinese" });
    expect(classifyMessage("こんにちは、計画は何ですか")).toEqual({
      kind: "other-language",
      language: "Japanese",
    });
    expect(classifyMessage("Что планируется?")).toEqual({
      kind: "other-language",
      language: "a Cyrillic script",
    });
    expect(kind("What is 东方明珠?")).toBe("question");
  });

  it("a message a translator takes is a question", () => {
    const translates = (t: string) => /\p{Script=Han}/u.test(t);
    expect(classifyMessage("闵行区的乡村振兴计划是什么？", { translates })).toEqual({
      kind: "question",
      text: "闵行区的乡村振兴计划是什么？",
    });
    expect(classifyMessage("Что планируется?", { translates })).toMatchObject({ kind: "other-language" });
  });

  it("help asked for in Chinese gets the Chinese help, translator or not", () => {
    const translates = (t: string) => /\p{Script=Han}/u.test(t);
    for (const text of ["帮助", "怎么用？", " 你能做什么? "]) {
      expect(classifyMessage(text, { translates })).toEqual({ kind: "help-zh" });
      expect(classifyMessage(text)).toEqual({ kind: "help-zh" });
    }
    expect(replyNote({ kind: "note", note: "help-zh" }, "English help")).toBe(ZH_CN_HELP);
    expect(classifyMessage("帮助闵行区的企业有哪些政策？", { translates })).toMatchObject({
      kind: "question",
    });
  });
});

describe("classifyMessage on the project's question sets", () => {
  const dir = fileURLToPath(new URL("../../fixtures/", import.meta.url));
  const questions = readdirSync(dir)
    // The English sets; the Chinese ones (zh-*) are questions only where a translator takes them.
    .filter((f) => f.endsWith(".jsonl") && !f.startsWith("zh-"))
    .flatMap((f) => readFileSync(`${dir}${f}`, "utf8").split("\n").filter(Boolean))
    .map((line) => JSON.parse(line) as { question: string; gold: unknown[] })
    // An unanswerable "can you tell me more about that?" is rightly a follow-up: only answerable ones count.
    .filter((item) => item.gold.length > 0)
    .map((item) => item.question);

  it("takes every answerable one for a question (a first 'What about X?' is asked as typed)", () => {
    expect(questions.length).toBeGreaterThan(300);
    const kinds = questions.map((q) => classifyMessage(q));
    const other = questions.filter((_, i) => {
      const k = kinds[i];
      return k?.kind !== "question" && !(k?.kind === "follow-up" && k.follow.type === "topic");
    });
    expect(other).toEqual([]);
  });
});
