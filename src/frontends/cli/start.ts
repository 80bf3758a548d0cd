/**
 * `npm start`: the Discord bot when DISCORD_TOKEN is set, otherwise a local chat in the terminal.
 * Either way the model and index are loaded once, before the first question.
 */
import { createApp, type App } from "../../app.js";
import { loadSettings, type Settings } from "../../config/settings.js";
import { AppError } from "../../errors.js";
import { botSettings, createDiscordBot } from "../discord/bot.js";
import { createLogger } from "../discord/logger.js";
import { checkWebSettings, startWebBeside } from "../web/listen.js";
import { NO_TOKEN_LINE, runLocalChat } from "./local-chat.js";
import { helpText, logToStderr, parseCli, runCli, type CliSpec } from "./run-cli.js";

// Pays the model's first-call cost (graph init, caches) before anyone waits for it.
const WARM_UP_QUESTION = "What does the report say about the economy?";
const SIGNALS = ["SIGINT", "SIGTERM"] as const;
/** A stop signal ends the process within this long whatever is running (a refresh is abandoned). */
const STOP_DEADLINE_MS = 3_500;

/** From the first stop signal on, the process exits by the deadline even if something still holds it. */
function exitByDeadline(onLate: () => void): void {
  setTimeout(() => {
    onLate();
    process.exit(1);
  }, STOP_DEADLINE_MS).unref();
}

const CLI: CliSpec = {
  usage: "npm start",
  about:
    "Starts the Discord bot when DISCORD_TOKEN is set, otherwise a chat in this terminal; either way the " +
    "web page listens beside it (WEB_HOST, WEB_PORT; default 127.0.0.1:8787). Settings come from the environment.",
  options: {},
  example: "WEB_PORT=8080 npm start",
  positionals: false,
};

runCli(async () => {
  if (parseCli(process.argv.slice(2), CLI).help) {
    console.log(helpText(CLI));
    return;
  }
  const settings = loadSettings();
  checkWebSettings(settings);
  if (settings.DISCORD_TOKEN) await runBot(settings, settings.DISCORD_TOKEN);
  else await runLocal(settings);
});

interface Refreshed {
  documents: number;
  passages: number;
  indexVersion: string;
}

/**
 * Watches the corpus folder: a document added, changed or removed is indexed and swapped in within seconds
 * (a periodic check catches missed file-system events within a minute); questions in flight finish on the
 * index they started with.
 */
function watchCorpus(app: App, onRefreshed: (r: Refreshed, line: string) => void): void {
  app.watch((result) => {
    if (result.action === "fresh" || result.action === "kept") return; // "kept" was logged as a warning
    const m = result.store.manifest;
    const r = { documents: m.documents.length, passages: m.counts.units, indexVersion: m.indexVersion };
    onRefreshed(
      r,
      `index refreshed: ${r.documents} ${r.documents === 1 ? "document" : "documents"}, ${r.passages} passages, version ${r.indexVersion}`,
    );
  });
}

async function runLocal(settings: Settings): Promise<void> {
  console.log(NO_TOKEN_LINE);
  // Progress goes to stderr, so stdout keeps the chat only; once the chat runs, through it, so that a
  // status line never lands on the prompt.
  let status = logToStderr;
  const app = await createApp(settings, { log: (line) => status(line) });
  watchCorpus(app, (_r, line) => status(line));
  const web = await startWebBeside(app, settings, (line) => status(line));
  const chat = runLocalChat({
    engine: app,
    translates: app.translates,
    input: process.stdin,
    output: process.stdout,
    terminal: Boolean(process.stdin.isTTY && process.stdout.isTTY),
  });
  status = chat.status;
  // A signal stops reading; the answer being computed is still printed.
  const stop = () => {
    exitByDeadline(() => logToStderr("still busy at the stop deadline: exiting now"));
    chat.close();
  };
  for (const signal of SIGNALS) process.once(signal, stop);
  try {
    await chat.done;
  } finally {
    for (const signal of SIGNALS) process.off(signal, stop);
    await web?.close();
    await app.close();
  }
}

async function runBot(settings: Settings, token: string): Promise<void> {
  if (!settings.DISCORD_APP_ID) {
    throw new AppError("CONFIG_INVALID", "DISCORD_TOKEN is set but DISCORD_APP_ID is not.", {
      hint: "Set DISCORD_APP_ID to the Application ID from the developer portal (General Information), or unset DISCORD_TOKEN for the local chat.",
    });
  }
  const log = createLogger({ level: settings.LOG_LEVEL, secrets: [token] });
  log.info({ event: "starting" }, "loading model and index");
  const app = await createApp(settings, {
    log: (line) => log.info({ event: "engine" }, line),
    warn: (line) => log.warn({ event: "engine" }, line),
  });
  const warm = performance.now();
  await app.answerer().ask(WARM_UP_QUESTION);
  log.info({ event: "warm-up", ms: Math.round(performance.now() - warm) }, "model warmed up");

  const bot = createDiscordBot({ engine: app, log, translates: app.translates, ...botSettings(settings) });
  watchCorpus(app, (r, line) => log.info({ event: "index-refreshed", ...r }, line));
  const web = await startWebBeside(app, settings, (line) => log.info({ event: "web" }, line));
  let stoppingSince: number | undefined;
  let stopped!: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  const shutdown = (signal: string) => {
    if (stoppingSince !== undefined) {
      // tsx relays the signal it got to this process, so one Ctrl+C or `systemctl stop` can arrive twice;
      // only a signal sent well after the first means "stop waiting".
      if (Date.now() - stoppingSince < 2_000) return;
      log.warn({ event: "shutdown", signal }, "second signal: exiting now");
      process.exit(1);
    }
    stoppingSince = Date.now();
    exitByDeadline(() =>
      log.warn({ event: "shutdown", signal }, "still busy at the stop deadline: exiting now"),
    );
    log.info({ event: "shutdown", signal }, "finishing answers in flight");
    void bot
      .stop()
      .finally(() => web?.close())
      .finally(() => app.close())
      .catch((error: unknown) => log.error({ event: "shutdown", err: String(error) }, "shutdown failed"))
      .finally(stopped);
  };
  for (const signal of SIGNALS) process.on(signal, shutdown);
  try {
    await bot.start(token);
  } catch (error) {
    for (const signal of SIGNALS) process.off(signal, shutdown);
    await web?.close();
    await app.close();
    throw error;
  }
  log.info({ event: "ready", indexVersion: app.answerer().store.manifest.indexVersion }, "ready");
  await done;
  for (const signal of SIGNALS) process.off(signal, shutdown);
  // Everything is closed; should a library still hold a handle, do not hang the service manager.
  setTimeout(() => process.exit(), 5_000).unref();
}
