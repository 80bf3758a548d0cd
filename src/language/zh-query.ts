/**
 * A Chinese question as an English search query: segmented, names the shelf spells in pinyin rendered so,
 * other words glossed from the dictionary (the sense the shelf uses), particles dropped, and the question
 * word put first in the English form the answer stage reads ("how many pocket parks …", "when …").
 */
import type { ChineseDictionary } from "./cedict.js";
import { knownName, spellName, type Readings } from "./names.js";
import { isHan, segmentChinese, splitUnknown, type Token } from "./segment.js";
import { alternativeGloss, chooseGloss, type Gloss } from "./senses.js";
import {
  CLASSIFIERS,
  FILLER,
  NAME_SUFFIXES,
  NOUN_BEFORE_VERBS,
  QUESTION_WORDS,
  type QuestionForm,
} from "./zh-lexicon.js";

export interface ChineseTools {
  dictionary: ChineseDictionary;
  readings: Readings;
}

type Part = { kind: "word"; text: string; verb?: boolean } | { kind: "question"; form: QuestionForm };

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
    if (form) {
      const after = i > 0 && NOUN_BEFORE_VERBS.has(tokens[i - 1]!.text);
      parts.push({ kind: "question", form: after ? askedBefore(form) : form });
    } else if (
      CLASSIFIERS.has(token.text) &&
      (parts.at(-1)?.kind === "question" || tokens[i - 1]?.kind === "other")
    ) {
      // 多少个项目, 5个项目: the classifier between a number and its noun says nothing in English.
    } else if (!FILLER.has(token.text)) {
      for (const gloss of glossWord(token.text, tools, isKnown, isWord))
        parts.push({ kind: "word", ...gloss });
    }
    i++;
  }
  return parts;
}

/** The form when the noun came first: "增速是多少" "how many …", "X是什么" "what is X". */
function askedBefore(form: QuestionForm): QuestionForm {
  const english = form.english === "what" || form.english === "which" ? `${form.english} is` : form.english;
  return { english, noun: "none" };
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
): Gloss[] {
  const readings = tools.dictionary.lookup(word);
  if (readings) {
    const gloss = chooseGloss(readings, isKnown);
    if (gloss) return [gloss, ...alternativeGloss(readings, gloss, isKnown)];
    // Only proper-noun glosses ("surname Chen"): the name in pinyin.
    return isHan(word) ? [{ text: spellName(word, tools.readings), verb: false }] : [];
  }
  const pieces = splitUnknown(word, isWord);
  if (pieces.length === 1) return [{ text: spellName(word, tools.readings), verb: false }];
  return pieces.filter((p) => !FILLER.has(p)).flatMap((p) => glossWord(p, tools, isKnown, isWord));
}

/**
 * A counted noun phrase with its head first (多少个重大产业项目 "how many projects of major industry"): what
 * is counted is the head; its modifiers follow behind "of".
 */
function nounPhrase(form: QuestionForm, noun: string[]): string[] {
  if (form.english !== "how many" || noun.length < 2) return noun;
  return [noun.at(-1)!, "of", ...noun.slice(0, -1)];
}

/**
 * The English order: the question word first. Where Chinese puts the asked-about noun after the question
 * word (多少个口袋公园, 哪些产业) that noun phrase follows it, as in English, up to the first verb; the rest of
 * the question comes after, behind "in" so that the noun phrase reads as the thing asked about. A "what" or
 * "which" without a noun of its own ("都包括啥") reads "what is …".
 */
function arrange(parts: Part[]): string {
  const q = parts.findIndex((p) => p.kind === "question");
  const words = (list: Part[]) => list.flatMap((p) => (p.kind === "word" ? [p.text] : []));
  let ordered: string[];
  if (q < 0) ordered = words(parts);
  else {
    const form = (parts[q] as Extract<Part, { kind: "question" }>).form;
    const before = parts.slice(0, q);
    const after = parts.slice(q + 1);
    if (form.noun === "none") ordered = [form.english, ...words(before), ...words(after)];
    else {
      const verb = after.findIndex((p) => p.kind !== "word" || p.verb);
      const noun = verb < 0 ? after : after.slice(0, verb);
      const rest = [...words(verb < 0 ? [] : after.slice(verb)), ...words(before)];
      if (!noun.length)
        ordered = [form.english, ...(/^(what|which)$/.test(form.english) ? ["is"] : []), ...rest];
      else
        ordered = [form.english, ...nounPhrase(form, words(noun)), ...(rest.length ? ["in", ...rest] : [])];
    }
  }
  return ordered.filter((w, k) => w !== ordered[k - 1]).join(" ");
}
