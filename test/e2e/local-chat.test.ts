// `npm start` without a token: the local chat, driven as a user would through a pipe.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUOTE_MARK } from "../../src/frontends/cli/chat-render.js";
import { NO_TOKEN_LINE } from "../../src/frontends/cli/local-chat.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REPORT = readFileSync(path.join(ROOT, "corpus", "minhang-mayor-report.txt"), "utf8");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runStart(input: string, env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn("npx", ["tsx", "src/frontends/cli/start.ts"], { cwd: ROOT, env, stdio: "pipe" });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("local chat (npm start without DISCORD_TOKEN)", () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "local-chat-"));
    env = { ...process.env, CORPUS_DIR: "corpus", INDEX_DIR: tmp };
    delete env.DISCORD_TOKEN;
    delete env.DISCORD_APP_ID;
  });

  afterAll(async () => {
    await rm(tmp, { recursive: true, force: true });
  });

  it("says no token was found, answers a piped question with a quote of the plan, and exits 0 on /quit", async () => {
    const run = await runStart(
      "What is planned for rural revitalization?\ntell me more\n/sources\n/quit\nnot read\n",
      env,
    );
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(NO_TOKEN_LINE);
    const quotes = lines.filter((l) => l.startsWith(QUOTE_MARK)).map((l) => l.slice(QUOTE_MARK.length));
    expect(quotes.length).toBeGreaterThan(2); // the answer, the text after it, then /sources
    expect(run.stdout).toMatch(/The (next paragraph|text) goes on:/);
    for (const quote of quotes) expect(REPORT).toContain(quote);
    expect(quotes[0]).toMatch(/rural revitalization|One Belt and Six Villages|three parks/i);
    expect(run.stdout).toMatch(/— Minhang District Mayor's Report .* › ¶\d+/);
    expect(run.stdout).toMatch(
      /^(The report says|Probably|Possibly) \((low confidence, )?(confidence )?\d\.\d\d\):$/m,
    );
    // Progress goes to stderr, so stdout holds the chat only.
    expect(run.stdout).not.toContain("index:");
  });

  it("exits 0 at the end of input, and shows /about", async () => {
    const run = await runStart("/about\n", env);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Documents:\n {2}• Minhang District Mayor's Report/);
    expect(run.stdout).toMatch(/Index version: [0-9a-f]{12}/);
  });
});
