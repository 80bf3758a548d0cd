/**
 * The Discord bot: the one place that wires the client, the log and the bot's state (see context.ts) to
 * the handlers, one module per command in handlers/, each a thin layer over a pure resolver. Nothing here
 * retrieves, scores or renders.
 */
import type { Client, ClientOptions } from "discord.js";
import type { Engine } from "../shared/report-view.js";
import { createBotContext, errorForLog } from "./context.js";
import type { FeedbackLog } from "./feedback-log.js";
import { connect, detectMessageContent } from "./gateway.js";
import { onMessage } from "./handlers/mention.js";
import { onInteraction } from "./handlers/route.js";
import type { BotLog } from "./logger.js";

export { QUOTE_MAX_HITS } from "./handlers/wording.js";

export interface DiscordBotOptions {
  engine: Engine;
  log: BotLog;
  rateLimit: { count: number; windowS: number };
  /** A JSON-lines file path, or a log object (tests). */
  feedbackLog: string | FeedbackLog;
  /** Merged into the discord.js Client options; tests point `rest.api` at a fake Discord. */
  clientOptions?: Partial<ClientOptions>;
  /** Ask for the Message Content intent; by default on when the application has it switched on. */
  messageContent?: boolean;
  /** How long `stop` waits for answers in flight. */
  shutdownTimeoutMs?: number;
  now?: () => number;
  /** Whether a translator takes a message in another language: such a message is then a question. */
  translates?: (text: string) => boolean;
}

export interface DiscordBot {
  /** Logs in and resolves once the gateway says READY. */
  start(token: string): Promise<void>;
  /** Refuses new questions, lets answers in flight finish (up to the timeout), then closes the gateway. */
  stop(): Promise<void>;
  readonly client: Client | null;
  /** Whether mentions can be read in full (the Message Content intent is on). */
  readonly messageContent: boolean;
}

export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { log } = options;
  let client: Client | null = null;
  let messageContent = false;
  let closing = false;
  let stopping: Promise<void> | undefined;
  const ctx = createBotContext({ ...options, client: () => client, messageContent: () => messageContent });
  const inFlight = new Set<Promise<void>>();

  /** Runs a handler so that `stop` can wait for it and a failure is logged rather than crashing the bot. */
  const track = (what: string, work: () => Promise<void>) => {
    const run = work()
      .catch((error: unknown) => log.error({ what, err: errorForLog(ctx, error) }, "handler failed"))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  };

  async function start(token: string): Promise<void> {
    if (client) throw new Error("The bot is already started.");
    closing = false;
    messageContent = options.messageContent ?? (await detectMessageContent(token, options.clientOptions));
    if (!messageContent) {
      log.warn(
        { event: "intent" },
        "Message Content intent is off: mentions are answered, replies to the bot without a ping get a hint to use /ask",
      );
    }
    const c = await connect(token, {
      messageContent,
      clientOptions: options.clientOptions,
      log,
      onCreated: (created) => (client = created),
      // A turn each: a burst of events arrives in one chunk, and each is acknowledged in a task of its own.
      onInteraction: (i) =>
        track("interaction", () => ctx.turns.take("ack").then(() => onInteraction(i, ctx, closing))),
      onMessage: (m) =>
        track("message", () => ctx.turns.take("ack").then(() => (closing ? undefined : onMessage(m, ctx)))),
      errorForLog: (error) => errorForLog(ctx, error),
    });
    const facts = { user: c.user?.tag, guilds: c.guilds.cache.size, messageContent };
    log.info({ event: "ready", ...facts }, "connected to Discord");
  }

  async function stop(): Promise<void> {
    closing = true;
    let timer: NodeJS.Timeout | undefined;
    const waited = await Promise.race([
      Promise.allSettled([...inFlight]).then(() => true),
      new Promise<boolean>(
        (resolve) => (timer = setTimeout(() => resolve(false), options.shutdownTimeoutMs ?? 15_000)),
      ),
    ]);
    clearTimeout(timer);
    if (!waited)
      log.warn({ event: "shutdown", pending: inFlight.size }, "gave up waiting for answers in flight");
    await client?.destroy();
    client = null;
    log.info({ event: "shutdown" }, "disconnected from Discord");
  }

  return {
    get client() {
      return client;
    },
    get messageContent() {
      return messageContent;
    },
    start,
    stop: () => (stopping ??= stop()),
  };
}

/** Options for `createDiscordBot` from validated settings. */
export function botSettings(settings: {
  RATE_LIMIT_COUNT: number;
  RATE_LIMIT_WINDOW_S: number;
  FEEDBACK_LOG: string;
}): Pick<DiscordBotOptions, "rateLimit" | "feedbackLog"> {
  return {
    rateLimit: { count: settings.RATE_LIMIT_COUNT, windowS: settings.RATE_LIMIT_WINDOW_S },
    feedbackLog: settings.FEEDBACK_LOG,
  };
}
