/**
 * Pure resolvers for the slash commands' options: what Discord sent and the current index in, either the
 * request to run or the note to show the user out. Tested without Discord.
 */
import type { z } from "zod";
import { validateQuestion } from "../../../answer/answerer.js";
import { AppError, type ErrorCode } from "../../../errors.js";
import type { Store } from "../../../store/store.js";
import { chooseDocument } from "../../shared/doc-scope.js";
import { parseSectionChoice } from "../autocomplete.js";
import {
  askOptionsSchema,
  briefOptionsSchema,
  MAX_QUESTION_CHARS,
  outlineOptionsSchema,
  quoteOptionsSchema,
} from "../commands.js";
import { errorNote, unknownDocNote } from "../notes.js";

export type Resolved<T> = ({ ok: true } & T) | { ok: false; note: string };

type DocStore = Pick<Store, "manifest">;

/** Which error a bad option is, so the note carries the right hint. */
const OPTION_ERRORS: Record<string, ErrorCode> = {
  question: "QUESTION_INVALID",
  phrase: "PHRASE_INVALID",
  topic: "TOPIC_INVALID",
  doc: "DOC_UNKNOWN",
};

/** Slash-command options through their zod schema; a failure becomes the note for the user. */
export function parseOptions<T>(schema: z.ZodType<T>, raw: Record<string, unknown>): Resolved<{ data: T }> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const code = OPTION_ERRORS[String(issue?.path[0])] ?? "QUESTION_INVALID";
  return { ok: false, note: errorNote(new AppError(code, issue?.message ?? "Invalid option.")) };
}

/** The `doc:` option against the index: the document's path, none (all), or the note listing the known ones. */
export function resolveDoc(
  store: DocStore,
  doc: string | null | undefined,
): Resolved<{ doc: string | undefined }> {
  const choice = chooseDocument(store, doc);
  return choice.ok
    ? { ok: true, doc: choice.doc }
    : { ok: false, note: unknownDocNote(choice.input, choice.known) };
}

/**
 * The note for a message too long to be a question, or undefined. Everything else (a greeting, "?", a
 * follow-up) is for the conversation to tell apart.
 */
export function lengthProblem(text: string): string | undefined {
  if (text.length <= MAX_QUESTION_CHARS) return undefined;
  try {
    validateQuestion(text, MAX_QUESTION_CHARS);
  } catch (error) {
    return errorNote(error);
  }
  return undefined;
}

export function resolveAsk(
  raw: { question: string; doc: string | null },
  store: DocStore,
): Resolved<{ question: string; doc: string | undefined }> {
  const parsed = parseOptions(askOptionsSchema, raw);
  if (!parsed.ok) return parsed;
  const invalid = lengthProblem(parsed.data.question);
  if (invalid) return { ok: false, note: invalid };
  const scope = resolveDoc(store, parsed.data.doc);
  return scope.ok ? { ok: true, question: parsed.data.question, doc: scope.doc } : scope;
}

export function resolveQuote(
  raw: { phrase: string; doc: string | null },
  store: DocStore,
): Resolved<{ phrase: string; doc: string | undefined }> {
  const parsed = parseOptions(quoteOptionsSchema, raw);
  if (!parsed.ok) return parsed;
  const scope = resolveDoc(store, parsed.data.doc);
  return scope.ok ? { ok: true, phrase: parsed.data.phrase, doc: scope.doc } : scope;
}

/** A section picked from autocomplete names its document; typed text is a section or topic as it stands. */
export function resolveBrief(
  raw: { topic: string; doc: string | null },
  store: DocStore,
): Resolved<{ request: string; doc: string | undefined }> {
  const parsed = parseOptions(briefOptionsSchema, raw);
  if (!parsed.ok) return parsed;
  const picked = parseSectionChoice(parsed.data.topic);
  const scope = resolveDoc(store, picked?.doc ?? parsed.data.doc);
  if (!scope.ok) return scope;
  return { ok: true, request: picked ? String(picked.index) : parsed.data.topic, doc: scope.doc };
}

export function resolveOutline(
  raw: { doc: string | null },
  store: DocStore,
): Resolved<{ doc: string | undefined }> {
  const parsed = parseOptions(outlineOptionsSchema, raw);
  return parsed.ok ? resolveDoc(store, parsed.data.doc) : parsed;
}
