/**
 * `npx tsx scripts/eval-zh.ts [--verbose] [--dump <out.jsonl>] [--en] [--cost N] [file.jsonl]`: scores Chinese
 * questions as the answerer answers them (translated by the translator it is given), and prints the metrics,
 * the dictionary's load time and memory, and the per-question cost of translating. `--verbose` prints each
 * question's English query, confidence and share understood; `--dump` writes each question's confidence
 * inputs beside its outcome (for studying abstention); `--en` asks each question's English gloss (`en`)
 * instead, for comparison; `--cost N` times N rounds of each Chinese question beside its English gloss.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createApp } from "../src/app.js";
import { loadSettings } from "../src/config/settings.js";
import { evalItemSchema, scoreRow, summarise, type EvalRow } from "../src/eval/metrics.js";
import { logToStderr, runCli } from "../src/frontends/cli/run-cli.js";
import { createChineseTranslator } from "../src/language/chinese-translator.js";
import { knownWordsOf } from "../src/language/known-words.js";
import { createWinkAnalyser } from "../src/nlp/wink-analyser.js";
import {
  coveredShare,
  statesCount,
  statesTime,
  understoodShare,
} from "../src/language/translation-quality.js";

const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * q))] ?? 0;
const median = (xs: number[]) => quantile(xs, 0.5);

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      verbose: { type: "boolean" },
      en: { type: "boolean" },
      cost: { type: "string" },
      dump: { type: "string" },
    },
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
  // A translator of its own, to time translating apart from answering and to load the dictionary up front.
  const translator = createChineseTranslator();
  // The language tool the app gives the answerer, for the dump's count and time checks.
  const analyser = createWinkAnalyser();

  // The answerer's first Chinese question loads the dictionary and the readings: timed with its answer.
  const rss0 = process.memoryUsage().rss;
  const t0 = performance.now();
  await answerer.ask("你好");
  const loadMs = performance.now() - t0;
  const rssMb = (process.memoryUsage().rss - rss0) / 1e6;
  await translator.translate("你好", isKnown);

  // `--cost N`: N rounds over the questions, each Chinese question beside its English gloss, interleaved so
  // that both see the same load.
  const measureCost = async (rounds: number) => {
    const zh: number[] = [];
    const en: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const item of items) {
        if (!item.en) continue;
        let t = performance.now();
        await answerer.ask(item.question);
        zh.push(performance.now() - t);
        t = performance.now();
        await answerer.ask(item.en);
        en.push(performance.now() - t);
      }
    }
    return { zh, en };
  };

  const rows: EvalRow[] = [];
  const dump: string[] = [];
  const translateMs: number[] = [];
  for (const item of items) {
    if (!translator.handles(item.question)) console.log(`not taken as Chinese: ${item.id}`);
    const t1 = performance.now();
    const translation = await translator.translate(item.question, isKnown);
    translateMs.push(performance.now() - t1);
    // --en asks the set's English gloss instead: what the engine does with a perfect translation.
    const asked = values.en && item.en ? item.en : item.question;
    const { answer, candidateQuotes, features } = await answerer.ask(asked);
    const row = scoreRow(item, answer, candidateQuotes, (q) => {
      const text = readFileSync(path.join(settings.CORPUS_DIR, q.doc), "utf8");
      return text.slice(q.start, q.end) === q.text;
    });
    rows.push(row);
    const r3 = (x: number) => Math.round(x * 1000) / 1000;
    const understood = r3(understoodShare(translation));
    const covered = r3(coveredShare(translation, candidateQuotes.map((q) => q.text).join(" ")));
    dump.push(
      JSON.stringify({
        id: item.id,
        unanswerable: item.gold.length === 0,
        quoteHit: row.quoteHit,
        rank: row.rank,
        confidence: answer.confidence,
        answered: answer.answered,
        understood,
        covered,
        counts: translation.counts ?? null,
        statesTime: statesTime(translation, candidateQuotes.map((q) => q.text).join(" "), analyser),
        statesCount: statesCount(translation, candidateQuotes.map((q) => q.text).join(" "), analyser),
        unknown: translation.words.filter((w) => !w.known).map((w) => w.source),
        query: answer.searchedFor ?? asked,
        features,
      }),
    );
    if (values.verbose) {
      const ok = item.gold.length
        ? `rank ${row.rank ?? "-"} quote ${row.quoteHit ? "ok" : "miss"}`
        : "unanswerable";
      console.log(
        `${item.id} [${ok}, ${answer.answered ? "answered" : "abstained"} ${answer.confidence}, understood ${understood}, covered ${covered}]`,
      );
      console.log(`  ${item.question}\n  → ${answer.searchedFor ?? asked}`);
    }
  }
  if (values.dump) writeFileSync(values.dump, dump.join("\n") + "\n");
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
    `first Chinese question (dictionary + pinyin load) ${loadMs.toFixed(0)} ms, RSS +${rssMb.toFixed(0)} MB; translate ms median ` +
      `${median(translateMs).toFixed(2)} max ${Math.max(...translateMs).toFixed(2)}`,
  );
  if (cost) {
    const line = (xs: number[]) => `p50 ${median(xs).toFixed(2)} p95 ${quantile(xs, 0.95).toFixed(2)}`;
    console.log(
      `cost over ${cost.zh.length} asks: Chinese (translate + ask) ms ${line(cost.zh)}; English gloss (ask) ms ` +
        `${line(cost.en)}; ratio of p50 ${(median(cost.zh) / median(cost.en)).toFixed(2)}`,
    );
  }
});
