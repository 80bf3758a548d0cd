import { clip } from "../../src/answer/answer-model.js";

/**
 * The learners of `npm run fit`: standardised inputs, L2-regularised, full-batch gradient descent with Adam.
 * Small and deterministic (no random start), which is all a few thousand questions and twenty inputs need.
 */

export interface Standardised {
  mean: number[];
  scale: number[];
}

export function standardise(rows: readonly number[][]): Standardised {
  const n = rows.length;
  const d = rows[0]?.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + r[j]!, 0) / Math.max(1, n));
  const scale = mean.map((m, j) => {
    const v = rows.reduce((s, r) => s + (r[j]! - m) ** 2, 0) / Math.max(1, n);
    return v > 1e-12 ? Math.sqrt(v) : 1;
  });
  return { mean, scale };
}

export interface Linear {
  weights: number[];
  bias: number;
}

const apply = (s: Standardised, x: readonly number[]) =>
  x.map((v, j) => clip((v - s.mean[j]!) / s.scale[j]!));

export function logit(model: Linear, s: Standardised, x: readonly number[]): number {
  const z = apply(s, x);
  return model.bias + z.reduce((acc, v, j) => acc + v * model.weights[j]!, 0);
}

/** A group of candidates of which the positives are right (one question's sentences). */
export interface Group {
  x: number[][];
  y: boolean[];
  /** How much the group counts (1 unless a scarce kind of data is weighed up). */
  weight?: number;
}

type Gradient = (w: number[], b: number) => { loss: number; gw: number[]; gb: number };

function adam(d: number, gradient: Gradient, l2: number, steps = 400, rate = 0.05): Linear {
  let w = new Array<number>(d).fill(0);
  let b = 0;
  const m = new Array<number>(d + 1).fill(0);
  const v = new Array<number>(d + 1).fill(0);
  for (let t = 1; t <= steps; t++) {
    const g = gradient(w, b);
    const grads = [...g.gw.map((gj, j) => gj + l2 * w[j]!), g.gb];
    const params = [...w, b];
    for (let j = 0; j <= d; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * grads[j]!;
      v[j] = 0.999 * v[j]! + 0.001 * grads[j]! ** 2;
      const mh = m[j]! / (1 - 0.9 ** t);
      const vh = v[j]! / (1 - 0.999 ** t);
      params[j] = params[j]! - (rate * mh) / (Math.sqrt(vh) + 1e-8);
    }
    w = params.slice(0, d);
    b = params[d]!;
  }
  return { weights: w, bias: b };
}

/**
 * Conditional logit: within each group, a softmax over candidates, fitted to put its mass on the positives.
 * It learns to rank the sentences of one question against each other, which is the choice the answerer makes.
 */
export function fitConditionalLogit(
  groups: readonly Group[],
  s: Standardised,
  l2: number,
  steps = 400,
): Linear {
  const useful = groups.filter((g) => g.y.some(Boolean) && g.y.some((y) => !y));
  const data = useful.map((g) => ({ z: g.x.map((x) => apply(s, x)), y: g.y, w: g.weight ?? 1 }));
  const totalWeight = data.reduce((a, g) => a + g.w, 0);
  const d = s.mean.length;
  return adam(
    d,
    (w) => {
      const gw = new Array<number>(d).fill(0);
      let loss = 0;
      for (const g of data) {
        const scores = g.z.map((z) => z.reduce((a, v, j) => a + v * w[j]!, 0));
        const top = Math.max(...scores);
        const e = scores.map((sc) => Math.exp(sc - top));
        const total = e.reduce((a, v) => a + v, 0);
        const posMass = e.reduce((a, v, i) => a + (g.y[i] ? v : 0), 0);
        loss -= g.w * Math.log(posMass / total);
        g.z.forEach((z, i) => {
          const p = e[i]! / total;
          const target = g.y[i] ? e[i]! / posMass : 0;
          for (let j = 0; j < d; j++) gw[j]! += (g.w * (p - target) * z[j]!) / totalWeight;
        });
      }
      return { loss: loss / totalWeight, gw, gb: 0 };
    },
    l2,
    steps,
  );
}

/** Logistic regression: a calibrated probability that y is true. */
export function fitLogistic(
  x: readonly number[][],
  y: readonly boolean[],
  s: Standardised,
  l2: number,
  weights: readonly number[] = x.map(() => 1),
): Linear {
  const z = x.map((row) => apply(s, row));
  const d = s.mean.length;
  const total = weights.reduce((a, w) => a + w, 0);
  return adam(
    d,
    (w, b) => {
      const gw = new Array<number>(d).fill(0);
      let gb = 0;
      let loss = 0;
      z.forEach((row, i) => {
        const p = 1 / (1 + Math.exp(-(b + row.reduce((a, v, j) => a + v * w[j]!, 0))));
        const t = y[i] ? 1 : 0;
        const share = weights[i]! / total;
        loss -= share * (t ? Math.log(p + 1e-12) : Math.log(1 - p + 1e-12));
        for (let j = 0; j < d; j++) gw[j]! += share * (p - t) * row[j]!;
        gb += share * (p - t);
      });
      return { loss, gw, gb };
    },
    l2,
    600,
  );
}
