import { parseArgs } from "node:util";
import { z } from "zod";
import { MAX_TOPIC_CHARS } from "../../briefing/brief.js";
import { MAX_PHRASE_CHARS } from "../../wording/find-quotes.js";
import { usageError } from "./run-cli.js";

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

type Options = NonNullable<Parameters<typeof parseArgs>[0]>["options"];

/** node:util parses, zod validates; either failing is one CLI_USAGE line naming the usage. */
function parse<S extends z.ZodType>(
  argv: string[],
  usage: string,
  schema: S,
  extra: Options,
  positional: string | null,
): z.infer<S> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: positional !== null,
      options: {
        json: { type: "boolean" },
        doc: { type: "string" },
        help: { type: "boolean", short: "h" },
        ...extra,
      },
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), usage);
  }
  const words = parsed.positionals.join(" ").trim() || undefined;
  const input = positional ? { ...parsed.values, [positional]: words } : parsed.values;
  const result = schema.safeParse(input);
  if (!result.success) throw usageError(result.error.issues.map((i) => i.message).join(" "), usage);
  return result.data;
}

export function parseQuoteArgs(argv: string[]): QuoteArgs {
  return parse(argv, QUOTE_USAGE, quoteArgsSchema, { max: { type: "string" } }, "phrase");
}

export function parseBriefArgs(argv: string[]): BriefArgs {
  return parse(argv, BRIEF_USAGE, briefArgsSchema, { words: { type: "string" } }, "topic");
}

export function parseOutlineArgs(argv: string[]): OutlineArgs {
  return parse(argv, OUTLINE_USAGE, outlineArgsSchema, { line: { type: "string" } }, null);
}
