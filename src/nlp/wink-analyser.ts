import winkNLP from "wink-nlp";
import model from "wink-eng-lite-web-model";
import type { TextAnalyser, TextFacts } from "../answer/text-analyser.js";

const DATE_TYPES = new Set(["DATE", "TIME", "DURATION"]);
const NUMBER_TYPES = new Set(["CARDINAL", "MONEY", "PERCENT", "ORDINAL"]);
/** Currencies the light model's MONEY entity misses ("3 billion yuan", "£30,000"); general, not a shelf's. */
const CURRENCY_SYMBOLS = new Set(["$", "£", "€", "¥", "₹", "₩"]);
const CURRENCY_WORDS = new Set(
  "yuan rmb renminbi dollar dollars usd cny euro euros eur yen rupee rupees franc francs gbp".split(" "),
);

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
      const facts: TextFacts = { dates: [], numbers: [], counts: [], names: [], money: [] };
      for (const e of doc.entities().out(its.detail) as unknown as { value: string; type: string }[]) {
        const value = e.value.toLowerCase();
        if (e.type === "MONEY") facts.money.push(value);
        if (DATE_TYPES.has(e.type)) facts.dates.push(value);
        else if (NUMBER_TYPES.has(e.type)) {
          facts.numbers.push(value);
          if (e.type !== "ORDINAL") facts.counts.push(value);
        }
      }
      const pos = doc.tokens().out(its.pos);
      const normal = doc.tokens().out(its.normal);
      facts.money.push(...currencyAmounts(pos, normal));
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

/** Numbers a currency symbol comes before or a currency word after ("$ 5", "3 billion yuan"). */
function currencyAmounts(pos: readonly string[], normal: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pos.length; i++) {
    if (pos[i] !== "NUM" || pos[i - 1] === "NUM") continue;
    let end = i;
    while (pos[end + 1] === "NUM") end++;
    const after = normal[end + 1] ?? "";
    if (CURRENCY_SYMBOLS.has(normal[i - 1] ?? "") || CURRENCY_WORDS.has(after)) {
      out.push(normal.slice(i, end + 1).join(" "));
    }
  }
  return out;
}
