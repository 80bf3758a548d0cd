import { describe, expect, it } from "vitest";
import { createAnswerCache } from "../../../src/frontends/discord/answer-cache.js";
import { createQuoteCache } from "../../../src/frontends/discord/quote-cache.js";
import type { QuoteView } from "../../../src/frontends/discord/wording-render.js";
import { answer } from "./fake-answer.js";

describe("answer and quote caches", () => {
  it("keep the most recently used answers, and each user's last one", () => {
    const cache = createAnswerCache(2);
    const put = (answerId: string, askerId: string) =>
      cache.put({ answerId, askerId, answer: answer(), shown: [] });
    put("1", "ann");
    put("2", "bob");
    expect(cache.get("1")?.askerId).toBe("ann"); // now the most recently used
    put("3", "bob");
    expect(cache.get("2")).toBeUndefined();
    expect(cache.lastOf("bob")?.answerId).toBe("3");
    expect(cache.lastOf("ann")?.answerId).toBe("1");
    expect(cache.lastOf("carl")).toBeUndefined();
  });

  it("drop the oldest /quote results beyond the bound", () => {
    const cache = createQuoteCache(1);
    const view = {} as QuoteView;
    cache.put({ queryId: "1", askerId: "a", view });
    cache.put({ queryId: "2", askerId: "a", view });
    expect(cache.get("1")).toBeUndefined();
    expect(cache.get("2")?.queryId).toBe("2");
  });
});
