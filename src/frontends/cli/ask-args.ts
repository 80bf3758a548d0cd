import { z } from "zod";
import { parseCli, usageError, type CliSpec } from "./run-cli.js";

export const ASK_USAGE =
  'npm run -s ask -- [--json] [--doc <file>] "<question>"  |  npm run -s ask -- [--doc <file>] --jsonl <file>';

export const askArgsSchema = z
  .object({
    json: z.boolean().default(false).describe("Print one JSON object instead of readable text."),
    jsonl: z
      .string()
      .min(1)
      .optional()
      .describe("Read questions from a JSON-lines file; write one answer a line."),
    doc: z.string().min(1).optional().describe("Only this document (path relative to corpus/)."),
    help: z.boolean().default(false),
    question: z.string().optional(),
  })
  .refine((a) => a.help || a.jsonl || a.question, { message: "Expected a question; got none." })
  .refine((a) => !(a.jsonl && a.question), {
    message: "Give either a question or --jsonl <file>, not both.",
  });

export type AskArgs = z.infer<typeof askArgsSchema>;

export const ASK_CLI: CliSpec = {
  usage: ASK_USAGE,
  about:
    "Answers one question in the documents' own words (verbatim quotes, cited), or every question of a JSON-lines file.",
  options: {
    json: { type: "boolean", help: "Print one JSON object instead of readable text." },
    jsonl: {
      type: "string",
      value: "<file>",
      help: 'Read questions from a JSON-lines file ({"question": "..."} a line); write one answer a line.',
    },
    doc: { type: "string", value: "<file>", help: "Only this document (path relative to corpus/)." },
  },
  example: 'npm run -s ask -- "What is planned for rural revitalization?"',
  positionals: true,
};

export function parseAskArgs(argv: string[]): AskArgs {
  const parsed = parseCli(argv, ASK_CLI);
  const question = parsed.positionals.join(" ").trim() || undefined;
  const result = askArgsSchema.safeParse({ ...parsed.values, help: parsed.help, question });
  if (!result.success) throw usageError(result.error.issues.map((i) => i.message).join(" "), ASK_USAGE);
  return result.data;
}
