/**
 * A Chinese question as an English search query: segmented, names the shelf spells in pinyin rendered so,
 * other words glossed from the dictionary (the sense the shelf uses), particles dropped, and the question
 * word put first in the English form the answer stage reads ("how many pocket parks …", "when …").
 */
import type { ChineseDictionary, Reading } from "./cedict.js";
import { knownName, spellName, type Readings } from "./names.js";
import { isHan, segmentChinese, splitUnknown, type Token } from "./segment.js";
import { alternativeGloss, chooseGloss, glossKnown, shelfWording, type Gloss } from "./senses.js";
import type { RenderedWord, Translation } from "./translator.js";
import {
  CLASSIFIERS,
  FILLER,
  GENERIC_NOUNS,
  NAME_SUFFIXES,
  NUMERALS,
  PHRASE_ENDS,
  WORDS,
  QUESTION_WORDS,
  UNITS,
  type QuestionForm,
} from "./zh-lexicon.js";

export interface ChineseTools {
  dictionary: ChineseDictionary;
  readings: Readings;
}

type Part =
  | {
      kind: "word";
      text: string;
      verb?: boolean;
      alternative?: boolean;
      generic?: boolean;
      unit?: boolean;
      /** A name or a number, which says what the question is about wherever it stands. */
      name?: boolean;
      /** Inside quotation marks: a phrase the asker quotes. */
      quoted?: boolean;
    }
  | { kind: "question"; form: QuestionForm }
  | { kind: "boundary" }
  /** 的: what stands before it modifies what follows (几家单位的绿地: units are counted, of green space). */
  | { kind: "modifier" };

/** Most tokens a name is made of (闵|行 are two, 大|治|河 three before its suffix). */
const NAME_TOKENS = 4;
const NAME_CHARS = 4;

/** A non-Han word (GDP, 5530) weighs as much as a two-character Chinese word. */
const OTHER_WEIGHT = 2;

export function chineseToEnglish(
  question: string,
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
): string {
  return translateChinese(question, tools, isKnown).query;
}

/** The English query, and the question's content words with what each was rendered as. */
export function translateChinese(
  question: string,
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
): Translation {
  const { dictionary } = tools;
  const isWord = (w: string) =>
    dictionary.lookup(w) !== undefined ||
    w in QUESTION_WORDS ||
    w in NAME_SUFFIXES ||
    w in WORDS ||
    FILLER.has(w);
  const tokens = segmentChinese(question, isWord, Math.min(dictionary.maxWordLength, 8));
  const words: RenderedWord[] = [];
  return { ...arrange(focus(toParts(tokens, tools, isKnown, isWord, words))), words };
}

function toParts(
  tokens: Token[],
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
  isWord: (word: string) => boolean,
  words: RenderedWord[],
): Part[] {
  const parts: Part[] = [];
  let quoted = false;
  const push = (part: Part) => parts.push(part.kind === "word" && quoted ? { ...part, quoted } : part);
  // The question's content words, each as weighty as its characters, with what it was rendered as.
  const count = (source: string, weight: number, english: string[], known: boolean) =>
    words.push({ source, weight, english, known });
  for (let i = 0; i < tokens.length;) {
    const token = tokens[i]!;
    if (token.kind === "break" && QUOTE_MARKS.test(token.text)) quoted = !quoted;
    if (token.kind !== "han") {
      if (token.kind === "other") {
        push({ kind: "word", text: token.text, name: true });
        count(token.text, OTHER_WEIGHT, [token.text], isKnown(token.text.toLowerCase()));
      }
      i++;
      continue;
    }
    const name = personAt(tokens, i, tools, isKnown) ?? nameAt(tokens, i, tools.readings, isKnown);
    if (name) {
      push({ kind: "word", text: name.english, name: true });
      const source = tokens
        .slice(i, name.next)
        .map((t) => t.text)
        .join("");
      count(source, [...source].length, [name.english], true);
      i = name.next;
      const suffix = tokens[i] && NAME_SUFFIXES[tokens[i]!.text];
      if (suffix) {
        push({ kind: "word", text: suffix, name: true });
        i++;
      }
      continue;
    }
    const form = QUESTION_WORDS[token.text];
    if (form) push({ kind: "question", form });
    else if (
      CLASSIFIERS.has(token.text) &&
      (parts.at(-1)?.kind === "question" ||
        tokens[i - 1]?.kind === "other" ||
        isNumeral(tokens[i - 1]?.text ?? ""))
    ) {
      // 多少个项目, 5个项目: the classifier between a number and its noun says nothing in English.
    } else if (WORDS[token.text]) {
      push({ kind: "word", text: WORDS[token.text]! });
      count(
        token.text,
        [...token.text].length,
        [WORDS[token.text]!],
        glossKnown(WORDS[token.text]!, isKnown),
      );
    } else if (PHRASE_ENDS.has(token.text)) {
      push({ kind: "boundary" });
    } else if (token.text === MODIFIER) {
      push({ kind: "modifier" });
    } else if (!FILLER.has(token.text)) {
      // After 的, or after a question word that asks about a noun (哪些, 什么), a noun stands.
      const last = parts.at(-1);
      const noun = tokens[i - 1]?.text === "的" || (last?.kind === "question" && last.form.noun === "before");
      const generic = GENERIC_NOUNS.has(token.text);
      const unit = UNITS.has(token.text);
      const glosses = glossWord(token.text, tools, isKnown, isWord, noun);
      for (const gloss of glosses) push({ kind: "word", ...gloss, generic, unit });
      const english = glosses.map((g) => g.text);
      count(
        token.text,
        [...token.text].length,
        english,
        english.some((g) => glossKnown(g, isKnown)),
      );
    }
    i++;
  }
  return parts;
}

