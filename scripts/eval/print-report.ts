import type { EvalReport, EvalRow } from "../../src/eval/metrics.js";

const f3 = (x: number) => x.toFixed(3);

/** The human-readable report of `npm run eval`: figures, reliability table, per kind, then the misses. */
export function printReport(r: EvalReport, rows: EvalRow[], verbose: boolean): void {
  console.log(`questions ${r.questions} (answerable ${r.answerable}, unanswerable ${r.unanswerable})`);
  console.log("| metric | value |\n|---|---|");
  for (const [k, v] of [
    ["recall@1", f3(r.recallAt1)],
    ["recall@3", f3(r.recallAt3)],
    ["recall@5", f3(r.recallAt5)],
    ["MRR@10", f3(r.mrrAt10)],
    ["quote accuracy", f3(r.quoteAccuracy)],
    ["first quote accuracy", f3(r.firstQuoteAccuracy)],
    ["mean quote length (chars)", r.meanQuoteChars.toFixed(0)],
    ["abstention precision", f3(r.abstentionPrecision)],
    ["abstention recall", f3(r.abstentionRecall)],
    ["abstention F1", f3(r.abstentionF1)],
    [
      "answerable abstained",
      `${r.answerableAbstained} (${f3(r.answerableAbstained / Math.max(1, r.answerable))})`,
    ],
    ["ROC AUC (answerable vs not)", f3(r.rocAuc)],
    ["expected calibration error", f3(r.ece)],
    ["verbatim quotes", f3(r.verbatimShare)],
  ])
    console.log(`| ${k} | ${v} |`);
  console.log("\nreliability (confidence against the share whose quote answers):");
  console.log("| confidence | questions | mean confidence | share right |\n|---|---|---|---|");
  for (const b of r.reliability)
    console.log(
      `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.count} | ${f3(b.meanConfidence)} | ${f3(b.shareRight)} |`,
    );
  console.log("\nby kind (answerable: right quote; unanswerable: abstained):");
  for (const [kind, k] of Object.entries(r.byKind).sort())
    console.log(`- ${kind}: ${k.right}/${k.questions} (${f3(k.right / k.questions)})`);
  if (!verbose) return;
  const misses = rows.filter((x) =>
    x.item.gold.length > 0 ? x.rank !== 1 || !x.quoteHit || !x.answer.answered : x.answer.answered,
  );
  if (misses.length) console.log("\nmisses:");
  for (const m of misses) {
    const why =
      m.item.gold.length === 0
        ? "answered an unanswerable question"
        : `rank ${m.rank ?? "none"}, quote ${m.quoteHit ? "ok" : "miss"}, ${m.answer.answered ? "answered" : "abstained"}`;
    console.log(`- ${m.item.id} [${m.item.kind}] ${m.item.question} (${why}, conf ${m.answer.confidence})`);
    console.log(`    top: ${m.answer.passages[0]?.id}: ${m.answer.passages[0]?.text.slice(0, 160)}`);
    if (m.answer.quotes[0]) console.log(`    quote: ${m.answer.quotes[0].text.slice(0, 160)}`);
  }
}
