import type { Quote } from "../answer/types.js";
import type { SentenceUnit } from "../chunking/units.js";
import { AppError } from "../errors.js";
import { processIndexTerm } from "../retrieval/text-normalise.js";
import { documentsInScope } from "../shelf/documents.js";
import type { Store } from "../store/store.js";
import { foldWithMap, isWordChar, tokensOf, type FoldedText, type Token } from "./fold.js";
import { nearBudget, wordCost } from "./word-distance.js";

/** One place where the phrase occurs: the whole sentence(s) verbatim, and the phrase's own span in them. */
export interface QuoteHit extends Quote {
  /** Offsets of the matched words, into the document like `start`/`end`. */
  match: { start: number; end: number };
  /** True when only case, spacing, quote marks or dashes differ; false for a near match. */
  exact: boolean;
}

export interface FindQuotesOptions {
  /** Only this document (path as in the manifest). */
  doc?: string;
  /** Most hits returned, exact ones first. */
  maxHits?: number;
}

export const DEFAULT_MAX_HITS = 50;
export const MAX_PHRASE_CHARS = 500;
/** Longer phrases are only matched exactly: aligning them word by word costs more than it helps. */
const MAX_NEAR_WORDS = 60;

interface WordingParagraph {
  n: number;
  start: number;
  end: number;
  sentences: SentenceUnit[];
  tokens: Token[];
}

interface DocWording {
  doc: string;
  order: number;
  folded: FoldedText;
  paragraphs: WordingParagraph[];
}

interface Cell {
  cost: number;
  /** Index of the first document word of the alignment. */
  from: number;
  /** Phrase words found (same word, typo or inflection). */
  same: number;
  /** Of them, content words. */
  content: number;
}

interface Candidate {
  docOrder: number;
  para: WordingParagraph;
  doc: string;
  start: number;
  end: number;
  cost: number;
  exact: boolean;
}

// Folding a document is the only costly step and a store never changes, so it is done once per store.
const cache = new WeakMap<Store, Map<string, DocWording>>();

/**
 * Every occurrence of `phrase` in the corpus, exact ones (up to case, spacing, quote marks and dashes) in
 * report order first, then near matches (a word or two different, a typo, another inflection) closest
 * first. A match never crosses a paragraph; a hit's text is the sentence, or the sentences, holding it.
 */
export function findQuotes(store: Store, phrase: string, options: FindQuotesOptions = {}): QuoteHit[] {
  const docs = documentsInScope(store, options.doc);
  const folded = checkPhrase(phrase);
  const phraseTokens = tokensOf(folded).map((t) => t.word);
  const maxHits = Math.max(1, Math.floor(options.maxHits ?? DEFAULT_MAX_HITS));

  const exact: Candidate[] = [];
  const near: Candidate[] = [];
  for (const doc of docs) {
    const dw = wordingOf(store, doc);
    exact.push(...exactMatches(dw, folded.text));
    if (phraseTokens.length <= MAX_NEAR_WORDS) near.push(...nearMatches(dw, phraseTokens));
  }
  const taken: Candidate[] = [...exact];
  const overlaps = (c: Candidate) => taken.some((t) => t.doc === c.doc && t.start < c.end && c.start < t.end);
  near.sort((a, b) => a.cost - b.cost || a.docOrder - b.docOrder || a.start - b.start || a.end - b.end);
  const nearKept: Candidate[] = [];
  for (const c of near) {
    if (overlaps(c)) continue;
    taken.push(c);
    nearKept.push(c);
  }
  const ranked = [
    ...exact.sort((a, b) => a.docOrder - b.docOrder || a.start - b.start),
    // Near matches closest first; among equally close ones, report order.
    ...nearKept.sort((a, b) => a.cost - b.cost || a.docOrder - b.docOrder || a.start - b.start),
  ];
  return ranked.slice(0, maxHits).map((c) => toHit(store, c));
}

function checkPhrase(phrase: string): FoldedText {
  if (phrase.length > MAX_PHRASE_CHARS) {
    throw new AppError(
      "PHRASE_INVALID",
      `The phrase has ${phrase.length} characters; at most ${MAX_PHRASE_CHARS}.`,
    );
  }
  const folded = foldWithMap(phrase);
  if (!/[\p{L}\p{N}]/u.test(folded.text)) {
    throw new AppError("PHRASE_INVALID", `Expected a phrase with at least one word; got "${phrase.trim()}".`);
  }
  return folded;
}

function wordingOf(store: Store, doc: string): DocWording {
  let perStore = cache.get(store);
  if (!perStore) cache.set(store, (perStore = new Map()));
  const known = perStore.get(doc);
  if (known) return known;
  const text = store.texts[doc] ?? "";
  const folded = foldWithMap(text);
  const tokens = tokensOf(folded);
  const paragraphs: WordingParagraph[] = [];
  for (const s of store.sentences) {
    if (s.doc !== doc) continue;
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.n === s.paragraph) {
      last.sentences.push(s);
      last.end = s.end;
    } else paragraphs.push({ n: s.paragraph, start: s.start, end: s.end, sentences: [s], tokens: [] });
  }
  // Headings and metadata lines are outside every paragraph: their words are not quotable sentences.
  let p = 0;
  for (const t of tokens) {
    while (p < paragraphs.length && (paragraphs[p]?.end ?? 0) <= t.start) p++;
    const para = paragraphs[p];
    if (para && t.start >= para.start && t.end <= para.end) para.tokens.push(t);
  }
  const order = store.manifest.documents.findIndex((d) => d.path === doc);
  const dw = { doc, order, folded, paragraphs };
  perStore.set(doc, dw);
  return dw;
}

