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
import { admitCommand } from "../admission.js";
import { errorNote } from "../notes.js";
import type { Resolved } from "./resolve-options.js";

export const NO_MENTIONS: MessageMentionOptions = { parse: [] };
export const NO_MENTIONS_REPLY: MessageMentionOptions = { parse: [], repliedUser: false };
export const EPHEMERAL = MessageFlags.Ephemeral;

export type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/** A note only the user sees. */
export const note = (i: Answerable, content: string) =>
  i.reply({ content, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });

/**
 * Takes one from the user's allowance, then checks the options: a refusal or a bad option is answered at
 * once with an ephemeral note. Either way the interaction is acknowledged before anything is computed.
 * Returns the request to run (the caller defers next), or null once the note is sent.
 */
export async function admit<T>(
  i: ChatInputCommandInteraction,
  ctx: BotContext,
  resolve: () => Resolved<T>,
): Promise<(Resolved<T> & { ok: true }) | null> {
  const admission = admitCommand(ctx.limiter.take(i.user.id), resolve, ctx.rateLimit);
  if (admission.kind === "run") return admission.request;
  if (admission.kind === "note") await note(i, admission.content);
  return null;
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
  // Acknowledged before the work: Discord drops an interaction not answered within 3 seconds.
  await i.deferReply();
  try {
    await ctx.turns.take("work");
    const facts = await work();
    const latencyMs = { total: ms(performance.now() - started) };
    ctx.log.info({ event: what, ...where(i), ...facts, latencyMs }, what);
  } catch (error) {
    const level = isAppError(error) && error.userFacing ? "info" : "error";
    ctx.log[level]({ event: what, ...where(i), err: errorForLog(ctx, error) }, `${what} failed`);
    await showError(i, error);
  }
}
