import { describe, expect, it } from "vitest";
import { asksForSource } from "../../../src/answer/document-source.js";
import { attributionLines } from "../../../src/chunking/structure.js";

describe("asksForSource", () => {
  it.each([
    "Where was this report originally published?",
    "Where does this report come from, which paper printed it?",
    "what's the source of this article",
    "where is this article from originally, like which paper",
    "Which newspaper is the source of this report?",
  ])("%s asks where the document comes from", (q) => expect(asksForSource(q)).toBe(true));

  it.each([
    // The content's source, not the document's.
    "What does the report say about the source of funding?",
    "What is the source of funding for the greenways?",
    "Is the report published in Chinese too?",
    // No document pointed at.
    "Which newspapers were published in 1900?",
    "What is the main source of income?",
  ])("%s is a question about the content", (q) => expect(asksForSource(q)).toBe(false));
});

describe("attributionLines", () => {
  it("finds the attribution lines with their exact offsets and labels", () => {
    const text = "Title\n\nA paragraph. Another one.\n  Source: The Daily Paper  \nEditor: A. Smith\n";
    const lines = attributionLines(text);
    expect(lines.map((l) => l.label)).toEqual(["source", "editor"]);
    expect(text.slice(lines[0]!.start, lines[0]!.end)).toBe("Source: The Daily Paper");
    expect(attributionLines("No attribution here.\nThe source: a spring.")).toEqual([]);
  });
});
