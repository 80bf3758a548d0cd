import type { SentenceUnit } from "../chunking/units.js";
import type { Embedder } from "../embedding/embedder.js";
import { AppError } from "../errors.js";
import { dot } from "../retrieval/dense.js";
import type { FusedPassage } from "../retrieval/fusion.js";
import { sentencesOf, type Retriever } from "../retrieval/retriever.js";
import { queryTermGroups } from "../retrieval/thesaurus.js";
import type { Store } from "../store/store.js";
import {
  confidenceOf,
  DEFAULT_CONFIDENCE,
  expectedAnswerType,
  matchesAnswerType,
  type AnswerSignals,
  type ConfidenceModel,
} from "./confidence.js";
import { focusCoverage, focusTerms, idf, termCoverage, type TermGroup } from "./coverage.js";
import { indexTerms } from "../retrieval/text-normalise.js";
import type { Answer, PassageOut, Quote, StageTimings } from "./types.js";

export interface AnswererOptions {
  /** Passages listed in every answer. */
  passages: number;
  /** Top passages whose sentences may be quoted. */
  quotePassages: number;
  maxQuotes: number;
  /** A further sentence is quoted only if it scores at least this share of the best one. */
  secondQuoteRatio: number;
  /** A paragraph's first sentence this short is a topic line, quoted together with the next sentence. */
  topicSentenceWords: number;
  sentenceWeights: { cos: number; coverage: number; passage: number };
  confidence: ConfidenceModel;
  maxQuestionChars: number;
}

export const DEFAULT_ANSWERER: AnswererOptions = {
  passages: 10,
  quotePassages: 3,
  maxQuotes: 3,
  secondQuoteRatio: 0.85,
  topicSentenceWords: 10,
  sentenceWeights: { cos: 0.5, coverage: 0.3, passage: 0.2 },
  confidence: DEFAULT_CONFIDENCE,
  maxQuestionChars: 500,
};

export interface AskOptions {
  doc?: string | undefined;
}

export interface AnswerResult {
  answer: Answer;
  signals: AnswerSignals;
  timings: StageTimings;
}

export interface Answerer {
  ask(question: string, options?: AskOptions): Promise<AnswerResult>;
  readonly store: Store;
}

interface ScoredSentence {
  index: number;
  score: number;
  cos: number;
}

const round = (x: number) => Math.round(x * 10000) / 10000;

