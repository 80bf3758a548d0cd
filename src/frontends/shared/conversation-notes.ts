/**
 * What the front ends say for a reply that is not a quoted answer: greetings, thanks, help, the "English
 * for now" note, and the line that opens a follow-up's text. One wording for the chat and Discord; each
 * front end brings its own help text (its commands differ).
 */
import type { NoteKind, Reply } from "../../conversation/conversation.js";
import { ZH_CN_HELP } from "../../language/zh-strings.js";

/** An example question that names no report: the shelf may hold any. */
const EXAMPLE = "“What is planned for housing this year?”";

/** What the bot is, first in every front end's help: "are you a bot?" is answered with the help text. */
export const WHAT_I_DO =
  "I answer questions about the report in its own words: every answer is a verbatim quote with where it stands, and how sure I am.";

export const FOLLOW_UP_HINT =
  "After an answer: “tell me more” reads on, “the second one” opens a quote, “and <topic>?” asks the same of another topic, “what else?” lists other passages.";

export const NOTE_TEXT: Record<Exclude<NoteKind, "help">, string> = {
  greeting: `Hello! Ask me a question about the report, e.g. ${EXAMPLE}, and I answer with its own words.`,
  thanks: "Glad to help. Ask another question any time.",
  "content-free": `That gives me nothing to look up. Ask a full question, e.g. ${EXAMPLE}`,
  task: `I only find and quote what the report says; I cannot write, translate or make up text. Ask what the report says, e.g. ${EXAMPLE}`,
  overview:
    "I write no summaries: every answer is the report's own words. For an overview, /outline lists each section with its opening line, and /brief <section or topic> gathers what the report says on one.",
  "no-context": `There is no earlier answer here to follow up on. Ask a question first, e.g. ${EXAMPLE}`,
  "end-of-section":
    "That is the end of this section. Ask about something else, or “what else?” for other passages.",
  changed: "The document has changed since that answer. Please ask the question again.",
  "help-zh": ZH_CN_HELP,
};

export function otherLanguageNote(language: string): string {
  return `Questions must be in English for now (this looks like ${language}). Please ask again in English, e.g. ${EXAMPLE}`;
}

const ORDINALS = ["first", "second", "third", "fourth", "fifth"];
const ordinal = (n: number) => (n === -1 ? "last" : (ORDINALS[n - 1] ?? `#${n}`));
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The text of a reply that is only words (no quotes), or undefined for one that quotes the report. */
export function replyNote(reply: Reply, help: string): string | undefined {
  if (reply.kind === "note") return reply.note === "help" ? help : NOTE_TEXT[reply.note];
  if (reply.kind === "other-language") return otherLanguageNote(reply.language);
  if (reply.kind === "no-item") {
    const what = reply.turn.answer.answered ? "quote" : "passage";
    return `The last answer showed ${plural(reply.items, what, `${what}s`)}, so there is no ${ordinal(reply.n)} one. “What else?” lists other passages.`;
  }
  return undefined;
}

/** The line before a follow-up's text: what it is, so it is never mistaken for an answer. */
export function passageIntro(reply: Extract<Reply, { kind: "passage" }>): string {
  const about = `“${reply.turn.question}”`;
  const n = reply.n ?? 1;
  if (!reply.turn.answer.answered) {
    const which = reply.follow === "item" ? `The ${ordinal(n)} nearest passage` : "The nearest passage";
    return `${which} to ${about} (the report may not answer it):`;
  }
  if (reply.follow === "item")
    return `The ${ordinal(n)} quote of the answer to ${about}, with what follows it:`;
  return reply.nextParagraph ? `The next paragraph goes on:` : `The text goes on:`;
}

/** The line before an answer to a follow-up that was rewritten: the question actually asked. */
/** What a translated question was searched as, so a reader sees what was understood. */
export function searchedFor(query: string): string {
  return `Searched for: “${query}”`;
}

export function askedAs(question: string): string {
  return `Read as: “${question}”`;
}
