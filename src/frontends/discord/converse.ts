/**
 * A message through the conversation, for /ask and mentions alike: the reply rendered, sources it shows
 * marked as seen, an answer kept for its buttons, and one log line per message.
 */
import type { Answerer } from "../../answer/answerer.js";
import type { Reply } from "../../conversation/conversation.js";
import type { Turn } from "../../conversation/memory.js";
import { isAppError } from "../../errors.js";
import { titlesOf } from "../shared/report-view.js";
import { errorForLog, ms, type BotContext } from "./context.js";
import { renderReply, type RenderedReply, type ReplyBody } from "./reply-render.js";

export interface MessageMeta {
  via: "slash" | "mention";
  /** The interaction's or message's id: the answer's id in its buttons. */
  answerId: string;
  askerId: string;
  guildId: string | null;
  channelId: string | null;
  started: number;
}

export interface Conversed {
  body: ReplyBody;
  /** The turn the reply belongs to, if any: a later reply to the sent message follows up on it. */
  turn?: Turn | undefined;
}

/** `turn`: the turn a reply to one of the bot's messages refers to. */
export async function converse(
  ctx: BotContext,
  meta: MessageMeta,
  text: string,
  answerer: Answerer,
  options: { doc?: string | undefined; turn?: Turn | undefined } = {},
): Promise<Conversed> {
  const key = meta.channelId ?? meta.askerId;
  const reply = await ctx.conversation.respond(key, text, { answerer, ...options });
  const rendered = renderReply(reply, titlesOf(answerer.store), meta);
  if (reply.kind === "sources") reply.turn.shown.push(...rendered.sourcesShown);
  remember(ctx, meta, reply, rendered);
  return { body: rendered.body, turn: "turn" in reply ? reply.turn : undefined };
}

/** Keeps the turn behind a message the bot sent, for replies to it. */
export function rememberSent(ctx: BotContext, messageId: string | undefined, turn: Turn | undefined): void {
  if (messageId && turn) ctx.turnsByMessage.set(messageId, turn);
}

function remember(ctx: BotContext, meta: MessageMeta, reply: Reply, rendered: RenderedReply): void {
  const where = { via: meta.via, guildId: meta.guildId, channelId: meta.channelId };
  const total = ms(performance.now() - meta.started);
  if (reply.kind !== "answer") {
    // Not a question: the kind of message is logged, not its text.
    ctx.log.info({ event: "message", ...where, reply: reply.kind, latencyMs: { total } }, "message");
    return;
  }
  const { answer, timings: t, turn } = reply;
  // The turn's list of passages shown is shared, so "More sources" and "what else?" move on together.
  ctx.answers.put({ answerId: meta.answerId, askerId: meta.askerId, answer, shown: turn.shown });
  // One line per question; the question is the only message text logged at info level.
  ctx.log.info(
    {
      event: "question",
      ...where,
      question: answer.question,
      answered: answer.answered,
      confidence: answer.confidence,
      quotes: rendered.quotesShown,
      indexVersion: answer.index.version,
      latencyMs: { embed: ms(t.embedMs), retrieve: ms(t.retrieveMs), answer: ms(t.answerMs), total },
    },
    "question",
  );
}

export function logFailure(ctx: BotContext, meta: MessageMeta, error: unknown): void {
  const level = isAppError(error) && error.userFacing ? "info" : "error";
  const where = { via: meta.via, guildId: meta.guildId, channelId: meta.channelId };
  ctx.log[level]({ event: "question", ...where, err: errorForLog(ctx, error) }, "question failed");
}
