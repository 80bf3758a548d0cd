/**
 * Cutting a Chinese question into words. ICU's word segmenter (in Node's full ICU) knows common words and
 * cuts ambiguous strings by frequency, but it splits words it does not know (names, new terms) into single
 * characters and cuts some longer dictionary words in two; so its pieces are joined again wherever the
 * dictionary has the longer word (longest match over ICU's pieces, so ICU's boundaries are kept).
 */

export interface Token {
  text: string;
  /** "han": Chinese characters; "other": Latin letters or digits, kept as they are; "break": punctuation. */
  kind: "han" | "other" | "break";
}

const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /^\p{Script=Han}+$/u;

let segmenter: Intl.Segmenter | undefined;

export function isHan(text: string): boolean {
  return HAN_ONLY.test(text);
}

/**
 * The question's words. `isWord` tells whether a string of characters is a word to keep whole (a dictionary
 * headword or a question word); `maxChars` bounds the longest word looked for.
 */
export function segmentChinese(text: string, isWord: (word: string) => boolean, maxChars = 8): Token[] {
  segmenter ??= new Intl.Segmenter("zh", { granularity: "word" });
  const pieces: Token[] = [];
  for (const { segment, isWordLike } of segmenter.segment(text.normalize("NFKC"))) {
    if (HAN.test(segment)) pieces.push({ text: segment, kind: "han" });
    else if (isWordLike) pieces.push({ text: segment, kind: "other" });
    else if (segment.trim()) pieces.push({ text: segment, kind: "break" });
  }
  // ICU also keeps together strings it takes for one word that the dictionary does not (多少个, 我在):
  // those are cut again into the dictionary's words.
  return joinDictionaryWords(pieces, isWord, maxChars).flatMap((t) =>
    t.kind === "han" && !isWord(t.text) && [...t.text].length > 1
      ? splitUnknown(t.text, isWord, maxChars).map((text) => ({ text, kind: "han" as const }))
      : [t],
  );
}

function joinDictionaryWords(pieces: Token[], isWord: (word: string) => boolean, maxChars: number): Token[] {
  const out: Token[] = [];
  for (let i = 0; i < pieces.length;) {
    let end = i + 1;
    let text = pieces[i]!.text;
    if (pieces[i]!.kind === "han") {
      let joined = text;
      for (let j = i + 1; j < pieces.length && pieces[j]!.kind === "han"; j++) {
        joined += pieces[j]!.text;
        if ([...joined].length > maxChars) break;
        if (isWord(joined)) {
          end = j + 1;
          text = joined;
        }
      }
    }
    out.push({ text, kind: pieces[i]!.kind });
    i = end;
  }
  return out;
}

/**
 * A Han string the dictionary does not have, cut into the longest words it does have (a single character
 * when nothing longer fits): 全产业链 → 全 产业链 or 全 产业 链.
 */
export function splitUnknown(text: string, isWord: (word: string) => boolean, maxChars = 8): string[] {
  const chars = [...text];
  const out: string[] = [];
  for (let i = 0; i < chars.length;) {
    let end = i + 1;
    for (let j = Math.min(chars.length, i + maxChars); j > i + 1; j--) {
      if (isWord(chars.slice(i, j).join(""))) {
        end = j;
        break;
      }
    }
    out.push(chars.slice(i, end).join(""));
    i = end;
  }
  return out;
}
