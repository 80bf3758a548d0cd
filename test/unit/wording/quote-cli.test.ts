import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseBriefArgs, parseOutlineArgs, parseQuoteArgs } from "../../../src/frontends/cli/tool-args.js";
import { REPO } from "../../fixtures/temp-corpus.js";

describe("tool arguments", () => {
  it("parse a phrase, a topic and the options", () => {
    expect(parseQuoteArgs(["--json", "--doc", "a.txt", "650", "mu"])).toMatchObject({
      json: true,
      doc: "a.txt",
      phrase: "650 mu",
    });
    expect(parseQuoteArgs(["--max", "3", "x"])).toMatchObject({ max: 3 });
    expect(parseBriefArgs(["--words", "100", "rural", "revitalization"])).toMatchObject({
      words: 100,
      topic: "rural revitalization",
    });
    expect(parseOutlineArgs(["--json"])).toMatchObject({ json: true, line: "opening" });
  });

  it.each([
    [() => parseQuoteArgs([]), /Expected a phrase/],
    [() => parseQuoteArgs(["--max", "0", "x"]), /--max must be at least 1/],
    [() => parseQuoteArgs(["--frobnicate", "x"]), /Unknown option '--frobnicate'/],
    [() => parseBriefArgs([]), /Expected a section number/],
    [() => parseOutlineArgs(["stray"]), /Unexpected argument/],
    [() => parseOutlineArgs(["--line", "middle"]), /--line must be opening or centroid/],
  ])("rejects bad arguments (%#)", (parse, message) => {
    expect(parse).toThrow(message);
  });
});

describe("quote CLI errors", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "scripts/quote.ts", ...args], {
      cwd: REPO,
      encoding: "utf8",
    });

  it("exits 2 with one CLI_USAGE line and no stack trace on bad arguments", () => {
    for (const args of [[], ["--nope", "x"], ["--max", "many", "650 mu"]]) {
      const r = run(...args);
      expect(r.status).toBe(2);
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^CLI_USAGE: .*Usage: npm run -s quote --/);
      expect(r.stdout).toBe("");
    }
  });
});
