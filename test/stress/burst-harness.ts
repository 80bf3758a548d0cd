// A burst of Discord interactions against the real bot (burst-bot.ts, its own process) through the fake
// Discord on 127.0.0.1: every user sends all their commands at once, and each interaction's time from being
// sent to its acknowledgement (the deferral or the note, as the fake receives it) is recorded, with the
// bot's event-loop delay and memory after each run. Used by burst.test.ts and scripts/bench-burst.ts.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { build } from "esbuild";
import type { APIUser } from "discord.js";
import { readQuestions } from "../../scripts/bench/questions.js";
import { percentile, round } from "../../scripts/bench/stats.js";
import { chatInputInteractionFixture, snowflake } from "../e2e/fake-discord/fixtures.js";
import { startFakeDiscord, type FakeDiscord } from "../e2e/fake-discord/server.js";
import { REPO, tempWorkspace } from "../fixtures/temp-corpus.js";
import type { BotStats, BurstCommand } from "./burst-bot.js";
import { NODE_BUNDLE } from "./harness.js";

/** Discord shows "The application did not respond" for an interaction not acknowledged within this. */
export const DISCORD_ACK_LIMIT_MS = 3_000;
const RATE_WINDOW_MS = 30_000;
/** Past the worker embedder's idle stop of its chunking thread (10 s). */
const CHUNKER_GONE_MS = 11_000;
const QUESTIONS = readQuestions(path.join(REPO, "test/fixtures/calibration-questions.jsonl"));

export interface BurstOptions {
  users: number;
  perUser: number;
  runs: number;
  log?: (line: string) => void;
}

export interface BurstRun {
  interactions: number;
  /** Acknowledged with a deferral: the work that was let in. */
  deferred: number;
  /** Acknowledged with a note: the rate limit, or a bad option. */
  notes: number;
  /** Send to acknowledgement. */
  ackMs: { p50: number; p99: number; max: number };
  /** Acknowledged after Discord's 3 seconds. */
  late: number;
  /** Send to the finished reply, for the deferred ones. */
  replyMs: { p50: number; p99: number; max: number };
  /** From the first send to the last reply. */
  wallS: number;
  bot: Omit<BotStats, "kind">;
}

type Command = { name: string; options: Record<string, string> };

/** A user's commands: questions mostly, the wording tools, and a question too long to take. */
function commandsOf(user: number, perUser: number): Command[] {
  const q = (k: number) => QUESTIONS[(user * 7 + k) % QUESTIONS.length] ?? "What is planned?";
  const kinds: Command[] = [
    { name: "ask", options: { question: q(0) } },
    { name: "quote", options: { phrase: "pocket parks" } },
    { name: "ask", options: { question: q(1) } },
    { name: "brief", options: { topic: "green space" } },
    { name: "ask", options: { question: q(2) } },
    { name: "outline", options: {} },
    { name: "ask", options: { question: "x".repeat(600) } },
    { name: "ask", options: { question: q(3) } },
  ];
  // Rotated per user, so that what is refused (the last ones each user sends) is of every kind.
  return Array.from({ length: perUser }, (_, k) => kinds[(user + k) % kinds.length] as Command);
}

const spread = (values: number[]) => ({
  p50: round(percentile(values, 50), 0),
  p99: round(percentile(values, 99), 0),
  max: round(Math.max(0, ...values), 0),
});

/**
 * The bot and the model's worker bundled as `npm start` runs them (dist/*.mjs, the worker beside the entry),
 * into dist/stress/: no TypeScript loader in the measured process, whose memory and start it would inflate.
 */
async function bundleBot(): Promise<string> {
  const outdir = path.join(REPO, "dist", "stress");
  await build({
    absWorkingDir: REPO,
    entryPoints: {
      "burst-bot": path.join(import.meta.dirname, "burst-bot.ts"),
      "embed-worker": path.join(REPO, "src/embedding/embed-worker.ts"),
    },
    outdir,
    outExtension: { ".js": ".mjs" },
    ...NODE_BUNDLE,
  });
  return path.join(outdir, "burst-bot.mjs");
}

