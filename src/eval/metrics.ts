import { z } from "zod";
import type { Answer } from "../answer/types.js";

export const evalItemSchema = z.object({
  id: z.string().default(""),
  question: z.string().min(1),
  gold: z.array(z.string()).default([]),
  kind: z.string().default("direct"),
});
export type EvalItem = z.infer<typeof evalItemSchema>;

export interface EvalRow {
  item: EvalItem;
  answer: Answer;
  /** 1-based rank of the first passage holding a gold span; null when none of the passages does. */
  rank: number | null;
  quoteHit: boolean;
  verbatim: boolean;
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
  abstentionPrecision: number;
  abstentionRecall: number;
  answerableAbstained: number;
  verbatimShare: number;
}

const collapse = (s: string) => s.replace(/\s+/g, " ").trim();

export function containsGold(text: string, gold: readonly string[]): boolean {
  const t = collapse(text);
  return gold.some((g) => t.includes(collapse(g)));
}

/** A quote is right when it holds a gold span, or lies inside one and is at least 40 characters long. */
export function quoteHits(quote: string, gold: readonly string[]): boolean {
  const q = collapse(quote);
  return gold.some((g) => q.includes(collapse(g)) || (q.length >= 40 && collapse(g).includes(q)));
}

export function scoreRow(
  item: EvalItem,
  answer: Answer,
  isVerbatim: (q: Answer["quotes"][number]) => boolean,
): EvalRow {
  const index = answer.passages.findIndex((p) => containsGold(p.text, item.gold));
  return {
    item,
    answer,
    rank: item.gold.length > 0 && index >= 0 ? index + 1 : null,
    quoteHit: item.gold.length > 0 && answer.quotes.some((q) => quoteHits(q.text, item.gold)),
    verbatim: answer.quotes.every(isVerbatim),
  };
}

export function summarise(rows: readonly EvalRow[]): EvalReport {
  const answerable = rows.filter((r) => r.item.gold.length > 0);
  const unanswerable = rows.filter((r) => r.item.gold.length === 0);
  const share = (n: number, d: number) => (d > 0 ? n / d : 1);
  const recall = (k: number) =>
    share(answerable.filter((r) => r.rank !== null && r.rank <= k).length, answerable.length);
  const abstained = rows.filter((r) => !r.answer.answered);
  const quotes = rows.reduce((n, r) => n + r.answer.quotes.length, 0);
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
    abstentionPrecision: share(abstained.filter((r) => r.item.gold.length === 0).length, abstained.length),
    abstentionRecall: share(unanswerable.filter((r) => !r.answer.answered).length, unanswerable.length),
    answerableAbstained: answerable.filter((r) => !r.answer.answered).length,
    verbatimShare: share(
      rows.reduce((n, r) => n + r.answer.quotes.filter(() => r.verbatim).length, 0),
      quotes,
    ),
  };
}
