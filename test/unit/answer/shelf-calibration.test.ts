import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { AppError } from "../../../src/errors.js";
import {
  SHELF_CALIBRATION_FILE,
  loadShelfCalibration,
  logOdds,
} from "../../../src/answer/shelf-calibration.js";

const model = {
  features: ["logOdds", "minCos"],
  mean: [0, 0.5],
  scale: [1, 0.1],
  weights: [2, 1],
  bias: 0.5,
};
const file = (over: Record<string, unknown> = {}) => ({
  format: 1,
  answerModel: "abc123",
  model,
  threshold: 0.4,
  fitted: { command: "npm run fit" },
  ...over,
});

function corpusWith(json: unknown): string {
  const dir = mkdtempSync(path.join(tmpdir(), "shelf-cal-"));
  writeFileSync(
    path.join(dir, SHELF_CALIBRATION_FILE),
    typeof json === "string" ? json : JSON.stringify(json),
  );
  return dir;
}

describe("a shelf's calibration beside its corpus", () => {
  it("takes log-odds that stay finite at 0 and 1", () => {
    expect(logOdds(0.5)).toBeCloseTo(0, 10);
    expect(logOdds(0.75)).toBeCloseTo(Math.log(3), 10);
    expect([0, 1].map(logOdds).every(Number.isFinite)).toBe(true);
  });

  it("is absent when the corpus has no file", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "shelf-cal-"));
    expect(loadShelfCalibration(dir, "abc123", () => undefined)).toBeUndefined();
  });

  it("applies its threshold and rescaling when fitted for this answer model", () => {
    const cal = loadShelfCalibration(corpusWith(file()), "abc123", () => undefined);
    expect(cal?.threshold).toBe(0.4);
    const row = { minCos: 0.6 } as unknown as Parameters<NonNullable<typeof cal>["apply"]>[1];
    // bias 0.5 + 2 × log-odds(0.5) + 1 × (0.6 − 0.5) / 0.1
    expect(cal?.apply(0.5, row)).toBeCloseTo(1 / (1 + Math.exp(-1.5)), 10);
    // Surer where the general model is surer; an input far outside what was fitted is held at 4 sd.
    expect(cal!.apply(0.9, row)).toBeGreaterThan(cal!.apply(0.5, row));
    const far = { minCos: 100 } as unknown as typeof row;
    expect(cal?.apply(0.5, far)).toBeCloseTo(1 / (1 + Math.exp(-4.5)), 10);
    expect(cal?.version).toMatch(/^[0-9a-f]{8}$/);
  });

  it("weighs what the shelf's memory says of the quote, at its mean when there is no memory", () => {
    const withMemory = {
      features: ["logOdds", "unansweredLikeness"],
      mean: [0, 0],
      scale: [1, 0.5],
      weights: [1, -2],
      bias: 0,
    };
    const cal = loadShelfCalibration(corpusWith(file({ model: withMemory })), "abc123", () => undefined)!;
    const row = {} as Parameters<typeof cal.apply>[1];
    expect(cal.apply(0.5, row)).toBeCloseTo(0.5, 10);
    // Like an unanswerable question quoted with the same sentence: −2 × 0.5 / 0.5 in log-odds.
    expect(cal.apply(0.5, row, { unansweredLikeness: 0.5 })).toBeCloseTo(1 / (1 + Math.exp(2)), 10);
  });

  it("takes the margin to answered questions, and a likeness left out at its fitted mean", () => {
    const twoInputs = {
      features: ["logOdds", "unansweredLikeness", "unansweredMargin"],
      mean: [0, 0.5, -0.25],
      scale: [1, 0.5, 0.5],
      weights: [1, 0, -1],
      bias: 0,
    };
    const cal = loadShelfCalibration(corpusWith(file({ model: twoInputs })), "abc123", () => undefined)!;
    const row = {} as Parameters<typeof cal.apply>[1];
    // Nothing recalled: both inputs at their means.
    expect(cal.apply(0.5, row)).toBeCloseTo(0.5, 10);
    // Nearer an answered question than an unanswerable one: margin 0.3 − 0.8 = −0.5, 0.25 under its mean.
    expect(cal.apply(0.5, row, { unansweredLikeness: 0.3, answeredLikeness: 0.8 })).toBeCloseTo(
      1 / (1 + Math.exp(-0.5)),
      10,
    );
    // A translation's likeness to answered questions left out: taken at its mean, 0.5 + 0.25 = 0.75, so
    // the margin is 0.3 − 0.75 = −0.45, 0.2 under its mean.
    expect(cal.apply(0.5, row, { unansweredLikeness: 0.3 })).toBeCloseTo(1 / (1 + Math.exp(-0.4)), 10);
  });

  it("is set aside with a warning when fitted for another answer model", () => {
    const warnings: string[] = [];
    const cal = loadShelfCalibration(corpusWith(file()), "other", (l) => warnings.push(l));
    expect(cal).toBeUndefined();
    expect(warnings.join("\n")).toMatch(/fitted for answer model abc123, not other/);
  });

  it("names the bad value of an invalid file", () => {
    expect(() => loadShelfCalibration(corpusWith(file({ threshold: 2 })), "abc123", () => undefined)).toThrow(
      /threshold/,
    );
    const unknown = { ...model, features: ["logOdds", "shoeSize"] };
    expect(() =>
      loadShelfCalibration(corpusWith(file({ model: unknown })), "abc123", () => undefined),
    ).toThrow(/got "shoeSize"/);
    try {
      loadShelfCalibration(corpusWith("{not json"), "abc123", () => undefined);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe("SHELF_CALIBRATION_INVALID");
    }
  });
});
