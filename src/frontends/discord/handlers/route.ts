/** Which handler takes an interaction: one module per slash command, and the buttons and autocomplete. */
import type { ChatInputCommandInteraction, Interaction } from "discord.js";
import { COMMAND } from "../commands.js";
import type { BotContext } from "../context.js";
import { NOTES } from "../notes.js";
import { onAbout } from "./about.js";
import { onAsk } from "./ask.js";
import { onAutocomplete } from "./autocomplete.js";
import { onButton } from "./buttons.js";
import { note } from "./respond.js";
import { onSources } from "./sources.js";
import { onBrief, onOutline, onQuote } from "./wording.js";

type CommandHandler = (i: ChatInputCommandInteraction, ctx: BotContext) => Promise<void>;

export const COMMAND_HANDLERS: Record<string, CommandHandler> = {
  [COMMAND.ask]: onAsk,
  [COMMAND.sources]: onSources,
  [COMMAND.about]: onAbout,
  [COMMAND.quote]: onQuote,
  [COMMAND.brief]: onBrief,
  [COMMAND.outline]: onOutline,
};

/** `closing`: the bot is stopping, so new work is refused with a note. */
export async function onInteraction(i: Interaction, ctx: BotContext, closing: boolean): Promise<void> {
  if (i.isAutocomplete()) return onAutocomplete(i, ctx, closing);
  if (!i.isChatInputCommand() && !i.isButton()) return;
  if (closing) return void (await note(i, NOTES.shuttingDown));
  if (i.isButton()) return onButton(i, ctx);
  await COMMAND_HANDLERS[i.commandName]?.(i, ctx);
}
