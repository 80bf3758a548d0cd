import { z } from "zod";
import { MAX_TOPIC_CHARS } from "../../briefing/brief.js";
import { MAX_PHRASE_CHARS } from "../../wording/find-quotes.js";
import { parseCli, usageError, type CliOption, type CliSpec } from "./run-cli.js";

export const QUOTE_USAGE = 'npm run -s quote -- [--json] [--doc <file>] [--max <n>] "<phrase>"';
export const BRIEF_USAGE = 'npm run -s brief -- [--json] [--doc <file>] [--words <n>] "<section or topic>"';
export const OUTLINE_USAGE = "npm run -s outline [-- [--json] [--doc <file>] [--line opening|centroid]]";

const common = {
  json: z.boolean().default(false).describe("Print one JSON object instead of readable text."),
  doc: z.string().min(1).optional().describe("Only this document (path relative to corpus/)."),
  help: z.boolean().default(false),
};

const positiveInt = (name: string, max: number) =>
  z.coerce
    .number({ error: `--${name} must be a whole number` })
    .int(`--${name} must be a whole number`)
    .min(1, `--${name} must be at least 1`)
    .max(max, `--${name} must be at most ${max}`)
    .optional();

export const quoteArgsSchema = z
  .object({
    ...common,
    max: positiveInt("max", 1000).describe("Most hits to print, exact ones first (default 50)."),
    phrase: z
      .string()
      .max(MAX_PHRASE_CHARS, `Expected a phrase of at most ${MAX_PHRASE_CHARS} characters.`)
      .optional(),
  })
  .refine((a) => a.help || a.phrase, { message: "Expected a phrase to look for; got none." });

export const briefArgsSchema = z
  .object({
    ...common,
    words: positiveInt("words", 1000).describe("Most words in the briefing (default 250)."),
    topic: z
      .string()
      .max(MAX_TOPIC_CHARS, `Expected a topic of at most ${MAX_TOPIC_CHARS} characters.`)
      .optional(),
  })
  .refine((a) => a.help || a.topic, {
    message: "Expected a section number, section title or topic; got none.",
  });

export const outlineArgsSchema = z.object({
  ...common,
  line: z
    .enum(["opening", "centroid"], { error: "--line must be opening or centroid" })
    .default("opening")
    .describe("How each section's line is picked."),
});

export type QuoteArgs = z.infer<typeof quoteArgsSchema>;
export type BriefArgs = z.infer<typeof briefArgsSchema>;
export type OutlineArgs = z.infer<typeof outlineArgsSchema>;

const JSON_OPTION: CliOption = { type: "boolean", help: "Print one JSON object instead of readable text." };
const DOC_OPTION: CliOption = {
  type: "string",
  value: "<file>",
  help: "Only this document (path relative to corpus/).",
};

export const QUOTE_CLI: CliSpec = {
  usage: QUOTE_USAGE,
  about: "Every occurrence of a phrase in the indexed documents, exact ones first, then near ones.",
  options: {
    json: JSON_OPTION,
    doc: DOC_OPTION,
    max: { type: "string", value: "<n>", help: "Most hits to print, exact ones first (default 50)." },
  },
  example: 'npm run -s quote -- --max 5 "rural revitalization"',
  positionals: true,
};

export const BRIEF_CLI: CliSpec = {
  usage: BRIEF_USAGE,
  about:
    "An extractive briefing on a section (by number or title) or a topic: the documents' own sentences, cited.",
  options: {
    json: JSON_OPTION,
    doc: DOC_OPTION,
    words: { type: "string", value: "<n>", help: "Most words in the briefing (default 250)." },
  },
  example: 'npm run -s brief -- --words 120 "employment"',
  positionals: true,
};

export const OUTLINE_CLI: CliSpec = {
  usage: OUTLINE_USAGE,
  about: "The indexed documents, their sections, and one line of each in the documents' own words.",
  options: {
    json: JSON_OPTION,
    doc: DOC_OPTION,
    line: {
      type: "string",
      value: "opening|centroid",
      help: "Each section's line: its opening sentence or its most central one (default opening).",
    },
  },
  example: "npm run -s outline -- --line centroid",
  positionals: false,
};

/** node:util parses (parseCli), zod validates; either failing is one CLI_USAGE line naming the usage. */
function parse<S extends z.ZodType>(
  argv: string[],
  spec: CliSpec,
  schema: S,
  positional: string | null,
): z.infer<S> {
  const parsed = parseCli(argv, spec);
  const words = parsed.positionals.join(" ").trim() || undefined;
  const values = { ...parsed.values, help: parsed.help };
  const input = positional ? { ...values, [positional]: words } : values;
  const result = schema.safeParse(input);
  if (!result.success) throw usageError(result.error.issues.map((i) => i.message).join(" "), spec.usage);
  return result.data;
}

export function parseQuoteArgs(argv: string[]): QuoteArgs {
  return parse(argv, QUOTE_CLI, quoteArgsSchema, "phrase");
}

export function parseBriefArgs(argv: string[]): BriefArgs {
  return parse(argv, BRIEF_CLI, briefArgsSchema, "topic");
}

export function parseOutlineArgs(argv: string[]): OutlineArgs {
  return parse(argv, OUTLINE_CLI, outlineArgsSchema, null);
}
