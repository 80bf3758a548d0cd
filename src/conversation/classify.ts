/**
 * What is this message? The one rule every front end asks before a message reaches the answerer: a
 * greeting, thanks, a request for help, a follow-up to the previous answer, a message in another language,
 * one with nothing to look up, or a question. Pure; reads only the general English phrases of phrases.ts.
 */
import { PHRASES } from "./phrases.js";

export type FollowUp =
  /** The text after the previous answer's quote ("tell me more"). */
  | { type: "more" }
  /** The other passages found for the previous question ("what else?"). */
  | { type: "others" }
  /** An item of the previous answer by its place: 1-based, -1 for the last ("the second one"). */
  | { type: "item"; n: number }
  /** The previous question asked again of another topic ("and the budget?"), the topic as typed. */
  | { type: "topic"; topic: string };

export type MessageKind =
  | { kind: "greeting" }
  | { kind: "thanks" }
  | { kind: "help" }
  /** Help asked for in Chinese: the Chinese help text answers it. */
  | { kind: "help-zh" }
  | { kind: "follow-up"; follow: FollowUp }
  /** Mostly written in a script other than Latin; `language` names it for the reply. */
  | { kind: "other-language"; language: string }
  /** No word to look up: "Why?", "the", "?". */
  | { kind: "content-free" }
  /** A request to make text rather than find it ("write me a business plan", "translate the report"). */
  | { kind: "task" }
  /** A request for a summary of the whole text ("summarize the report", "what are the main points?"). */
  | { kind: "overview" }
  /** A question for the answerer: the message without a leading greeting or "please". */
  | { kind: "question"; text: string };

export interface ClassifyOptions {
  /**
   * Whether a translator takes this text (e.g. a Chinese question): such a message is then a question, not
   * one in another language. Absent: no translator, every non-Latin message gets the "English for now" reply.
   */
  translates?: ((text: string) => boolean) | undefined;
}

/** Longest topic (in words) a topic shift may carry; longer, the message is a question of its own. */
const MAX_TOPIC_WORDS = 8;

/** Scripts by the language or script named in the reply; Japanese kana before Han, which Japanese also uses. */
const SCRIPTS: readonly [RegExp, string][] = [
  [/[\p{Script=Hiragana}\p{Script=Katakana}]/gu, "Japanese"],
  [/\p{Script=Hangul}/gu, "Korean"],
  [/\p{Script=Han}/gu, "Chinese"],
  [/\p{Script=Cyrillic}/gu, "a Cyrillic script"],
  [/\p{Script=Arabic}/gu, "Arabic"],
  [/\p{Script=Hebrew}/gu, "Hebrew"],
  [/\p{Script=Greek}/gu, "Greek"],
  [/\p{Script=Thai}/gu, "Thai"],
  [/\p{Script=Devanagari}/gu, "a Devanagari script"],
];

const sets = {
  greetings: new Set<string>(PHRASES.greetings),
  thanks: new Set<string>(PHRASES.thanks),
  help: new Set<string>(PHRASES.help),
  overview: new Set<string>(PHRASES.overviewRequests),
  overviewObjects: new Set<string>(PHRASES.overviewObjects),
  more: new Set<string>(PHRASES.more),
  others: new Set<string>(PHRASES.others),
  itemNouns: new Set<string>(PHRASES.itemNouns),
  function: new Set<string>([
    ...PHRASES.functionWords,
    ...PHRASES.questionWords,
    ...PHRASES.auxiliaries,
    ...PHRASES.topicPrepositions,
  ]),
  questionStart: new Set<string>([...PHRASES.questionWords, ...PHRASES.auxiliaries]),
};
/** Words that only ask to see something ("show me the second one"). */
const REQUEST_WORDS = new Set(["show", "see", "read", "open", "give", "more", "explain", "expand", "quote"]);
const SHIFTS = [...PHRASES.topicShifts].sort((a, b) => b.length - a.length);

interface Words {
  /** Lower case, for matching. */
  lower: string[];
  /** As typed, for topics carried into a new question. */
  typed: string[];
}

