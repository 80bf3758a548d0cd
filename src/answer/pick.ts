import type { Store } from "../store/store.js";

/**
 * Which candidates are quoted: the best, and any other whose log-odds are within `margin` of it, at most
 * `max`, best first (ties to the earlier sentence). Shared by the answerer and the fitting script, so the
 * confidence is fitted on exactly the quotes the answerer gives.
 */
export function pickWithin(
  logits: readonly number[],
  sentences: readonly number[],
  margin: number,
  max: number,
): number[] {
  const order = logits
    .map((logit, i) => ({ i, logit, sentence: sentences[i] ?? 0 }))
    .sort((a, b) => b.logit - a.logit || a.sentence - b.sentence);
  const top = order[0]?.logit ?? 0;
  return order
    .filter((c) => c.logit >= top - margin)
    .slice(0, max)
    .map((c) => c.i);
}

/**
 * A short sentence that opens its paragraph ("The third is rural revitalization.") names a topic but says
 * nothing of it: the sentence after it is quoted with it. Returns that next sentence's position, or null.
 */
export function continuationOf(store: Store, sentence: number, topicWords: number): number | null {
  const s = store.sentences[sentence];
  const next = store.sentences[sentence + 1];
  if (!s || !next || next.paragraph !== s.paragraph || next.doc !== s.doc) return null;
  return s.index === 1 && s.text.split(/\s+/).length <= topicWords ? sentence + 1 : null;
}
