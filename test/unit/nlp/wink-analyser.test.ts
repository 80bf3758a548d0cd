import { describe, expect, it } from "vitest";
import { createWinkAnalyser } from "../../../src/nlp/wink-analyser.js";

describe("createWinkAnalyser", () => {
  const analyser = createWinkAnalyser();
  it("finds dates, times and durations", () => {
    expect(analyser.facts("It will be completed by the end of September.").dates).toEqual([
      "end of september",
    ]);
    expect(analyser.facts("It opens in 10 days.").dates).toEqual(["10 days"]);
    expect(analyser.facts("It will be open to all.").dates).toEqual([]);
  });
  it("counts every number but an ordinal as saying how many", () => {
    const facts = analyser.facts("The 18th meeting approved 71 projects, 20% more, worth $1.2 billion.");
    expect(facts.numbers).toEqual(["18th", "71", "20%", "$1.2 billion"]);
    expect(facts.counts).toEqual(["71", "20%", "$1.2 billion"]);
  });
  it("finds sums of money, in currencies the entity recogniser misses too", () => {
    expect(analyser.facts("The 18th meeting approved 71 projects worth $1.2 billion.").money).toContain(
      "$1.2 billion",
    );
    expect(analyser.facts("It will spend 3 billion yuan on 20 parks.").money).toEqual(["3 billion"]);
    expect(analyser.facts("The district built 20 parks in 2024.").money).toEqual([]);
  });
});