/**
 * A person's name: a one-character surname the shelf spells (陈, "surname Chen") before a given name it
 * spells (华文 "Huawen"), written as English writes it ("Chen Huawen"), not as the surname's other senses.
 */
function personAt(
  tokens: Token[],
  i: number,
  tools: ChineseTools,
  isKnown: (word: string) => boolean,
): { english: string; next: number } | null {
  const char = tokens[i]!.text;
  if ([...char].length !== 1 || i + 1 >= tokens.length) return null;
  const surname = tools.dictionary
    .lookup(char)
    ?.flatMap((r) => r.glosses.map((g) => /^surname ([A-Z][a-z]+)$/.exec(g)?.[1]))
    .find((s) => s !== undefined && isKnown(s.toLowerCase()));
  if (!surname) return null;
  const given = nameAt(tokens, i + 1, tools.readings, isKnown);
  return given ? { english: `${surname} ${given.english}`, next: given.next } : null;
}

/** Quotation marks, opening or closing (a question's quoted phrase is between two of them). */
const QUOTE_MARKS = /^[“”「」『』"]+$/u;

/**
 * A question that quotes a phrase (就是“稳中求进”那句, “一南一北”有多重要) asks about that phrase: the rest
 * only frames it ("the line …", "how is it put"), and its words would outweigh the phrase in the search.
 * So only the question word, the quoted words, and names and numbers are kept.
 */
function focus(parts: Part[]): Part[] {
  if (!parts.some((p) => p.kind === "word" && p.quoted)) return parts;
  return parts.filter((p) => p.kind === "question" || (p.kind === "word" && (p.quoted || p.name)));
}

/** A name the shelf spells in pinyin, from the longest run of tokens at i that is one. */
function nameAt(
  tokens: Token[],
  i: number,
  readings: Readings,
  isKnown: (word: string) => boolean,
): { english: string; next: number } | null {
  // One token holding a name and its suffix (莘庄镇): the name, then the suffix in English.
  const first = tokens[i]!.text;
  for (const [suffix, english] of Object.entries(NAME_SUFFIXES)) {
    if (!first.endsWith(suffix) || first.length <= suffix.length) continue;
    const name = knownName(first.slice(0, -suffix.length), readings, isKnown);
    if (name) return { english: `${name} ${english}`, next: i + 1 };
  }
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
  noun = false,
): Gloss[] {
  const readings = tools.dictionary.lookup(word);
  if (readings) {
    const gloss = chooseGloss(readings, isKnown, { noun });
    // A unit or thing the dictionary can only explain ("unit of area equal to one fifteenth of a hectare")
    // that the shelf names in pinyin (亩 "mu").
    const spelled = readings.map((r) => r.pinyin.replace(/\d/g, "").replace(/\s+/g, "").toLowerCase());
    const named = spelled.find((s) => isKnown(s));
    if (named && (!gloss || gloss.text.split(" ").length > 3)) return [{ text: named, verb: false }];
    // A single character has too many senses for a second one to be more often right than wrong.
    if (gloss) {
      const alternatives = [...word].length > 1 ? alternativeGloss(readings, gloss, isKnown) : [];
      return [gloss, ...alternatives.map((g) => ({ ...g, alternative: true }))].map((g) => ({
        ...g,
        text: shelfWording(g.text, isKnown),
      }));
    }
    // No sense a question means (only slang, 零号): its parts' senses, when it has parts the dictionary has.
    const parts =
      [...word].length > 1 && !isProper(readings) ? splitUnknown(word, (w) => w !== word && isWord(w)) : [];
    if (parts.length > 1) {
      return parts
        .filter((p, k) => !FILLER.has(p) && !(CLASSIFIERS.has(p) && isNumeral(parts[k - 1] ?? "")))
        .flatMap((p) => glossWord(p, tools, isKnown, isWord));
    }
    // Only proper-noun glosses ("surname Chen"): the name in pinyin.
    return isHan(word) ? [{ text: spellName(word, tools.readings), verb: false }] : [];
  }
  const pieces = splitUnknown(word, isWord);
  if (pieces.length === 1) return [{ text: spellName(word, tools.readings), verb: false }];
  return pieces.filter((p) => !FILLER.has(p)).flatMap((p) => glossWord(p, tools, isKnown, isWord));
}

/** The particle that ends a modifier. */
const MODIFIER = "的";

const isNumeral = (text: string) => text !== "" && [...text].every((c) => NUMERALS.has(c));

/** Whether every reading of a word is a proper noun's (pinyin capitalised: 陈 "Chen", 张 "Zhang"). */
const isProper = (readings: readonly Reading[]) => readings.every((r) => /^[A-Z]/.test(r.pinyin));

/**
 * A counted noun phrase with its head first (多少个重大产业项目 "how many projects of major industry"): the
 * head, the last word (with its second sense), is what is counted; its modifiers follow behind "of". (A
 * "which" phrase keeps the Chinese order: moving its head first measured worse.)
 */
function nounPhrase(form: QuestionForm, noun: Part[]): Part[] {
  if (form.english !== "how many") return noun;
  const of: Part = { kind: "word", text: "of" };
  // A unit is what is counted; what follows is what it measures.
  const first = noun[0];
  if (first?.kind === "word" && first.unit) return noun.length > 1 ? [first, of, ...noun.slice(1)] : noun;
  // 几家单位的绿地: what is counted stands before 的, what it has after.
  const modifier = noun.findIndex((p) => p.kind === "modifier");
  if (modifier > 0) return [...nounPhrase(form, noun.slice(0, modifier)), of, ...noun.slice(modifier + 1)];
  const head = noun.findLastIndex((p) => p.kind === "word" && !p.alternative);
  if (head <= 0) return noun;
  return [...noun.slice(head), of, ...noun.slice(0, head)];
}

/**
 * The English order: the question word first. Where Chinese puts the asked-about noun after the question
 * word (多少个口袋公园, 哪些产业) that noun phrase follows it, as in English, up to the first verb; the rest of
 * the question comes after, behind "in" so that the noun phrase reads as the thing asked about. With no noun
 * after it the noun came before ("项目有几个" "how many projects", "X是什么" "what is X").
 */
function arrange(parts: Part[]): { query: string; counts?: string[]; asksWhen?: boolean } {
  const isQuestion = (p: Part) => p.kind === "question";
  const strong = parts.findIndex((p) => p.kind === "question" && !p.form.weak);
  const q = strong >= 0 ? strong : parts.findIndex(isQuestion);
  const words = (list: Part[]) => list.flatMap((p) => (p.kind === "word" ? [p.text] : []));
  let ordered: string[];
  let counts: string[] | undefined;
  if (q < 0) ordered = words(parts);
  else {
    const form = (parts[q] as Extract<Part, { kind: "question" }>).form;
    const before = parts.slice(0, q);
    // A preposition right after the question word opens the noun phrase (多少件为民办的实事), it does not end it.
    let start = q + 1;
    while (parts[start]?.kind === "boundary") start++;
    const after = parts.slice(start);
    const verb = after.findIndex(
      (p) => (p.kind !== "word" && p.kind !== "modifier") || (p.kind === "word" && p.verb),
    );
    let noun = verb < 0 ? after : after.slice(0, verb);
    if (noun.every((p) => p.kind !== "word" || p.generic)) noun = [];
    // "how many years" is the whole counted phrase: what follows is not counted ("in" ends it).
    const counted = form.english.startsWith("how many") ? ["in"] : [];
    if (form.english.startsWith("how many") || form.english === "how much money") counts = [];
    if (form.noun === "none") {
      ordered = [form.english, ...counted, ...words(before), ...words(after)];
      if (form.english.startsWith("how many ")) counts = [form.english.slice("how many ".length)];
    } else if (noun.length) {
      const rest = [...words(after.slice(noun.length)), ...words(before)];
      const phrase = words(nounPhrase(form, noun));
      ordered = [form.english, ...phrase, ...(rest.length ? ["in", ...rest] : [])];
      // What is counted: the phrase's head, before its modifiers' "of".
      if (counts) counts = phrase.slice(0, Math.max(0, phrase.indexOf("of")) || undefined);
    } else if (form.english === "how many") {
      const head = before.findLastIndex((p) => p.kind === "word" && !p.verb);
      const rest = [...words(before.filter((_, k) => k !== head)), ...words(after)];
      ordered = head < 0 ? [form.english, ...rest] : [form.english, ...words([before[head]!]), "in", ...rest];
      counts = head < 0 ? [] : words([before[head]!]);
    } else {
      const is = form.english === "what" || form.english === "which" ? ["is"] : [];
      ordered = [form.english, ...is, ...words(before), ...words(after)];
    }
  }
  const query = ordered.filter((w, k) => w !== ordered[k - 1]).join(" ");
  const asksWhen = q >= 0 && (parts[q] as Extract<Part, { kind: "question" }>).form.english === "when";
  return { query, ...(counts ? { counts } : {}), ...(asksWhen ? { asksWhen } : {}) };
}
