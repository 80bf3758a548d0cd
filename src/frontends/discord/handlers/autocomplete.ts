/** Autocomplete of `doc:` (every command) and `/brief topic:` (the sections). */
import type { AutocompleteInteraction } from "discord.js";
import type { Store } from "../../../store/store.js";
import { chooseDocument } from "../../shared/doc-scope.js";
import { documentChoices, sectionChoices, type Choice } from "../autocomplete.js";
import { COMMAND, DOC_OPTION, TOPIC_OPTION } from "../commands.js";
import type { BotContext } from "../context.js";

/** The choices for the option being typed; `doc` is what the `doc:` option holds so far. */
export function autocompleteChoices(
  store: Store,
  command: string,
  focused: { name: string; value: string },
  doc: string | null,
): Choice[] {
  if (focused.name === DOC_OPTION) return documentChoices(store, focused.value);
  if (command === COMMAND.brief && focused.name === TOPIC_OPTION) {
    const scope = chooseDocument(store, doc);
    return sectionChoices(store, focused.value, scope.ok ? scope.doc : undefined);
  }
  return [];
}

export async function onAutocomplete(
  i: AutocompleteInteraction,
  ctx: BotContext,
  closing: boolean,
): Promise<void> {
  if (closing) return void (await i.respond([]));
  const focused = i.options.getFocused(true);
  const store = ctx.engine.answerer().store;
  const value = { name: focused.name, value: String(focused.value) };
  await i.respond(autocompleteChoices(store, i.commandName, value, i.options.getString(DOC_OPTION)));
}
