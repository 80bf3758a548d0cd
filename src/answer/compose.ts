import type { SentenceUnit } from "../chunking/units.js";
import type { FusedPassage } from "../retrieval/fusion.js";
import { unitSentences } from "../retrieval/retriever.js";
import type { Store } from "../store/store.js";
import type { Candidate } from "./candidates.js";
import type { PassageOut, Quote } from "./types.js";

/** A passage as listed in an answer: its unit and the score it is ordered by. */
export interface ScoredPassage {
  unit: number;
  score: number;
}

export const fusedScore = (p: FusedPassage): ScoredPassage => ({ unit: p.unit, score: p.score });

/** Scores and confidences as an answer shows them: four decimals, so the JSON is stable and short. */
export const roundForAnswer = (x: number) => Math.round(x * 10000) / 10000;

/**
 * The first `passages` passages in the order of their best sentence's share of the learned scores, so the
 * passages listed agree with the quote; the passages beyond them keep retrieval's order after them.
 */
export function rerankPassages(
  store: Store,
  ranked: readonly FusedPassage[],
  passages: number,
  candidates: readonly Candidate[],
  logits: readonly number[],
): ScoredPassage[] {
  const top = Math.max(...logits);
  const total = logits.reduce((sum, l) => sum + Math.exp(l - top), 0);
  const share = new Map(candidates.map((c, i) => [c.sentence, Math.exp(logits[i]! - top) / total]));
  const head = ranked.slice(0, passages).map((p, rank) => ({
    unit: p.unit,
    rank,
    score: Math.max(0, ...unitSentences(store, p.unit).map((s) => share.get(s) ?? 0)),
  }));
  head.sort((a, b) => b.score - a.score || a.rank - b.rank);
  return [...head, ...ranked.slice(passages).map((p) => ({ unit: p.unit, score: 0 }))];
}

/**
 * The chosen sentences as quotes, best first; sentences that touch in the text become one quote, so a run
 * reads as it stands, sliced from the document's own text. A quote stands where its first-chosen sentence
 * did.
 */
export function toQuotes(store: Store, sentenceIndexes: readonly number[]): Quote[] {
  const sentences = sentenceIndexes.map((i) => store.sentences[i] as SentenceUnit);
  const runs: SentenceUnit[][] = [];
  for (const s of sentences) {
    if (runs.some((r) => r.includes(s))) continue;
    const touching = runs.filter((r) =>
      r.some((x) => x.doc === s.doc && x.paragraph === s.paragraph && Math.abs(x.index - s.index) === 1),
    );
    const [first, ...others] = touching;
    if (!first) {
      runs.push([s]);
      continue;
    }
    // It joins the first run it touches, where that run stands, and so does any other run it touches:
    // [3] and [5] become one quote when 4 comes.
    first.push(s, ...others.flat());
    for (const other of others) runs.splice(runs.indexOf(other), 1);
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

export function toPassage(store: Store, p: ScoredPassage): PassageOut {
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
    score: roundForAnswer(p.score),
  };
}
