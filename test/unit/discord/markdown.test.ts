import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  blockQuote,
  escapeMarkdown,
  escapeWithin,
  unescapeMarkdown,
} from "../../../src/frontends/discord/markdown.js";

// Characters that start Discord formatting anywhere in a line.
const INLINE_SPECIALS = new Set([..."*_~`|[]<\\"]);

/** Characters Discord would read as formatting: those not preceded by an escaping backslash. */
function unescapedSpecials(text: string): string[] {
  const found: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === "\\" && i + 1 < text.length && /[^0-9A-Za-z\s]/.test(text[i + 1] as string)) {
      i++; // the escaped character is shown as is
      continue;
    }
    if (INLINE_SPECIALS.has(c)) found.push(c);
  }
  return found;
}

const markdownish = fc.string({
  unit: fc.constantFrom(..."ab 1.\n*_~`|[]()<>@#-+:\\"),
  maxLength: 80,
});

describe("escapeMarkdown", () => {
  it("renders as the original text: Discord's unescaping gives it back exactly", () => {
    fc.assert(fc.property(markdownish, (text) => unescapeMarkdown(escapeMarkdown(text)) === text));
    fc.assert(fc.property(fc.string(), (text) => unescapeMarkdown(escapeMarkdown(text)) === text));
  });

  it("leaves no formatting character unescaped", () => {
    fc.assert(fc.property(markdownish, (text) => unescapedSpecials(escapeMarkdown(text)).length === 0));
  });

  it("escapes inline formatting, mentions and masked links", () => {
    expect(escapeMarkdown("**bold** __u__ ~~s~~ ||spoiler|| `code`")).toBe(
      "\\*\\*bold\\*\\* \\_\\_u\\_\\_ \\~\\~s\\~\\~ \\|\\|spoiler\\|\\| \\`code\\`",
    );
    expect(escapeMarkdown("<@123> [site](https://x.y)")).toBe("\\<@123> \\[site\\](https://x.y)");
    expect(escapeMarkdown("a\\b")).toBe("a\\\\b");
  });

  it("escapes headings, lists and quotes only at the start of a line", () => {
    expect(escapeMarkdown("# Title\n- item\n> quoted\n12. twelfth\n-# small")).toBe(
      "\\# Title\n\\- item\n\\> quoted\n12\\. twelfth\n\\-# small",
    );
    expect(escapeMarkdown("high-standard farmland, 3.5% growth > 2 # 1")).toBe(
      "high-standard farmland, 3.5% growth > 2 # 1",
    );
  });

  it("leaves ordinary report text as it is", () => {
    const text = 'Taking the construction of "three parks" as a starting point, we will focus on villages.';
    expect(escapeMarkdown(text)).toBe(text);
  });
});

describe("escapeWithin", () => {
  it("fits the limit, ends with an ellipsis when cut, and never ends inside an escape", () => {
    fc.assert(
      fc.property(markdownish, fc.integer({ min: 2, max: 40 }), (text, max) => {
        const out = escapeWithin(text, max);
        if (out.length > max) return false;
        if (escapeMarkdown(text).length <= max) return out === escapeMarkdown(text);
        const body = out.slice(0, -1);
        return (
          out.endsWith("…") && unescapedSpecials(body).length === 0 && text.startsWith(unescapeMarkdown(body))
        );
      }),
    );
  });
});

describe("blockQuote", () => {
  it("quotes every line", () => {
    expect(blockQuote("one\ntwo")).toBe("> one\n> two");
  });
});
