import { describe, expect, it } from "vitest";
import { splitSentences } from "../../../src/chunking/sentences.js";

const split = (text: string) => splitSentences(text).map((s) => text.slice(s.start, s.end));

describe("sentence splitting", () => {
  it("does not cut after initials or initialisms", () => {
    expect(split("The ant expert E. O. Wilson wrote it. Then it ended.")).toEqual([
      "The ant expert E. O. Wilson wrote it.",
      "Then it ended.",
    ]);
    expect(split("Thomas B. Smith was born in 1900. He died.")).toEqual([
      "Thomas B. Smith was born in 1900.",
      "He died.",
    ]);
    expect(split("He moved to the U.S. in 1990. Later, he left.")).toEqual([
      "He moved to the U.S. in 1990.",
      "Later, he left.",
    ]);
    expect(split("Gen. Grant arrived. The war ended.")).toEqual(["Gen. Grant arrived.", "The war ended."]);
  });
  it("still cuts at ordinary sentence ends", () => {
    expect(split("Parks will open. Roads will follow! Will trains? Yes.")).toEqual([
      "Parks will open.",
      "Roads will follow!",
      "Will trains?",
      "Yes.",
    ]);
  });
});
