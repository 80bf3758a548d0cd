/**
 * Text wrapped to a width at word boundaries, for terminals. A word longer than the width keeps a line of
 * its own rather than being cut, so every line is a run of whole words of the text.
 */
export function wrapText(text: string, width: number): string[] {
  // No width (a pipe): the text as it stands, on one line.
  if (!Number.isFinite(width) && !text.includes("\n")) return [text];
  const words = text.split(/\s+/).filter(Boolean);
  if (!Number.isFinite(width)) return [words.join(" ")];
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line || lines.length === 0) lines.push(line);
  return lines;
}
