import { describe, expect, it } from "vitest";
import { confidenceWords } from "../../../src/frontends/shared/confidence-words.js";

describe("confidenceWords", () => {
  it.each([
    [true, 0.97, "high", "The report says (confidence 0.97):"],
    [true, 0.8, "high", "The report says (confidence 0.80):"],
    [true, 0.79, "medium", "Probably (confidence 0.79):"],
    [true, 0.5, "medium", "Probably (confidence 0.50):"],
    [true, 0.31, "low", "Possibly (low confidence, 0.31):"],
    [false, 0.31, "abstained", "The report may not answer this (confidence 0.31). Nearest passages:"],
    [false, 0.95, "abstained", "The report may not answer this (confidence 0.95). Nearest passages:"],
  ])("answered %s at %s → %s", (answered, confidence, level, numbered) => {
    expect(confidenceWords({ answered, confidence })).toMatchObject({ level, numbered });
  });
});
