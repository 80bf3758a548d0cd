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
 * was fitted on, and the shelf's answer memory holds): h89 to h133 about the report, and, where ../shared is
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

  it("report questions h89 to h94", () => guardReportSets([89, 90, 91, 92, 93, 94], GUARD.report));
  it("report questions h95 to h100", () => guardReportSets([95, 96, 97, 98, 99, 100], GUARD.report));
  it("report questions h101 to h106", () => guardReportSets([101, 102, 103, 104, 105, 106], GUARD.report));
  it("report questions h107 to h115", () =>
    guardReportSets([107, 108, 109, 110, 111, 112, 113, 114, 115], GUARD.report));
  it("report questions h116 to h121", () => guardReportSets([116, 117, 118, 119, 120, 121], GUARD.report));
  it("report questions h122 to h127", () => guardReportSets([122, 123, 124, 125, 126, 127], GUARD.report));
  it("report questions h128 to h133", () => guardReportSets([128, 129, 130, 131, 132, 133], GUARD.report));

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

// Measured once with the committed answer model, the report's own calibration and answer memory (since the
// thirteenth session they hold h29 to h88, so h47 to h88 are no longer guarded here; docs/answer-quality.md):
// h89 to h106, R@1 0.891-1.000, quote accuracy 0.873-0.982, abstention P 0.79-1.00, R 0.80-1.00, AUC
// 0.953-1.000, refused 0-6 of 55 (h93, a translator's wording questions: QA 0.873, P 0.79, 6 refused; h104,
// long questions with a story around them: R@1 0.891, AUC 0.953); h107 to h115, measured once with the same
// files, within the same ranges but h112's R@1 0.873, QA 0.855 and h110's R 0.76; h116 to h127, written in the
// fourteenth session and measured once with the same answers (its changes left every answer as it was), R@1
// 0.855-1.000, QA 0.873-1.000, P 0.88-1.00, R 0.68-1.00 (h121, a school principal: 8 of its 25 unanswerable
// questions answered), AUC 0.950-1.000, refused 0-3 of 55; h128 to h133, measured once, within every report
// goal (R@1 0.909-0.982, P 0.91-1.00, R 0.72-0.96); dev R@1 0.950; SQuAD dev
// R@1 0.851, R@3 0.938, QA 0.836, ECE 0.054. The bars sit under the worst set's figures, with room for a
// refit's wobble (a question or two on a set of 80).
interface ReportBars {
  recallAt1: number;
  quoteAccuracy: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  rocAuc: number;
  refused: number;
}

const GUARD = {
  report: {
    recallAt1: 0.85,
    quoteAccuracy: 0.84,
    abstentionPrecision: 0.74,
    abstentionRecall: 0.66,
    rocAuc: 0.92,
    refused: 0.13,
  },
  dev: { recallAt1: 0.9 },
  squad: { recallAt1: 0.82, recallAt3: 0.91, quoteAccuracy: 0.8, ece: 0.08 },
};