export function createAnswerer(
  store: Store,
  embedder: Embedder,
  retriever: Retriever,
  options: AnswererOptions = DEFAULT_ANSWERER,
): Answerer {
  const weight = (t: string) => idf(t, store.sentenceDf, store.sentences.length);
  // A sentence stands under its heading: "the principle at the start of the high-quality development part"
  // is answered by a sentence of that section that says "principle", not by one elsewhere that repeats
  // "high-quality development".
  const termCache = new Map<number, Set<string>>();
  const headedTerms = (i: number) => {
    let terms = termCache.get(i);
    if (!terms) {
      const s = store.sentences[i];
      const heading = s && s.sectionIndex > 0 ? s.section : "";
      termCache.set(i, (terms = indexTerms(`${heading} ${s?.text ?? ""}`)));
    }
    return terms;
  };

  return {
    store,
    async ask(rawQuestion, askOptions = {}) {
      const question = validateQuestion(rawQuestion, options.maxQuestionChars);
      checkDoc(store, askOptions.doc);
      const t0 = performance.now();
      const [vector] = await embedder.embed([question]);
      const t1 = performance.now();
      const ranked = retriever.retrieve({ question, vector: vector as Float32Array, doc: askOptions.doc });
      const t2 = performance.now();
      const terms = queryTermGroups(question);
      const chosen = chooseSentences(ranked, vector as Float32Array, terms);
      const signals = signalsOf(question, ranked, chosen, terms);
      const confidence = round(confidenceOf(signals, options.confidence));
      const answered = confidence >= options.confidence.threshold && chosen.length > 0;
      const answer: Answer = {
        question,
        answered,
        confidence,
        quotes: answered ? toQuotes(chosen) : [],
        passages: ranked.slice(0, options.passages).map(toPassage),
        index: { version: store.manifest.indexVersion },
      };
      const t3 = performance.now();
      return { answer, signals, timings: { embedMs: t1 - t0, retrieveMs: t2 - t1, answerMs: t3 - t2 } };
    },
  };

  function chooseSentences(
    ranked: FusedPassage[],
    vector: Float32Array,
    terms: TermGroup[],
  ): ScoredSentence[] {
    const top = ranked.slice(0, options.quotePassages);
    const best = top[0]?.score ?? 0;
    const passageWeight = new Map<number, number>();
    for (const p of top) {
      for (const s of sentencesOf(store, store.units[p.unit]!)) {
        passageWeight.set(s, Math.max(passageWeight.get(s) ?? 0, best > 0 ? p.score / best : 0));
      }
    }
    const w = options.sentenceWeights;
    const scored = [...passageWeight.entries()]
      .map(([index, pw]) => {
        const cos = dot(store.sentenceVectors, index, vector);
        const coverage = termCoverage(terms, headedTerms(index), weight);
        return { index, cos, score: w.cos * cos + w.coverage * coverage + w.passage * pw };
      })
      .sort((a, b) => b.score - a.score || a.index - b.index);
    const first = scored[0];
    if (!first) return [];
    const picked = scored
      .filter((s) => s.score >= first.score * options.secondQuoteRatio)
      .slice(0, options.maxQuotes);
    return picked.flatMap((s) => [s, ...continuation(s)]);
  }

  /**
   * A short sentence that opens its paragraph ("The third is rural revitalization.") names a topic but says
   * nothing of it: the sentence after it is quoted with it.
   */
  function continuation(s: ScoredSentence): ScoredSentence[] {
    const sentence = store.sentences[s.index];
    const next = store.sentences[s.index + 1];
    if (!sentence || !next || next.paragraph !== sentence.paragraph || next.doc !== sentence.doc) return [];
    const short = sentence.index === 1 && sentence.text.split(/\s+/).length <= options.topicSentenceWords;
    return short ? [{ ...s, index: s.index + 1 }] : [];
  }

  function signalsOf(
    question: string,
    ranked: FusedPassage[],
    chosen: ScoredSentence[],
    terms: TermGroup[],
  ): AnswerSignals {
    const top = ranked[0];
    const lexicalBest = ranked.reduce((b, p) => (p.lexical > (b?.lexical ?? -1) ? p : b), ranked[0]);
    const denseBest = ranked.reduce((b, p) => (p.dense > (b?.dense ?? -1) ? p : b), ranked[0]);
    const topTerms = new Set<string>();
    // The best passage and the quote itself, not every passage listed: a question whose words are only
    // scattered across several passages is not answered by any of them.
    const near = [...(top ? sentencesOf(store, store.units[top.unit]!) : []), ...chosen.map((c) => c.index)];
    for (const s of near) for (const t of headedTerms(s)) topTerms.add(t);
    const known = new Set(terms.flatMap((g) => g.alternatives).filter((t) => (store.sentenceDf[t] ?? 0) > 0));
    const quoteTerms = new Set(chosen.flatMap((c) => [...headedTerms(c.index)]));
    const quoteText = chosen.map((c) => store.sentences[c.index]?.text ?? "").join(" ");
    return {
      sentenceCos: chosen[0]?.cos ?? 0,
      passageCos: top?.dense ?? 0,
      coverage: termCoverage(terms, topTerms, weight),
      corpusCoverage: termCoverage(terms, known, weight),
      agreement: top && lexicalBest && denseBest && lexicalBest.unit === denseBest.unit ? 1 : 0,
      quoteCoverage: termCoverage(terms, quoteTerms, weight),
      answerType: matchesAnswerType(expectedAnswerType(question), quoteText, question) ? 1 : 0,
      focusCoverage: focusCoverage(focusTerms(question), terms, quoteTerms),
    };
  }

  /** Best first; sentences that touch in the text become one quote, so a run reads as it stands. */
  function toQuotes(chosen: ScoredSentence[]): Quote[] {
    const sentences = chosen.map((c) => store.sentences[c.index] as SentenceUnit);
    const runs: SentenceUnit[][] = [];
    for (const s of sentences) {
      const run = runs.find((r) =>
        r.some((x) => x.doc === s.doc && x.paragraph === s.paragraph && Math.abs(x.index - s.index) === 1),
      );
      if (run) run.push(s);
      else runs.push([s]);
    }
    return runs.map((run) => {
      const sorted = [...run].sort((a, b) => a.start - b.start);
      const a = sorted[0] as SentenceUnit;
      const b = sorted[sorted.length - 1] as SentenceUnit;
      const text = store.texts[a.doc]?.slice(a.start, b.end) ?? a.text;
      const page = a.page ? { page: a.page } : {};
      return {
        text,
        doc: a.doc,
        section: a.section,
        paragraph: a.paragraph,
        start: a.start,
        end: b.end,
        ...page,
      };
    });
  }

  function toPassage(p: FusedPassage): PassageOut {
    const u = store.units[p.unit]!;
    return {
      id: u.id,
      doc: u.doc,
      section: u.section,
      paragraph: u.paragraph,
      start: u.start,
      end: u.end,
      text: u.text,
      ...(u.page ? { page: u.page } : {}),
      score: round(p.score),
    };
  }
}

function checkDoc(store: Store, doc: string | undefined): void {
  if (doc === undefined || store.manifest.documents.some((d) => d.path === doc)) return;
  const known = store.manifest.documents.map((d) => d.path).join(", ");
  throw new AppError("DOC_UNKNOWN", `Expected one of the indexed documents (${known}); got "${doc}".`);
}

export function validateQuestion(raw: string, maxChars: number): string {
  const question = raw.replace(/\s+/g, " ").trim();
  if (!/[\p{L}\p{N}]/u.test(question)) {
    throw new AppError("QUESTION_INVALID", "Expected a question with at least one word; got an empty one.");
  }
  if (question.length > maxChars) {
    throw new AppError(
      "QUESTION_INVALID",
      `Expected at most ${maxChars} characters; got ${question.length}.`,
    );
  }
  return question;
}
