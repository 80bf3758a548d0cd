import { citation, type DocTitles } from "../../answer/citation.js";
import type { Answer } from "../../answer/types.js";
import { confidenceWords } from "../shared/confidence-words.js";
import { searchedFor } from "../shared/conversation-notes.js";

/**
 * Plain-text rendering for `ask`: what the confidence means in words (the shared table of every front end),
 * then the quotes as block quotes, each with its citation, or the nearest passages.
 */
export function renderAnswerText(answer: Answer, titles: DocTitles): string {
  const lines: string[] = [];
  if (answer.searchedFor) lines.push(searchedFor(answer.searchedFor));
  lines.push(confidenceWords(answer).numbered, "");
  if (answer.answered) {
    for (const q of answer.quotes) {
      lines.push(`> ${q.text}`, `  — ${citation(q, titles)}`, "");
    }
  } else {
    const seen = new Set<string>();
    for (const p of answer.passages) {
      const key = `${p.doc}|${p.section}`;
      if (seen.has(key) || seen.size >= 3) continue;
      seen.add(key);
      lines.push(`  • ${citation(p, titles)}`);
    }
  }
  return lines.join("\n").trimEnd();
}
