import { paragraphNeighbours, type Store } from "../store/store.js";
import { indexTerms, queryTerms, tokenize } from "../retrieval/text-normalise.js";
import type { FusedPassage } from "../retrieval/fusion.js";
import type { Candidate } from "./candidates.js";
import { coverageIn, idf, termCoverage, vocabularyOf, type TermGroup, type Vocabulary } from "./coverage.js";
import { REASON_CUES, listsItems, questionForm, type QuestionForm } from "./question-form.js";
import type { TextAnalyser, TextFacts } from "./text-analyser.js";
import type { TokenMatch } from "./token-match.js";

/**
 * The inputs of the learned answer stage. Every one is general (similarities, word statistics, what kind of
 * thing is asked and stated); none names a word of any report. The fitted model (answer-model.json) keys its
 * weights by these names, so adding one is safe and removing one is a refit.
 */
export const SENTENCE_FEATURES = [
  "cos",
  "cosGap",
  "cosRank",
  "passageScore",
  "passageRank",
  "passageDense",
  "passageLexical",
  "coverage",
  "coverageGap",
  "headedCoverage",
  "contextCoverage",
  "bigrams",
  "novelty",
  "length",
  "first",
  "inTopDoc",
  "typeMatch",
  "typeMiss",
  "missingIdf",
  "head",
  "tokenRecall",
  "tokenRecallGap",
  "tokenSoft",
  "tokenSoftGap",
  "tokenContext",
  "tokenContextGap",
  "tokenPrecision",
  "tokenPrecisionGap",
] as const;
export type SentenceFeature = (typeof SENTENCE_FEATURES)[number];

export const QUESTION_FEATURES = [
  "top",
  "gap",
  "share",
  "topCos",
  "topPassageDense",
  "corpusCoverage",
  "topCoverage",
  "topContextCoverage",
  "topTypeMiss",
  "expects",
  "agreement",
  "termCount",
  "topMissingIdf",
  "meanCos",
  "minCos",
  "unknownName",
  "specificity",
  "pronouns",
  "topTokenRecall",
  "topTokenSoft",
] as const;
export type QuestionFeature = (typeof QUESTION_FEATURES)[number];

export type FeatureRow<K extends string> = Record<K, number>;

/** What is computed once per question and shared by every candidate. */
export interface QuestionView {
  groups: TermGroup[];
  bigrams: string[];
  form: QuestionForm;
  /** The question's own words, lower case, so a name or number it already uses is not taken as an answer. */
  words: Set<string>;
  /** The question's proper nouns as the language tool tags them, lower case. */
  names: string[];
  weight: (term: string) => number;
}

/** Per-store caches of sentence terms: the same sentences are candidates question after question. */
export interface SentenceTerms {
  own(i: number): Set<string>;
  headed(i: number): Set<string>;
  context(i: number): Set<string>;
  ordered(i: number): string[];
  pairs(i: number): Set<string>;
  /** Every word any of these sets may hold: the sentences' and their section titles'. */
  vocabulary(): Vocabulary;
}

export function sentenceTerms(store: Store): SentenceTerms {
  const own = new Map<number, Set<string>>();
  const headed = new Map<number, Set<string>>();
  const ordered = new Map<number, string[]>();
  const context = new Map<number, Set<string>>();
  const pairSets = new Map<number, Set<string>>();
  let vocabulary: Vocabulary | undefined;
  const text = (i: number) => store.sentences[i]?.text ?? "";
  const api: SentenceTerms = {
    own: (i) => memo(own, i, () => indexTerms(text(i))),
    // A sentence stands under its heading: the section title says what a terse sentence is about.
    headed: (i) =>
      memo(headed, i, () => {
        const s = store.sentences[i];
        return new Set([...api.own(i), ...indexTerms(s && s.sectionIndex > 0 ? s.section : "")]);
      }),
    context: (i) =>
      memo(context, i, () => {
        const out = new Set(api.headed(i));
        for (const j of paragraphNeighbours(store, i)) for (const t of api.own(j)) out.add(t);
        return out;
      }),
    ordered: (i) => memo(ordered, i, () => queryTerms(text(i))),
    pairs: (i) => memo(pairSets, i, () => new Set(pairs(api.ordered(i)))),
    // The store's word counts are of its sentences' index terms; headings add their own.
    vocabulary: () =>
      (vocabulary ??= vocabularyOf([
        ...Object.keys(store.sentenceDf),
        ...[...new Set(store.sentences.map((s) => s.section))].flatMap((title) => [...indexTerms(title)]),
      ])),
  };
  return api;
}

