import { createJsVectorKernels, type VectorKernels } from "../compute/vector-kernels.js";
import { inTwoSteps, type Embedder, type TokenEmbedding } from "../embedding/embedder.js";
import { AppError } from "../errors.js";
import { knownWordsOf } from "../language/known-words.js";
import { translatedConfidence } from "../language/translation-quality.js";
import type { QueryTranslator } from "../language/translator.js";
import type { FusedPassage } from "../retrieval/fusion.js";
import { unitSentences, type Retriever } from "../retrieval/retriever.js";
import type { Store } from "../store/store.js";
import type { AnswerModel } from "./answer-model.js";
import type { Recalled, ShelfCalibration } from "./shelf-calibration.js";
import type { AnswerMemory } from "./answer-memory.js";
import { gatherCandidates, type Candidate } from "./candidates.js";
import { continuationOf, pickWithin } from "./pick.js";
import { tokenMatcher } from "./token-match.js";
import {
  lexicalFeatures,
  questionFeatureRow,
  questionStatics,
  sentenceFeatureRows,
  sentenceTerms,
  viewQuestion,
  type FeatureRow,
  type LexicalFeature,
  type QuestionFeature,
  type QuestionView,
} from "./features.js";
import { whileWaiting } from "./while-waiting.js";
import { documentFactQuotes, documentFactsAsked } from "./document-facts.js";
import type { TextAnalyser } from "./text-analyser.js";
import type { Answer, PassageOut, Quote, StageTimings } from "./types.js";
import { fusedScore, rerankPassages, roundForAnswer, toPassage, toQuotes } from "./compose.js";

/**
 * The confidence of an answer to a question about the document itself ("where was this report published?",
 * "who gave this speech?"): not fitted (the answer stage never sees such questions), set as "the report
 * says"; such a question reaches it only when it points at the document and asks nothing else, and the
 * quote is the one holding what the shelf knows of the document (see document-facts.ts).
 */
const DOCUMENT_FACT_CONFIDENCE = 0.95;

export interface AnswererOptions {
  /** Passages listed in every answer. */
  passages: number;
  /** A paragraph's first sentence this short is a topic line, quoted together with the next sentence. */
  topicSentenceWords: number;
  maxQuestionChars: number;
  /**
   * A shelf of at most this many sentences has every sentence's lexical inputs worked out while the model
   * embeds the question, not only the likely candidates'. 0 by default: the model's runtime uses every core,
   * so that work is not free time but a core taken from the model (on a 2-core machine, 0.53–0.57 ms of
   * work a question on the report, and the ask 0.3 ms slower than with the likely ones only: see
   * docs/performance.md). A machine with a core to spare may set it.
   */
  sentencesAhead: number;
}

export const DEFAULT_ANSWERER: AnswererOptions = {
  passages: 10,
  topicSentenceWords: 10,
  maxQuestionChars: 500,
  sentencesAhead: 0,
};

/** What the answerer is given; only app.ts picks the concrete parts. */
export interface AnswererParts {
  store: Store;
  embedder: Embedder;
  retriever: Retriever;
  model: AnswerModel;
  analyser: TextAnalyser;
  translator?: QueryTranslator | undefined;
  /** The shelf's own rescaling of the confidence and threshold, when it has labelled questions. */
  calibration?: ShelfCalibration | undefined;
  /** The shelf's answered questions, when it has labelled ones. */
  memory?: AnswerMemory | undefined;
  /**
   * What the token match's dot products are worked out with, on the store's token vectors; plain JavaScript
   * when unset. Matrices it holds stay held as long as it lives: one for this store alone.
   */
  kernels?: VectorKernels | undefined;
}

export interface AskOptions {
  doc?: string | undefined;
}

export interface AnswerResult {
  answer: Answer;
  /** The quotes the answer gives, or would give had it not abstained: what the confidence is about. */
  candidateQuotes: Quote[];
  /** The inputs of the confidence, for eval and fitting. */
  features: FeatureRow<QuestionFeature> | null;
  timings: StageTimings;
}

export interface Answerer {
  ask(question: string, options?: AskOptions): Promise<AnswerResult>;
  readonly store: Store;
}

interface Chosen {
  sentence: number;
  logit: number;
}

