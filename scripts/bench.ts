/**
 * `npm run -s bench -- [--json] [--docs N] [--asks N] [--profile DIR]`: measures start-up, indexing and the
 * per-question cost on the report, and with --docs on N generated documents; prints a table or one JSON object.
 * Progress goes to stderr. Everything is built in a scratch folder under the OS temp folder, removed at the end.
 */
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEmbedder } from "../src/app.js";
import { coldStartCli, runProbe, staleIndexWarning, type Workspace } from "./bench/children.js";
import { loopFigures, startupBreakdown } from "./bench/figures.js";
import {
  buildFromScratch,
  corpusEmbedTexts,
  rawEmbedThroughput,
  settingsFor,
  timeRefreshes,
} from "./bench/indexing.js";
import { measureFrontEnds } from "./bench/front-ends.js";
import { summariseProfile, type CpuProfile, type ProfileSummary } from "./bench/profile.js";
import { DEV_QUESTIONS, readQuestions, REPO_ROOT } from "./bench/questions.js";
import { checkGoals, formatTable, type BenchReport } from "./bench/report.js";
import { failNoLoop, runScale } from "./bench/scale.js";
import { median, round } from "./bench/stats.js";
import type { Embedder } from "../src/embedding/embedder.js";
import { isStaleBuild } from "../src/frontends/cli/stale-build.js";
import {
  helpText,
  logToStderr,
  parseCli,
  runCli,
  usageError,
  type CliSpec,
} from "../src/frontends/cli/run-cli.js";

const USAGE =
  "npm run -s bench -- [--json] [--docs N] [--asks N] [--seed N] [--questions FILE.jsonl] [--profile DIR]";
const SOURCE = path.join(REPO_ROOT, "corpus/minhang-mayor-report.txt");
const RUNS = { coldStart: 3, build: 3, refresh: 5, rawEmbed: 3 };

const CLI: CliSpec = {
  usage: USAGE,
  about:
    "Measures start-up, indexing and the per-question cost on the report (and with --docs on generated " +
    "documents), in a scratch folder removed at the end; progress goes to stderr.",
  options: {
    json: { type: "boolean", help: "Print one JSON object instead of a table." },
    docs: { type: "string", value: "N", help: "Also measure N generated documents (default 0: none)." },
    asks: { type: "string", value: "N", help: "Questions timed after warm-up (default 200)." },
    seed: { type: "string", value: "N", help: "Seed of the generated documents (default 1)." },
    questions: {
      type: "string",
      value: "FILE.jsonl",
      help: `Questions to time (default ${path.relative(process.cwd(), DEV_QUESTIONS)}).`,
    },
    profile: { type: "string", value: "DIR", help: "Write CPU profiles of the timed loops to DIR." },
  },
  example: "npm run -s bench -- --asks 50 --questions test/fixtures/calibration-questions.jsonl",
  positionals: false,
};

interface Args {
  json: boolean;
  docs: number;
  asks: number;
  seed: number;
  questions: string;
  profileDir: string | undefined;
}

runCli(async () => {
  const args = readArgs();
  if (!args) {
    console.log(helpText(CLI));
    return;
  }
  const report = await withScratch((scratch) => runBench(args, scratch));
  console.log(args.json ? JSON.stringify(report, null, 2) : formatTable(report));
});

/** A scratch folder under the OS temp folder, removed afterwards (and on Ctrl-C). */
async function withScratch<T>(work: (dir: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "report-bench-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once("SIGINT", () => {
    cleanup();
    process.exit(130);
  });
  try {
    return await work(dir);
  } finally {
    cleanup();
  }
}

async function runBench(args: Args, scratch: string): Promise<BenchReport> {
  // The cold start times the real CLI, dist/ask.mjs: stale bundles would time (or fail on) yesterday's code.
  if (isStaleBuild(REPO_ROOT)) {
    log("src/ changed since dist/ was built: building it first");
    execFileSync(process.execPath, [path.join(REPO_ROOT, "scripts/build.mjs")], { stdio: "inherit" });
  }
  const t0 = performance.now();
  const loadStart = os.loadavg();
  const questions = readQuestions(args.questions);
  const ws: Workspace = {
    corpusDir: path.join(scratch, "single/corpus"),
    indexDir: path.join(scratch, "single/index"),
  };
  cpSync(path.join(REPO_ROOT, "corpus"), ws.corpusDir, { recursive: true });
  if (args.profileDir) mkdirSync(args.profileDir, { recursive: true });
  log("loading the model");
  const embedder = await createEmbedder(settingsFor(ws), log);
  try {
    await embedder.embed(["warm-up"]);
    const indexing = await measureIndexing(ws, scratch, embedder);
    const start = await measureColdStart(ws, questions[0] as string, args.questions);
    log(`per-question loop (at least ${args.asks} asks after warm-up) in a fresh process`);
    const probe = await runProbe(ws, {
      questionsFile: args.questions,
      minAsks: args.asks,
      profileFile: profileFile(args, "single"),
    });
    log("front ends: /api/ask against the engine's ask, Chinese questions against their English glosses");
    const frontEnds = await measureFrontEnds(settingsFor(ws), questions, Math.min(args.asks, 120));
    const scale = args.docs > 0 ? await measureScale(args, scratch, embedder, questions) : undefined;
    const partial: Omit<BenchReport, "goals"> = {
      machine: machine(loadStart),
      ...indexing,
      ...start.figures,
      ...loopFigures(probe.loop ?? failNoLoop()),
      rss_mb: round(probe.rssMbAfterWarmUp ?? 0, 0),
      front_ends: frontEnds,
      ...(scale ? { scale } : {}),
      ...profiles(args),
      warnings: [
        ...start.warnings,
        ...staleIndexWarning(probe, "per-question loop"),
        ...(scale?.warnings ?? []),
      ],
      wall_ms: round(performance.now() - t0, 0),
    };
    return { ...partial, goals: checkGoals(partial) };
  } finally {
    await embedder.dispose();
  }
}

