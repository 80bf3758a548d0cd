import { citation, type DocTitles } from "../answer/citation.js";
import type { Briefing } from "./brief.js";
import type { Outline } from "./outline.js";

/** A briefing for terminals: what was found, each sentence with its citation, then the other sections. */
export function renderBriefingText(b: Briefing, titles: DocTitles): string {
  if (b.kind === "none" || b.sentences.length === 0) {
    const lines = [`No section or passage of the report is about "${b.topic}".`];
    if (b.otherSections.length > 0) lines.push(`Sections: ${b.otherSections.join(" · ")}`);
    return lines.join("\n");
  }
  const where = `${titles[b.doc ?? ""] ?? b.doc} › ${b.section}`;
  const lines = [
    b.kind === "section" ? `Briefing on section: ${where}` : `Briefing on "${b.topic}" (from ${where})`,
    "",
  ];
  // The heading names document and section once; a sentence from elsewhere gets its full citation.
  for (const s of b.sentences) {
    const here = s.doc === b.doc && s.section === b.section;
    lines.push(
      `• ${s.text}`,
      `  — ${here ? `¶${s.paragraph} (chars ${s.start}–${s.end})` : citation(s, titles)}`,
    );
  }
  if (b.otherSections.length > 0) lines.push("", `Other sections: ${b.otherSections.join(" · ")}`);
  return lines.join("\n");
}

/** Longest line of an outline in a terminal; the JSON keeps every sentence whole. */
const MAX_LINE_CHARS = 220;

function shorten(text: string): string {
  if (text.length <= MAX_LINE_CHARS) return text;
  const cut = text.lastIndexOf(" ", MAX_LINE_CHARS);
  return `${text.slice(0, cut > 0 ? cut : MAX_LINE_CHARS)} …`;
}

/** Documents, then their sections numbered as `brief` accepts them, each with its line. */
export function renderOutlineText(o: Outline): string {
  const lines: string[] = [];
  for (const d of o.documents) {
    lines.push(
      d.title,
      `  ${[d.doc, d.speaker, d.occasion ?? d.date, d.source].filter(Boolean).join(" · ")}`,
      "",
    );
    for (const s of d.sections) {
      const size = `${s.paragraphs} ¶, ${s.words} words`;
      lines.push(`  ${s.index}. ${s.label} (${size})`);
      if (s.line) lines.push(`     ${shorten(s.line.text)}`);
    }
    lines.push("");
  }
  return lines.join("\n").trimEnd();
}
