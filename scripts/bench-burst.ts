/**
 * `npm run -s bench:burst -- [--json] [--runs N] [--big-seconds N]`: what the event loop withstands.
 * 1. A burst: 400 interactions from 50 users at once against the real bot (the model in its worker thread)
 *    and the fake Discord on 127.0.0.1 (test/stress/burst-harness.ts), N identical runs: time from send to
 *    acknowledgement, the bot's event-loop delay (perf_hooks.monitorEventLoopDelay) and its memory.
 * 2. A 1.5 MB document indexed: the event-loop delay during the first seconds of the build, with the model
 *    and chunking in the worker threads (what the app uses) and on the main thread (as before), in turn.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createEmbedder, indexCorpus } from "../src/app.js";
import { REPO_ROOT } from "./bench/questions.js";
import { round } from "./bench/stats.js";
import { loadSettings } from "../src/config/settings.js";
import type { Embedder } from "../src/embedding/embedder.js";
import { createTransformersEmbedder } from "../src/embedding/transformers-embedder.js";
import { DEFAULT_MODEL_ID, resolveModel } from "../src/embedding/model-source.js";
import {
  helpText,
  logToStderr,
  parseCli,
  runCli,
  usageError,
  type CliSpec,
} from "../src/frontends/cli/run-cli.js";
import { runBursts, type BurstRun } from "../test/stress/burst-harness.js";

const USAGE = "npm run -s bench:burst -- [--json] [--runs N] [--big-seconds N]";
const CLI: CliSpec = {
  usage: USAGE,
  about:
    "A burst of 400 Discord interactions from 50 users against the real bot and a fake Discord, and a " +
    "1.5 MB document indexed: acknowledgement times, event-loop delay and memory.",
  options: {
    json: { type: "boolean", help: "Print one JSON object instead of lines." },
    runs: { type: "string", value: "N", help: "Identical burst runs (default 2)." },
    "big-seconds": {
      type: "string",
      value: "N",
      help: "Seconds of the big document's build watched, each way (default 60).",
    },
  },
  example: "npm run -s bench:burst -- --runs 2",
  positionals: false,
};

interface BigDocumentFigures {
  where: "worker threads" | "main thread";
  seconds: number;
  loopDelayMs: { p99: number; max: number };
}

runCli(async () => {
  const parsed = parseCli(process.argv.slice(2), CLI);
  if (parsed.help) return void console.log(helpText(CLI));
  const runs = count(parsed.values.runs, 2, "--runs");
  const bigSeconds = count(parsed.values["big-seconds"], 60, "--big-seconds");
  const load = os.loadavg();
  const burst = await runBursts({ users: 50, perUser: 8, runs, log: logToStderr });
  const big = [await bigDocument("worker threads", bigSeconds), await bigDocument("main thread", bigSeconds)];
  const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? "CPU"}, load average ${load.map((l) => l.toFixed(1)).join(" ")} at start`;
  if (parsed.values.json)
    return void console.log(JSON.stringify({ machine, burst, bigDocument: big }, null, 2));
  console.log(`machine: ${machine}`);
  burst.forEach((run, k) => console.log(burstLine(run, k + 1)));
  for (const b of big) {
    console.log(
      `1.5 MB document, first ${b.seconds} s of its build, model and chunking on the ${b.where}: ` +
        `event-loop delay p99 ${b.loopDelayMs.p99} ms, max ${b.loopDelayMs.max} ms`,
    );
  }
});

function count(value: unknown, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw usageError(`${name} takes a whole number of at least 1.`, USAGE);
  return n;
}

function burstLine(run: BurstRun, n: number): string {
  return (
    `burst run ${n}: ${run.interactions} interactions (${run.deferred} deferred, ${run.notes} notes), ` +
    `acknowledged p50 ${run.ackMs.p50} ms, p99 ${run.ackMs.p99} ms, max ${run.ackMs.max} ms (${run.late} after 3 s); ` +
    `replies done p50 ${run.replyMs.p50} ms, max ${run.replyMs.max} ms; ` +
    `bot event-loop delay p50 ${run.bot.loopDelayMs.p50} ms, p99 ${run.bot.loopDelayMs.p99} ms, max ${run.bot.loopDelayMs.max} ms; ` +
    `RSS ${run.bot.rssMb} MB, heap ${run.bot.heapUsedMb} MB`
  );
}

/** The report repeated, each sentence numbered so that no two are alike, to 1.5 MB. */
function bigText(): string {
  const report = readFileSync(path.join(REPO_ROOT, "corpus/minhang-mayor-report.txt"), "utf8");
  let text = "";
  let n = 0;
  while (text.length < 1.5e6)
    text += report.replace(/\.(\s)/g, (_, space: string) => ` (${n++}).${space}`) + "\n\n";
  return text;
}

/** The event-loop delay while a 1.5 MB document is chunked and embedded, for `seconds`, then abandoned. */
async function bigDocument(where: BigDocumentFigures["where"], seconds: number): Promise<BigDocumentFigures> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-big-"));
  const corpus = path.join(dir, "corpus");
  mkdirSync(corpus);
  writeFileSync(path.join(corpus, "big.txt"), bigText());
  const settings = loadSettings({ CORPUS_DIR: corpus, INDEX_DIR: path.join(dir, "index") });
  const embedder = await embedderFor(where, settings);
  const stop = new AbortController();
  const delay = monitorEventLoopDelay({ resolution: 10 });
  try {
    logToStderr(`big document: indexing with the model on the ${where}, ${seconds} s …`);
    delay.enable();
    const timer = setTimeout(() => stop.abort(new Error("bench: enough")), seconds * 1000);
    await indexCorpus(settings, embedder, { signal: stop.signal }).catch((error: unknown) => {
      if (!stop.signal.aborted) throw error;
    });
    clearTimeout(timer);
    delay.disable();
    const ms = (ns: number) => round(ns / 1e6, 0);
    return { where, seconds, loopDelayMs: { p99: ms(delay.percentile(99)), max: ms(delay.max) } };
  } finally {
    await embedder.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function embedderFor(
  where: BigDocumentFigures["where"],
  settings: ReturnType<typeof loadSettings>,
): Promise<Embedder> {
  if (where === "worker threads") return createEmbedder(settings, logToStderr);
  const model = await resolveModel({
    modelId: DEFAULT_MODEL_ID,
    modelDir: settings.MODEL_DIR,
    cacheDir: settings.MODELS_CACHE_DIR,
  });
  return createTransformersEmbedder({ modelDir: model.dir, modelId: DEFAULT_MODEL_ID, dtype: "q4" });
}
