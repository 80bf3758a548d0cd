import { describe, expect, it } from "vitest";
import {
  idRecallAtK,
  mean,
  median,
  percentile,
  recallAtK,
  round,
  spread,
} from "../../../scripts/bench/stats.js";

describe("percentile", () => {
  it("interpolates between closest ranks (R-7)", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(hundred, 95)).toBeCloseTo(95.05, 10);
    expect(percentile(hundred, 50)).toBeCloseTo(50.5, 10);
  });

  it("ignores input order and does not reorder its input", () => {
    const values = [9, 1, 5, 3, 7];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 25)).toBe(3);
    expect(values).toEqual([9, 1, 5, 3, 7]);
  });

  it("returns the only value of a one-element list", () => {
    expect(percentile([42], 95)).toBe(42);
  });

  it("rejects an empty list and a p outside [0, 100]", () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });
});

describe("median, mean, spread, round", () => {
  it("takes the middle value, or the mean of the two middle values", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("averages", () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(() => mean([])).toThrow(RangeError);
  });

  it("gives p50 and p95 together", () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(spread(hundred)).toEqual({ p50: 50.5, p95: expect.closeTo(95.05, 10) });
  });

  it("rounds for reading", () => {
    expect(round(1.23456)).toBe(1.23);
    expect(round(1.23456, 3)).toBe(1.235);
  });
});

describe("recall@k", () => {
  it("is the share of the exact top k that the approximate search found", () => {
    expect(recallAtK([0.9, 0.8, 0.7], [0.9, 0.8, 0.7], 3)).toBe(1);
    expect(recallAtK([0.9, 0.8, 0.7], [0.9, 0.8, 0.5], 3)).toBeCloseTo(2 / 3);
  });

  it("counts a tie with the k-th exact hit as found", () => {
    // Two duplicate passages share similarity 0.7; either one is a right answer.
    expect(recallAtK([0.9, 0.7, 0.7], [0.9, 0.7, 0.7], 2)).toBe(1);
    expect(idRecallAtK([1, 2, 3], [1, 3, 2], 2)).toBe(0.5);
  });

  it("copes with fewer vectors than k", () => {
    expect(recallAtK([0.9], [0.9], 10)).toBe(1);
    expect(idRecallAtK([4], [4], 10)).toBe(1);
    expect(recallAtK([], [], 10)).toBe(1);
  });
});
