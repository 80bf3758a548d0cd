/**
 * Child process of the benchmark: starts the engine the way a front end does, timing each start-up stage from
 * process start, answers one question, then (when BENCH_ASKS > 0) warms up and times the per-question loop.
 * Prints one JSON line (ProbeResult) on stdout. Settings come from the environment (CORPUS_DIR, INDEX_DIR, …);
 * BENCH_QUESTIONS names the question file and BENCH_PROFILE, if set, a .cpuprofile to write for the loop.
 *
 * Stages are loaded with dynamic imports so that their cost is measured, not hoisted before the first line.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { Embedder, TokenEmbedding } from "../../src/embedding/embedder.js";
import { askSchedule, readQuestions } from "./questions.js";

export interface ProbeLoop {
  embedOnlyMs: number[];
  askMs: number[];
  embedMs: number[];
  retrieveMs: number[];
  answerMs: number[];
  /** Each ask again with the question's embedding already known: the main thread's own work. */
  mainThreadMs?: number[];
  /** The question's embedding as an ask needs it (vector and token vectors), the main thread idle. */
  questionEmbeddingMs?: number[];
}

export interface ProbeResult {
  /** Milliseconds since process start at the end of each stage. */
  at: { boot: number; imports: number; model: number; index: number; firstAnswer: number };
  indexAction: string;
  rssMbAfterFirstAnswer: number;
  rssMbAfterWarmUp?: number;
  loop?: ProbeLoop;
}

const at = { boot: performance.now(), imports: 0, model: 0, index: 0, firstAnswer: 0 };
const { answererFor, createAnswerParts, createEmbedder, indexCorpus } = await import("../../src/app.js");
const { loadSettings } = await import("../../src/config/settings.js");
const { embeddingModelOf } = await import("../../src/answer/answer-memory.js");
at.imports = performance.now();

const settings = loadSettings();
const questions = readQuestions(process.env.BENCH_QUESTIONS ?? "");
const minAsks = Number(process.env.BENCH_ASKS ?? "0");
const embedder = await createEmbedder(settings, (line) => console.error(line));
at.model = performance.now();
const built = await indexCorpus(settings, embedder, { log: (line) => console.error(line) });
at.index = performance.now();
// As a user's engine answers: with the shelf's own calibration and answered questions when it has them.
const parts = createAnswerParts(
  settings.CORPUS_DIR,
  (line) => console.error(line),
  embeddingModelOf(embedder),
);
const answerer = answererFor(built.store, embedder, parts);
await answerer.ask(questions[0] as string);
at.firstAnswer = performance.now();

const result: ProbeResult = { at, indexAction: built.action, rssMbAfterFirstAnswer: rssMb() };
if (minAsks > 0) {
  for (const q of questions) {
    await embedder.embed([q]);
    await answerer.ask(q);
  }
  result.rssMbAfterWarmUp = rssMb();
  const profiler = process.env.BENCH_PROFILE ? await startProfiler() : null;
  result.loop = await timeLoop(askSchedule(questions, minAsks));
  if (profiler) await profiler.stopInto(process.env.BENCH_PROFILE as string);
  result.loop.mainThreadMs = await timeMainThread(askSchedule(questions, minAsks));
  if (embedder.embedQuestion)
    result.loop.questionEmbeddingMs = await timeQuestionEmbedding(askSchedule(questions, minAsks));
}
await embedder.dispose();
process.stdout.write(JSON.stringify(result) + "\n");

/** Each question embedded alone, then asked whole, interleaved so that noise hits both alike. */
async function timeLoop(schedule: readonly string[]): Promise<ProbeLoop> {
  const loop: ProbeLoop = { embedOnlyMs: [], askMs: [], embedMs: [], retrieveMs: [], answerMs: [] };
  for (const q of schedule) {
    const t0 = performance.now();
    await embedder.embed([q]);
    const t1 = performance.now();
    const { timings } = await answerer.ask(q);
    const t2 = performance.now();
    loop.embedOnlyMs.push(t1 - t0);
    loop.askMs.push(t2 - t1);
    loop.embedMs.push(timings.embedMs);
    loop.retrieveMs.push(timings.retrieveMs);
    loop.answerMs.push(timings.answerMs);
  }
  return loop;
}

/**
 * The same schedule through an answerer whose embedder hands back each question's embedding, worked out
 * beforehand by the real model: what is left is the main thread's own work (and the same answers).
 */
async function timeMainThread(schedule: readonly string[]): Promise<number[]> {
  const known = new Map<string, { vector: Float32Array; tokens: TokenEmbedding | undefined }>();
  for (const q of new Set(schedule)) {
    const e = embedder.embedQuestion?.(q);
    known.set(
      q,
      e
        ? { vector: await e.vector, tokens: await e.tokens }
        : { vector: (await embedder.embed([q]))[0]!, tokens: undefined },
    );
  }
  const served: Embedder = {
    ...embedder,
    embed: (texts) => Promise.all(texts.map((t) => Promise.resolve(known.get(t)!.vector))),
    ...(embedder.embedQuestion
      ? {
          embedQuestion: (q: string) => {
            const k = known.get(q)!;
            return { vector: Promise.resolve(k.vector), tokens: Promise.resolve(k.tokens!) };
          },
        }
      : {}),
  };
  const fromMemory = answererFor(built.store, served, parts);
  for (const q of questions) await fromMemory.ask(q);
  const ms: number[] = [];
  for (const q of schedule) {
    const t0 = performance.now();
    await fromMemory.ask(q);
    ms.push(performance.now() - t0);
  }
  return ms;
}

async function timeQuestionEmbedding(schedule: readonly string[]): Promise<number[]> {
  const ms: number[] = [];
  for (const q of schedule) {
    const t0 = performance.now();
    await embedder.embedQuestion!(q).tokens;
    ms.push(performance.now() - t0);
  }
  return ms;
}

function rssMb(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

/** V8's sampling profiler (what `node --cpu-prof` uses), limited to the timed loop. */
async function startProfiler() {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return {
    async stopInto(file: string) {
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      session.disconnect();
    },
  };
}
