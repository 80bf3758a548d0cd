import { describe, expect, it } from "vitest";
import { fitConditionalLogit, fitLogistic, logit, standardise } from "../../../scripts/fit/learn.js";

describe("learners of npm run fit", () => {
  it("logistic regression separates a separable set and is monotone in the informative input", () => {
    const x = Array.from({ length: 200 }, (_, i) => [i / 200, (i * 7919) % 13]);
    const y = x.map(([a]) => a! > 0.5);
    const s = standardise(x);
    const model = fitLogistic(x, y, s, 0.001);
    const right = x.filter((row, i) => logit(model, s, row) > 0 === y[i]).length;
    expect(right / x.length).toBeGreaterThan(0.95);
    expect(Math.abs(model.weights[0]!)).toBeGreaterThan(Math.abs(model.weights[1]!));
  });

  it("the conditional logit ranks the positive candidate of each group first", () => {
    const groups = Array.from({ length: 50 }, (_, g) => {
      const x = Array.from({ length: 6 }, (_, i) => [((g * 31 + i * 17) % 10) / 10, (g + i) % 3]);
      const best = x.reduce((b, row, i) => (row[0]! > x[b]![0]! ? i : b), 0);
      return { x, y: x.map((_, i) => i === best) };
    });
    const s = standardise(groups.flatMap((g) => g.x));
    const model = fitConditionalLogit(groups, s, 0.001);
    const right = groups.filter((g) => {
      const scores = g.x.map((row) => logit(model, s, row));
      return g.y[scores.indexOf(Math.max(...scores))];
    }).length;
    expect(right).toBeGreaterThanOrEqual(48);
  });
});
