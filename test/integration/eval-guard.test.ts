import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { EvalReport } from "../../src/eval/metrics.js";
import { REPO } from "../fixtures/temp-corpus.js";

const SQUAD_DEV = path.resolve(REPO, "../shared/eval/squad-dev");
const DEV = path.resolve(REPO, "../shared/eval/dev.jsonl");

function runEval(args: string[], indexDir: string): EvalReport {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/eval.ts", "--json", ...args], {
    cwd: REPO,
    encoding: "utf8",
    env: { ...process.env, INDEX_DIR: indexDir },
  });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as EvalReport;
}

/**
 * Guards answer quality on question sets the answer model was NOT fitted on (scripts/fit.ts lists what it
 * was fitted on, and the shelf's answer memory holds): h29 to h46 about the report, and, where ../shared is
 * beside the clone, the SQuAD dev split and the dev set. The bars sit a little under the figures measured
 * when the model was fitted, so a change that quietly undoes the work fails here.
 */
describe("answer quality guard (sets never fitted on)", () => {
  const indexDir = mkdtempSync(path.join(os.tmpdir(), "eval-guard-"));
  afterAll(() => rmSync(indexDir, { recursive: true, force: true }));

  const guardReportSets = (sets: readonly number[], bars: ReportBars) => {
    for (const n of sets) {
      const set = `holdout${n}`;
      const report = runEval([path.join(REPO, `test/fixtures/${set}-questions.jsonl`)], indexDir);
      expect(report.recallAt1, set).toBeGreaterThanOrEqual(bars.recallAt1);
      expect(report.quoteAccuracy, set).toBeGreaterThanOrEqual(bars.quoteAccuracy);
      expect(report.abstentionPrecision, set).toBeGreaterThanOrEqual(bars.abstentionPrecision);
      expect(report.abstentionRecall, set).toBeGreaterThanOrEqual(bars.abstentionRecall);
      expect(report.rocAuc, set).toBeGreaterThanOrEqual(bars.rocAuc);
      expect(report.answerableAbstained / report.answerable, set).toBeLessThanOrEqual(bars.refused);
      expect(report.verbatimShare, set).toBe(1);
    }
  };

  it("report questions h29 to h40", () => {
    guardReportSets([29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40], GUARD.report);
  });

  it("report questions h41 to h46, harder: their own bars", () => {
    guardReportSets([41, 42, 43, 44, 45, 46], GUARD.newVoices);
  });

  it.skipIf(!existsSync(DEV))("dev questions", () => {
    const report = runEval([DEV], indexDir);
    expect(report.recallAt1).toBeGreaterThanOrEqual(GUARD.dev.recallAt1);
    expect(report.verbatimShare).toBe(1);
  });

  it.skipIf(!existsSync(SQUAD_DEV))("SQuAD dev split", () => {
    const report = runEval(
      ["--corpus", path.join(SQUAD_DEV, "corpus"), path.join(SQUAD_DEV, "questions.jsonl")],
      path.join(indexDir, "squad"),
    );
    expect(report.recallAt1).toBeGreaterThanOrEqual(GUARD.squad.recallAt1);
    expect(report.recallAt3).toBeGreaterThanOrEqual(GUARD.squad.recallAt3);
    expect(report.quoteAccuracy).toBeGreaterThanOrEqual(GUARD.squad.quoteAccuracy);
    expect(report.ece).toBeLessThanOrEqual(GUARD.squad.ece);
    expect(report.verbatimShare).toBe(1);
  });
});

// Measured with this session's answer model, the report's own calibration and answer memory (docs/answer-
// quality.md), R@1 / QA / P / R / AUC / refused of 55: h29 0.909 / 0.927 / 0.955 / 0.840 / 0.979 / 1, h30
// 0.982 / 0.945 / 0.917 / 0.880 / 0.992 / 2, h31 0.964 / 0.945 / 0.955 / 0.840 / 0.975 / 1, h32 0.945 /
// 0.927 / 0.957 / 0.880 / 0.991 / 1, h33 0.982 / 0.945 / 0.920 / 0.920 / 0.988 / 2, h34 0.927 / 0.927 /
// 1.000 / 0.800 / 0.988 / 0, h35 0.964 / 0.982 / 1.000 / 0.920 / 1.000 / 0, h36 0.945 / 0.945 / 0.957 /
// 0.880 / 0.988 / 1, h37 0.945 / 0.945 / 0.958 / 0.920 / 0.993 / 1, h38 0.964 / 0.945 / 0.957 / 0.880 /
// 0.975 / 1, h39 0.964 / 0.945 / 0.875 / 0.840 / 0.985 / 3, h40 0.945 / 0.909 / 0.950 / 0.760 / 0.972 / 1;
// dev R@1 0.950; SQuAD dev R@1 0.851, R@3 0.938, QA 0.836, ECE 0.054. The bars leave room for a refit's
// wobble (a question or two on a set of 80).
// h41 to h46 (written cold in the tenth session, in voices the earlier sets lacked), with this session's files:
// h41 0.873 / 0.909 / 1.000 / 0.720 / 0.954 / 0, h42 0.855 / 0.800 / 0.792 / 0.760 / 0.858 / 5, h43 0.909 /
// 0.836 / 0.760 / 0.760 / 0.918 / 6, h44 0.927 / 0.927 / 0.917 / 0.880 / 0.965 / 2, h45 0.818 / 0.818 /
// 0.909 / 0.800 / 0.944 / 2, h46 0.836 / 0.818 / 0.857 / 0.720 / 0.956 / 3: under the goals on
// several sets, so their bars guard against losing ground, not the goals.
interface ReportBars {
  recallAt1: number;
  quoteAccuracy: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  rocAuc: number;
  refused: number;
}

const GUARD = {
  newVoices: {
    recallAt1: 0.8,
    quoteAccuracy: 0.78,
    abstentionPrecision: 0.72,
    abstentionRecall: 0.68,
    rocAuc: 0.84,
    refused: 0.13,
  },
  report: {
    recallAt1: 0.87,
    quoteAccuracy: 0.83,
    abstentionPrecision: 0.78,
    abstentionRecall: 0.6,
    rocAuc: 0.92,
    refused: 0.08,
  },
  dev: { recallAt1: 0.9 },
  squad: { recallAt1: 0.82, recallAt3: 0.91, quoteAccuracy: 0.8, ece: 0.08 },
};
