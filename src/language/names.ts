/**
 * Names in pinyin, written the way English text writes Chinese names: a name's syllables joined and
 * capitalised (莘庄 → "Xinzhuang"). A string of characters counts as a name only when the shelf uses that
 * spelling, so "Xinzhuang" is tried for 莘庄 but an ordinary word is never turned into a made-up name; a
 * character with several readings (莘 shen/xin, 行 xing/hang) is tried in each.
 */

/** The readings of one character, toneless, commonest first. */
export type Readings = (char: string) => string[];

/** Most spellings tried for one string (the product of its characters' readings). */
const MAX_SPELLINGS = 32;

/** Every toneless spelling of a string of characters, syllables joined, in reading order. */
export function spellings(text: string, readings: Readings): string[] {
  let out = [""];
  for (const char of text) {
    const options = readings(char);
    if (!options.length) return [];
    out = out.flatMap((prefix) => options.map((o) => prefix + o)).slice(0, MAX_SPELLINGS);
  }
  return out;
}

/** The name's English spelling when the shelf uses one of its spellings, else null. */
export function knownName(
  text: string,
  readings: Readings,
  isKnown: (word: string) => boolean,
): string | null {
  if ([...text].length < 2) return null;
  const hit = spellings(text, readings).find((s) => isKnown(s));
  return hit ? capitalise(hit) : null;
}

/** The commonest spelling, capitalised: how a name the shelf does not use is still shown. */
export function spellName(text: string, readings: Readings): string {
  return capitalise(spellings(text, readings)[0] ?? text);
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
