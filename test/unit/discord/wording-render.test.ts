import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Briefing } from "../../../src/briefing/brief.js";
import type { Outline, OutlineDocument, OutlineSection } from "../../../src/briefing/outline.js";
import { parseButtonId } from "../../../src/frontends/discord/custom-ids.js";
import { DISCORD_LIMITS, embedViolations } from "../../../src/frontends/discord/limits.js";
import { unescapeMarkdown } from "../../../src/frontends/discord/markdown.js";
import {
  boldMatch,
  fitList,
  HITS_PER_PAGE,
  outlineDescription,
  pageButtons,
  pageRanges,
  quotePages,
  quoteHitBlock,
  renderBriefEmbed,
  renderOutlineEmbeds,
  renderQuotePage,
  type QuoteView,
} from "../../../src/frontends/discord/wording-render.js";
import type { QuoteHit } from "../../../src/wording/find-quotes.js";
import { DOC, TITLE, TITLES } from "./fake-answer.js";

/**
 * What a reader sees of rendered markdown with bold: `\x` shows as x, an unescaped `**` toggles bold and
 * shows nothing. Returns the text shown and the runs in bold.
 */
function read(markdown: string): { text: string; bold: string[] } {
  let text = "";
  const bold: string[] = [];
  let inBold = false;
  let run = "";
  for (let i = 0; i < markdown.length; i++) {
    const c = markdown[i] as string;
    const next = markdown[i + 1];
    if (c === "\\" && next !== undefined && /[^0-9A-Za-z\s]/.test(next)) {
      text += next;
      if (inBold) run += next;
      i++;
    } else if (c === "*" && next === "*") {
      if (inBold) bold.push(run);
      inBold = !inBold;
      run = "";
      i++;
    } else {
      text += c;
      if (inBold) run += c;
    }
  }
  return { text, bold };
}
const unbold = (s: string) => read(s).text;
const boldParts = (s: string) => read(s).bold;

function hit(text: string, match: [number, number], fields: Partial<QuoteHit> = {}): QuoteHit {
  const start = 1000;
  return {
    text,
    doc: DOC,
    section: "Green spaces",
    paragraph: 18,
    start,
    end: start + text.length,
    match: { start: start + match[0], end: start + match[1] },
    exact: true,
    ...fields,
  };
}

const FOREST =
  "In terms of promoting increment, 650 mu of forest area will be added throughout the year, and 80 hectares of green space.";
const at = (text: string, phrase: string): [number, number] => {
  const i = text.indexOf(phrase);
  return [i, i + phrase.length];
};

const view = (hits: QuoteHit[], fields: Partial<QuoteView> = {}): QuoteView => ({
  phrase: "650 mu",
  hits,
  capped: false,
  titles: TITLES,
  indexVersion: "abcdef123456",
  ...fields,
});

describe("boldMatch", () => {
  it("puts the matched words in bold and leaves every character of the sentence as it is", () => {
    const h = hit(FOREST, at(FOREST, "650 mu"));
    const shown = boldMatch(h);
    expect(shown).toBe(FOREST.replace("650 mu", "**650 mu**"));
    expect(unbold(shown)).toBe(FOREST);
    expect(boldParts(shown)).toEqual(["650 mu"]);
  });

  it("escapes markdown in and around the match", () => {
    const text = "Growth of 5% *above* target_plan <@&1> ||x|| reached.";
    const shown = boldMatch(hit(text, at(text, "*above* target_plan")));
    expect(shown).toBe("Growth of 5% **\\*above\\* target\\_plan** \\<@&1> \\|\\|x\\|\\| reached.");
    expect(unbold(shown)).toBe(text);
    expect(boldParts(shown)).toEqual(["*above* target_plan"]);
  });

  it("bolds a match over a line break line by line, so the block quote holds", () => {
    const text = "We will build 20 pocket\nparks this year.";
    const shown = boldMatch(hit(text, at(text, "20 pocket\nparks")));
    expect(shown).toBe("We will build **20 pocket**\n**parks** this year.");
  });

  it("keeps any sentence verbatim, whatever the match (property)", () => {
    const text = fc.string({ unit: fc.constantFrom(..."ab *_~`|<>#\n-1.\\"), minLength: 1, maxLength: 200 });
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (t, x, y) => {
        const [a, b] = [x % (t.length + 1), y % (t.length + 1)].sort((p, q) => p - q) as [number, number];
        const shown = boldMatch(hit(t, [a, b]));
        expect(unbold(shown)).toBe(t);
        // The bold runs are the match, line by line, without the spaces around it.
        const matched = t
          .slice(a, b)
          .split("\n")
          .map((l) => l.trim())
          .filter(Boolean);
        expect(boldParts(shown)).toEqual(matched);
      }),
      { numRuns: 300 },
    );
  });
});

