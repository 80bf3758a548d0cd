import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import { askMany } from "../../../src/frontends/cli/ask-jsonl.js";
import { REPO } from "../../fixtures/temp-corpus.js";

// By file URL, so that a child started in another folder finds it.
const TSX = pathToFileURL(path.join(REPO, "node_modules/tsx/dist/loader.mjs")).href;
const dir = mkdtempSync(path.join(os.tmpdir(), "ask-jsonl-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Answers with the question; a question of "?" is invalid, as the real answerer says. */
const ask = async (question: string) => {
  if (!/\w/.test(question))
    throw new AppError("QUESTION_INVALID", "Expected a question with at least one word.");
  return { answer: { question } };
};

async function run(content: string) {
  const file = path.join(dir, `q-${Math.random().toString(36).slice(2)}.jsonl`);
  writeFileSync(file, content);
  const out: string[] = [];
  const err: string[] = [];
  const failed = await askMany(ask, file, { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { file, failed, out: out.map((l) => JSON.parse(l) as Record<string, unknown>), err };
}

describe("ask --jsonl", () => {
  it("accepts a byte-order mark on the first line, and CRLF line ends", async () => {
    const r = await run('\uFEFF{"question": "What about parks?"}\r\n{"question": "And schools?"}\r\n');
    expect(r.failed).toBe(0);
    expect(r.out).toEqual([{ question: "What about parks?" }, { question: "And schools?" }]);
  });

  it("reports each bad line with its number and goes on", async () => {
    const r = await run(
      [
        '{"question": "One?"}',
        "not json",
        '{"q": "wrong key"}',
        "null",
        '{"question": "?"}',
        '{"question": "Two?"}',
      ].join("\n"),
    );
    expect(r.failed).toBe(4);
    expect(r.out.map((o) => o.line ?? o.question)).toEqual(["One?", 2, 3, 4, 5, "Two?"]);
    expect(r.err).toEqual([
      expect.stringMatching(/:2: not JSON/),
      expect.stringMatching(/:3: expected a JSON object with a "question" string/),
      expect.stringMatching(/:4: expected a JSON object/),
      expect.stringMatching(/:5: Expected a question with at least one word/),
    ]);
  });

  it("does not echo a megabyte of question in an error line", async () => {
    const huge = "?".repeat(1_000_000);
    const r = await run(JSON.stringify({ question: huge }) + "\n");
    expect(r.failed).toBe(1);
    const line = JSON.stringify(r.out[0]);
    expect(line.length).toBeLessThan(500);
    expect(line).toContain("(1000000 characters)");
  });
});

describe("ask CLI with a question file", () => {
  const runCli = (args: string[], cwd = REPO, env: Record<string, string | undefined> = {}) =>
    spawnSync(process.execPath, ["--import", TSX, path.join(REPO, "src/frontends/cli/ask.ts"), ...args], {
      cwd,
      encoding: "utf8",
      env: { ...process.env, LOG_LEVEL: undefined, ...env },
    });

  it("a missing file is a usage error (exit 2) naming the path", () => {
    const r = runCli(["--jsonl", "/no/such/questions.jsonl"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toMatch(
      /^CLI_USAGE: Could not read the question file \/no\/such\/questions\.jsonl: no such file\./,
    );
  });

  it("reads settings from a .env file in the working folder, the environment winning", () => {
    const work = mkdtempSync(path.join(dir, "env-"));
    writeFileSync(path.join(work, ".env"), "LOG_LEVEL=shouting\nRATE_LIMIT_COUNT=many\n");
    const r = runCli(["What about parks?"], work, { LOG_LEVEL: "warn" });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/CONFIG_INVALID: Invalid settings: RATE_LIMIT_COUNT/);
    expect(r.stderr).not.toMatch(/LOG_LEVEL|shouting|many/);
  });
});
