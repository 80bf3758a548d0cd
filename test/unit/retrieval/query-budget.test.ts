import { describe, expect, it } from "vitest";
import type { RetrievalUnit } from "../../../src/chunking/units.js";
import { postingEstimator, termsOverBudget } from "../../../src/retrieval/query-budget.js";

const unit = (section: string) => ({ section }) as RetrievalUnit;

describe("lexical query budget", () => {
  const df: Record<string, number> = { pocket: 2, park: 40, green: 300, district: 900 };
  const postings = postingEstimator(df, [unit("Park city"), unit("Park city"), unit("Lead")], 3);

  it("estimates entries from sentence windows and headings", () => {
    expect(postings("pocket")).toBe(6);
    expect(postings("park")).toBe(40 * 3 + 2);
    expect(postings("unknown")).toBe(0);
  });

  it("keeps the rarest terms and drops the common ones once the budget is spent", () => {
    const over = termsOverBudget("How many pocket parks in green district spaces?", [], postings, 1100);
    expect([...over].sort()).toEqual(["district"]);
    expect(termsOverBudget("pocket parks", [], postings, 1_000_000).size).toBe(0);
  });

  it("always keeps the rarest term, even alone over the budget", () => {
    expect([...termsOverBudget("district", [], postings, 10)]).toEqual([]);
    expect([...termsOverBudget("green district", [], postings, 10)]).toEqual(["district"]);
  });

  it("counts the thesaurus expansions against the same budget", () => {
    expect([...termsOverBudget("pocket", ["district"], postings, 100)]).toEqual(["district"]);
  });
});
