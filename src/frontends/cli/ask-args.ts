import { parseArgs } from "node:util";
import { z } from "zod";
import { usageError } from "./run-cli.js";

export const ASK_USAGE =
  'npm run -s ask -- [--json] [--doc <file>] "<question>"  |  npm run -s ask -- --jsonl <file>';

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

export function parseAskArgs(argv: string[]): AskArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        jsonl: { type: "string" },
        doc: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw usageError(error instanceof Error ? error.message : String(error), ASK_USAGE);
  }
  const question = parsed.positionals.join(" ").trim() || undefined;
  const result = askArgsSchema.safeParse({ ...parsed.values, question });
  if (!result.success) throw usageError(result.error.issues.map((i) => i.message).join(" "), ASK_USAGE);
  return result.data;
}