async function measureScale(args: Args, scratch: string, embedder: Embedder, questions: string[]) {
  return runScale({
    docs: args.docs,
    seed: args.seed,
    sourceFile: SOURCE,
    dir: path.join(scratch, "scale"),
    embedder,
    questionsFile: args.questions,
    minAsks: args.asks,
    questionVectors: await embedder.embed(questions),
    profileFile: profileFile(args, "scale"),
    log,
  });
}

function readArgs(): Args | undefined {
  const { help, values: v } = parseCli(process.argv.slice(2), CLI);
  if (help) return undefined;
  const whole = (name: string, raw: unknown, fallback: number, min: number) => {
    const n = raw === undefined ? fallback : Number(raw);
    if (!Number.isInteger(n) || n < min)
      throw usageError(`--${name} must be a whole number ≥ ${min}.`, USAGE);
    return n;
  };
  const questions = path.resolve(typeof v.questions === "string" ? v.questions : DEV_QUESTIONS);
  if (!existsSync(questions)) {
    throw usageError(`No question file at ${questions}; give one with --questions FILE.jsonl.`, USAGE);
  }
  return {
    json: v.json === true,
    docs: whole("docs", v.docs, 0, 0),
    asks: whole("asks", v.asks, 200, 1),
    seed: whole("seed", v.seed, 1, 0),
    questions,
    profileDir: typeof v.profile === "string" ? path.resolve(v.profile) : undefined,
  };
}

function log(line: string): void {
  logToStderr(`bench: ${line}`);
}

/** Builds from scratch (first into the workspace's index, which the later steps use), refreshes, embeds raw. */
async function measureIndexing(ws: Workspace, scratch: string, embedder: Embedder) {
  const builds = [];
  for (let i = 0; i < RUNS.build; i++) {
    log(`building the index from scratch (${i + 1}/${RUNS.build})`);
    const indexDir = i === 0 ? ws.indexDir : path.join(scratch, `single/index-build-${i}`);
    builds.push(await buildFromScratch({ ...ws, indexDir }, embedder));
    if (i > 0) rmSync(indexDir, { recursive: true, force: true });
  }
  const [first] = builds;
  if (!first) throw new Error("No build ran.");
  const { store, embeddedTexts } = first;
  const buildMs = builds.map((b) => b.ms);
  log("refreshing the unchanged index");
  const refreshMs = await timeRefreshes(ws, embedder, RUNS.refresh, store);
  log("raw batched embedding of the same texts");
  const throughput = await rawEmbedThroughput(
    embedder,
    await corpusEmbedTexts(ws, store, embedder),
    RUNS.rawEmbed,
  );
  const unitsPerS = (embeddedTexts / median(buildMs)) * 1000;
  return {
    corpus: {
      docs: store.manifest.documents.length,
      units: store.units.length,
      sentences: store.sentences.length,
    },
    index_build_ms: round(median(buildMs), 0),
    index_build_runs_ms: buildMs.map((x) => round(x, 0)),
    embedded_texts: embeddedTexts,
    units_per_s: round(unitsPerS, 1),
    refresh_unchanged_ms: round(median(refreshMs), 1),
    refresh_unchanged_runs_ms: refreshMs.map((x) => round(x, 1)),
    embed_throughput_per_s: round(median(throughput), 1),
    embed_throughput_runs_per_s: throughput.map((x) => round(x, 1)),
    indexing_over_raw: round(unitsPerS / median(throughput), 3),
  };
}

/** The real CLI, once untimed (disk and transform caches), then timed; and the probe for the stages. */
async function measureColdStart(ws: Workspace, question: string, questionsFile: string) {
  log(`cold start: ${RUNS.coldStart} runs of ask.ts --json after one untimed run`);
  await coldStartCli(ws, question);
  const runs: number[] = [];
  for (let i = 0; i < RUNS.coldStart; i++) runs.push((await coldStartCli(ws, question)).answerMs);
  log(`cold start: ${RUNS.coldStart} runs of the stage probe`);
  const probes = [];
  for (let i = 0; i < RUNS.coldStart; i++) probes.push(await runProbe(ws, { questionsFile, minAsks: 0 }));
  return {
    figures: {
      cold_start_ms: round(median(runs), 0),
      cold_start_runs_ms: runs.map((x) => round(x, 0)),
      cold_start_breakdown_ms: startupBreakdown(probes),
    },
    warnings: probes.flatMap((p, i) => staleIndexWarning(p, `cold-start probe ${i + 1}`)),
  };
}

function profileFile(args: Args, name: string): string | undefined {
  return args.profileDir ? path.join(args.profileDir, `${name}-loop.cpuprofile`) : undefined;
}

function profiles(args: Args): { profile?: { single: ProfileSummary; scale?: ProfileSummary } } {
  if (!args.profileDir) return {};
  const read = (name: string) =>
    summariseProfile(JSON.parse(readFileSync(profileFile(args, name) as string, "utf8")) as CpuProfile);
  return { profile: { single: read("single"), ...(args.docs > 0 ? { scale: read("scale") } : {}) } };
}

function machine(loadStart: number[]): BenchReport["machine"] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpu: cpus[0]?.model.trim() ?? "unknown",
    node: process.version,
    load_avg_start: loadStart.map((x) => round(x, 2)),
    load_avg_end: os.loadavg().map((x) => round(x, 2)),
  };
}
