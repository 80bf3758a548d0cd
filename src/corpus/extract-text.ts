import mammoth from "mammoth";
import { extractText as extractPdfText, getDocumentProxy } from "unpdf";

/** What a reader makes of a file: the text that offsets index, and for paged formats where pages start. */
export interface ExtractedText {
  text: string;
  /** Offset in `text` where each page starts (page 1 first); absent for formats without pages. */
  pageStarts?: number[];
}

/** PDF text layer, one page after another. Wrapped lines are joined so that sentences are not cut. */
export async function extractPdf(bytes: Uint8Array): Promise<ExtractedText> {
  // pdf.js prints its own warnings ("Indexing all PDF objects") on stdout; a file it cannot read is
  // reported once, with its reason, by the corpus reader instead. 0 is pdf.js's "errors only".
  const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
  const { text: pages } = await extractPdfText(pdf, { mergePages: false });
  let text = "";
  const pageStarts: number[] = [];
  for (const page of pages) {
    if (text) text += "\n\n";
    pageStarts.push(text.length);
    text += unwrapLines(page);
  }
  return { text, pageStarts };
}

const ENDS_BLOCK = /[.!?:;"”)\]]$/;

/**
 * Joins a PDF's hard-wrapped lines: a line that does not end a sentence continues on the next one, unless it
 * is short enough to be a heading. Blank lines always end a paragraph.
 */
export function unwrapLines(page: string): string {
  const lines = page.split(/\r?\n/).map((l) => l.trim());
  const longest = Math.max(0, ...lines.map((l) => l.length));
  const out: string[] = [];
  let current = "";
  for (const line of lines) {
    if (!line) {
      if (current) out.push(current);
      current = "";
      continue;
    }
    current = current ? `${current} ${line}` : line;
    const wrapped = !ENDS_BLOCK.test(line) && line.length >= 0.6 * longest && longest > 40;
    if (!wrapped) {
      out.push(current);
      current = "";
    }
  }
  if (current) out.push(current);
  return out.join("\n");
}

/** Word files through mammoth's HTML, rebuilt as Markdown-like text: headings keep their level. */
export async function extractDocx(bytes: Uint8Array): Promise<ExtractedText> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const blocks: string[] = [];
  for (const m of html.matchAll(/<(h[1-6]|p|li)\b[^>]*>([\s\S]*?)<\/\1>/g)) {
    const tag = m[1] ?? "p";
    const body = decodeEntities((m[2] ?? "").replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();
    if (!body) continue;
    blocks.push(tag.startsWith("h") ? `${"#".repeat(Number(tag[1]))} ${body}` : tag === "li" ? `- ${body}` : body);
  }
  return { text: blocks.join("\n\n") + "\n" };
}

function decodeEntities(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, "&");
}