export function createAnswerer(parts: AnswererParts, options: AnswererOptions = DEFAULT_ANSWERER): Answerer {
  const { store, embedder, retriever, model, analyser, translator, calibration, memory } = parts;
  const kernels = parts.kernels ?? createJsVectorKernels();
  const threshold = calibration?.threshold ?? model.file.threshold;
  const modelVersion = [model.version, calibration?.version, memory && `m${memory.version}`]
    .filter(Boolean)
    .join("+");
  const confidenceOf = (features: FeatureRow<QuestionFeature>, recalled?: Recalled) => {
    const general = model.confidence(features);
    return calibration ? calibration.apply(general, features, recalled) : general;
  };
  if (model.head && model.head.weights.length !== store.manifest.model.dims) {
    throw new AppError(
      "ANSWER_MODEL_INVALID",
      `Expected an embedding head of ${store.manifest.model.dims} weights (the index's dimensions); got ${model.head.weights.length}.`,
    );
  }
  const terms = sentenceTerms(store);
  // The shelf's words as written (names in pinyin, unstemmed), built on the first translated question.
  let known: ((word: string) => boolean) | undefined;
  const isKnown = (word: string) => (known ??= knownWordsOf(store.texts))(word.toLowerCase());

  return {
    store,
    async ask(rawQuestion, askOptions = {}) {
      const question = validateQuestion(rawQuestion, options.maxQuestionChars);
      checkDoc(store, askOptions.doc);
      const t0 = performance.now();
      const translation = translator?.handles(question)
        ? await translator.translate(question, isKnown)
        : null;
      const query = translation?.query ?? question;
      // The model starts first: everything else on this thread is then done while it embeds. A question
      // about the document itself does not need the vector, and leaves it unused.
      const embedding = embedQuestion(query);
      // Awaited below; until then a failure must not count as unhandled if the lexical search throws first.
      embedding.vector.catch(() => undefined);
      embedding.tokens.catch(() => undefined);
      const aboutDocument = documentFactAnswer(query, askOptions.doc);
      if (aboutDocument.length) return factAnswer(question, query, aboutDocument, t0);
      const retrieval = retriever.begin({ question: query, doc: askOptions.doc });
      const q = viewQuestion(query, store, analyser);
      const lexical = lexicalFeatures(store, q, terms, analyser);
      await whileWaiting(embedding.vector, likelySentences(retrieval.lexicalUnits), lexical);
      const vector = await embedding.vector;
      const t1 = performance.now();
      const ranked = retrieval.finish(vector);
      const t2 = performance.now();
      const { chosen, features, recalled, passages } = await decide(
        q,
        lexical,
        ranked,
        vector,
        embedding.tokens,
      );
      const candidateQuotes = toQuotes(
        store,
        chosen.map((c) => c.sentence),
      );
      // A translation's likeness to answered questions is one of wording (see Recalled): left out.
      const recall = translation ? { ...recalled, answeredLikeness: undefined } : recalled;
      const fitted = features ? confidenceOf(features, recall) : 0;
      // A translated question's confidence also weighs what the translation understood (src/language).
      const quoted = () => candidateQuotes.map((q) => q.text).join(" ");
      const confidence = roundForAnswer(
        translation ? translatedConfidence(fitted, translation, quoted(), analyser) : fitted,
      );
      const answered = chosen.length > 0 && confidence >= threshold;
      const answer: Answer = {
        question,
        ...(query !== question ? { searchedFor: query } : {}),
        answered,
        confidence,
        quotes: answered ? candidateQuotes : [],
        passages: passages.slice(0, options.passages).map((p) => toPassage(store, p)),
        index: { version: store.manifest.indexVersion, answerModel: modelVersion },
      };
      const t3 = performance.now();
      return {
        answer,
        candidateQuotes,
        features,
        timings: { embedMs: t1 - t0, retrieveMs: t2 - t1, answerMs: t3 - t2 },
      };
    },
  };

  /** The quotes that answer a question about the document itself, when it is one and they are known. */
  function documentFactAnswer(query: string, doc: string | undefined): Quote[] {
    // On a shelf of several documents "this report" is only known when the question is narrowed to one.
    const only = store.manifest.documents.length === 1 ? store.manifest.documents[0]?.path : undefined;
    const asked = doc ?? only;
    const facts = asked === undefined ? [] : documentFactsAsked(query);
    return facts.length ? documentFactQuotes(store, asked!, facts, analyser) : [];
  }

  function factAnswer(question: string, query: string, quotes: Quote[], t0: number): AnswerResult {
    const answer: Answer = {
      question,
      ...(query !== question ? { searchedFor: query } : {}),
      answered: true,
      confidence: DOCUMENT_FACT_CONFIDENCE,
      quotes,
      passages: passagesHolding(store, quotes),
      index: { version: store.manifest.indexVersion, answerModel: modelVersion },
    };
    const answerMs = performance.now() - t0;
    return {
      answer,
      candidateQuotes: quotes,
      features: null,
      timings: { embedMs: 0, retrieveMs: 0, answerMs },
    };
  }

  /**
   * The sentences of the passages the words found, best first, as many as may be candidates; then, on a
   * small shelf, every other sentence.
   */
  function likelySentences(units: readonly number[]): number[] {
    const likely = units
      .slice(0, 2 * model.file.candidatePassages)
      .flatMap((unit) => unitSentences(store, unit));
    if (store.sentences.length > options.sentencesAhead) return likely;
    return [...likely, ...store.sentences.keys()];
  }

  /**
   * The question's vector, and its token vectors from the same inference when the embedder gives them; in
   * two steps where it can, so retrieval starts while the token vectors are still being projected.
   */
  function embedQuestion(query: string): {
    vector: Promise<Float32Array>;
    tokens: Promise<TokenEmbedding | undefined>;
  } {
    if (embedder.embedQuestion) return embedder.embedQuestion(query);
    const embedTokens = embedder.embedTokens?.bind(embedder);
    if (embedTokens) return inTwoSteps(() => embedTokens([query]).then(([e]) => e!));
    const vector = embedder.embed([query]).then(([v]) => v!);
    return { vector, tokens: vector.then(() => undefined) };
  }

  async function decide(
    q: QuestionView,
    lexical: (sentence: number) => FeatureRow<LexicalFeature>,
    ranked: FusedPassage[],
    vector: Float32Array,
    tokens: Promise<TokenEmbedding | undefined>,
  ) {
    const candidates = gatherCandidates(
      store,
      ranked,
      vector,
      model.file.candidatePassages,
      model.head,
      kernels,
    );
    if (!candidates.length) {
      return { chosen: [], features: null, recalled: undefined, passages: ranked.map(fusedScore) };
    }
    const topDoc = ranked[0] ? store.units[ranked[0].unit]?.doc : undefined;
    const sentences = candidates.map((c) => c.sentence);
    // What needs no token vectors is worked out before waiting for them (each sentence's once a question).
    sentences.forEach(lexical);
    const statics = questionStatics(store, q, ranked);
    // The shelf's answered questions add their evidence to the general model's (see AnswerMemory); worked
    // out here, while the token vectors are still on their way from the model's thread.
    const likeness = memory?.likenessTo(vector, sentences);
    const boost = likeness ? sentences.map((s) => memory!.weight * likeness.answered(s)) : null;
    const match = tokenMatcher(store, await tokens, sentences, kernels);
    const rows = sentenceFeatureRows(store, candidates, lexical, match, topDoc);
    const logits = rows.map((row, i) => model.sentenceLogit(row) + (boost?.[i] ?? 0));
    // The same pick as the first quote's: highest log-odds, a tie to the earlier sentence.
    const best = pickWithin(logits, sentences, 0, 1)[0]!;
    const features = questionFeatureRow(statics, rows, logits, best);
    // What the shelf's memory says of the sentence quoted first, for the shelf's calibration.
    const quoted = sentences[best]!;
    const recalled: Recalled | undefined = likeness && {
      unansweredLikeness: likeness.unanswered(quoted),
      answeredLikeness: likeness.answered(quoted),
    };
    const listed = rerankPassages(store, ranked, model.file.candidatePassages, candidates, logits);
    return { chosen: pick(candidates, logits), features, recalled, passages: listed };
  }

  function pick(candidates: Candidate[], logits: number[]): Chosen[] {
    const sentences = candidates.map((c) => c.sentence);
    const picked = pickWithin(logits, sentences, model.file.secondQuoteMargin, model.file.maxQuotes);
    return picked.flatMap((i) => {
      const chosen = { sentence: sentences[i]!, logit: logits[i]! };
      const next = continuationOf(store, chosen.sentence, options.topicSentenceWords);
      return next === null ? [chosen] : [chosen, { ...chosen, sentence: next }];
    });
  }
}

/**
 * Where each quote stands: the first passage holding it, or, for a line the paragraphs leave out (a source
 * line), the line itself, so that an answer from it still lists where it stands.
 */
function passagesHolding(store: Store, quotes: readonly Quote[]): PassageOut[] {
  const out = new Map<string, PassageOut>();
  for (const q of quotes) {
    const unit = store.units.findIndex((u) => u.doc === q.doc && u.start <= q.start && q.end <= u.end);
    const passage = unit >= 0 ? toPassage(store, { unit, score: 1 }) : linePassage(store, q);
    if (!out.has(passage.id)) out.set(passage.id, passage);
  }
  return [...out.values()];
}

/** A line outside the paragraphs, listed as a passage of its own. */
function linePassage(store: Store, q: Quote): PassageOut {
  const docId = store.manifest.documents.find((d) => d.path === q.doc)?.id ?? q.doc;
  return { ...q, id: `${docId}#line@${q.start}`, score: 1 };
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
