// The command handlers' pure resolvers, without Discord: what each command does with what it was sent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleAnswerRecord } from "./resolver-fixtures.js";
import type { Store } from "../../../src/store/store.js";
import { autocompleteChoices } from "../../../src/frontends/discord/handlers/autocomplete.js";
import { resolveButton } from "../../../src/frontends/discord/handlers/buttons.js";
import { resolveMention } from "../../../src/frontends/discord/handlers/mention.js";
import {
  resolveAsk,
  resolveBrief,
  resolveOutline,
  resolveQuote,
} from "../../../src/frontends/discord/handlers/resolve-options.js";
import { COMMAND_HANDLERS } from "../../../src/frontends/discord/handlers/route.js";
import { buttonId } from "../../../src/frontends/discord/custom-ids.js";
import { NOTES } from "../../../src/frontends/discord/notes.js";
import { fakeStore } from "../../fixtures/fake-store.js";

const DOC = "minhang-mayor-report.txt";

describe("command resolvers over the report's index (no model)", () => {
  let store: Store;
  let cleanup = () => undefined as void;
  beforeAll(async () => {
    ({ store, cleanup } = await fakeStore());
  });
  afterAll(() => cleanup());

  it("/ask: the question and document, or the note for a bad option", () => {
    expect(resolveAsk({ question: "What is planned?", doc: null }, store)).toEqual({
      ok: true,
      question: "What is planned?",
      doc: undefined,
    });
    expect(resolveAsk({ question: "hello", doc: "MINHANG-MAYOR-REPORT" }, store)).toMatchObject({ doc: DOC });
    expect(resolveAsk({ question: "What?", doc: "nope.txt" }, store)).toMatchObject({
      ok: false,
      note: expect.stringMatching(/^No document “nope\.txt” is indexed/),
    });
    expect(resolveAsk({ question: "x".repeat(501), doc: null }, store)).toMatchObject({ ok: false });
    // Greetings and "?" are for the conversation, not refused here.
    expect(resolveAsk({ question: "?", doc: null }, store)).toMatchObject({ ok: true, question: "?" });
  });

  it("/quote, /brief and /outline: the request, a picked section naming its document", () => {
    expect(resolveQuote({ phrase: "650 mu", doc: DOC }, store)).toEqual({
      ok: true,
      phrase: "650 mu",
      doc: DOC,
    });
    expect(resolveQuote({ phrase: "", doc: null }, store)).toMatchObject({ ok: false });
    expect(resolveBrief({ topic: `§4 ${DOC}`, doc: null }, store)).toEqual({
      ok: true,
      request: "4",
      doc: DOC,
    });
    expect(resolveBrief({ topic: "rural revitalization", doc: null }, store)).toEqual({
      ok: true,
      request: "rural revitalization",
      doc: undefined,
    });
    expect(resolveOutline({ doc: null }, store)).toEqual({ ok: true, doc: undefined });
    expect(resolveOutline({ doc: "other.md" }, store)).toMatchObject({ ok: false });
  });

  it("autocompletes doc: everywhere and topic: for /brief only", () => {
    expect(autocompleteChoices(store, "ask", { name: "doc", value: "minh" }, null)[0]?.value).toBe(DOC);
    const sections = autocompleteChoices(store, "brief", { name: "topic", value: "practical" }, null);
    expect(sections.some((c) => c.value.startsWith("§4"))).toBe(true);
    expect(autocompleteChoices(store, "ask", { name: "question", value: "rural" }, null)).toEqual([]);
  });
});

describe("resolveButton", () => {
  const record = handleAnswerRecord();
  const lookups = {
    answer: (id: string) => (id === record.answerId ? record : undefined),
    quotes: () => undefined,
  };

  it("shows sources to the asker only, and says when the answer is gone", () => {
    const more = buttonId({ kind: "more", answerId: record.answerId, askerId: record.askerId });
    expect(resolveButton(more, record.askerId, lookups)).toEqual({ kind: "sources", record });
    expect(resolveButton(more, "someone-else", lookups)).toEqual({ kind: "note", content: NOTES.onlyAsker });
    const gone = buttonId({ kind: "more", answerId: "999", askerId: record.askerId });
    expect(resolveButton(gone, record.askerId, lookups)).toEqual({
      kind: "note",
      content: NOTES.unknownAnswer,
    });
  });

  it("takes anyone's vote, with or without the answer; pages only for the asker", () => {
    const up = buttonId({ kind: "vote", vote: "up", answerId: "999" });
    expect(resolveButton(up, "anyone", lookups)).toEqual({
      kind: "vote",
      vote: "up",
      answerId: "999",
      record: undefined,
    });
    const page = buttonId({ kind: "page", queryId: "333", askerId: "444", page: 1 });
    expect(resolveButton(page, "555", lookups)).toEqual({ kind: "note", content: NOTES.onlyAskerPages });
    expect(resolveButton(page, "444", lookups)).toEqual({ kind: "note", content: NOTES.unknownQuotes });
    expect(resolveButton("garbage", "a", lookups)).toEqual({ kind: "note", content: NOTES.unknownAnswer });
  });
});

describe("resolveMention", () => {
  const BOT = { userId: "1", roleId: "2" };
  const facts = (content: string, mentioned = ["1"]) => ({
    content,
    authorIsBot: false,
    mentionedUserIds: mentioned,
    mentionedRoleIds: [],
    repliedToUserId: null,
  });

  it("ignores messages to others, hints on an empty mention, passes the text on", () => {
    expect(resolveMention(facts("hello all", []), BOT, true)).toEqual({ kind: "ignore" });
    expect(resolveMention(facts("<@1>"), BOT, true)).toMatchObject({ kind: "note" });
    expect(resolveMention(facts("<@1> tell me more"), BOT, true)).toEqual({
      kind: "message",
      text: "tell me more",
    });
    expect(resolveMention(facts(`<@1> ${"x".repeat(501)}`), BOT, true)).toMatchObject({ kind: "note" });
  });
});

describe("routing", () => {
  it("has one handler module per slash command", () => {
    expect(Object.keys(COMMAND_HANDLERS)).toEqual(["ask", "sources", "about", "quote", "brief", "outline"]);
  });
});
