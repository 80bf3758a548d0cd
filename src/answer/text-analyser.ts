/**
 * What a language tool tells the answer stage about a text: whether it states the kinds of thing questions
 * ask for. The answerer is given one (see app.ts); it never reaches for a library itself.
 */
export interface TextFacts {
  /** A date or a time ("1989", "the first half of the year", "10 a.m."). */
  dates: string[];
  /** A count, amount, sum of money, percentage or ordinal ("20", "$1.2 billion", "20%", "18th"). */
  numbers: string[];
  /**
   * The numbers that say how many or how much: all but the ordinals ("the 18th meeting", "the Seventh
   * People's Congress" count nothing). What a how-many question's answer states.
   */
  counts: string[];
  /** Proper nouns (lower case): the names a "who", "where" or "which" question may be asking for. */
  names: string[];
  /** Sums of money ("500 dollars", "$1.2", "3 billion yuan"): what a "how much does it cost" asks for. */
  money: string[];
}

export interface TextAnalyser {
  facts(text: string): TextFacts;
}