describe("quoteHitBlock", () => {
  it("cites the hit, with the page for paged documents, and marks near hits", () => {
    const exact = quoteHitBlock(hit(FOREST, at(FOREST, "650 mu")), TITLES);
    expect(exact).toBe(`> ${FOREST.replace("650 mu", "**650 mu**")}\n— ${TITLE} › Green spaces › ¶18`);
    const near = quoteHitBlock(
      hit(FOREST, at(FOREST, "650 mu of forest"), { exact: false, doc: "plan.pdf", page: 3 }),
      { ...TITLES, "plan.pdf": "Plan" },
    );
    expect(near.split("\n")[1]).toBe("— *near match* · Plan › Green spaces › ¶18, p. 3");
  });
});

describe("pageRanges", () => {
  it("fills pages with whole items in order, up to the budget and the page size", () => {
    expect(pageRanges([10, 10, 10], 100, 2, 2)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
    ]);
    expect(pageRanges([40, 40, 40], 90, 5, 2)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 3 },
    ]);
    // Too long on its own: a page to itself.
    expect(pageRanges([10, 500, 10], 100, 5, 2)).toEqual([
      { start: 0, end: 1 },
      { start: 1, end: 2 },
      { start: 2, end: 3 },
    ]);
    expect(pageRanges([], 100)).toEqual([]);
  });

  it("puts every item on exactly one page, each page within budget unless it holds one item (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 300 }), { maxLength: 60 }),
        fc.integer({ min: 50, max: 1000 }),
        fc.integer({ min: 1, max: 8 }),
        (lengths, budget, perPage) => {
          const pages = pageRanges(lengths, budget, perPage, 2);
          let next = 0;
          for (const p of pages) {
            expect(p.start).toBe(next);
            expect(p.end).toBeGreaterThan(p.start);
            expect(p.end - p.start).toBeLessThanOrEqual(perPage);
            const size = lengths.slice(p.start, p.end).reduce((n, l) => n + l, 0) + 2 * (p.end - p.start - 1);
            if (p.end - p.start > 1) expect(size).toBeLessThanOrEqual(budget);
            next = p.end;
          }
          expect(next).toBe(lengths.length);
        },
      ),
    );
  });
});

