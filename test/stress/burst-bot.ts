// The bot under a burst (see burst-harness.ts), in a process of its own so that its event loop and memory are
// measured alone: the real app (the model in its worker thread) and the real discord.js client, pointed at
// the fake Discord whose REST base is argv[2]. Talks to the harness over IPC: "ready", then on each "stats"
// the event-loop delay since the last "reset" and the memory.
import { monitorEventLoopDelay } from "node:perf_hooks";
import path from "node:path";
import { createApp } from "../../src/app.js";
import { loadSettings } from "../../src/config/settings.js";
import { createDiscordBot } from "../../src/frontends/discord/bot.js";
import { createLogger } from "../../src/frontends/discord/logger.js";

export const BURST_TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GhIjKl.burst-secret-token-part-0123456789";

export type BurstCommand = { kind: "reset" } | { kind: "stats" } | { kind: "stop" };
export interface BotStats {
  kind: "stats";
  loopDelayMs: { p50: number; p99: number; max: number; mean: number };
  rssMb: number;
  heapUsedMb: number;
}

const [restBase, workDir] = process.argv.slice(2) as [string, string];
const settings = loadSettings({
  CORPUS_DIR: path.join(workDir, "corpus"),
  INDEX_DIR: path.join(workDir, "index"),
  RATE_LIMIT_COUNT: "5",
  RATE_LIMIT_WINDOW_S: "30",
  // As `npm start` would take it from the environment.
  ...(process.env.EMBED_THREADS ? { EMBED_THREADS: process.env.EMBED_THREADS } : {}),
});
const app = await createApp(settings);
// A first question pays the model's one-time costs, as `npm start` does before it connects.
await app.answerer().ask("What does the report say about the economy?");
const bot = createDiscordBot({
  engine: app,
  log: createLogger({ level: "warn", secrets: [BURST_TOKEN] }),
  rateLimit: { count: settings.RATE_LIMIT_COUNT, windowS: settings.RATE_LIMIT_WINDOW_S },
  feedbackLog: path.join(workDir, "feedback.jsonl"),
  clientOptions: { rest: { api: restBase, timeout: 15_000, retries: 0 }, waitGuildTimeout: 500 },
  translates: (text) => app.translates(text),
});
await bot.start(BURST_TOKEN);

const delay = monitorEventLoopDelay({ resolution: 10 });
delay.enable();
const ms = (ns: number) => Math.round(ns / 1e5) / 10;
const mb = (bytes: number) => Math.round(bytes / 2 ** 20);

process.on("message", (command: BurstCommand) => {
  if (command.kind === "reset") delay.reset();
  if (command.kind === "stats") {
    const memory = process.memoryUsage();
    const stats: BotStats = {
      kind: "stats",
      loopDelayMs: {
        p50: ms(delay.percentile(50)),
        p99: ms(delay.percentile(99)),
        max: ms(delay.max),
        mean: ms(delay.mean),
      },
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
    };
    process.send?.(stats);
  }
  if (command.kind === "stop") {
    void bot
      .stop()
      .then(() => app.close())
      .then(() => process.exit(0));
  }
});
process.send?.({ kind: "ready" });
