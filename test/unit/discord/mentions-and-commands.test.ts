import { describe, expect, it } from "vitest";
import {
  askOptionsSchema,
  briefOptionsSchema,
  commandDefinitions,
  outlineOptionsSchema,
  quoteOptionsSchema,
} from "../../../src/frontends/discord/commands.js";
import {
  isAddressedToBot,
  questionFromMessage,
  type MessageFacts,
} from "../../../src/frontends/discord/mentions.js";
import { errorNote, mentionHint, NOTES } from "../../../src/frontends/discord/notes.js";
import { AppError } from "../../../src/errors.js";

const BOT = { userId: "1000000000000000001", roleId: "2000000000000000002" };
const facts = (fields: Partial<MessageFacts>): MessageFacts => ({
  content: "",
  authorIsBot: false,
  mentionedUserIds: [],
  mentionedRoleIds: [],
  repliedToUserId: null,
  ...fields,
});

describe("mentions", () => {
  it("answers direct mentions, mentions of the bot's role and replies to the bot", () => {
    expect(isAddressedToBot(facts({ mentionedUserIds: [BOT.userId] }), BOT)).toBe(true);
    expect(isAddressedToBot(facts({ mentionedRoleIds: [BOT.roleId] }), BOT)).toBe(true);
    expect(isAddressedToBot(facts({ repliedToUserId: BOT.userId }), BOT)).toBe(true);
  });

  it("ignores other bots, @everyone and messages to others", () => {
    expect(isAddressedToBot(facts({ mentionedUserIds: [BOT.userId], authorIsBot: true }), BOT)).toBe(false);
    expect(isAddressedToBot(facts({ content: "@everyone what?" }), BOT)).toBe(false);
    expect(isAddressedToBot(facts({ mentionedUserIds: ["3"], repliedToUserId: "3" }), BOT)).toBe(false);
  });

  it("takes the question out of the message", () => {
    expect(questionFromMessage(`<@${BOT.userId}>  What is   planned?`, BOT)).toBe("What is planned?");
    expect(questionFromMessage(`hey <@!${BOT.userId}> what about parks <@&${BOT.roleId}>`, BOT)).toBe(
      "hey what about parks",
    );
    expect(questionFromMessage(`<@${BOT.userId}>`, BOT)).toBe("");
    expect(questionFromMessage("", BOT)).toBe("");
  });

  it("hints at /ask when a mention has no readable question", () => {
    expect(mentionHint(true)).toContain("/ask");
    expect(mentionHint(false)).toMatch(/Message Content intent is off.*\/ask/);
  });
});

describe("command definitions", () => {
  it("describes every command and option in Simplified Chinese too, within Discord's limits", () => {
    for (const d of commandDefinitions()) {
      const zh = d.description_localizations?.["zh-CN"];
      expect(zh, d.name).toMatch(/[\u4e00-\u9fff]/u);
      expect(zh!.length).toBeLessThanOrEqual(100);
      for (const o of d.options ?? []) {
        const zo = o.description_localizations?.["zh-CN"];
        expect(zo, `${d.name} ${o.name}`).toMatch(/[\u4e00-\u9fff]/u);
        expect(zo!.length).toBeLessThanOrEqual(100);
      }
    }
  });

  it("defines /ask, /sources, /about, /quote, /brief and /outline within Discord's limits", () => {
    const defs = commandDefinitions();
    expect(defs.map((d) => d.name)).toEqual(["ask", "sources", "about", "quote", "brief", "outline"]);
    for (const d of defs) {
      expect(d.description.length).toBeGreaterThan(0);
      expect(d.description.length).toBeLessThanOrEqual(100);
      for (const o of d.options ?? []) expect(o.description.length).toBeLessThanOrEqual(100);
    }
    const doc = expect.objectContaining({ name: "doc", type: 3, required: false, autocomplete: true });
    const byName = Object.fromEntries(defs.map((d) => [d.name, d.options ?? []]));
    expect(byName.ask).toEqual([
      expect.objectContaining({ name: "question", type: 3, required: true, min_length: 2, max_length: 500 }),
      doc,
    ]);
    expect(byName.quote).toEqual([
      expect.objectContaining({ name: "phrase", type: 3, required: true, max_length: 500 }),
      doc,
    ]);
    expect(byName.brief).toEqual([
      expect.objectContaining({
        name: "topic",
        type: 3,
        required: true,
        max_length: 200,
        autocomplete: true,
      }),
      doc,
    ]);
    expect(byName.outline).toEqual([doc]);
    expect(byName.sources).toEqual([]);
  });

  it("validates the options as they come in", () => {
    expect(askOptionsSchema.parse({ question: "  parks?  " })).toEqual({ question: "parks?" });
    expect(askOptionsSchema.parse({ question: "parks?", doc: " a.txt " })).toEqual({
      question: "parks?",
      doc: "a.txt",
    });
    expect(askOptionsSchema.parse({ question: "parks?", doc: null }).doc).toBeUndefined();
    expect(askOptionsSchema.safeParse({ question: "x".repeat(501) }).success).toBe(false);
    expect(askOptionsSchema.safeParse({ question: "   " }).success).toBe(false);
    expect(quoteOptionsSchema.parse({ phrase: " 650 mu " })).toEqual({ phrase: "650 mu" });
    expect(quoteOptionsSchema.safeParse({ phrase: "“ ” —" }).success).toBe(false);
    expect(quoteOptionsSchema.safeParse({ phrase: "x".repeat(501) }).success).toBe(false);
    expect(briefOptionsSchema.parse({ topic: "3", doc: "" })).toEqual({ topic: "3" });
    expect(briefOptionsSchema.safeParse({ topic: "x".repeat(201) }).success).toBe(false);
    expect(outlineOptionsSchema.safeParse({ doc: "d".repeat(201) }).success).toBe(false);
  });
});

describe("errorNote", () => {
  it("shows user-facing errors with their hint and hides the rest", () => {
    expect(errorNote(new AppError("QUESTION_INVALID", "Expected at most 500 characters; got 501."))).toBe(
      "Expected at most 500 characters; got 501. Ask a question in plain words, up to 500 characters.",
    );
    expect(errorNote(new AppError("INDEX_INVALID", "/srv/index/x is broken"))).toBe(NOTES.internalError);
    expect(errorNote(new Error("boom"))).toBe(NOTES.internalError);
  });
});
