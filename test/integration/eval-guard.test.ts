import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { EvalReport } from "../../src/eval/metrics.js";
import { REPO } from "../fixtures/temp-corpus.js";

const DEV = path.resolve(REPO, "../shared/eval/dev.jsonl");

function runEval(file: string, indexDir: string): EvalReport {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/eval.ts", "--json", file], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, INDEX_DIR: indexDir },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as EvalReport;
}

// Guards the answer quality reached on the question sets, so a later change cannot quietly undo it.
describe("answer quality guard", () => {
  const indexDir = mkdtempSync(path.join(os.tmpdir(), "eval-guard-"));
  const cleanup = () => rmSync(indexDir, { recursive: true, force: true });

  it.skipIf(!existsSync(DEV))("dev questions: recall@1 ≥ 0.9 and every quote verbatim", () => {
    const report = runEval(DEV, indexDir);
    expect(report.recallAt1).toBeGreaterThanOrEqual(0.9);
    expect(report.verbatimShare).toBe(1);
  });

  it("calibration questions: recall@1 ≥ 0.85, abstention precision ≥ 0.85 and recall ≥ 0.75", () => {
    const report = runEval(path.join(REPO, "test/fixtures/calibration-questions.jsonl"), indexDir);
    expect(report.recallAt1).toBeGreaterThanOrEqual(0.85);
    expect(report.abstentionPrecision).toBeGreaterThanOrEqual(0.85);
    expect(report.abstentionRecall).toBeGreaterThanOrEqual(0.75);
    expect(report.verbatimShare).toBe(1);
  });

  it("own questions: recall@3 ≥ 0.85, at most 3 answerable abstained, every quote verbatim", () => {
    const report = runEval(path.join(REPO, "test/fixtures/own-questions.jsonl"), indexDir);
    expect(report.recallAt3).toBeGreaterThanOrEqual(0.85);
    expect(report.answerableAbstained).toBeLessThanOrEqual(3);
    expect(report.verbatimShare).toBe(1);
    cleanup();
  });
});
