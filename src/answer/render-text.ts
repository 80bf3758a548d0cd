import type { Answer } from "./types.js";

export interface DocTitles {
  [docPath: string]: string;
}

/** `Title › Section › ¶n (chars a–b)`: where a quote stands in the report. */
export function citation(
  q: { doc: string; section: string; paragraph: number; start: number; end: number; page?: number },
  titles: DocTitles,
): string {
  const page = q.page ? `, p. ${q.page}` : "";
  return `${titles[q.doc] ?? q.doc} › ${q.section} › ¶${q.paragraph}${page} (chars ${q.start}–${q.end})`;
}

/** Plain-text rendering for terminals: quotes as block quotes, each with its citation, then the confidence. */
export function renderAnswerText(answer: Answer, titles: DocTitles): string {
  const lines: string[] = [];
  if (answer.answered) {
    for (const q of answer.quotes) {
      lines.push(`> ${q.text}`, `  — ${citation(q, titles)}`, "");
    }
  } else {
    lines.push("The report does not seem to cover this. The nearest passages are:", "");
    const seen = new Set<string>();
    for (const p of answer.passages) {
      const key = `${p.doc}|${p.section}`;
      if (seen.has(key) || seen.size >= 3) continue;
      seen.add(key);
      lines.push(`  • ${citation(p, titles)}`);
    }
    lines.push("");
  }
  lines.push(`Confidence: ${answer.confidence.toFixed(2)}`);
  return lines.join("\n");
}
