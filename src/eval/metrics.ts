import { z } from "zod";
import type { Answer, Quote } from "../answer/types.js";

const goldSpanSchema = z.object({ text: z.string(), start: z.number().int(), end: z.number().int() });

/**
 * One question of a question file. Two layouts are read: the report sets' (`gold` as exact strings, `kind`)
 * and SQuAD's (`gold` as `{text, start, end}` offsets into `doc`, `impossible`).
 */
export const evalItemSchema = z
  .object({
    id: z.string().default(""),
    question: z.string().min(1),
    doc: z.string().optional(),
    gold: z.array(z.union([z.string(), goldSpanSchema])).default([]),
    impossible: z.boolean().optional(),
    kind: z.string().optional(),
  })
  .transform((item) => ({
    id: item.id,
    question: item.question,
    doc: item.doc,
    gold: item.gold,
    kind: item.kind ?? (item.impossible || item.gold.length === 0 ? "unanswerable" : "answerable"),
  }));
export type EvalItem = z.infer<typeof evalItemSchema>;
type Gold = EvalItem["gold"][number];

/** A piece of a document: a passage, a quote or a sentence. */
export interface Located {
  doc: string;
  start: number;
  end: number;
  text: string;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

/**
 * Whether a ranked passage holds the answer: it contains a gold span (by offsets in the gold document, or
 * by its text after collapsing whitespace).
 */
export function containsGold(item: EvalItem, piece: Located): boolean {
  return item.gold.some((g) => holds(item, piece, g));
}

/**
 * Whether a quote answers: it holds a gold span, or (text gold only) lies inside one and is at least 40
 * characters long, so a long gold passage quoted in part still counts.
 */
export function quoteHits(item: EvalItem, quote: Located): boolean {
  return item.gold.some((g) => {
    if (holds(item, quote, g)) return true;
    const q = collapse(quote.text);
    return typeof g === "string" && q.length >= 40 && collapse(g).includes(q);
  });
}

function holds(item: EvalItem, piece: Located, g: Gold): boolean {
  if (typeof g === "string") return collapse(piece.text).includes(collapse(g));
  return piece.doc === item.doc && piece.start <= g.start && g.end <= piece.end;
}

export interface EvalRow {
  item: EvalItem;
  answer: Answer;
  /** 1-based rank of the first passage holding a gold span; null when none of the passages does. */
  rank: number | null;
  quoteHit: boolean;
  firstQuoteHit: boolean;
  /** Whether the quotes the answer gives or would have given hold the answer: what confidence predicts. */
  candidateHit: boolean;
  verbatim: boolean;
}

export function scoreRow(
  item: EvalItem,
  answer: Answer,
  candidateQuotes: readonly Quote[],
  isVerbatim: (q: Quote) => boolean,
): EvalRow {
  const answerable = item.gold.length > 0;
  const index = answer.passages.findIndex((p) => containsGold(item, p));
  return {
    item,
    answer,
    rank: answerable && index >= 0 ? index + 1 : null,
    quoteHit: answerable && answer.quotes.some((q) => quoteHits(item, q)),
    firstQuoteHit: answerable && !!answer.quotes[0] && quoteHits(item, answer.quotes[0]),
    candidateHit: answerable && candidateQuotes.some((q) => quoteHits(item, q)),
    verbatim: answer.quotes.every(isVerbatim),
  };
}

export interface ReliabilityBin {
  from: number;
  to: number;
  count: number;
  meanConfidence: number;
  shareRight: number;
}

export interface EvalReport {
  questions: number;
  answerable: number;
  unanswerable: number;
  recallAt1: number;
  recallAt3: number;
  recallAt5: number;
  mrrAt10: number;
  quoteAccuracy: number;
  firstQuoteAccuracy: number;
  meanQuoteChars: number;
  abstentionPrecision: number;
  abstentionRecall: number;
  abstentionF1: number;
  answerableAbstained: number;
  /** Answerable against unanswerable, ranked by confidence. */
  rocAuc: number;
  /** Expected calibration error of confidence as the probability that the quote answers. */
  ece: number;
  reliability: ReliabilityBin[];
  verbatimShare: number;
  byKind: Record<string, { questions: number; right: number }>;
}

export function summarise(rows: readonly EvalRow[]): EvalReport {
  const answerable = rows.filter((r) => r.item.gold.length > 0);
  const unanswerable = rows.filter((r) => r.item.gold.length === 0);
  const share = (n: number, d: number) => (d > 0 ? n / d : 1);
  const recall = (k: number) =>
    share(answerable.filter((r) => r.rank !== null && r.rank <= k).length, answerable.length);
  const abstained = rows.filter((r) => !r.answer.answered);
  const quotes = rows.flatMap((r) => r.answer.quotes);
  const precision = share(abstained.filter((r) => r.item.gold.length === 0).length, abstained.length);
  const abstentionRecall = share(unanswerable.filter((r) => !r.answer.answered).length, unanswerable.length);
  const bins = reliability(rows);
  return {
    questions: rows.length,
    answerable: answerable.length,
    unanswerable: unanswerable.length,
    recallAt1: recall(1),
    recallAt3: recall(3),
    recallAt5: recall(5),
    mrrAt10: share(
      answerable.reduce((s, r) => s + (r.rank !== null && r.rank <= 10 ? 1 / r.rank : 0), 0),
      answerable.length,
    ),
    quoteAccuracy: share(answerable.filter((r) => r.quoteHit).length, answerable.length),
    firstQuoteAccuracy: share(answerable.filter((r) => r.firstQuoteHit).length, answerable.length),
    meanQuoteChars: share(
      quotes.reduce((n, q) => n + q.text.length, 0),
      quotes.length,
    ),
    abstentionPrecision: precision,
    abstentionRecall,
    abstentionF1:
      precision + abstentionRecall > 0
        ? (2 * precision * abstentionRecall) / (precision + abstentionRecall)
        : 0,
    answerableAbstained: answerable.filter((r) => !r.answer.answered).length,
    rocAuc: rocAuc(
      answerable.map((r) => r.answer.confidence),
      unanswerable.map((r) => r.answer.confidence),
    ),
    ece: calibrationError(bins),
    reliability: bins,
    verbatimShare: share(
      rows.reduce((n, r) => n + r.answer.quotes.filter(() => r.verbatim).length, 0),
      quotes.length,
    ),
    byKind: byKind(rows),
  };
}

/** Ten bins of confidence, each with the share of questions whose quote really answers. */
export function reliability(rows: readonly EvalRow[], bins = 10): ReliabilityBin[] {
  return calibrationBins(
    rows.map((r) => ({ confidence: r.answer.confidence, right: r.candidateHit })),
    bins,
  );
}

/** Confidences in equal bins, each with its mean and the share right; empty bins left out. */
export function calibrationBins(
  points: readonly { confidence: number; right: boolean }[],
  bins = 10,
): ReliabilityBin[] {
  const out: ReliabilityBin[] = [];
  for (let b = 0; b < bins; b++) {
    const from = b / bins;
    const to = (b + 1) / bins;
    const inBin = points.filter(
      (p) => p.confidence >= from && (p.confidence < to || (b === bins - 1 && p.confidence <= 1)),
    );
    if (!inBin.length) continue;
    out.push({
      from,
      to,
      count: inBin.length,
      meanConfidence: inBin.reduce((s, p) => s + p.confidence, 0) / inBin.length,
      shareRight: inBin.filter((p) => p.right).length / inBin.length,
    });
  }
  return out;
}

/** Expected calibration error: the bins' gaps between confidence and share right, weighed by their size. */
export function calibrationError(bins: readonly ReliabilityBin[]): number {
  const n = bins.reduce((s, b) => s + b.count, 0);
  return n ? bins.reduce((s, b) => s + (b.count / n) * Math.abs(b.meanConfidence - b.shareRight), 0) : 0;
}

/** Probability that a random answerable question gets a higher confidence than a random unanswerable one. */
export function rocAuc(positives: readonly number[], negatives: readonly number[]): number {
  if (!positives.length || !negatives.length) return 1;
  let wins = 0;
  for (const p of positives) for (const n of negatives) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (positives.length * negatives.length);
}

/** Per kind: answerable kinds count a right quote, the unanswerable kind an abstention. */
function byKind(rows: readonly EvalRow[]): Record<string, { questions: number; right: number }> {
  const out: Record<string, { questions: number; right: number }> = {};
  for (const r of rows) {
    const k = (out[r.item.kind] ??= { questions: 0, right: 0 });
    k.questions++;
    if (r.item.gold.length > 0 ? r.quoteHit : !r.answer.answered) k.right++;
  }
  return out;
}
