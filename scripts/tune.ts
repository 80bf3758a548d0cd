/**
 * Calibration aid (not part of the product): loads the index once, embeds every question once, then scores
 * many retrieval and answer settings in-process on one or more question files, so a change to a weight is
 * judged on all of them at once. `npx tsx scripts/tune.ts <file.jsonl>...`
 */
import { readFileSync } from "node:fs";
import { createAnswerer, DEFAULT_ANSWERER, type AnswererOptions } from "../src/answer/answerer.js";
import type { AnswerSignals } from "../src/answer/confidence.js";
import { createApp } from "../src/app.js";
import type { Embedder } from "../src/embedding/embedder.js";
import { loadSettings } from "../src/config/settings.js";
import { evalItemSchema, scoreRow, summarise } from "../src/eval/metrics.js";
import { createRetriever, DEFAULT_RETRIEVER, type RetrieverOptions } from "../src/retrieval/retriever.js";

const files = process.argv.slice(2);
const app = await createApp(loadSettings());
const store = app.answerer().store;
const sets = files.map((f) => ({
  file: f,
  items: readFileSync(f, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => evalItemSchema.parse(JSON.parse(l))),
}));
const cache = new Map<string, Float32Array>();
for (const s of sets) {
  const vs = await app.embedder.embed(s.items.map((i) => i.question));
  s.items.forEach((it, k) => cache.set(it.question, vs[k] as Float32Array));
}
const cached: Embedder = {
  ...app.embedder,
  embed: async (t) => t.map((q) => cache.get(q) as Float32Array),
  countTokens: app.embedder.countTokens,
  dispose: async () => {},
};

async function run(r: RetrieverOptions, a: AnswererOptions) {
  const answerer = createAnswerer(store, cached, createRetriever(store, r), a);
  const out = [];
  const features: { kind: string; answerable: boolean; signals: AnswerSignals; set: number }[] = [];
  for (const [setIndex, s] of sets.entries()) {
    const rows = [];
    for (const item of s.items) {
      const res = await answerer.ask(item.question);
      rows.push(scoreRow(item, res.answer, () => true));
      features.push({
        kind: item.kind,
        answerable: item.gold.length > 0,
        signals: res.signals,
        set: setIndex,
      });
    }
    out.push(summarise(rows));
  }
  return { reports: out, features };
}

const fmt = (x: number) => x.toFixed(2);
const line = (label: string, reports: ReturnType<typeof summarise>[]) =>
  console.log(
    label.padEnd(40),
    reports
      .map(
        (r) =>
          `R1 ${fmt(r.recallAt1)} R3 ${fmt(r.recallAt3)} QA ${fmt(r.quoteAccuracy)} AP ${fmt(r.abstentionPrecision)} AR ${fmt(r.abstentionRecall)} AA ${r.answerableAbstained}`,
      )
      .join(" | "),
  );

const base = await run(DEFAULT_RETRIEVER, DEFAULT_ANSWERER);
line("defaults", base.reports);
const mode = process.env.TUNE ?? "fusion";
if (mode === "fusion") {
  for (const d of [0.2, 0.35, 0.5])
    for (const l of [0.15, 0.3, 0.45])
      for (const s of [0.2, 0.35, 0.5]) {
        const r = await run(
          { ...DEFAULT_RETRIEVER, weights: { dense: d, lexical: l, sentence: s } },
          DEFAULT_ANSWERER,
        );
        line(`fusion d${d} l${l} s${s}`, r.reports);
      }
}
if (mode === "quotes") {
  for (const ratio of [0.8, 0.85, 0.9, 0.95])
    for (const cos of [0.4, 0.5, 0.6]) {
      const sentenceWeights = { cos, coverage: 0.8 - cos, passage: 0.2 };
      const r = await run(DEFAULT_RETRIEVER, {
        ...DEFAULT_ANSWERER,
        secondQuoteRatio: ratio,
        sentenceWeights,
      });
      line(`quotes ratio ${ratio} cos ${cos}`, r.reports);
    }
}
if (mode === "features" || mode === "fit") {
  const gates = DEFAULT_ANSWERER.confidence.gates;
  const keys = (Object.keys(base.features[0]?.signals ?? {}) as (keyof AnswerSignals)[]).filter(
    (k) => !gates.includes(k),
  );
  if (mode === "features")
    for (const f of base.features)
      console.log(JSON.stringify({ y: f.answerable ? 1 : 0, kind: f.kind, set: f.set, ...f.signals }));
  const l2 = Number(process.env.L2 ?? "0.01");
  // FIT_SETS=n fits on the first n question files only, so the others measure what the fit generalises to.
  const fitSets = Number(process.env.FIT_SETS ?? sets.length);
  // Questions a gate already turns away say nothing about how the other signals should weigh.
  const training = base.features.filter((f) => f.set < fitSets && gates.every((g) => f.signals[g] >= 1));
  const { w, b } = fitLogistic(
    training.map((f) => keys.map((k) => f.signals[k])),
    training.map((f) => (f.answerable ? 1 : 0)),
    l2,
  );
  console.log(
    "fit",
    JSON.stringify(Object.fromEntries(keys.map((k, j) => [k, Number(w[j].toFixed(2))]))),
    "bias",
    b.toFixed(2),
  );
  for (const t of [0.3, 0.4, 0.5, 0.6, 0.7]) {
    const weights = Object.fromEntries(keys.map((k, j) => [k, w[j]])) as Record<keyof AnswerSignals, number>;
    const r = await run(DEFAULT_RETRIEVER, {
      ...DEFAULT_ANSWERER,
      confidence: { ...DEFAULT_ANSWERER.confidence, weights, bias: b, threshold: t },
    });
    line(`fit threshold ${t}`, r.reports);
  }
}
await app.close();

/** Logistic regression with an L2 penalty, by plain gradient descent: few samples, few features. */
export function fitLogistic(xs: number[][], ys: number[], l2 = 0.01, steps = 20000, lr = 0.5) {
  const d = xs[0]?.length ?? 0;
  const w = new Array(d).fill(0);
  let b = 0;
  for (let s = 0; s < steps; s++) {
    const gw = new Array(d).fill(0);
    let gb = 0;
    xs.forEach((x, i) => {
      const p = 1 / (1 + Math.exp(-(b + x.reduce((a, v, j) => a + v * w[j], 0))));
      const e = p - (ys[i] ?? 0);
      x.forEach((v, j) => (gw[j] += e * v));
      gb += e;
    });
    for (let j = 0; j < d; j++) w[j] -= lr * (gw[j] / xs.length + l2 * w[j]);
    b -= lr * (gb / xs.length);
  }
  return { w, b };
}