function memo<T>(cache: Map<number, T>, key: number, make: () => T): T {
  let value = cache.get(key);
  if (value === undefined) cache.set(key, (value = make()));
  return value;
}

export function viewQuestion(question: string, store: Store, analyser: TextAnalyser): QuestionView {
  const terms = queryTerms(question);
  const words = new Set(
    question
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
  return {
    groups: terms.map((term) => ({ term, alternatives: [term] })),
    bigrams: pairs(terms),
    form: questionForm(question),
    words,
    // A name is made of the question's own words: when the shelf uses every one of them, no name can be
    // unknown, and the tagger (about 0.17 ms a question) is not run.
    names: terms.some((t) => !(store.sentenceDf[t] ?? 0)) ? analyser.facts(question).names : [],
    weight: (t) => idf(t, store.sentenceDf, store.sentences.length),
  };
}

const hasYear = (value: string) => /\b(1[0-9]|20)\d\d\b/.test(value);

const pairs = (terms: readonly string[]) => terms.slice(1).map((t, i) => `${terms[i]} ${t}`);

/** Whether the sentence states something new of the kind asked for (a date for "when", a name for "who"). */
function statesAsked(q: QuestionView, facts: TextFacts, text: string): boolean {
  if (q.form.expects === "reason") return tokenize(text).some((t) => REASON_CUES.has(t));
  if (q.form.expects === "list") return listsItems(text, q.form.count ?? 2, q.form.counted);
  const fresh = (values: string[]) => values.some((v) => v.split(/\s+/).some((w) => !q.words.has(w)));
  if (q.form.expects === "date") return fresh(facts.dates);
  // "What year…?" wants a year: "held on August 22" is a date but does not say which year.
  if (q.form.expects === "year") return fresh([...facts.dates, ...facts.numbers].filter(hasYear));
  if (q.form.expects === "number") return fresh(facts.numbers);
  if (q.form.expects === "money") return fresh(facts.money);
  if (q.form.expects === "name") return fresh(facts.names) && !namesOtherRank(q, text);
  return false;
}

/** Words that make a title another rank: a "deputy secretary" is not the secretary. General English. */
const RANK_WORDS: ReadonlySet<string> = new Set([
  "deputy",
  "vice",
  "assistant",
  "acting",
  "former",
  "associate",
]);

/**
 * Whether the sentence uses a word of the question only right after a rank word the question does not use
 * ("Who is the party secretary?" against "…, deputy secretary of the district party committee, …"): the
 * name it gives holds another title than the one asked about.
 */
function namesOtherRank(q: QuestionView, text: string): boolean {
  const words = tokenize(text);
  const outranked = (word: string) => {
    let seen = false;
    for (let i = 0; i < words.length; i++) {
      if (words[i] !== word) continue;
      const before = words[i - 1] ?? "";
      if (!RANK_WORDS.has(before) || q.words.has(before)) return false;
      seen = true;
    }
    return seen;
  };
  for (const word of q.words) if (word.length > 3 && !RANK_WORDS.has(word) && outranked(word)) return true;
  return false;
}

/**
 * The weight of the most specific question word that neither the sentence, its heading nor its neighbours
 * use, over the heaviest possible: a quote that leaves out the one rare word of the question seldom answers it.
 */
function missingIdf(q: QuestionView, context: Set<string>): number {
  let missing = 0;
  let heaviest = 0;
  for (const g of q.groups) {
    const w = q.weight(g.term);
    heaviest = Math.max(heaviest, w);
    if (!context.has(g.term)) missing = Math.max(missing, w);
  }
  return heaviest > 0 ? missing / heaviest : 0;
}

/** A sentence's inputs that depend on the question's words alone, not on its vector or the other candidates. */
export type LexicalFeature =
  | "coverage"
  | "headedCoverage"
  | "contextCoverage"
  | "bigrams"
  | "novelty"
  | "length"
  | "first"
  | "typeMatch"
  | "typeMiss"
  | "missingIdf";

/**
 * The lexical inputs of any sentence for one question, each sentence's worked out once. They need only the
 * question's words, so the answerer works out the likely candidates' while the model is still embedding it.
 */
export function lexicalFeatures(
  store: Store,
  q: QuestionView,
  terms: SentenceTerms,
  analyser: TextAnalyser,
): (sentence: number) => FeatureRow<LexicalFeature> {
  const asked = new Set(q.groups.map((g) => g.term));
  const expects = q.form.expects !== null;
  const rows = new Map<number, FeatureRow<LexicalFeature>>();
  const coverage = coverageIn(q.groups, q.weight, terms.vocabulary());
  return (sentence) =>
    memo(rows, sentence, () => {
      const s = store.sentences[sentence];
      const own = terms.ordered(sentence);
      const ownPairs = terms.pairs(sentence);
      const novel = own.filter((t) => !asked.has(t)).length;
      const states = expects && statesAsked(q, analyser.facts(s?.text ?? ""), s?.text ?? "");
      return {
        coverage: coverage(terms.own(sentence)),
        headedCoverage: coverage(terms.headed(sentence)),
        contextCoverage: coverage(terms.context(sentence)),
        bigrams: q.bigrams.length ? q.bigrams.filter((b) => ownPairs.has(b)).length / q.bigrams.length : 0,
        novelty: Math.log1p(novel),
        length: Math.log1p(own.length),
        first: s?.index === 1 ? 1 : 0,
        typeMatch: states ? 1 : 0,
        typeMiss: expects && !states ? 1 : 0,
        missingIdf: missingIdf(q, terms.context(sentence)),
      };
    });
}

export function sentenceFeatureRows(
  store: Store,
  candidates: readonly Candidate[],
  lexical: (sentence: number) => FeatureRow<LexicalFeature>,
  match: (sentence: number) => TokenMatch,
  topDoc: string | undefined,
): FeatureRow<SentenceFeature>[] {
  const maxCos = Math.max(...candidates.map((c) => c.cos));
  const cosRank = new Map(
    [...candidates].sort((a, b) => b.cos - a.cos).map((c, rank) => [c.sentence, rank] as const),
  );
  const words = candidates.map((c) => lexical(c.sentence));
  const maxCoverage = Math.max(...words.map((w) => w.coverage));
  const matches = candidates.map((c) => match(c.sentence));
  const maxRecall = Math.max(...matches.map((m) => m.recall));
  const maxSoft = Math.max(...matches.map((m) => m.soft));
  const maxContext = Math.max(...matches.map((m) => m.context));
  const maxPrecision = Math.max(...matches.map((m) => m.precision));
  return candidates.map((c, k) => {
    const w = words[k]!;
    const m = matches[k]!;
    return {
      cos: c.cos,
      cosGap: c.cos - maxCos,
      cosRank: 1 / (1 + (cosRank.get(c.sentence) ?? 0)),
      passageScore: c.passageScore,
      passageRank: 1 / (1 + c.passageRank),
      passageDense: c.passageDense,
      passageLexical: c.passageLexical,
      ...w,
      coverageGap: w.coverage - maxCoverage,
      inTopDoc: store.sentences[c.sentence]?.doc === topDoc ? 1 : 0,
      head: c.head,
      tokenRecall: m.recall,
      tokenRecallGap: m.recall - maxRecall,
      tokenSoft: m.soft,
      tokenSoftGap: m.soft - maxSoft,
      tokenContext: m.context,
      tokenContextGap: m.context - maxContext,
      tokenPrecision: m.precision,
      tokenPrecisionGap: m.precision - maxPrecision,
    };
  });
}

/** The parts of the confidence's inputs that do not depend on how candidates are scored. */
export type QuestionStatics = Pick<
  FeatureRow<QuestionFeature>,
  | "topPassageDense"
  | "corpusCoverage"
  | "expects"
  | "agreement"
  | "termCount"
  | "unknownName"
  | "specificity"
  | "pronouns"
>;

/**
 * Words that point back at something said before ("is it any good?", "what did he say about that?"): a
 * question that leans on them names little of its own. General English.
 */
const POINTING_WORDS: ReadonlySet<string> = new Set(
  "it its this that these those he him his she her they them their".split(" "),
);

export function questionStatics(
  store: Store,
  q: QuestionView,
  ranked: readonly FusedPassage[],
): QuestionStatics {
  const known = q.groups.filter((g) => (store.sentenceDf[g.term] ?? 0) > 0);
  const first = ranked[0];
  const lexicalBest = ranked.reduce((b, p) => (p.lexical > (b?.lexical ?? -1) ? p : b), first);
  const denseBest = ranked.reduce((b, p) => (p.dense > (b?.dense ?? -1) ? p : b), first);
  return {
    topPassageDense: first?.dense ?? 0,
    corpusCoverage: termCoverage(q.groups, new Set(known.map((g) => g.term)), q.weight),
    expects: q.form.expects ? 1 : 0,
    agreement: lexicalBest && denseBest && lexicalBest.unit === denseBest.unit ? 1 : 0,
    termCount: Math.log1p(q.groups.length),
    // A question that names something the shelf never mentions (another city, a person, a dish) is asking
    // about something else, however near its other words come.
    unknownName: q.names.some((name) => queryTerms(name).some((t) => !(store.sentenceDf[t] ?? 0))) ? 1 : 0,
    // How rare the question's rarest word the shelf uses is, against a word used once: "what's the plan?"
    // names nothing the shelf says in few places.
    specificity: known.length
      ? Math.max(...known.map((g) => q.weight(g.term))) / idf("", { "": 1 }, store.sentences.length)
      : 0,
    pronouns: Math.log1p([...q.words].filter((w) => POINTING_WORDS.has(w)).length),
  };
}

/** The confidence's inputs: how clearly the best candidate wins, and how well the shelf covers the question. */
export function questionFeatureRow(
  statics: QuestionStatics,
  rows: readonly FeatureRow<SentenceFeature>[],
  logits: readonly number[],
  best: number,
): FeatureRow<QuestionFeature> {
  const top = logits[best] ?? -10;
  let second = -Infinity;
  logits.forEach((l, i) => {
    if (i !== best && l > second) second = l;
  });
  if (second === -Infinity) second = top - 10;
  const denominator = logits.reduce((sum, l) => sum + Math.exp(l - top), 0);
  const row = rows[best];
  // How near the question is to everything retrieved, not only the best: a question off the shelf's topic is
  // far from all of it, one that asks for a detail the shelf lacks is near much of it.
  const cosines = rows.map((r) => r.cos);
  // Written out, not spread: a literal that opens with a spread and adds a dozen keys costs about 16 µs in
  // this V8, the rest of the answer stage's features together a few.
  return {
    topPassageDense: statics.topPassageDense,
    corpusCoverage: statics.corpusCoverage,
    expects: statics.expects,
    agreement: statics.agreement,
    termCount: statics.termCount,
    unknownName: statics.unknownName,
    specificity: statics.specificity,
    pronouns: statics.pronouns,
    meanCos: cosines.length ? cosines.reduce((a, c) => a + c, 0) / cosines.length : 0,
    minCos: cosines.length ? Math.min(...cosines) : 0,
    top,
    gap: top - second,
    share: denominator > 0 ? 1 / denominator : 0,
    topCos: row?.cos ?? 0,
    topCoverage: row?.coverage ?? 0,
    topContextCoverage: row?.contextCoverage ?? 0,
    topTypeMiss: row?.typeMiss ?? 0,
    topMissingIdf: row?.missingIdf ?? 0,
    // A look-alike question changes a word or two of what a sentence says: its tokens then match the best
    // sentence's less closely than an answerable question's do.
    topTokenRecall: row?.tokenRecall ?? 0,
    topTokenSoft: row?.tokenSoft ?? 0,
  };
}
