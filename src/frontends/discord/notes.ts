/** Short plain messages the bot sends besides answers. Each stays far below Discord's 2000 characters. */
import { isAppError } from "../../errors.js";
import type { Vote } from "./custom-ids.js";
import type { DocRef } from "../shared/doc-scope.js";
import { DISCORD_LIMITS } from "./limits.js";
import { escapeMarkdown, escapeWithin } from "./markdown.js";

export function rateLimitNote(retryAtMs: number, count: number, windowS: number): string {
  // `<t:…:R>` renders in the reader's client as a live "in 12 seconds".
  const at = Math.ceil(retryAtMs / 1000);
  return `You have asked ${count} questions in the last ${windowS} seconds, the most I take at once. You can ask again <t:${at}:R>.`;
}

export function mentionHint(messageContentIntent: boolean): string {
  return messageContentIntent
    ? "Ask me a question after the mention, e.g. `@me What is planned for rural revitalization?`, or use `/ask`."
    : "I cannot read questions in messages here (the Message Content intent is off for this bot). Please use `/ask`.";
}

export const NOTES = {
  onlyAsker: "Only the person who asked can page through these sources. Ask your own question with `/ask`.",
  unknownAnswer: "I no longer have that answer (it is old, or I restarted since). Ask again with `/ask`.",
  noLastAnswer: "You have not asked anything yet. Ask with `/ask`, then use `/sources` for more passages.",
  noMoreSources: "That is every passage I found for this question.",
  shuttingDown: "I am restarting; please ask again in a minute.",
  internalError: "Something went wrong on my side; it has been logged. Please try again later.",
  onlyAskerPages: "Only the person who asked can page through these hits. Look up your own with `/quote`.",
  unknownQuotes: "I no longer have these hits (they are old, or I restarted since). Run `/quote` again.",
} as const;

/**
 * For a `doc:` that names no indexed document: what was asked for, and the documents there are (path and
 * title), as many as fit one message; the rest are counted, not cut.
 */
export function unknownDocNote(input: string, known: readonly DocRef[]): string {
  const head = `No document ${escapeWithin(`“${input}”`, 120)} is indexed. Pick one from the list, or leave \`doc\` out to look at all.`;
  if (known.length === 0) return `${head}\nNo documents are indexed yet.`;
  const items = known.map((d) => `- ${escapeMarkdown(d.path)} — ${escapeMarkdown(d.title)}`);
  for (let kept = items.length; kept >= 0; kept--) {
    const more = items.length - kept;
    const lines = [
      head,
      "Known documents:",
      ...items.slice(0, kept),
      ...(more ? [`- …and ${more} more`] : []),
    ];
    const text = lines.join("\n");
    if (text.length <= DISCORD_LIMITS.content) return text;
  }
  return head;
}

export function voteNote(vote: Vote, previous: Vote | undefined): string {
  const mark = vote === "up" ? "👍" : "👎";
  if (previous === vote) return `Your ${mark} was already recorded. Thanks!`;
  if (previous) return `Changed your vote to ${mark}. Thanks!`;
  return `Recorded your ${mark}. Thanks! You can change it by pressing the other button.`;
}

/** What a chat user sees for an error: the message and hint of user-facing errors, else a generic note. */
export function errorNote(error: unknown): string {
  if (isAppError(error) && error.userFacing) {
    return escapeWithin(`${error.message} ${error.hint}`, DISCORD_LIMITS.content);
  }
  return NOTES.internalError;
}
