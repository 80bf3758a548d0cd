/**
 * A synthetic corpus for the scale benchmark: N distinct documents made from one report by recombining its
 * paragraphs and varying their wording, deterministically from a seed. Headings, the lead and metadata lines
 * ("Source: …") are kept as lines of their own, so structure parsing sees the same kind of document.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { looksLikeHeading } from "../../src/chunking/structure.js";

export interface SyntheticDoc {
  /** File name, e.g. `report-0001.txt`. */
  name: string;
  text: string;
}

export interface SyntheticOptions {
  docs: number;
  seed?: number;
}

interface SourceSection {
  heading: string;
  paragraphs: string[];
}

export interface SourceLayout {
  lead: string[];
  sections: SourceSection[];
  trailer: string[];
}

const META_LINE = /^(source|editor|author|reporter|translator|photo)\s*:/i;

/** Word swaps that keep a sentence readable; each document takes a random half of them. */
export const SYNONYMS: readonly (readonly [string, string])[] = [
  ["accelerate", "speed up"],
  ["strengthen", "reinforce"],
  ["enterprises", "companies"],
  ["promote", "advance"],
  ["enhance", "boost"],
  ["construction", "building"],
  ["optimize", "refine"],
  ["focus on", "concentrate on"],
  ["continue to", "keep working to"],
  ["improve", "upgrade"],
  ["development", "growth"],
  ["residents", "inhabitants"],
  ["significant", "notable"],
  ["key", "major"],
  ["measures", "steps"],
  ["efforts", "endeavours"],
  ["implement", "carry out"],
  ["establish", "set up"],
  ["expand", "widen"],
  ["support", "back"],
  ["projects", "schemes"],
  ["renovation", "refurbishment"],
  ["employment", "jobs"],
  ["further", "additionally"],
  ["new", "fresh"],
];

/** mulberry32: a small, fast, seedable PRNG with values in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates on a copy. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Splits a plain-text report into lead paragraphs, headed sections and trailing metadata lines. */
export function parseLayout(text: string): SourceLayout {
  const layout: SourceLayout = { lead: [], sections: [], trailer: [] };
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const current = layout.sections[layout.sections.length - 1];
    if (META_LINE.test(line)) layout.trailer.push(line);
    else if (looksLikeHeading(line)) layout.sections.push({ heading: line, paragraphs: [] });
    else if (current) current.paragraphs.push(line);
    else layout.lead.push(line);
  }
  return layout;
}

/** Generates `docs` distinct documents from `source`; the same source and seed always give the same corpus. */
export function generateCorpus(source: string, options: SyntheticOptions): SyntheticDoc[] {
  const layout = parseLayout(source);
  if (layout.sections.length === 0) throw new Error("The source document has no headings to recombine.");
  const seed = options.seed ?? 1;
  const width = Math.max(4, String(options.docs).length);
  const seen = new Set<string>();
  const out: SyntheticDoc[] = [];
  for (let i = 0; i < options.docs; i++) {
    let text = "";
    for (let attempt = 0; text === "" || seen.has(text); attempt++) {
      text = recombine(layout, seededRandom(mix(seed, i, attempt)));
    }
    seen.add(text);
    out.push({ name: `report-${String(i + 1).padStart(width, "0")}.txt`, text });
  }
  return out;
}

export function writeCorpus(dir: string, docs: readonly SyntheticDoc[]): void {
  mkdirSync(dir, { recursive: true });
  for (const doc of docs) writeFileSync(path.join(dir, doc.name), doc.text);
}

function mix(seed: number, doc: number, attempt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (doc + 1), 0xc2b2ae35);
  h = Math.imul(h ^ (attempt + 1), 0x27d4eb2f);
  return (h ^ (h >>> 16)) >>> 0;
}

/** One document: sections and their paragraphs in a new order, sentences shuffled, words and numbers varied. */
function recombine(layout: SourceLayout, random: () => number): string {
  const reword = rewording(random);
  const lines: string[] = [...layout.lead.map(reword), ""];
  for (const section of shuffled(layout.sections, random)) {
    lines.push(section.heading);
    for (const paragraph of shuffled(section.paragraphs, random)) {
      lines.push(reword(random() < 0.5 ? shuffleSentences(paragraph, random) : paragraph));
    }
  }
  if (layout.trailer.length > 0) lines.push("", ...layout.trailer);
  return lines.join("\n") + "\n";
}

/** Keeps the paragraph's first (topic) sentence first and shuffles the rest. */
export function shuffleSentences(paragraph: string, random: () => number): string {
  const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });
  const sentences = [...segmenter.segment(paragraph)].map((s) => s.segment.trim()).filter(Boolean);
  if (sentences.length < 3) return paragraph;
  const [first, ...rest] = sentences;
  return [first, ...shuffled(rest, random)].join(" ");
}

/** A per-document rewording: a random half of the synonym swaps, and every number scaled by one factor in 0.5–1.5. */
function rewording(random: () => number): (text: string) => string {
  const swaps = new Map(SYNONYMS.filter(() => random() < 0.5).map(([a, b]) => [a, b]));
  const words = [...swaps.keys()].sort((a, b) => b.length - a.length);
  const pattern = words.length > 0 ? new RegExp(`\\b(${words.join("|")})\\b`, "gi") : null;
  const factor = 0.5 + random();
  return (text) => {
    const swapped = pattern
      ? text.replace(pattern, (m) => matchCase(m, swaps.get(m.toLowerCase()) ?? m))
      : text;
    return swapped.replace(/\b\d+(\.\d+)?\b/g, (m, decimals?: string) => {
      const value = Number(m) * factor;
      return decimals ? value.toFixed(decimals.length - 1) : String(Math.max(1, Math.round(value)));
    });
  };
}

function matchCase(original: string, replacement: string): string {
  const first = original[0] ?? "";
  return first === first.toUpperCase() && first !== first.toLowerCase()
    ? replacement[0]?.toUpperCase() + replacement.slice(1)
    : replacement;
}
