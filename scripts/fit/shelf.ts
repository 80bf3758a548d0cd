import { sigmoid } from "../../src/answer/answer-model.js";
import { fitLogistic, logit, standardise, type Linear, type Standardised } from "./learn.js";

/**
 * A shelf's own calibration (src/answer/shelf-calibration.ts): a logistic regression over the general
 * model's out-of-fold log-odds and a few general inputs, fitted on that shelf's labelled questions, and the
 * shelf's threshold.
 */

export interface ShelfPoint {
  /** The general log-odds first, then the chosen question inputs, in the file's order. */
  inputs: number[];
  /** Whether the quotes it would give answer the question. */
  right: boolean;
  answerable: boolean;
  /** The question set it comes from: validation leaves one set out at a time. */
  set: string;
}

export interface ShelfFit {
  standardised: Standardised;
  model: Linear;
  threshold: number;
}

/** Small on purpose: a shelf has a few hundred labelled questions at most. */
export const SHELF_L2 = 0.01;

export const shelfConfidence = (fit: Pick<ShelfFit, "standardised" | "model">, inputs: readonly number[]) =>
  sigmoid(logit(fit.model, fit.standardised, inputs));

export interface AbstentionFigures {
  questions: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  abstentionF1: number;
  falseAbstentions: number;
}

/** Abstention figures of the questions abstained on; the answerable ones only need to be told apart. */
export function abstentionFiguresOf(
  points: readonly Pick<ShelfPoint, "answerable">[],
  abstainedOn: readonly boolean[],
): AbstentionFigures {
  const abstained = points.filter((_, i) => abstainedOn[i]);
  const unanswerable = points.filter((p) => !p.answerable).length;
  const answerable = points.length - unanswerable;
  const hits = abstained.filter((p) => !p.answerable).length;
  const precision = abstained.length ? hits / abstained.length : 1;
  const recall = unanswerable ? hits / unanswerable : 1;
  return {
    questions: points.length,
    abstentionPrecision: precision,
    abstentionRecall: recall,
    abstentionF1: precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0,
    falseAbstentions: answerable ? abstained.filter((p) => p.answerable).length / answerable : 0,
  };
}

/**
 * The figures set by set, answerable questions refused as "k of n": a pooled share can hide a set of one
 * voice that is refused twice as often, and the report's goals hold set by set.
 */
export function figuresBySet(
  points: readonly Pick<ShelfPoint, "answerable" | "set">[],
  abstainedOn: readonly boolean[],
): Record<string, { refused: string; abstentionPrecision: number; abstentionRecall: number }> {
  const bySet = new Map<string, number[]>();
  points.forEach((p, i) => {
    const rows = bySet.get(p.set);
    if (rows) rows.push(i);
    else bySet.set(p.set, [i]);
  });
  return Object.fromEntries(
    [...bySet].map(([set, rows]) => {
      const f = abstentionFiguresOf(
        rows.map((i) => points[i]!),
        rows.map((i) => abstainedOn[i]!),
      );
      const answerable = rows.filter((i) => points[i]!.answerable);
      const refused = answerable.filter((i) => abstainedOn[i]).length;
      return [
        set,
        {
          refused: `${refused} of ${answerable.length}`,
          abstentionPrecision: round(f.abstentionPrecision),
          abstentionRecall: round(f.abstentionRecall),
        },
      ];
    }),
  );
}

export const abstentionFigures = (
  points: readonly Pick<ShelfPoint, "answerable">[],
  confidences: readonly number[],
  threshold: number,
): AbstentionFigures =>
  abstentionFiguresOf(
    points,
    confidences.map((c) => c < threshold),
  );

/** The threshold with the best abstention F1 among those abstaining on at most maxFalse of answerable ones. */
export function chooseThreshold(
  points: readonly ShelfPoint[],
  confidences: readonly number[],
  maxFalse: number,
): number {
  let best = 0;
  let bestF1 = -1;
  for (let t = 0.02; t < 0.95; t += 0.01) {
    const f = abstentionFigures(points, confidences, t);
    if (f.falseAbstentions <= maxFalse && f.abstentionF1 > bestF1)
      [best, bestF1] = [round(t), f.abstentionF1];
  }
  return best;
}

export function fitShelf(points: readonly ShelfPoint[], maxFalse: number, l2 = SHELF_L2): ShelfFit {
  const x = points.map((p) => p.inputs);
  const standardised = standardise(x);
  const model = fitLogistic(
    x,
    points.map((p) => p.right),
    standardised,
    l2,
  );
  const calibrated = x.map((inputs) => shelfConfidence({ standardised, model }, inputs));
  return { standardised, model, threshold: chooseThreshold(points, calibrated, maxFalse) };
}

/** Each set's questions judged by a calibration fitted on the other sets: the figures a new set can expect. */
export function leaveOneSetOut(
  points: readonly ShelfPoint[],
  maxFalse: number,
): { confidences: number[]; abstained: boolean[] } {
  const confidences = new Array<number>(points.length).fill(0);
  const abstained = new Array<boolean>(points.length).fill(false);
  for (const set of new Set(points.map((p) => p.set))) {
    const fit = fitShelf(
      points.filter((p) => p.set !== set),
      maxFalse,
    );
    points.forEach((p, i) => {
      if (p.set !== set) return;
      confidences[i] = shelfConfidence(fit, p.inputs);
      abstained[i] = confidences[i]! < fit.threshold;
    });
  }
  return { confidences, abstained };
}

function round(x: number) {
  return Math.round(x * 1000) / 1000;
}
