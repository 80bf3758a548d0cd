import { describe, expect, it } from "vitest";
import {
  abstentionFigures,
  chooseThreshold,
  fitShelf,
  leaveOneSetOut,
  shelfConfidence,
  type ShelfPoint,
} from "../../../scripts/fit/shelf.js";

/**
 * Questions whose general log-odds z understate how often they are right (truly sigmoid(2z + 1)), and whose
 * second input marks the off-topic ones, which are never right.
 */
function shelf(n: number): ShelfPoint[] {
  return Array.from({ length: n }, (_, i) => {
    const z = -3 + (6 * i) / (n - 1);
    const offTopic = i % 5 === 0;
    const truth = offTopic ? 0 : 1 / (1 + Math.exp(-(2 * z + 1)));
    // A deterministic draw: the i-th question is right when a low-discrepancy sequence falls under truth.
    const u = (i * 0.6180339887) % 1;
    return {
      inputs: [z, offTopic ? 0.2 : 0.6 + ((i * 0.37) % 0.2)],
      right: u < truth,
      answerable: !offTopic,
      set: `s${i % 4}`,
    };
  });
}

describe("a shelf's own calibration (npm run fit)", () => {
  it("is calibrated on the shelf it was fitted on, and learns what marks its off-topic questions", () => {
    const points = shelf(2000);
    const fit = fitShelf(points, 0.05, 0.0001);
    const p = points.map((q) => shelfConfidence(fit, q.inputs));
    const mean = p.reduce((a, b) => a + b, 0) / p.length;
    const share = points.filter((q) => q.right).length / points.length;
    expect(Math.abs(mean - share)).toBeLessThan(0.02);
    const offTopic = p.filter((_, i) => !points[i]!.answerable);
    expect(offTopic.reduce((a, b) => a + b, 0) / offTopic.length).toBeLessThan(0.1);
    expect(fit.model.weights[0]).toBeGreaterThan(0);
    expect(fit.model.weights[1]).toBeGreaterThan(0);
  });

  it("chooses the threshold within the bar on answerable questions abstained on", () => {
    const points = shelf(400);
    const confidences = points.map((q) => 1 / (1 + Math.exp(-q.inputs[0]!)));
    const t = chooseThreshold(points, confidences, 0.05);
    expect(abstentionFigures(points, confidences, t).falseAbstentions).toBeLessThanOrEqual(0.05);
    expect(abstentionFigures(points, confidences, t + 0.05).falseAbstentions).toBeGreaterThan(0.05);
  });

  it("judges each set with a calibration fitted on the others only", () => {
    const points = shelf(400);
    const moved = points.map((q) => (q.set === "s0" ? { ...q, right: !q.right } : q));
    const a = leaveOneSetOut(points, 0.05);
    const b = leaveOneSetOut(moved, 0.05);
    // Changing set s0's labels changes the others' confidences, never s0's own.
    points.forEach((q, i) => {
      if (q.set === "s0") expect(b.confidences[i]).toBe(a.confidences[i]);
    });
    expect(points.some((q, i) => q.set !== "s0" && b.confidences[i] !== a.confidences[i])).toBe(true);
  });
});
