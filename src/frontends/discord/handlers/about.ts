/** `/about`: the documents, passages, model and index version, to the asker only. */
import type { ChatInputCommandInteraction } from "discord.js";
import { aboutIndex } from "../../shared/report-view.js";
import type { BotContext } from "../context.js";
import { renderAboutEmbed } from "../render.js";
import { EPHEMERAL, NO_MENTIONS } from "./respond.js";

export async function onAbout(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const embed = renderAboutEmbed(aboutIndex(ctx.engine.answerer().store));
  await i.reply({ embeds: [embed], flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
}
