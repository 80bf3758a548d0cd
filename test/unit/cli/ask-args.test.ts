import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseAskArgs } from "../../../src/frontends/cli/ask-args.js";
import { REPO } from "../../fixtures/temp-corpus.js";

describe("parseAskArgs", () => {
  it("takes a question, --json and --doc", () => {
    expect(parseAskArgs(["--json", "--doc", "a.txt", "What", "is", "it?"])).toMatchObject({
      json: true,
      doc: "a.txt",
      question: "What is it?",
    });
    expect(parseAskArgs(["--jsonl", "q.jsonl"])).toMatchObject({ jsonl: "q.jsonl", json: false });
  });

  it.each([
    [[], /Expected a question/],
    [["--frobnicate", "x"], /Unknown option '--frobnicate'/],
    [["--jsonl", "q.jsonl", "and a question"], /either a question or --jsonl/],
  ])("rejects %j", (argv, message) => {
    expect(() => parseAskArgs(argv)).toThrow(message);
  });
});

describe("ask CLI errors", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src/frontends/cli/ask.ts", ...args], {
      cwd: REPO,
      encoding: "utf8",
    });

  it("exits non-zero with one line and no stack trace on bad arguments", () => {
    for (const args of [[], ["--nope", "x"], ["--jsonl", "/no/such/file.jsonl"]]) {
      const r = run(...args);
      expect(r.status).not.toBe(0);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