function paragraphAt(dw: DocWording, offset: number): WordingParagraph | undefined {
  return dw.paragraphs.find((p) => p.start <= offset && offset < p.end);
}

/** Substring search in folded text, on word boundaries so "650 mu" is not found inside "1650 mu". */
function exactMatches(dw: DocWording, needle: string): Candidate[] {
  const out: Candidate[] = [];
  const hay = dw.folded.text;
  const guardStart = isWordChar(needle[0]);
  const guardEnd = isWordChar(needle[needle.length - 1]);
  let at = hay.indexOf(needle);
  while (at >= 0) {
    const after = at + needle.length;
    const bounded = !(guardStart && isWordChar(hay[at - 1])) && !(guardEnd && isWordChar(hay[after]));
    if (bounded) {
      const start = dw.folded.starts[at] ?? 0;
      const end = dw.folded.ends[after - 1] ?? 0;
      const para = paragraphAt(dw, start);
      if (para && end <= para.end) {
        out.push({ docOrder: dw.order, para, doc: dw.doc, start, end, cost: 0, exact: true });
        at = hay.indexOf(needle, after);
        continue;
      }
    }
    at = hay.indexOf(needle, at + 1);
  }
  return out;
}

/**
 * Word-level approximate matching (Sellers' semi-global alignment): the phrase must be aligned whole, but
 * may start and end anywhere in a paragraph. A near match may cost at most the phrase's budget, and must
 * find most of the phrase's content words, so that "of the city" does not match every "of the X".
 */
function nearMatches(dw: DocWording, phrase: string[]): Candidate[] {
  const m = phrase.length;
  const budget = nearBudget(m);
  const content = phrase.map((w) => processIndexTerm(w) !== null);
  const contentCount = content.filter(Boolean).length;
  if (contentCount === 0) return [];
  const needContent = Math.max(1, contentCount - Math.floor(budget));
  const out: Candidate[] = [];
  // A document repeats its words: each phrase word's cost against each distinct word is worked out once.
  const costs = phrase.map(() => new Map<string, number>());
  const costOf = (i: number, word: string) => {
    const known = costs[i]?.get(word);
    if (known !== undefined) return known;
    const c = wordCost(phrase[i] ?? "", word);
    costs[i]?.set(word, c);
    return c;
  };
  for (const para of dw.paragraphs) {
    const words = para.tokens.map((t) => t.word);
    const n = words.length;
    if (n === 0) continue;
    // Row i, column j: the best alignment of the first i phrase words with document words ending at j.
    let row: Cell[] = Array.from({ length: n + 1 }, (_, j) => ({ cost: 0, from: j, same: 0, content: 0 }));
    for (let i = 1; i <= m; i++) {
      const next: Cell[] = [{ cost: i, from: 0, same: 0, content: 0 }];
      for (let j = 1; j <= n; j++) {
        const c = costOf(i - 1, words[j - 1] ?? "");
        const up = row[j - 1] as Cell;
        const diag: Cell = {
          cost: up.cost + c,
          from: up.from,
          same: up.same + (c < 1 ? 1 : 0),
          content: up.content + (c < 1 && content[i - 1] ? 1 : 0),
        };
        const skipPhrase = { ...(row[j] as Cell), cost: (row[j] as Cell).cost + 1 };
        const skipDoc = { ...(next[j - 1] as Cell), cost: (next[j - 1] as Cell).cost + 1 };
        next.push(better(better(diag, skipPhrase), skipDoc));
      }
      row = next;
    }
    for (let j = 1; j <= n; j++) {
      const { cost: total, from: first, content: found } = row[j] as Cell;
      if (total > budget + 1e-9 || found < needContent || first > j - 1) continue;
      const a = para.tokens[first];
      const b = para.tokens[j - 1];
      if (!a || !b) continue;
      out.push({
        docOrder: dw.order,
        para,
        doc: dw.doc,
        start: a.start,
        end: b.end,
        cost: total,
        exact: false,
      });
    }
  }
  return out;
}

/**
 * The cheaper alignment; between equally cheap ones, the one matching more words, so that "the opening"
 * against "the orderly opening" skips "orderly" rather than swapping "the" for it. Earlier options (the
 * diagonal) win full ties.
 */
function better(a: Cell, b: Cell): Cell {
  if (b.cost < a.cost - 1e-9) return b;
  if (b.cost <= a.cost + 1e-9 && b.same > a.same) return b;
  return a;
}

function toHit(store: Store, c: Candidate): QuoteHit {
  const inside = c.para.sentences.filter((s) => s.start < c.end && c.start < s.end);
  const first = inside[0] ?? c.para.sentences[0];
  const last = inside[inside.length - 1] ?? first;
  const start = first?.start ?? c.start;
  const end = last?.end ?? c.end;
  return {
    // Usually one sentence; a phrase that runs over a sentence break is quoted with both sentences.
    text: (store.texts[c.doc] ?? "").slice(start, end),
    doc: c.doc,
    section: first?.section ?? "",
    paragraph: c.para.n,
    start,
    end,
    match: { start: c.start, end: c.end },
    exact: c.exact,
    // Paged documents (PDF): the page the quoted sentence starts on.
    ...(first?.page ? { page: first.page } : {}),
  };
}
