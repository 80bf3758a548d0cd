import { z } from "zod";

/** Hand-edited metadata, kept beside each document as `<name>.meta.json`. */
export const documentMetaSchema = z
  .object({
    title: z.string().min(1).describe("Title shown in citations."),
    speaker: z.string().min(1).optional().describe("Who gave the report."),
    occasion: z.string().min(1).optional().describe("Meeting or event, with its date."),
    date: z.string().min(1).optional().describe("Date, ISO 8601 where known."),
    source: z.string().min(1).optional().describe("Where the text was published."),
    language: z.string().min(2).default("en").describe("BCP 47 language tag of the text."),
  })
  .strict();

export type DocumentMeta = z.infer<typeof documentMetaSchema>;
