/**
 * Whether a question is Chinese, by script: Han characters, no Japanese kana, and few Latin words (a
 * question in English that names a place in characters stays English).
 */
const HAN = /\p{Script=Han}/gu;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const LATIN_WORD = /\p{Script=Latin}{2,}/gu;

export function isChinese(question: string): boolean {
  if (KANA.test(question)) return false;
  const han = question.match(HAN)?.length ?? 0;
  if (han === 0) return false;
  const latinWords = question.match(LATIN_WORD)?.length ?? 0;
  return latinWords * 2 <= han;
}
