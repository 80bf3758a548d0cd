import { describe, expect, it } from "vitest";
import { admitCommand, admitMessage } from "../../../src/frontends/discord/admission.js";
import { resolveMention } from "../../../src/frontends/discord/handlers/mention.js";
import { createRateLimiter, type RateDecision } from "../../../src/frontends/discord/rate-limiter.js";

const LIMIT = { count: 5, windowS: 30 };
const ALLOWED: RateDecision = { allowed: true, remaining: 4 };
const REFUSED: RateDecision = {
  allowed: false,
  retryAt: 1_700_000_030_000,
  retryAfterMs: 30_000,
  repeated: false,
};

describe("admitCommand", () => {
  it("runs a valid request, and notes a bad option", () => {
    expect(admitCommand(ALLOWED, () => ({ ok: true, doc: undefined }), LIMIT)).toEqual({
      kind: "run",
      request: { ok: true, doc: undefined },
    });
    expect(admitCommand(ALLOWED, () => ({ ok: false, note: "Bad doc." }), LIMIT)).toEqual({
      kind: "note",
      content: "Bad doc.",
    });
  });

  it("refuses over the limit without even resolving the options, saying when to come back", () => {
    let resolved = 0;
    const admission = admitCommand(REFUSED, () => ({ ok: true, n: resolved++ }), LIMIT);
    expect(resolved).toBe(0);
    expect(admission).toMatchObject({ kind: "note", content: expect.stringContaining("<t:1700000030:R>") });
    // A slash command's note is ephemeral: it is sent every time, repeated or not.
    expect(admitCommand({ ...REFUSED, repeated: true }, () => ({ ok: true }), LIMIT).kind).toBe("note");
  });
});

describe("admitMessage", () => {
  const BOT = { userId: "1" };
  const facts = (content: string) => ({
    content,
    authorIsBot: false,
    mentionedUserIds: ["1"],
    mentionedRoleIds: [],
    repliedToUserId: null,
  });

  it("counts empty and over-long mentions: 20 of them from one user get 5 notes, one rate-limit note, then silence", () => {
    let t = 1_700_000_000_000;
    const limiter = createRateLimiter({ count: 5, windowMs: 30_000, now: () => t });
    const kinds: string[] = [];
    for (let k = 0; k < 20; k++) {
      t += 10;
      const plan = resolveMention(facts(k % 2 ? "<@1>" : `<@1> ${"x".repeat(600)}`), BOT, true);
      if (plan.kind === "ignore") throw new Error("addressed to the bot");
      const admission = admitMessage(limiter.take("spammer"), plan, LIMIT);
      kinds.push(admission.kind === "note" && admission.content.includes("<t:") ? "limit" : admission.kind);
    }
    expect(kinds).toEqual([...Array<string>(5).fill("note"), "limit", ...Array<string>(14).fill("silent")]);
  });

  it("answers a question within the limit", () => {
    expect(admitMessage(ALLOWED, { kind: "message", text: "What about parks?" }, LIMIT)).toEqual({
      kind: "run",
      request: "What about parks?",
    });
  });
});
