/**
 * `npx tsx scripts/eval-zh.ts [--verbose] [file.jsonl]`: scores Chinese questions through the Chinese
 * translator and the English engine (translate, then ask the English query), as the answerer will once it
 * is given the translator; prints the metrics, the dictionary's load time and memory, and the
 * per-question cost of translating. `--en` asks each question's English gloss (`en`) instead, for comparison.
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

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
const median = (xs: number[]) => quantile(xs, 0.5);

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { verbose: { type: "boolean" }, en: { type: "boolean" }, cost: { type: "string" } },
  });
  const file = positionals[0] ?? "../shared/eval/dev-zh.jsonl";
  const items = readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { en?: string })
    .map((raw) => ({ ...evalItemSchema.parse(raw), en: raw.en }));
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

  // `--cost N`: N rounds over the questions, each a Chinese question (translate + ask) beside its English
  // gloss (ask), interleaved so that both see the same load.
  const measureCost = async (rounds: number) => {
    const zh: number[] = [];
    const en: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const item of items) {
        if (!item.en) continue;
        let t = performance.now();
        await answerer.ask(await translator.translate(item.question, isKnown));
        zh.push(performance.now() - t);
        t = performance.now();
        await answerer.ask(item.en);
        en.push(performance.now() - t);
      }
    }
    return { zh, en };
  };

  const rows: EvalRow[] = [];
  const translateMs: number[] = [];
  const askMs: number[] = [];
  for (const item of items) {
    if (!translator.handles(item.question)) console.log(`not taken as Chinese: ${item.id}`);
    const t1 = performance.now();
    // --en asks the set's English gloss instead: what the engine does with a perfect translation.
    const query = values.en && item.en ? item.en : await translator.translate(item.question, isKnown);
    const t2 = performance.now();
    const { answer, candidateQuotes } = await answerer.ask(query);
    askMs.push(performance.now() - t2);
    translateMs.push(t2 - t1);
    const row = scoreRow(item, answer, candidateQuotes, (q) => {
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
  const cost = values.cost ? await measureCost(Number(values.cost)) : null;
  await app.close();
  const r = summarise(rows);
  const f = (x: number) => x.toFixed(3);
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
  if (cost) {
    const line = (xs: number[]) => `p50 ${median(xs).toFixed(2)} p95 ${quantile(xs, 0.95).toFixed(2)}`;
    console.log(
      `cost over ${cost.zh.length} asks: Chinese (translate + ask) ms ${line(cost.zh)}; English gloss (ask) ms ` +
        `${line(cost.en)}; ratio of p50 ${(median(cost.zh) / median(cost.en)).toFixed(2)}`,
    );
  }
});