export async function runBursts(options: BurstOptions): Promise<BurstRun[]> {
  const log = options.log ?? (() => undefined);
  const script = await bundleBot();
  const ws = tempWorkspace();
  const fake = await startFakeDiscord();
  const bot = spawnBot(script, fake.restBase, ws.dir);
  try {
    log("burst: starting the bot (model, index, gateway) …");
    await bot.ready;
    // The start-up build's chunking thread stops when idle: both runs start with the same threads, so that
    // their memory compares.
    await new Promise((resolve) => setTimeout(resolve, CHUNKER_GONE_MS));
    const users: APIUser[] = Array.from({ length: options.users }, (_, u) => ({
      ...fake.world.user,
      id: snowflake(),
      username: `user${u}`,
      global_name: `user${u}`,
    }));
    const runs: BurstRun[] = [];
    let lastAck = 0;
    for (let r = 0; r < options.runs; r++) {
      // Identical runs: every user's rate-limit window from the run before has passed (the limiter counts a
      // request when it is handled, before its acknowledgement).
      const wait = lastAck + RATE_WINDOW_MS + 1_000 - performance.now();
      if (r > 0 && wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      bot.send({ kind: "reset" });
      const { lastAckAt, ...run } = await oneBurst(fake, users, options.perUser);
      lastAck = lastAckAt;
      const stats = await bot.stats();
      const { kind: _kind, ...botStats } = stats;
      runs.push({ ...run, bot: botStats });
      log(`burst: run ${r + 1}: ${JSON.stringify(runs[runs.length - 1])}`);
    }
    return runs;
  } finally {
    await bot.stop();
    await fake.close();
    ws.cleanup();
  }
}

async function oneBurst(
  fake: FakeDiscord,
  users: APIUser[],
  perUser: number,
): Promise<Omit<BurstRun, "bot"> & { lastAckAt: number }> {
  const sentAt = new Map<string, number>();
  const acked = new Map<string, { at: number; deferred: boolean }>();
  const replied = new Map<string, number>();
  let settle: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (settle = resolve));
  const check = () => {
    const deferred = [...acked.values()].filter((a) => a.deferred).length;
    if (acked.size === sentAt.size && replied.size === deferred) settle();
  };
  const undo = fake.intercept((request) => {
    const token = request.params.token;
    if (!token || !sentAt.has(token)) return undefined;
    const at = performance.now();
    if (request.method === "POST" && request.route?.endsWith("/callback") && !acked.has(token)) {
      acked.set(token, { at, deferred: (request.body as { type?: number } | undefined)?.type === 5 });
    } else if (request.method === "PATCH" && !replied.has(token)) replied.set(token, at);
    queueMicrotask(check);
    return undefined;
  });
  const plans = users.map((_, u) => commandsOf(u, perUser));
  const t0 = performance.now();
  // Round by round: each user's first command, then each one's second, … all sent at once.
  for (let k = 0; k < perUser; k++) {
    for (const [u, user] of users.entries()) {
      const command = plans[u]?.[k];
      if (!command) continue;
      const interaction = chatInputInteractionFixture(fake.world, command.name, command.options);
      sentAt.set(interaction.token, performance.now());
      fake.dispatchInteraction({
        ...interaction,
        member: { ...interaction.member, user },
      } as typeof interaction);
    }
  }
  const timeout = setTimeout(settle, 300_000);
  await done;
  clearTimeout(timeout);
  undo();
  const ack = [...sentAt].map(([token, sent]) => (acked.get(token)?.at ?? Infinity) - sent);
  const reply = [...replied].map(([token, at]) => at - (sentAt.get(token) ?? at));
  const deferred = [...acked.values()].filter((a) => a.deferred).length;
  return {
    interactions: sentAt.size,
    deferred,
    notes: acked.size - deferred,
    ackMs: spread(ack),
    late: ack.filter((a) => a > DISCORD_ACK_LIMIT_MS).length,
    replyMs: spread(reply),
    wallS: round((Math.max(t0, ...replied.values()) - t0) / 1000, 1),
    lastAckAt: Math.max(t0, ...[...acked.values()].map((a) => a.at)),
  };
}

interface BotProcess {
  ready: Promise<void>;
  send(command: BurstCommand): void;
  stats(): Promise<BotStats>;
  stop(): Promise<void>;
}

function spawnBot(script: string, restBase: string, workDir: string): BotProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    [
      // BURST_PROFILE=<dir>: a CPU profile of the bot (main thread and workers), for finding what holds the loop.
      ...(process.env.BURST_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BURST_PROFILE}`] : []),
      script,
      restBase,
      workDir,
    ],
    { cwd: REPO, stdio: ["ignore", "inherit", "pipe", "ipc"] },
  );
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const next = <T>(kind: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { kind?: string }) => {
        if (message.kind !== kind) return;
        child.off("message", onMessage);
        resolve(message as T);
      };
      child.on("message", onMessage);
      void exited.then(() => reject(new Error(`the bot exited before "${kind}": ${stderr.slice(-2000)}`)));
    });
  return {
    ready: next<void>("ready"),
    send: (command) => child.send(command),
    stats() {
      const reply = next<BotStats>("stats");
      child.send({ kind: "stats" } satisfies BurstCommand);
      return reply;
    },
    async stop() {
      if (child.exitCode === null && child.connected) child.send({ kind: "stop" } satisfies BurstCommand);
      const killed = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(killed);
    },
  };
}
