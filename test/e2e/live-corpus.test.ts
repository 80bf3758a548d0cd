// A document dropped into the corpus while the local chat runs is answered from, without a restart: the
// real `start.ts` process (no DISCORD_TOKEN), a temporary copy of corpus/, a fresh index in a temp folder.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QUOTE_MARK } from "../../src/frontends/cli/chat-render.js";
import { CHAT_HELP } from "../../src/frontends/cli/local-chat.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const QUESTION = "When will the new ferry pier at the East Harbour open?";
const HARBOUR = `# Harbour Ferry Pier Plan

## The new ferry pier

The new ferry pier at the East Harbour will open to passengers on 1 October, with boats to Lotus Island every 20 minutes.

The pier has berths for four ferries and a waiting hall for 300 passengers.
`;
const OPENING = "The new ferry pier at the East Harbour will open to passengers on 1 October";

describe("live corpus: the local chat picks up a new document without a restart", () => {
  let tmp: string;
  let corpus: string;
  let child: ChildProcessWithoutNullStreams;
  let stdout = "";
  let stderr = "";
  let exited: Promise<number | null>;

  /** Resolves with the output from `from` on once `pattern` shows there, or fails after `ms`. */
  const waitFor = (stream: () => string, pattern: RegExp, ms: number, from = 0) =>
    new Promise<string>((resolve, reject) => {
      const started = Date.now();
      const timer = setInterval(() => {
        const text = stream().slice(from);
        if (pattern.test(text)) {
          clearInterval(timer);
          resolve(text);
        } else if (Date.now() - started > ms) {
          clearInterval(timer);
          reject(new Error(`no ${pattern} within ${ms} ms; stdout:\n${stdout}\nstderr:\n${stderr}`));
        }
      }, 50);
    });

  /** Types a line into the chat and returns its reply: the confidence, then citations, then a blank line. */
  const ask = async (line: string, until = /confidence[\s\S]*¶\d+[^\n]*\n\n/) => {
    const from = stdout.length;
    child.stdin.write(`${line}\n`);
    return waitFor(() => stdout, until, 20_000, from);
  };

  beforeAll(async () => {
    tmp = mkdtempSync(path.join(tmpdir(), "live-corpus-"));
    corpus = path.join(tmp, "corpus");
    cpSync(path.join(ROOT, "corpus"), corpus, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, CORPUS_DIR: corpus, INDEX_DIR: path.join(tmp, "index") };
    delete env.DISCORD_TOKEN;
    delete env.DISCORD_APP_ID;
    child = spawn(process.execPath, ["--import", "tsx", "src/frontends/cli/start.ts"], {
      cwd: ROOT,
      env,
      stdio: "pipe",
    });
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    exited = new Promise((resolve) => child.on("close", resolve));
    // Loading the model and indexing the report.
    await waitFor(() => stdout, new RegExp(CHAT_HELP.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")), 60_000);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGTERM");
    await exited;
    rmSync(tmp, { recursive: true, force: true });
  });

  it("answers from a document copied into the corpus while it runs", async () => {
    const before = await ask(QUESTION);
    expect(before).not.toContain("ferry pier");

    // Written elsewhere, then copied in, as a user would drop a file.
    const draft = path.join(tmp, "harbour.md");
    writeFileSync(draft, HARBOUR);
    copyFileSync(draft, path.join(corpus, "harbour.md"));
    const refreshed = await waitFor(
      () => stderr,
      /index refreshed: 2 documents, \d+ passages, version [0-9a-f]{12}/,
      60_000,
    );
    expect(refreshed).toMatch(/index refreshed: 2 documents/);

    const after = await ask(QUESTION);
    const quotes = after
      .split("\n")
      .filter((l) => l.startsWith(QUOTE_MARK))
      .map((l) => l.slice(QUOTE_MARK.length));
    expect(quotes.some((q) => q.includes(OPENING) && HARBOUR.includes(q))).toBe(true);
    expect(after).toMatch(/— Harbour Ferry Pier Plan › §1 The new ferry pier, ¶\d+/);

    // The wording tools see the new document too.
    const quoted = await ask("/quote berths for four ferries", /\(chars \d+–\d+\)\n/);
    expect(quoted).toContain("»berths for four ferries«");

    child.stdin.end("/quit\n");
    expect(await exited).toBe(0);
  });
});
