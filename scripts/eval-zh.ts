/**
 * `npx tsx scripts/eval-zh.ts [--verbose] [file.jsonl]`: scores Chinese questions through the Chinese
 * translator and the English engine (translate, then ask the English query), as the answerer will once it
 * is given the translator; prints the metrics, the dictionary's load time and memory, and the
 * per-question cost of translating.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { loadSettings } from "../src/config/settings.js";
import { evalItemSchema, scoreRow, summarise, type EvalRow } from "../src/eval/metrics.js";
import { logToStderr, runCli } from "../src/frontends/cli/run-cli.js";
import { createChineseTranslator } from "../src/language/chinese-translator.js";
import { knownWordsOf } from "../src/language/known-words.js";

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { verbose: { type: "boolean" } },
  });
  const file = positionals[0] ?? "../shared/eval/dev-zh.jsonl";
  const items = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => evalItemSchema.parse(JSON.parse(l)));
  const settings = loadSettings();
  const app = await createApp(settings, { log: logToStderr });
  const answerer = app.answerer();
  const isKnown = knownWordsOf(answerer.store.texts);
  const translator = createChineseTranslator();

  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  await translator.translate("你好", isKnown);
  const loadMs = performance.now() - t0;
  const rssMb = (process.memoryUsage().rss - rss0) / 1e6;

  const rows: EvalRow[] = [];
  const translateMs: number[] = [];
  const askMs: number[] = [];
  for (const item of items) {
    if (!translator.handles(item.question)) console.log(`not taken as Chinese: ${item.id}`);
    const t1 = performance.now();
    const query = await translator.translate(item.question, isKnown);
    const t2 = performance.now();
    const { answer } = await answerer.ask(query);
    askMs.push(performance.now() - t2);
    translateMs.push(t2 - t1);
    const row = scoreRow(item, answer, (q) => {
      const text = readFileSync(path.join(settings.CORPUS_DIR, q.doc), "utf8");
      return text.slice(q.start, q.end) === q.text;
    });
    rows.push(row);
    if (values.verbose) {
      const ok = item.gold.length
        ? `rank ${row.rank ?? "-"} quote ${row.quoteHit ? "ok" : "miss"}`
        : "unanswerable";
      console.log(`${item.id} [${ok}, ${answer.answered ? "answered" : "abstained"} ${answer.confidence}]`);
      console.log(`  ${item.question}\n  → ${query}`);
    }
  }
  await app.close();
  const r = summarise(rows);
  const f = (x: number) => x.toFixed(3);
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  console.log(
    `questions ${r.questions} (answerable ${r.answerable}): R@1 ${f(r.recallAt1)} R@3 ${f(r.recallAt3)} ` +
      `MRR@10 ${f(r.mrrAt10)} quote acc. ${f(r.quoteAccuracy)} abst. P ${f(r.abstentionPrecision)} ` +
      `R ${f(r.abstentionRecall)} answerable abstained ${r.answerableAbstained} verbatim ${f(r.verbatimShare)}`,
  );
  console.log(
    `dictionary + pinyin load ${loadMs.toFixed(0)} ms, RSS +${rssMb.toFixed(0)} MB; translate ms median ` +
      `${median(translateMs).toFixed(2)} max ${Math.max(...translateMs).toFixed(2)}; ask (English query) ms ` +
      `median ${median(askMs).toFixed(2)}`,
  );
});
