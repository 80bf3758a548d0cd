/** `/ask question:<text> [doc:<file>]`: the message through the conversation, as the deferred reply. */
import type { ChatInputCommandInteraction } from "discord.js";
import type { BotContext } from "../context.js";
import { DOC_OPTION, QUESTION_OPTION } from "../commands.js";
import { converse, logFailure, rememberSent, type MessageMeta } from "../converse.js";
import { admit, NO_MENTIONS, showError } from "./respond.js";
import { resolveAsk } from "./resolve-options.js";

export async function onAsk(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const started = performance.now();
  // The index the question is answered from: a refresh meanwhile does not change it.
  const answerer = ctx.engine.answerer();
  const raw = { question: i.options.getString(QUESTION_OPTION) ?? "", doc: i.options.getString(DOC_OPTION) };
  const request = await admit(i, ctx, () => resolveAsk(raw, answerer.store));
  if (!request) return;
  // Acknowledged before the answer is computed: Discord drops an interaction not answered within 3 seconds.
  await i.deferReply();
  const meta: MessageMeta = {
    via: "slash",
    answerId: i.id,
    askerId: i.user.id,
    guildId: i.guildId,
    channelId: i.channelId,
    started,
  };
  try {
    await ctx.turns.take("work");
    const { body, turn } = await converse(ctx, meta, request.question, answerer, { doc: request.doc });
    const sent = await i.editReply({ ...body, allowedMentions: NO_MENTIONS });
    rememberSent(ctx, sent.id, turn);
  } catch (error) {
    logFailure(ctx, meta, error);
    await showError(i, error);
  }
}
