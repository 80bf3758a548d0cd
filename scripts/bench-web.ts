/**
 * `npm run -s bench:web -- [--asks N] [--json]`: what the web page adds to an answer. The engine's own ask
 * (`answerer.ask`), `GET /api/ask` over a real socket on 127.0.0.1, and the same request without a socket
 * (fastify's inject) are timed on the same questions, taken in turn so that all see the same machine load;
 * prints p50/p95 of each and of the socket request's difference from the engine per question.
 * The index is built in a scratch folder from corpus/ and removed at the end.
 */
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createApp } from "../src/app.js";
import { readQuestions, REPO_ROOT } from "./bench/questions.js";
import { median, percentile, round } from "./bench/stats.js";
import { loadSettings } from "../src/config/settings.js";
import {
  helpText,
  logToStderr,
  parseCli,
  runCli,
  usageError,
  type CliSpec,
} from "../src/frontends/cli/run-cli.js";
import { createWebServer } from "../src/frontends/web/server.js";

const QUESTIONS = path.join(REPO_ROOT, "test/fixtures/calibration-questions.jsonl");
const CLI: CliSpec = {
  usage: "npm run -s bench:web -- [--asks N] [--json]",
  about:
    "Times the engine's own ask, GET /api/ask over a socket and the same request injected, on the same " +
    "questions; prints p50/p95 of each.",
  options: {
    asks: { type: "string", value: "N", help: "Questions timed each way (default 90)." },
    json: { type: "boolean", help: "Print one JSON object instead of a table." },
  },
  example: "npm run -s bench:web -- --asks 30",
  positionals: false,
};

runCli(async () => {
  const { help, values } = parseCli(process.argv.slice(2), CLI);
  if (help) {
    console.log(helpText(CLI));
    return;
  }
  const asks = Number(values.asks ?? 90);
  if (!Number.isInteger(asks) || asks < 1) throw usageError("--asks must be a whole number ≥ 1.", CLI.usage);
  const dir = mkdtempSync(path.join(os.tmpdir(), "bench-web-"));
  cpSync(path.join(REPO_ROOT, "corpus"), path.join(dir, "corpus"), { recursive: true });
  // The scratch folder holds corpus and index; the model stays where the repository keeps it.
  const models = process.env.MODELS_CACHE_DIR ?? path.join(REPO_ROOT, "models");
  const env = { ...process.env, CORPUS_DIR: "corpus", INDEX_DIR: "index", MODELS_CACHE_DIR: models };
  const settings = loadSettings(env, dir);
  const app = await createApp(settings, { log: logToStderr });
  const server = createWebServer({ engine: app, rateLimit: { count: asks * 10, windowMs: 60_000 } });
  try {
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const questions = readQuestions(QUESTIONS);
    const schedule = Array.from({ length: asks }, (_, i) => questions[i % questions.length] as string);
    const engineMs: number[] = [];
    const apiMs: number[] = [];
    const injectMs: number[] = [];
    // Warm both paths (model graph, caches, the HTTP connection) before timing.
    for (const q of schedule.slice(0, 3)) {
      await app.answerer().ask(q);
      await (await fetch(`${base}/api/ask?q=${encodeURIComponent(q)}`)).text();
    }
    logToStderr(`timing ${asks} questions each way…`);
    for (const [i, q] of schedule.entries()) {
      const ways = ["engine", "api", "inject"] as const;
      for (let k = 0; k < ways.length; k++) {
        const way = ways[(i + k) % ways.length] as (typeof ways)[number];
        const url = `/api/ask?q=${encodeURIComponent(q)}`;
        const t = performance.now();
        if (way === "engine") await app.answerer().ask(q);
        else if (way === "inject") await server.inject({ url });
        else {
          const res = await fetch(base + url);
          await res.text();
          if (!res.ok) throw new Error(`/api/ask answered ${res.status} for "${q}"`);
        }
        ({ engine: engineMs, api: apiMs, inject: injectMs })[way].push(performance.now() - t);
      }
    }
    const diff = apiMs.map((ms, i) => ms - (engineMs[i] ?? 0));
    const figures = {
      asks,
      engine: { p50: round(median(engineMs)), p95: round(percentile(engineMs, 95)) },
      api: { p50: round(median(apiMs)), p95: round(percentile(apiMs, 95)) },
      inject: { p50: round(median(injectMs)), p95: round(percentile(injectMs, 95)) },
      overhead: { p50: round(median(diff)), p95: round(percentile(diff, 95)) },
      machine: `${os.cpus()[0]?.model ?? "cpu"} ×${os.cpus().length}, node ${process.version}`,
    };
    if (values.json) console.log(JSON.stringify(figures));
    else {
      console.log(`${asks} questions (${path.relative(REPO_ROOT, QUESTIONS)}), ${figures.machine}`);
      console.log(`engine ask     p50 ${figures.engine.p50} ms  p95 ${figures.engine.p95} ms`);
      console.log(
        `GET /api/ask   p50 ${figures.api.p50} ms  p95 ${figures.api.p95} ms (fetch over 127.0.0.1)`,
      );
      console.log(
        `  no socket    p50 ${figures.inject.p50} ms  p95 ${figures.inject.p95} ms (fastify inject)`,
      );
      console.log(
        `difference     p50 ${figures.overhead.p50} ms  p95 ${figures.overhead.p95} ms (per question)`,
      );
    }
  } finally {
    await server.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
