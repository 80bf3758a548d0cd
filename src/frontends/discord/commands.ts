/** The slash commands: their definitions (as registered) and the validation of what they bring in. */
import {
  REST,
  Routes,
  SlashCommandBuilder,
  type SlashCommandStringOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import { z } from "zod";
import { DEFAULT_ANSWERER } from "../../answer/answerer.js";
import { MAX_TOPIC_CHARS } from "../../briefing/brief.js";
import { ZH_CN_COMMAND_DESCRIPTIONS } from "../../language/zh-strings.js";
import { MAX_PHRASE_CHARS } from "../../wording/find-quotes.js";

export const COMMAND = {
  ask: "ask",
  sources: "sources",
  about: "about",
  quote: "quote",
  brief: "brief",
  outline: "outline",
} as const;
export const QUESTION_OPTION = "question";
export const PHRASE_OPTION = "phrase";
export const TOPIC_OPTION = "topic";
export const DOC_OPTION = "doc";
export const MAX_QUESTION_CHARS = DEFAULT_ANSWERER.maxQuestionChars;
/** Discord caps string options at 6000; a document is named by its path or title. */
export const MAX_DOC_CHARS = 200;

/** The `doc:` option shared by /ask, /quote, /brief and /outline; autocomplete lists the indexed documents. */
const docOptionOf = (option: SlashCommandStringOption) =>
  option
    .setName(DOC_OPTION)
    .setDescription("Only this document (pick from the list; all documents when left out).")
    .setRequired(false)
    .setMaxLength(MAX_DOC_CHARS)
    .setAutocomplete(true);

export function commandDefinitions(): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const ask = new SlashCommandBuilder()
    .setName(COMMAND.ask)
    .setDescription("Ask about the report; the answer quotes it word for word, with where it says so.")
    .addStringOption((option) =>
      option
        .setName(QUESTION_OPTION)
        .setDescription("Your question in plain words, e.g. What is planned for rural revitalization?")
        .setRequired(true)
        .setMinLength(2)
        .setMaxLength(MAX_QUESTION_CHARS),
    );
  const quote = new SlashCommandBuilder()
    .setName(COMMAND.quote)
    .setDescription("The exact wording: every sentence that says a phrase, with where it stands.")
    .addStringOption((option) =>
      option
        .setName(PHRASE_OPTION)
        .setDescription(
          "The words to look for, e.g. 650 mu of forest (case, quotes and dashes do not matter).",
        )
        .setRequired(true)
        .setMinLength(1)
        .setMaxLength(MAX_PHRASE_CHARS),
    );
  const brief = new SlashCommandBuilder()
    .setName(COMMAND.brief)
    .setDescription("A briefing on a section or topic in the report's own words, each sentence cited.")
    .addStringOption((option) =>
      option
        .setName(TOPIC_OPTION)
        .setDescription("A section (pick from the list) or a topic, e.g. rural revitalization.")
        .setRequired(true)
        .setMinLength(1)
        .setMaxLength(MAX_TOPIC_CHARS)
        .setAutocomplete(true),
    );
  const outline = new SlashCommandBuilder()
    .setName(COMMAND.outline)
    .setDescription("The documents, their sections and one line of each in the report's words.");
  return [
    ask.addStringOption(docOptionOf).toJSON(),
    new SlashCommandBuilder()
      .setName(COMMAND.sources)
      .setDescription("More passages for your last question, shown only to you.")
      .toJSON(),
    new SlashCommandBuilder()
      .setName(COMMAND.about)
      .setDescription("Which documents I answer from, the model and the index version.")
      .toJSON(),
    quote.addStringOption(docOptionOf).toJSON(),
    brief.addStringOption(docOptionOf).toJSON(),
    outline.addStringOption(docOptionOf).toJSON(),
  ].map(withChinese);
}

type Localised = { "zh-CN"?: string };

/**
 * Chinese descriptions (src/language/zh-strings.ts) for readers whose Discord speaks Simplified Chinese:
 * Discord shows them in place of the English ones, and questions may then be asked in Chinese.
 */
function withChinese(
  command: RESTPostAPIChatInputApplicationCommandsJSONBody,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const zh = ZH_CN_COMMAND_DESCRIPTIONS[command.name as keyof typeof ZH_CN_COMMAND_DESCRIPTIONS];
  if (!zh) return command;
  const options: Record<string, string> = zh.options;
  return {
    ...command,
    description_localizations: { "zh-CN": zh.description } satisfies Localised,
    options: command.options?.map((option) =>
      options[option.name]
        ? { ...option, description_localizations: { "zh-CN": options[option.name] } satisfies Localised }
        : option,
    ),
  };
}

const docOption = z
  .string()
  .trim()
  .max(MAX_DOC_CHARS, `Expected a document name of at most ${MAX_DOC_CHARS} characters.`)
  .nullish()
  .transform((d) => d || undefined);

const hasWord = (text: string) => /[\p{L}\p{N}]/u.test(text);

/** Discord enforces the option limits too; these guard against clients and registrations that do not. */
export const askOptionsSchema = z.object({
  question: z
    .string()
    .trim()
    .min(1, "Expected a question; got an empty one.")
    .max(MAX_QUESTION_CHARS, `Expected at most ${MAX_QUESTION_CHARS} characters.`),
  doc: docOption,
});

export const quoteOptionsSchema = z.object({
  phrase: z
    .string()
    .trim()
    .min(1, "Expected a phrase to look for; got an empty one.")
    .max(MAX_PHRASE_CHARS, `Expected a phrase of at most ${MAX_PHRASE_CHARS} characters.`)
    .refine(hasWord, "Expected a phrase with at least one word."),
  doc: docOption,
});

export const briefOptionsSchema = z.object({
  topic: z
    .string()
    .trim()
    .min(1, "Expected a section or topic; got an empty one.")
    .max(MAX_TOPIC_CHARS, `Expected a section or topic of at most ${MAX_TOPIC_CHARS} characters.`)
    .refine(hasWord, "Expected a section or topic with at least one word or number."),
  doc: docOption,
});

export const outlineOptionsSchema = z.object({ doc: docOption });

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
