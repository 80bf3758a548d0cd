import { stemmer } from "stemmer";

/**
 * Term processing shared by indexing and querying, so that both sides agree: lower case, curly quotes and
 * possessives folded, British spellings mapped to American, plurals and common suffixes reduced.
 */
const BRITISH: [RegExp, string][] = [
  [/isation/g, "ization"],
  [/ise(d|s)?$/g, "ize$1"],
  [/ising$/g, "izing"],
  [/yse(d|s)?$/g, "yze$1"],
  [/our$/g, "or"],
  [/ours$/g, "ors"],
  [/tre$/g, "ter"],
  [/tres$/g, "ters"],
  [/programme/g, "program"],
  [/ogue$/g, "og"],
];

const STOP_WORDS = new Set(
  (
    "a an and are as at be been being but by can could did do does doing for from had has have how i if in " +
    "into is it its itself me more most my of on or our ours out over own same she should so some such than " +
    "that the their them then there these they this those to too under until up very was we were what when " +
    "where which while who whom why will with would you your also such other any each via per"
  ).split(" "),
);

// Words that frame a question rather than say what it is about ("What does the report say about …").
const QUESTION_FRAME = new Set(
  (
    "report reports say says said mention mentions mentioned tell tells exactly planned plan plans " +
    "being done going happen happening regarding anything something much many about exact wording words " +
    "word phrase phrasing quote quoted text he him his her hers get gets got getting find make keep give " +
    "given take taking want need located situated away here else elsewhere somewhere anywhere just " +
    "still really actually right now ever even"
  ).split(" "),
);

export function foldText(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/[‐‑‒–—]/g, "-");
}

export function tokenize(text: string): string[] {
  return foldText(text)
    .replace(/'s\b/g, "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * Words seen before and what they became: stemming is ten replacements and Porter's steps a word, and the
 * same words come back in every question and every document. Emptied when full, so it stays bounded.
 */
const MEMO_LIMIT = 50_000;
const STEMS = new Map<string, string>();
const QUERY_TERMS = new Map<string, string | null>();

function remembered<T>(memo: Map<string, T>, key: string, work: (key: string) => T): T {
  let value = memo.get(key);
  if (value === undefined && !memo.has(key)) {
    value = work(key);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(key, value);
  }
  return value as T;
}

/** British spellings to American, then Porter's stemmer: "renovated", "renovation" and "renovations" meet. */
export function stem(word: string): string {
  return remembered(STEMS, word, stemAnew);
}

function stemAnew(word: string): string {
  let w = word;
  for (const [pattern, replacement] of BRITISH) w = w.replace(pattern, replacement);
  return /^\p{L}+$/u.test(w) && w.length > 2 ? stemmer(w) : w;
}

/** Index side: every word but stop words, stemmed. */
export function processIndexTerm(term: string): string | null {
  const t = foldText(term);
  return STOP_WORDS.has(t) ? null : stem(t);
}

/** Query side: as the index side, and without the words that only frame the question. */
export function processQueryTerm(term: string): string | null {
  return remembered(QUERY_TERMS, term, (raw) => {
    const t = foldText(raw);
    return STOP_WORDS.has(t) || QUESTION_FRAME.has(t) ? null : stem(t);
  });
}

/** The content terms of a question, as the lexical index sees them. */
export function queryTerms(question: string): string[] {
  const out: string[] = [];
  for (const token of tokenize(question)) {
    const term = processQueryTerm(token);
    if (term && !out.includes(term)) out.push(term);
  }
  return out;
}

export function indexTerms(text: string): Set<string> {
  const out = new Set<string>();
  for (const token of tokenize(text)) {
    const term = processIndexTerm(token);
    if (term) out.add(term);
  }
  return out;
}
