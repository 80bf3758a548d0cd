import { describe, expect, it } from "vitest";
import { lexicalFeatures, sentenceTerms, viewQuestion } from "../../../src/answer/features.js";
import type { TextAnalyser } from "../../../src/answer/text-analyser.js";
import type { Store } from "../../../src/store/store.js";

/** One sentence a paragraph, and a language tool that finds the name "Chen Huawen" in any text holding it. */
const storeOf = (texts: string[]) =>
  ({
    sentences: texts.map((text, i) => ({
      text,
      doc: "a.txt",
      paragraph: i,
      index: 1,
      sectionIndex: 0,
      section: "",
    })),
    sentenceDf: {},
    manifest: { documents: [{ path: "a.txt" }] },
  }) as unknown as Store;
const names: TextAnalyser = {
  facts: (text) => ({
    dates: [],
    numbers: [],
    counts: [],
    names: text.includes("Chen Huawen") ? ["Chen Huawen"] : [],
    money: [],
  }),
};
const typeOf = (question: string, sentence: string) => {
  const store = storeOf([sentence]);
  const q = viewQuestion(question, store, names);
  const row = lexicalFeatures(store, q, sentenceTerms(store), names)(0);
  return { match: row.typeMatch, miss: row.typeMiss };
};

describe("whether a sentence names who is asked about", () => {
  const lead = "Chen Huawen, deputy secretary of the district party committee and district mayor, spoke.";

  it("does not when the title asked for appears only as another rank of it", () => {
    expect(typeOf("Who is the party secretary of the district?", lead)).toEqual({ match: 0, miss: 1 });
    expect(typeOf("Does it say who the secretary of the party committee is?", lead)).toEqual({
      match: 0,
      miss: 1,
    });
  });

  it("does when the question asks for that rank, or for a title the sentence gives plainly", () => {
    expect(typeOf("Who is the deputy secretary of the party committee?", lead)).toEqual({
      match: 1,
      miss: 0,
    });
    expect(typeOf("Who is the district mayor?", lead)).toEqual({ match: 1, miss: 0 });
  });
});
