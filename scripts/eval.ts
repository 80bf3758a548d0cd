/** `npm run -s eval -- [--json] [--verbose] <file.jsonl>`: scores the engine on a question file. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { loadSettings } from "../src/config/settings.js";
import { AppError, describeError } from "../src/errors.js";
import {
  evalItemSchema,
  scoreRow,
  summarise,
  type EvalItem,
  type EvalReport,
  type EvalRow,
} from "../src/eval/metrics.js";
import { logToStderr, runCli, usageError } from "../src/frontends/cli/run-cli.js";

const USAGE = "npm run -s eval -- [--json] [--verbose] <questions.jsonl>";

runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { json: { type: "boolean" }, verbose: { type: "boolean" } },
    });
  } catch (error) {
    throw usageError(describeError(error), USAGE);
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) throw usageError("Expected one question file.", USAGE);
  const items = readItems(file);
  const settings = loadSettings();
  const app = await createApp(settings, { log: logToStderr });
  const answerer = app.answerer();
  const texts = answerer.store.texts;
  const rows: EvalRow[] = [];
  const signals: unknown[] = [];
  for (const item of items) {
    const result = await answerer.ask(item.question);
    signals.push({ id: item.id, kind: item.kind, ...result.signals, confidence: result.answer.confidence });
    rows.push(scoreRow(item, result.answer, (q) => verbatimOnDisk(settings.CORPUS_DIR, q, texts)));
  }
  await app.close();
  const report = summarise(rows);
  if (parsed.values.json) console.log(JSON.stringify(report));
  else printHuman(report, rows, parsed.values.verbose ? signals : []);
});

function readItems(file: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError("INPUT_UNREADABLE", `Could not read ${file}: ${describeError(error)}.`);
  }
  return text
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map(({ line, n }) => {
      const parsed = evalItemSchema.safeParse(JSON.parse(line));
      if (!parsed.success)
        throw new AppError("INPUT_UNREADABLE", `${file}:${n}: ${parsed.error.issues[0]?.message}.`);
      return parsed.data;
    });
}

/** Checked against the file on disk, not the index, so an index bug cannot hide a non-verbatim quote. */
function verbatimOnDisk(
  corpusDir: string,
  q: { doc: string; start: number; end: number; text: string },
  cache: Record<string, string>,
): boolean {
  const text = (cache[`disk:${q.doc}`] ??= readFileSync(path.join(corpusDir, q.doc), "utf8"));
  return text.slice(q.start, q.end) === q.text;
}

function printHuman(r: EvalReport, rows: EvalRow[], signals: unknown[]): void {
  const pct = (x: number) => x.toFixed(3);
  console.log(`questions ${r.questions} (answerable ${r.answerable}, unanswerable ${r.unanswerable})`);
  console.log("| metric | value |\n|---|---|");
  for (const [k, v] of [
    ["recall@1", pct(r.recallAt1)],
    ["recall@3", pct(r.recallAt3)],
    ["recall@5", pct(r.recallAt5)],
    ["MRR@10", pct(r.mrrAt10)],
    ["quote accuracy", pct(r.quoteAccuracy)],
    ["abstention precision", pct(r.abstentionPrecision)],
    ["abstention recall", pct(r.abstentionRecall)],
    ["answerable abstained", String(r.answerableAbstained)],
    ["verbatim quotes", pct(r.verbatimShare)],
  ])
    console.log(`| ${k} | ${v} |`);
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
  for (const s of signals) console.log(JSON.stringify(s));
}
