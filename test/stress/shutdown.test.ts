// A stop signal during a long refresh: the process ends within 5 s and the live index stays whole.
import { spawn } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { currentStoreDir, loadStore } from "../../src/store/store.js";
import { REPO } from "../fixtures/temp-corpus.js";
import { storeIndexes } from "../fixtures/store-indexes.js";

const tmp = mkdtempSync(path.join(os.tmpdir(), "shutdown-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A long document of distinct sentences: minutes of embedding, so the signal lands mid-refresh. */
function bigDocument(sentences: number): string {
  const words = ["harbour", "school", "budget", "river", "housing", "transit", "clinic", "market", "energy"];
  const lines: string[] = [];
  for (let i = 0; i < sentences; i++) {
    const w = (k: number) => words[(i * 7 + k * 3) % words.length];
    lines.push(
      `Item ${i}: the ${w(0)} plan funds ${i % 97} new ${w(1)} projects near the ${w(2)} by year ${2030 + (i % 9)}.`,
    );
  }
  return lines.join("\n") + "\n";
}

describe("stopping during a refresh", () => {
  it("SIGTERM ends npm start within 5 s, abandoning the refresh; CURRENT still names a whole index", async () => {
    const corpus = path.join(tmp, "corpus");
    const index = path.join(tmp, "index");
    cpSync(path.join(REPO, "corpus"), corpus, { recursive: true });
    const env: NodeJS.ProcessEnv = { ...process.env, CORPUS_DIR: corpus, INDEX_DIR: index };
    delete env.DISCORD_TOKEN;
    delete env.DISCORD_APP_ID;
    const child = spawn(process.execPath, ["--import", "tsx", "src/frontends/cli/start.ts"], {
      cwd: REPO,
      env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stderr = "";
    const waitFor = (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (pattern.test(stderr)) resolve();
        };
        child.stderr.on("data", (d: Buffer) => {
          stderr += d.toString();
          check();
        });
        child.on("exit", () => reject(new Error(`exited before ${pattern}: ${stderr}`)));
        check();
      });
    const exited = new Promise<number>((resolve) => child.on("exit", () => resolve(performance.now())));
    await waitFor(/index: built/);
    const built = currentStoreDir(index);
    writeFileSync(path.join(corpus, "long-plan.txt"), bigDocument(4000));
    await waitFor(/index: embedding long-plan\.txt/);
    await new Promise((r) => setTimeout(r, 500));
    const signalled = performance.now();
    child.kill("SIGTERM");
    const stoppedAfter = (await exited) - signalled;
    console.log(`stopped ${Math.round(stoppedAfter)} ms after SIGTERM, mid-refresh`);
    expect(stoppedAfter).toBeLessThan(5_000);
    expect(currentStoreDir(index)).toBe(built);
    expect(loadStore(built as string, storeIndexes()).manifest.documents.map((d) => d.path)).not.toContain(
      "long-plan.txt",
    );
  }, 300_000);
});
