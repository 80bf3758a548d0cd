import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { TextAnalyser, TextFacts } from "../answer/text-analyser.js";

const DATE_TYPES = new Set(["DATE", "TIME", "DURATION"]);
const NUMBER_TYPES = new Set(["CARDINAL", "MONEY", "PERCENT", "ORDINAL"]);

/**
 * English facts from wink-nlp's light model (its entity recogniser and part-of-speech tagger). Loading the
 * model takes about a quarter of a second, so it happens when the app is wired, not at import; a sentence's
 * facts are kept, since the same candidate sentences come back question after question.
 */
export function createWinkAnalyser(cacheSize = 50_000): TextAnalyser {
  const nlp = winkNLP(model);
  const its = nlp.its;
  const cache = new Map<string, TextFacts>();
  return {
    facts(text) {
      const hit = cache.get(text);
      if (hit) return hit;
      const doc = nlp.readDoc(text);
      const facts: TextFacts = { dates: [], numbers: [], counts: [], names: [] };
      for (const e of doc.entities().out(its.detail) as unknown as { value: string; type: string }[]) {
        const value = e.value.toLowerCase();
        if (DATE_TYPES.has(e.type)) facts.dates.push(value);
        else if (NUMBER_TYPES.has(e.type)) {
          facts.numbers.push(value);
          if (e.type !== "ORDINAL") facts.counts.push(value);
        }
      }
      const pos = doc.tokens().out(its.pos);
      const normal = doc.tokens().out(its.normal);
      pos.forEach((p, i) => {
        if (p === "PROPN") facts.names.push(normal[i] ?? "");
        else if (p === "NUM" && !facts.numbers.length) {
          facts.numbers.push(normal[i] ?? "");
          facts.counts.push(normal[i] ?? "");
        }
      });
      if (cache.size >= cacheSize) cache.clear();
      cache.set(text, facts);
      return facts;
    },
  };
}
