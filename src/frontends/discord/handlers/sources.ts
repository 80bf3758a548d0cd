/** `/sources`, and the "More sources" button: the next passages of an answer, to the asker only. */
import type { ChatInputCommandInteraction } from "discord.js";
import { titlesOf, unseenPassages } from "../../shared/report-view.js";
import type { AnswerRecord } from "../answer-cache.js";
import type { BotContext } from "../context.js";
import { NOTES } from "../notes.js";
import { renderSourcesEmbed } from "../render.js";
import { EPHEMERAL, NO_MENTIONS, note, type Answerable } from "./respond.js";

export async function showSources(i: Answerable, ctx: BotContext, record: AnswerRecord): Promise<void> {
  const unseen = unseenPassages(record.answer, record.shown);
  if (unseen.length === 0) return void (await note(i, NOTES.noMoreSources));
  const { embed, shown } = renderSourcesEmbed(record.answer, unseen, titlesOf(ctx.engine.answerer().store));
  record.shown.push(...shown);
  await i.reply({ embeds: [embed], flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
}

export async function onSources(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const record = ctx.answers.lastOf(i.user.id);
  if (!record) return void (await note(i, NOTES.noLastAnswer));
  await showSources(i, ctx, record);
}
