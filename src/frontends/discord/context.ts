/**
 * What every command handler is given: the engine, the log, and the bot's state, created once here (the
 * one wiring place for the rate limiter, the caches, the conversations and the feedback log). Handlers
 * reach for nothing else.
 */
import type { Client } from "discord.js";
import { LRUCache } from "lru-cache";
import { createConversation, type Conversation } from "../../conversation/conversation.js";
import type { Turn } from "../../conversation/memory.js";
import { describeError, isAppError } from "../../errors.js";
import { nearestSections, type Engine } from "../shared/report-view.js";
import { createAnswerCache, type AnswerCache } from "./answer-cache.js";
import { createFeedbackLog, type FeedbackLog } from "./feedback-log.js";
import { scrubSecrets, type BotLog } from "./logger.js";
import { createQuoteCache, type QuoteCache } from "./quote-cache.js";
import { createRateLimiter, type RateLimiter } from "./rate-limiter.js";
import { createTurns, type Turns } from "./turns.js";

export interface BotContext {
  engine: Engine;
  log: BotLog;
  limiter: RateLimiter;
  /** Every handler, and every computation after a deferral, takes a turn first (see turns.ts). */
  turns: Turns;
  rateLimit: { count: number; windowS: number };
  /** Recent answers, for "More sources", /sources and votes. */
  answers: AnswerCache;
  /** Recent /quote results, for paging. */
  quotes: QuoteCache;
  /** One conversation per channel (a thread is a channel): follow-ups read on from its last answer. */
  conversation: Conversation;
  /** The turn behind each of the bot's recent replies, so a reply to one of them follows up on it. */
  turnsByMessage: LRUCache<string, Turn>;
  feedback: FeedbackLog;
  now: () => number;
  /** The logged-in client, once started. */
  client(): Client | null;
  /** Whether mentions can be read in full (the Message Content intent is on). */
  messageContent(): boolean;
}

export interface ContextOptions {
  engine: Engine;
  log: BotLog;
  rateLimit: { count: number; windowS: number };
  feedbackLog: string | FeedbackLog;
  now?: () => number;
  /** Whether a translator takes a message in another language (see classifyMessage); none yet. */
  translates?: ((text: string) => boolean) | undefined;
  client: () => Client | null;
  messageContent: () => boolean;
}

export function createBotContext(options: ContextOptions): BotContext {
  const now = options.now ?? Date.now;
  return {
    engine: options.engine,
    log: options.log,
    rateLimit: options.rateLimit,
    limiter: createRateLimiter({
      count: options.rateLimit.count,
      windowMs: options.rateLimit.windowS * 1000,
      now,
    }),
    turns: createTurns(),
    answers: createAnswerCache(),
    quotes: createQuoteCache(),
    conversation: createConversation({
      nearest: (a) => nearestSections(a),
      translates: options.translates,
    }),
    turnsByMessage: new LRUCache<string, Turn>({ max: 1000 }),
    feedback:
      typeof options.feedbackLog === "string" ? createFeedbackLog(options.feedbackLog) : options.feedbackLog,
    now,
    client: options.client,
    messageContent: options.messageContent,
  };
}

/** An error as logged: its code and message, with the token scrubbed out. */
export function errorForLog(ctx: Pick<BotContext, "client">, error: unknown) {
  const message = scrubSecrets(describeError(error), [ctx.client()?.token ?? undefined]);
  return isAppError(error) ? { code: error.code, message } : { message };
}

export const ms = (x: number) => Math.round(x * 10) / 10;
