import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  answerIdsOf,
  createFeedbackLog,
  latestVotes,
  parseFeedback,
  tally,
  type FeedbackRecord,
} from "../../../src/frontends/discord/feedback-log.js";
import { voteNote } from "../../../src/frontends/discord/notes.js";
import { answer } from "./fake-answer.js";

const press = (
  userId: string,
  vote: "up" | "down",
  answerId = "111",
  time = "2025-01-01T00:00:00.000Z",
): FeedbackRecord => ({
  time,
  answerId,
  userId,
  vote,
  question: "What is planned for rural revitalization?",
  ...answerIdsOf(answer()),
});

describe("feedback log", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "feedback-"));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("appends each press as one JSON line, creating the folder", async () => {
    const file = path.join(dir, "data", "feedback.jsonl");
    const log = createFeedbackLog(file);
    expect(await log.record(press("u1", "up"))).toBeUndefined();
    const lines = (await readFile(file, "utf8")).trim().split("\n");
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] as string)).toEqual({
      time: "2025-01-01T00:00:00.000Z",
      answerId: "111",
      userId: "u1",
      vote: "up",
      question: "What is planned for rural revitalization?",
      indexVersion: "abcdef123456",
      quoteIds: [expect.stringMatching(/^report\.txt:\d+-\d+$/)],
      passageIds: ["p0"],
    });
  });

  it("pressing again changes the user's vote; it survives a restart", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const first = createFeedbackLog(file);
    expect(await first.record(press("u1", "up"))).toBeUndefined();
    expect(await first.record(press("u1", "down"))).toBe("up");
    expect(await first.record(press("u2", "up"))).toBeUndefined();

    const restarted = createFeedbackLog(file);
    expect(await restarted.record(press("u1", "down"))).toBe("down");
    const records = await restarted.read();
    expect(records).toHaveLength(4);
    expect(tally(records).get("111")).toEqual({ up: 1, down: 1 });
    expect(latestVotes(records).get("111:u1")?.vote).toBe("down");
  });

  it("keeps votes per answer apart", () => {
    const records = [press("u1", "up", "1"), press("u1", "down", "2"), press("u2", "down", "2")];
    expect(Object.fromEntries(tally(records))).toEqual({ "1": { up: 1, down: 0 }, "2": { up: 0, down: 2 } });
  });

  it("writes concurrent presses as whole lines", async () => {
    const file = path.join(dir, "feedback.jsonl");
    const log = createFeedbackLog(file);
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => log.record(press(`u${i}`, i % 2 ? "up" : "down"))),
    );
    const { records, skipped } = parseFeedback(await readFile(file, "utf8"));
    expect(skipped).toBe(0);
    expect(records).toHaveLength(50);
  });

  it("skips a line cut short by a crash and keeps the rest", async () => {
    const file = path.join(dir, "feedback.jsonl");
    await writeFile(file, `${JSON.stringify(press("u1", "up"))}\n{"time":"2025-01-01T00:00`);
    expect(parseFeedback(await readFile(file, "utf8")).skipped).toBe(1);
    const log = createFeedbackLog(file);
    expect(await log.read()).toHaveLength(1);
    expect(await log.record(press("u1", "down"))).toBe("up");
  });

  it("tells the user what happened to their vote", () => {
    expect(voteNote("up", undefined)).toMatch(/^Recorded your 👍/);
    expect(voteNote("down", "up")).toBe("Changed your vote to 👎. Thanks!");
    expect(voteNote("up", "up")).toBe("Your 👍 was already recorded. Thanks!");
  });
});
