/** The slash commands: their definitions (as registered) and the validation of what they bring in. */
import {
  REST,
  Routes,
  SlashCommandBuilder,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { z } from "zod";
import { DEFAULT_ANSWERER } from "../../answer/answerer.js";

export const COMMAND = { ask: "ask", sources: "sources", about: "about" } as const;
export const QUESTION_OPTION = "question";
export const MAX_QUESTION_CHARS = DEFAULT_ANSWERER.maxQuestionChars;

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  return [
    new SlashCommandBuilder()
      .setName(COMMAND.ask)
      .setDescription("Ask about the report; the answer quotes it word for word, with where it says so.")
      .addStringOption((option) =>
        option
          .setName(QUESTION_OPTION)
          .setDescription("Your question in plain words, e.g. What is planned for rural revitalization?")
          .setRequired(true)
          .setMinLength(2)
          .setMaxLength(MAX_QUESTION_CHARS),
      )
      .toJSON(),
    new SlashCommandBuilder()
      .setName(COMMAND.sources)
      .setDescription("More passages for your last question, shown only to you.")
      .toJSON(),
    new SlashCommandBuilder()
      .setName(COMMAND.about)
      .setDescription("Which documents I answer from, the model and the index version.")
      .toJSON(),
  ];
}

/** Discord enforces the option limits too; this guards against clients and registrations that do not. */
export const askOptionsSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, "Expected a question; got an empty one.")
    .max(MAX_QUESTION_CHARS, `Expected at most ${MAX_QUESTION_CHARS} characters.`),
});

export interface RegisterOptions {
  rest: REST;
  applicationId: string;
  /** Register to this guild only (instant, for testing); globally when absent. */
  guildId?: string | undefined;
}

/** Replaces the application's commands with ours (PUT is a bulk overwrite, so re-running is safe). */
export async function registerCommands(options: RegisterOptions): Promise<{ scope: string; count: number }> {
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  const saved = (await options.rest.put(route, { body: commandDefinitions() })) as unknown[];
  return { scope: options.guildId ? `guild ${options.guildId}` : "global", count: saved.length };
}