describe("renderQuotePage", () => {
  const many = Array.from({ length: 12 }, (_, i) => {
    const text = `Sentence ${i}: we will plant 650 mu of forest.`;
    return hit(text, at(text, "650 mu"), { paragraph: i + 1, exact: i < 9 });
  });

  it("shows one hit without buttons, counted in the footer", () => {
    const { embed, components, pages } = renderQuotePage(view([hit(FOREST, at(FOREST, "650 mu"))]), 0, {
      queryId: "1",
      askerId: "2",
    });
    expect(pages).toBe(1);
    expect(components).toEqual([]);
    expect(embed.title).toBe("Quotes of “650 mu”");
    expect(embed.footer?.text).toBe(`${TITLE} · 1 hit (1 exact) · index abcdef123456`);
    expect(embedViolations(embed)).toEqual([]);
  });

  it("pages many hits, exact ones first, with ◀ ▶ for the asker", () => {
    const v = view(many);
    expect(quotePages(v)).toHaveLength(Math.ceil(12 / HITS_PER_PAGE));
    const first = renderQuotePage(v, 0, { queryId: "111", askerId: "222" });
    expect(first.pages).toBe(3);
    expect(first.embed.footer?.text).toBe(
      `${TITLE} · all 12 hits (9 exact, 3 near) · page 1 of 3 · index abcdef123456`,
    );
    const buttons = first.components[0]?.components ?? [];
    expect(buttons.map((b) => ("label" in b ? b.label : ""))).toEqual(["◀", "1 / 3", "▶"]);
    expect(buttons.map((b) => b.disabled)).toEqual([true, true, false]);
    const last = renderQuotePage(v, 2, { queryId: "111", askerId: "222" });
    expect(last.embed.description).toContain("— *near match* · ");
    expect(last.components[0]?.components.map((b) => b.disabled)).toEqual([false, true, true]);
    // Out of range pages are clamped (an old button after a change).
    expect(renderQuotePage(v, 99).page).toBe(2);
    expect(renderQuotePage(v, 0).components).toEqual([]); // no ids: no buttons
    expect(renderQuotePage(view(many, { capped: true }), 0).embed.footer?.text).toContain("first 12 hits");
  });

  it("stays within Discord's limits with long sentences, never cutting one", () => {
    const long = Array.from({ length: 7 }, (_, i) => {
      const text = `${"word ".repeat(300 + i * 50)}650 mu.`;
      return hit(text, at(text, "650 mu"));
    });
    const v = view(long);
    const ranges = quotePages(v);
    for (let p = 0; p < ranges.length; p++) {
      const { embed } = renderQuotePage(v, p, { queryId: "1", askerId: "2" });
      expect(embedViolations(embed)).toEqual([]);
      const shown = (embed.description ?? "")
        .split("\n")
        .filter((l) => l.startsWith("> "))
        .map((l) => unbold(l.slice(2)));
      const range = ranges[p]!;
      expect(shown).toEqual(long.slice(range.start, range.end).map((h) => h.text));
    }
    const huge = `${"x".repeat(5000)} 650 mu.`;
    const alone = renderQuotePage(view([hit(huge, at(huge, "650 mu"))]), 0);
    expect(alone.embed.description).toContain("too long to show in Discord");
    expect(embedViolations(alone.embed)).toEqual([]);
  });

  it("says plainly when there is no hit", () => {
    const { embed } = renderQuotePage(view([], { phrase: "football *cup*", doc: DOC }), 0);
    expect(unescapeMarkdown(embed.description ?? "")).toBe(
      `No occurrence of “football *cup*” in ${TITLE}, not even a near one. Words must match whole, and figures exactly.`,
    );
  });
});