/** Words of a message: letters, digits and inner apostrophes; other punctuation is dropped. */
export function wordsOf(text: string): Words {
  const typed = text.replace(/[’‘]/g, "'").match(/[\p{L}\p{N}]+(?:['.-][\p{L}\p{N}]+)*/gu) ?? [];
  return { typed, lower: typed.map((w) => w.toLowerCase()) };
}

const phrase = (words: readonly string[]) => words.join(" ");
const CHINESE_HELP = new Set<string>(PHRASES.chineseHelp);

export function classifyMessage(text: string, options: ClassifyOptions = {}): MessageKind {
  if (CHINESE_HELP.has(text.replace(/[\s\p{P}]/gu, ""))) return { kind: "help-zh" };
  const language = otherLanguage(text);
  if (language) return options.translates?.(text) ? { kind: "question", text: text.trim() } : language;
  const stripped = withoutCourtesy(text);
  const words = wordsOf(stripped);
  if (words.lower.length === 0) return courtesiesOnly(text) ?? { kind: "content-free" };
  if (asksForHelp(stripped)) return { kind: "help" };
  const followUp = followUpOf(words);
  if (followUp) return { kind: "follow-up", follow: followUp };
  if (words.lower.every((w) => sets.function.has(w))) return { kind: "content-free" };
  if (asksForOverview(words.lower)) return { kind: "overview" };
  if (asksToMake(words.lower)) return { kind: "task" };
  return { kind: "question", text: stripped };
}

const MAKING_OPENINGS = [...PHRASES.requestOpenings, ...PHRASES.makingOpenings].map((o) => o.split(" "));
const MAKING = new Set<string>(PHRASES.makingVerbs);
const REPRODUCING = new Set<string>(PHRASES.reproducingParticles);
const WORDING = new Set<string>(PHRASES.wordingNouns);
/** How far after a making verb a wording noun still makes it ask for written words ("write me exact words"). */
const WORDING_REACH = 4;

/**
 * Whether the whole message, after any polite openings ("can you please"), asks for a summary of the text
 * itself: an overview request alone, or followed by the text it means ("summary of the report").
 */
function asksForOverview(lower: readonly string[]): boolean {
  const rest = afterOpenings(lower);
  for (let end = rest.length; end > 0; end--) {
    if (!sets.overview.has(phrase(rest.slice(0, end)))) continue;
    const said = rest.slice(end);
    const tail = said.at(-2) === "for" && ["me", "us"].includes(said.at(-1) ?? "") ? said.slice(0, -2) : said;
    const object = tail[0] === "of" ? tail.slice(1) : tail;
    if (tail.length === 0 || sets.overviewObjects.has(phrase(object))) return true;
  }
  return false;
}

/** The message after its polite openings ("could you please", "i want you to"). */
function afterOpenings(lower: readonly string[]): readonly string[] {
  let rest = lower;
  let opening: string[] | undefined;
  while ((opening = MAKING_OPENINGS.find((o) => o.every((w, i) => rest[i] === w))))
    rest = rest.slice(opening.length);
  return rest;
}

/**
 * Whether the message's first word, after any polite openings ("could you please"), asks to make text; not
 * when a particle or a noun for wording makes it ask for words already written ("write out the principle the
 * mayor quotes", "write me the exact words of the slogan").
 */
function asksToMake(lower: readonly string[]): boolean {
  const [verb, ...rest] = afterOpenings(lower);
  if (!MAKING.has(verb ?? "") || REPRODUCING.has(rest[0] ?? "")) return false;
  // "Translate the sentence" or "rewrite the line" still asks for new words; "write the sentence" does not.
  return verb !== "write" || !rest.slice(0, WORDING_REACH).some((w) => WORDING.has(w));
}

function otherLanguage(text: string): MessageKind | undefined {
  const latin = (text.match(/\p{Script=Latin}/gu) ?? []).length;
  let best: { count: number; name: string } | undefined;
  let other = 0;
  for (const [pattern, name] of SCRIPTS) {
    const count = (text.match(pattern) ?? []).length;
    other += count;
    if (count > (best?.count ?? 0)) best = { count, name };
  }
  // A foreign name inside an English question ("What is 东方明珠?") stays a question.
  return best && other >= latin ? { kind: "other-language", language: best.name } : undefined;
}

/** Greeting, thanks or neither, for a message made only of them (plus addressees such as "there"). */
function courtesyKind(text: string): MessageKind | undefined {
  const words = wordsOf(text).lower;
  for (let end = words.length; end > 0; end--) {
    const rest = words.slice(end);
    if (rest.length > 0 && !PHRASES.addressees.includes(phrase(rest) as never)) continue;
    const head = phrase(words.slice(0, end));
    if (sets.greetings.has(head)) return { kind: "greeting" };
    if (sets.thanks.has(head)) return { kind: "thanks" };
  }
  return undefined;
}

/**
 * Whether each sentence of the message asks for help or about the bot ("Are you a robot? Who made you?"),
 * an "are you A or B?" when each of "are you A" and "are you B" does.
 */
function asksForHelp(text: string): boolean {
  const clauses = text
    .split(/[?!.]+/)
    .map((c) => wordsOf(c).lower)
    .filter((c) => c.length > 0);
  return clauses.length > 0 && clauses.every(helpClause);
}

function helpClause(lower: readonly string[]): boolean {
  if (sets.help.has(phrase(lower))) return true;
  const or = lower.indexOf("or");
  if (or < 3) return false;
  const [first, second] = [lower.slice(0, or), [...lower.slice(0, 2), ...lower.slice(or + 1)]];
  return sets.help.has(phrase(first)) && sets.help.has(phrase(second));
}

/**
 * The kind of a message made only of courtesies, one after another ("Hello, thank you in advance for your
 * help.", "ok thanks, that's all"): the last one's, which the reply answers.
 */
function courtesiesOnly(text: string): MessageKind | undefined {
  let rest = text.trim();
  for (;;) {
    const kind = courtesyKind(rest);
    if (kind) return kind;
    const cut = courtesyPrefix(rest);
    if (cut === 0) return undefined;
    rest = rest.slice(cut);
  }
}

/**
 * The message without leading greetings or thanks ("Hi, …", "Thanks! And …") and a "please" at either
 * end; a message made only of courtesies comes back empty. A greeting is taken off only when punctuation
 * ends it or it is a plain "hi"/"hello"/"hey", so "Morning markets…" stays whole.
 */
function withoutCourtesy(text: string): string {
  let rest = text.trim();
  if (courtesiesOnly(rest)) return "";
  for (let cut = courtesyPrefix(rest); cut > 0; cut = courtesyPrefix(rest)) rest = rest.slice(cut);
  return rest
    .replace(/^please[,\s]+/i, "")
    .replace(/[,\s]+please(?=[?.!]*$)/i, "")
    .trim();
}

/** Length of a leading greeting or thanks and its separator ("Good morning, "), 0 when there is none. */
function courtesyPrefix(text: string): number {
  const pieces = [...text.matchAll(/([\p{L}']+)([,!.:;]+\s*|\s+|$)/gu)].slice(0, 5);
  for (let k = pieces.length; k > 0; k--) {
    const last = pieces[k - 1] as RegExpMatchArray;
    const end = (last.index ?? 0) + last[0].length;
    const head = text.slice(0, (last.index ?? 0) + (last[1] ?? "").length);
    // Words must follow one another: "hi" then a space, not "hi" then digits.
    if (pieces.slice(0, k).some((p, i) => i > 0 && p.index !== endOf(pieces[i - 1]))) continue;
    const punctuated = /[,!.:;]/.test(last[2] ?? "");
    const plain = k === 1 && /^(hi|hello|hey)$/i.test(head);
    if (end < text.length && courtesyKind(head) && (punctuated || plain)) return end;
  }
  return 0;
}

const endOf = (m: RegExpMatchArray | undefined) => (m ? (m.index ?? 0) + m[0].length : -1);

/** A polite request around a follow-up: "can you tell me more?" asks what "tell me more" does. */
const REQUEST_OPENINGS = [...PHRASES.requestOpenings, ...PHRASES.followUpOpenings];

function withoutRequestOpening(lower: readonly string[]): string {
  const whole = phrase(lower);
  for (const opening of REQUEST_OPENINGS) {
    if (whole.startsWith(`${opening} `)) return whole.slice(opening.length + 1);
  }
  return whole;
}

function followUpOf(words: Words): FollowUp | undefined {
  const whole = withoutRequestOpening(words.lower);
  if (sets.more.has(whole)) return { type: "more" };
  if (sets.others.has(whole)) return { type: "others" };
  const item = itemOf(words.lower);
  if (item) return item;
  for (const shift of SHIFTS) {
    const n = shift.split(" ").length;
    if (phrase(words.lower.slice(0, n)) !== shift || words.lower.length === n) continue;
    const topic = { lower: words.lower.slice(n), typed: words.typed.slice(n) };
    // "And what is planned for housing?" is a question of its own, not a topic.
    if (sets.questionStart.has(topic.lower[0] as string) || topic.lower.length > MAX_TOPIC_WORDS) return;
    if (topic.lower.every((w) => sets.function.has(w))) return { type: "more" };
    return { type: "topic", topic: phrase(topic.typed) };
  }
  return undefined;
}

/** "the second one", "what about the third quote?", "show me the last one", "2nd". */
function itemOf(lower: readonly string[]): FollowUp | undefined {
  let end = lower.length;
  if (sets.itemNouns.has(lower[end - 1] as string)) end--;
  const n = PHRASES.ordinals[lower[end - 1] as string];
  if (n === undefined || end - 1 < 0) return undefined;
  const before = lower.slice(0, end - 1);
  // Only asking words before it: "What is the second priority?" names a thing, not an item.
  const asking = before.every((w) => sets.function.has(w) || REQUEST_WORDS.has(w));
  const bare = end === lower.length;
  // A bare ordinal needs "the" or nothing before it: "the second", "second", not "a first".
  if (!asking || (bare && before.length > 0 && before[before.length - 1] !== "the")) return undefined;
  return { type: "item", n };
}
