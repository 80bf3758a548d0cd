/**
 * The replies slash commands and buttons share: an ephemeral note, the rate limit, and a deferred reply
 * whose failure is logged and shown in its place. Nothing the bot sends may ping anyone.
 */
import {
  MessageFlags,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type MessageMentionOptions,
} from "discord.js";
import { isAppError } from "../../../errors.js";
import { errorForLog, ms, type BotContext } from "../context.js";
import { errorNote, rateLimitNote } from "../notes.js";

export const NO_MENTIONS: MessageMentionOptions = { parse: [] };
export const NO_MENTIONS_REPLY: MessageMentionOptions = { parse: [], repliedUser: false };
export const EPHEMERAL = MessageFlags.Ephemeral;

export type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** A note only the user sees. */
export const note = (i: Answerable, content: string) =>
  i.reply({ content, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });

/** Takes one from the user's allowance; false after telling them when to come back. */
export async function allowed(i: ChatInputCommandInteraction, ctx: BotContext): Promise<boolean> {
  const decision = ctx.limiter.take(i.user.id);
  if (decision.allowed) return true;
  await note(i, rateLimitNote(decision.retryAt, ctx.rateLimit.count, ctx.rateLimit.windowS));
  return false;
}

export const where = (i: ChatInputCommandInteraction) => ({ guildId: i.guildId, channelId: i.channelId });

/** Replaces the deferred reply with the note for an error. */
export const showError = (i: ChatInputCommandInteraction, error: unknown) =>
  i.editReply({ content: errorNote(error), embeds: [], components: [], allowedMentions: NO_MENTIONS });

/** Runs a deferred command's work; a failure is logged and shown in place of the reply. */
export async function deferred(
  i: ChatInputCommandInteraction,
  ctx: BotContext,
  what: string,
  work: () => Promise<Record<string, unknown>>,
): Promise<void> {
  const started = performance.now();
  // Cheap for one report, but a long shelf or an index swap can take seconds.
  await i.deferReply();
  try {
    const facts = await work();
    const latencyMs = { total: ms(performance.now() - started) };
    ctx.log.info({ event: what, ...where(i), ...facts, latencyMs }, what);
  } catch (error) {
    const level = isAppError(error) && error.userFacing ? "info" : "error";
    ctx.log[level]({ event: what, ...where(i), err: errorForLog(ctx, error) }, `${what} failed`);
    await showError(i, error);
  }
}