describe("pageButtons", () => {
  it("makes ids that parse back and fit Discord", () => {
    const ids = { queryId: "12345678901234567890", askerId: "98765432109876543210" };
    const buttons = pageButtons(ids, 41, 250)[0]?.components ?? [];
    for (const b of buttons) {
      expect("custom_id" in b && b.custom_id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    }
    const [prev, , next] = buttons.map((b) => ("custom_id" in b ? parseButtonId(b.custom_id) : null));
    expect(prev).toEqual({ kind: "page", ...ids, page: 40 });
    expect(next).toEqual({ kind: "page", ...ids, page: 42 });
  });
});

describe("renderBriefEmbed", () => {
  const sentence = (text: string, paragraph: number, fields = {}) => ({
    text,
    doc: DOC,
    section: "Rural revitalization",
    paragraph,
    start: paragraph * 100,
    end: paragraph * 100 + text.length,
    ...fields,
  });
  const briefing = (fields: Partial<Briefing> = {}): Briefing => ({
    topic: "rural revitalization",
    kind: "topic",
    doc: DOC,
    section: "Rural revitalization",
    sentences: [
      sentence("The third is rural revitalization.", 19),
      sentence("We will build *three parks*.", 19),
      sentence("Elsewhere, 20 villages.", 22, { section: "Villages", page: 4 }),
    ],
    otherSections: ["Economy", "Parks_and_green"],
    ...fields,
  });

  it("quotes the sentences in order, cited by paragraph where the heading names the place", () => {
    const embed = renderBriefEmbed(briefing(), TITLES, "abcdef123456");
    expect(embed.title).toBe("Briefing: rural revitalization");
    expect(embed.description).toBe(
      [
        `*On “rural revitalization”, from* ${TITLE} › Rural revitalization`,
        "",
        "> The third is rural revitalization.",
        "— ¶19",
        "",
        "> We will build \\*three parks\\*.",
        "— ¶19",
        "",
        "> Elsewhere, 20 villages.",
        `— ${TITLE} › Villages › ¶22, p. 4`,
      ].join("\n"),
    );
    expect(embed.fields).toEqual([{ name: "Other sections", value: "Economy · Parks\\_and\\_green" }]);
    expect(embed.footer?.text).toBe(`${TITLE} · index abcdef123456`);
  });

  it("names a section briefing by the section, and says when nothing is about the topic", () => {
    expect(renderBriefEmbed(briefing({ kind: "section", topic: "3" }), TITLES, "v").title).toBe(
      "Briefing: Rural revitalization",
    );
    const none = renderBriefEmbed(
      briefing({ kind: "none", doc: null, section: null, sentences: [], topic: "football" }),
      TITLES,
      "v",
    );
    expect(none.description).toMatch(/^No section or passage of the report is about “football”\./);
    expect(none.fields?.[0]?.name).toBe("Sections");
  });

  it("drops whole sentences from the end to stay within limits", () => {
    const long = Array.from({ length: 12 }, (_, i) => sentence(`${"word ".repeat(100)}${i}.`, i + 1));
    const embed = renderBriefEmbed(briefing({ sentences: long }), TITLES, "v");
    expect(embedViolations(embed)).toEqual([]);
    expect(embed.description).toMatch(/\*\d+ more sentences left out to stay within Discord's limits\.\*$/);
  });
});

describe("fitList", () => {
  it("keeps whole items and counts the rest", () => {
    expect(fitList(["aaaa", "bbbb", "cccc"], 100)).toBe("aaaa · bbbb · cccc");
    expect(fitList(["aaaa", "bbbbbbbbbb", "cccccccccc"], 20)).toBe("aaaa · …and 2 more");
  });
});

describe("renderOutlineEmbeds", () => {
  const section = (index: number, line: string | null, title: string | null = `Section ${index}`) =>
    ({
      index,
      title,
      label: title ?? "Lead",
      paragraphs: 2,
      sentences: 5,
      words: 120,
      line:
        line === null
          ? null
          : {
              text: line,
              doc: DOC,
              section: title ?? "Lead",
              paragraph: 1,
              start: 0,
              end: line.length,
            },
    }) as OutlineSection;
  const doc = (sections: OutlineSection[], fields: Partial<OutlineDocument> = {}): OutlineDocument => ({
    doc: DOC,
    title: TITLE,
    occasion: "18th meeting, August 22",
    source: "Minhang Newspaper",
    sections,
    ...fields,
  });

  it("lists each section numbered as /brief takes it, with its line in the report's words", () => {
    const o: Outline = { documents: [doc([section(0, "The lead *says*."), section(1, "First line.")])] };
    const [embed, ...rest] = renderOutlineEmbeds(o, "abcdef123456");
    expect(rest).toEqual([]);
    expect(embed?.title).toBe(TITLE);
    expect(embed?.description).toBe(
      [
        `${DOC} · 18th meeting, August 22 · Minhang Newspaper`,
        "",
        "**0. Section 0** (2 ¶, 120 words)",
        "> The lead \\*says\\*.",
        "",
        "**1. Section 1** (2 ¶, 120 words)",
        "> First line.",
      ].join("\n"),
    );
    expect(embed?.footer?.text).toBe("Sections are numbered as /brief takes them · index abcdef123456");
  });

  it("keeps every heading and drops whole lines, never cutting one, when the outline is long", () => {
    const long = "word ".repeat(150).trim() + ".";
    const d = doc(Array.from({ length: 12 }, (_, i) => section(i + 1, long)));
    const text = outlineDescription(d, 4096);
    expect(text.length).toBeLessThanOrEqual(4096);
    for (let i = 1; i <= 12; i++) expect(text).toContain(`**${i}. Section ${i}**`);
    const lines = text.split("\n").filter((l) => l.startsWith("> "));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.length).toBeLessThan(12);
    for (const l of lines) expect(l).toBe(`> ${long}`);
  });

  it("shares Discord's limits between many documents (property)", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 5, max: 600 }),
        (docs, sections, lineLength) => {
          const o: Outline = {
            documents: Array.from({ length: docs }, (_, i) =>
              doc(
                Array.from({ length: sections }, (_, j) => section(j + 1, "x".repeat(lineLength))),
                { doc: `doc-${i}.txt`, title: `Report ${i} `.repeat(20) },
              ),
            ),
          };
          const embeds = renderOutlineEmbeds(o, "v");
          expect(embeds.length).toBeLessThanOrEqual(10);
          const total = embeds.reduce(
            (n, e) =>
              n + (e.title?.length ?? 0) + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0),
            0,
          );
          expect(total).toBeLessThanOrEqual(DISCORD_LIMITS.embedTotal);
          for (const e of embeds) expect(embedViolations(e)).toEqual([]);
          if (docs > 10) expect(embeds.at(-1)?.description).toMatch(/more documents/);
        },
      ),
      { numRuns: 60 },
    );
  });
});
