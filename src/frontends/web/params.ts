/** The query parameters of every page and API route, validated at the edge; a failure is WEB_PARAM_INVALID. */
import { z } from "zod";
import { AppError } from "../../errors.js";

/** Longer text is refused before it reaches the engine, which has its own, tighter limits. */
export const MAX_TEXT_PARAM_CHARS = 1000;

const text = (name: string) =>
  z
    .string({ error: `${name} must be given once, as text` })
    .max(MAX_TEXT_PARAM_CHARS, `${name} must be at most ${MAX_TEXT_PARAM_CHARS} characters`)
    .transform((s) => s.trim());

const optionalText = (name: string) =>
  text(name)
    .optional()
    .transform((s) => (s ? s : undefined));

const count = (name: string, max: number) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(1, `${name} must be at least 1`)
    .max(max, `${name} must be at most ${max}`)
    .optional();

const offset = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .min(0, `${name} must be 0 or more`)
    .optional();

export const askQuery = z.object({ q: text("q").default(""), doc: optionalText("doc") });
export const quoteQuery = z.object({
  q: text("q").default(""),
  doc: optionalText("doc"),
  max: count("max", 1000),
  page: count("page", 1000),
});
export const briefQuery = z.object({
  q: text("q").default(""),
  doc: optionalText("doc"),
  words: count("words", 1000),
});
export const outlineQuery = z.object({
  doc: optionalText("doc"),
  line: z.enum(["opening", "centroid"], { error: "line must be opening or centroid" }).default("opening"),
});
export const readQuery = z
  .object({ doc: text("doc"), start: offset("start"), end: offset("end") })
  .refine((r) => (r.start === undefined) === (r.end === undefined), {
    message: "start and end must be given together",
  })
  .refine((r) => r.start === undefined || r.end === undefined || r.start < r.end, {
    message: "start must be less than end",
  });
export const emptyQuery = z.object({});

export function parseQuery<S extends z.ZodType>(schema: S, query: unknown): z.infer<S> {
  const result = schema.safeParse(query ?? {});
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => i.message).join("; ");
  throw new AppError("WEB_PARAM_INVALID", `Expected valid query parameters: ${problems}.`);
}
