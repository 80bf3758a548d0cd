/**
 * A Chinese question as an English search query: segmented, names the shelf spells in pinyin rendered so,
 * other words glossed from the dictionary (the sense the shelf uses), particles dropped, and the question
 * word put first in the English form the answer stage reads ("how many pocket parks …", "when …").
 */
import type { ChineseDictionary } from "./cedict.js";
import { knownName, spellName, type Readings } from "./names.js";
import { isHan, segmentChinese, splitUnknown, type Token } from "./segment.js";
import { chooseGloss } from "./senses.js";
import { CLASSIFIERS, FILLER, NAME_SUFFIXES, QUESTION_WORDS, type QuestionForm } from "./zh-lexicon.js";

export interface ChineseTools {
  dictionary: ChineseDictionary;
  readings: Readings;
}

type Part = { kind: "word"; text: string } | { kind: "question"; form: QuestionForm };

/** Most tokens a name is made of (闵|行 are two, 大|治|河 three before its suffix). */
const NAME_TOKENS = 4;
const NAME_CHARS = 4;

export function chineseToEnglish(
  question: string,
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
): string {
  const { dictionary } = tools;
  const isWord = (w: string) =>
    dictionary.lookup(w) !== undefined || w in QUESTION_WORDS || w in NAME_SUFFIXES || FILLER.has(w);
  const tokens = segmentChinese(question, isWord, Math.min(dictionary.maxWordLength, 8));
  return arrange(toParts(tokens, tools, isKnown, isWord));
}

function toParts(
  tokens: Token[],
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
  isWord: (word: string) => boolean,
): Part[] {
  const parts: Part[] = [];
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (token.kind !== "han") {
      if (token.kind === "other") parts.push({ kind: "word", text: token.text });
      i++;
      continue;
    }
    const name = nameAt(tokens, i, tools.readings, isKnown);
    if (name) {
      parts.push({ kind: "word", text: name.english });
      i = name.next;
      const suffix = tokens[i] && NAME_SUFFIXES[tokens[i]!.text];
      if (suffix) {
        parts.push({ kind: "word", text: suffix });
        i++;
      }
      continue;
    }
    const form = QUESTION_WORDS[token.text];
    if (form) parts.push({ kind: "question", form });
    else if (CLASSIFIERS.has(token.text) && parts.at(-1)?.kind === "question") {
      // 多少个项目: the classifier between the number word and its noun says nothing in English.
    } else if (!FILLER.has(token.text)) {
      for (const text of glossWord(token.text, tools, isKnown, isWord)) parts.push({ kind: "word", text });
    }
    i++;
  }
  return parts;
}

/** A name the shelf spells in pinyin, from the longest run of tokens at i that is one. */
function nameAt(
  tokens: Token[],
  i: number,
  readings: Readings,
  isKnown: (word: string) => boolean,
): { english: string; next: number } | null {
  let text = "";
  const spans: { text: string; next: number }[] = [];
  for (let j = i; j < tokens.length && j < i + NAME_TOKENS; j++) {
    const t = tokens[j]!.text;
    if (tokens[j]!.kind !== "han" || FILLER.has(t) || t in QUESTION_WORDS) break;
    text += t;
    if ([...text].length > NAME_CHARS) break;
    spans.push({ text, next: j + 1 });
  }
  for (const span of spans.reverse()) {
    const english = knownName(span.text, readings, isKnown);
    if (english) return { english, next: span.next };
  }
  return null;
}

/** English for one word: its chosen gloss; else, for a word the dictionary lacks, its parts' glosses. */
function glossWord(
  word: string,
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
  isWord: (word: string) => boolean,
): string[] {
  const readings = tools.dictionary.lookup(word);
  if (readings) {
    const gloss = chooseGloss(readings, isKnown);
    if (gloss) return [gloss];
    // Only proper-noun glosses ("surname Chen"): the name in pinyin.
    return isHan(word) ? [spellName(word, tools.readings)] : [];
  }
  const pieces = splitUnknown(word, isWord);
  if (pieces.length === 1) return [spellName(word, tools.readings)];
  return pieces.filter((p) => !FILLER.has(p)).flatMap((p) => glossWord(p, tools, isKnown, isWord));
}

/**
 * The English order: the question word first. Where Chinese puts the asked-about noun after the question
 * word (多少个口袋公园, 哪些产业) that phrase follows it, as in English; the rest of the question comes after.
 */
function arrange(parts: Part[]): string {
  const q = parts.findIndex((p) => p.kind === "question");
  const words = (list: Part[]) => list.flatMap((p) => (p.kind === "word" ? [p.text] : []));
  let ordered: string[];
  if (q < 0) ordered = words(parts);
  else {
    const form = (parts[q] as Extract<Part, { kind: "question" }>).form;
    const before = words(parts.slice(0, q));
    const after = words(parts.slice(q + 1));
    ordered =
      form.noun === "before" ? [form.english, ...after, ...before] : [form.english, ...before, ...after];
  }
  return ordered.filter((w, k) => w !== ordered[k - 1]).join(" ");
}
