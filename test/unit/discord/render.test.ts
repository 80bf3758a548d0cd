import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseButtonId } from "../../../src/frontends/discord/custom-ids.js";
import { DISCORD_LIMITS, embedLength, embedViolations } from "../../../src/frontends/discord/limits.js";
import {
  answerComponents,
  discordCitation,
  fitBlocks,
  footer,
  renderAboutEmbed,
  renderAnswerEmbed,
  renderSourcesEmbed,
} from "../../../src/frontends/discord/render.js";
import { unseenPassages } from "../../../src/frontends/shared/report-view.js";
import { quotedTexts } from "../../fixtures/embed-quotes.js";
import { answer, DOC, passage, quote, TITLE, TITLES } from "./fake-answer.js";

/** The quotes' words as a reader sees them: block-quote lines, markers stripped, escapes resolved. */

const words = (n: number, seed = "word") =>
  Array.from({ length: n }, (_, i) => `${seed}${i}`).join(" ") + ".";

describe("renderAnswerEmbed", () => {
  it("shows each quote as a block quote with its citation, the confidence and a footer", () => {
    const a = answer({
      quotes: [
        quote("The third is rural revitalization."),
        quote("Build *beautiful* villages.", { paragraph: 20 }),
      ],
    });
    const { embed, quotesShown } = renderAnswerEmbed(a, TITLES);
    expect(quotesShown).toBe(2);
    expect(embed.title).toBe("What is planned for rural revitalization?");
    expect(embed.description).toBe(
      [
        "**The report says:**",
        "",
        "> The third is rural revitalization.",
        `— ${TITLE} › Rural revitalization › ¶19`,
        "",
        "> Build \\*beautiful\\* villages.",
        `— ${TITLE} › Rural revitalization › ¶20`,
      ].join("\n"),
    );
    expect(embed.fields).toEqual([{ name: "Confidence", value: "0.87", inline: true }]);
    expect(embed.footer?.text).toBe(`${TITLE} · index abcdef123456`);
    expect(quotedTexts(embed.description ?? "")).toEqual(a.quotes.map((q) => q.text));
  });

  it("escapes markdown so quotes render as in the report", () => {
    const text = "Growth of 5% > target; see <@&123> and ||secret|| __notes__ * 2.";
    const { embed } = renderAnswerEmbed(answer({ quotes: [quote(text)] }), TITLES);
    expect(quotedTexts(embed.description ?? "")).toEqual([text]);
    expect(embed.description).toContain("\\<@&123>"); // shown as text, not as a role mention
  });

  it("drops whole lower-ranked quotes to stay within the description limit, never cutting one", () => {
    const quotes = [quote(words(500, "a")), quote(words(500, "b")), quote(words(500, "c"))];
    const { embed, quotesShown } = renderAnswerEmbed(answer({ quotes }), TITLES);
    expect(embedViolations(embed)).toEqual([]);
    expect(quotesShown).toBe(1);
    expect(quotedTexts(embed.description ?? "")).toEqual([quotes[0]?.text]);
    expect(embed.description).toContain("2 more quotes left out");
  });

  it("keeps every embed within Discord's limits and every shown quote intact (property)", () => {
    const text = fc.string({ unit: fc.constantFrom(..."ab *_<>#\n-1."), minLength: 1, maxLength: 3000 });
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 5 }),
        fc.string({ maxLength: 500 }),
        (texts, question) => {
          const quotes = texts.map((t) => quote(t));
          const { embed, quotesShown } = renderAnswerEmbed(answer({ quotes, question }), TITLES);
          expect(embedViolations(embed)).toEqual([]);
          // The shown quotes are the best ones, whole, in order.
          expect(quotedTexts(embed.description ?? "")).toEqual(texts.slice(0, quotesShown));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("says when even the best quote is too long, rather than cutting it", () => {
    const { embed, quotesShown } = renderAnswerEmbed(answer({ quotes: [quote(words(900))] }), TITLES);
    expect(quotesShown).toBe(0);
    expect(embed.description).toMatch(/^\*\*The report says:\*\*\n\n\*1 more quote left out/);
    expect(embedViolations(embed)).toEqual([]);
  });

  it.each([
    [0.95, "The report says:", 0x2e7d32],
    [0.6, "Probably:", 0xf9a825],
    [0.3, "Possibly (low confidence):", 0xef6c00],
  ])("an answer at %s opens with %s, the number beside it", (confidence, lead, color) => {
    const { embed } = renderAnswerEmbed(answer({ confidence }), TITLES);
    expect(embed.description?.split("\n")[0]).toBe(`**${lead}**`);
    expect(embed.color).toBe(color);
    expect(embed.fields).toEqual([{ name: "Confidence", value: confidence.toFixed(2), inline: true }]);
  });

  it("shortens a long question in the title only", () => {
    const question = "Why ".repeat(120).trim() + "?";
    const { embed } = renderAnswerEmbed(answer({ question }), TITLES);
    expect(embed.title?.length).toBeLessThanOrEqual(DISCORD_LIMITS.embedTitle);
    expect(embed.title?.endsWith("…")).toBe(true);
  });

  it("abstains plainly and lists the nearest sections, each once", () => {
    const passages = [
      passage("About parks.", { section: "Parks", paragraph: 3 }),
      passage("More about parks.", { section: "Parks", paragraph: 4 }),
      passage("Schools.", { section: "Education", paragraph: 9 }),
    ];
    const a = answer({
      answered: false,
      confidence: 0.12,
      quotes: [],
      passages,
      question: "Who won the cup?",
    });
    const { embed, quotesShown } = renderAnswerEmbed(a, TITLES);
    expect(quotesShown).toBe(0);
    expect(embed.description).toBe(
      [
        "The report may not answer this. Nearest passages:",
        `- ${TITLE} › Parks › ¶3`,
        `- ${TITLE} › Education › ¶9`,
      ].join("\n"),
    );
    expect(embed.description).not.toContain("> ");
    expect(embed.fields?.[0]?.value).toBe("0.12");
    expect(embed.footer?.text).toBe(`${TITLE} · index abcdef123456`);
  });
});

describe("citations and footers with several documents", () => {
  it("cites the page of a paged document (PDF)", () => {
    expect(discordCitation(quote("x", { doc: "plan.pdf", page: 7, paragraph: 3 }), TITLES)).toBe(
      "plan.pdf › Rural revitalization › ¶3, p. 7",
    );
    const { embed } = renderAnswerEmbed(
      answer({ quotes: [quote("Ferries from October.", { doc: "plan.pdf", page: 2 })] }),
      { ...TITLES, "plan.pdf": "Harbour plan" },
    );
    expect(embed.description).toContain("— Harbour plan › Rural revitalization › ¶19, p. 2");
  });

  it("names each document quoted once in the footer, whole names only", () => {
    const titles = { ...TITLES, "b.md": "Budget", "c.pdf": "Harbour plan" };
    const a = answer({
      quotes: [
        quote("One."),
        quote("Two.", { doc: "b.md" }),
        quote("Three."),
        quote("Four.", { doc: "c.pdf" }),
      ],
    });
    expect(renderAnswerEmbed(a, titles).embed.footer?.text).toBe(
      `${TITLE} · Budget · Harbour plan · index abcdef123456`,
    );
    const docs = Array.from({ length: 60 }, (_, i) => `d${i}.txt`);
    const long = footer(
      docs,
      Object.fromEntries(docs.map((d) => [d, `${"Long title ".repeat(5)}${d}`])),
      "v",
    );
    expect(long.text.length).toBeLessThanOrEqual(DISCORD_LIMITS.footerText);
    expect(long.text).toMatch(/ · \+\d+ more · index v$/);
  });
});

describe("renderSourcesEmbed", () => {
  const passages = [
    passage(words(10, "p")),
    passage(words(10, "q")),
    passage(words(10, "r")),
    passage(words(10, "s")),
  ];
  const a = answer({ passages });

  it("shows the next passages with citations and how many are left", () => {
    const { embed, shown } = renderSourcesEmbed(a, passages, TITLES, 3);
    expect(shown).toEqual(passages.slice(0, 3));
    expect(quotedTexts(embed.description ?? "")).toEqual(passages.slice(0, 3).map((p) => p.text));
    expect(embed.description).toContain(`— ${discordCitation(passages[0]!, TITLES)}`);
    expect(embed.footer?.text).toBe(`${TITLE} · 1 more · index abcdef123456`);
  });

  it("pages on from what was shown and skips passages overlapping it", () => {
    const overlapping = { ...passages[1]!, id: "overlap", start: passages[0]!.start + 3 };
    const unseen = unseenPassages({ passages: [passages[0]!, overlapping, ...passages.slice(1)] }, [
      passages[0]!,
    ]);
    expect(unseen.map((p) => p.id)).toEqual(passages.slice(1).map((p) => p.id));
  });

  it("fits long passages by showing fewer, and a too-long one by its citation", () => {
    const long = [passage(words(500, "x")), passage(words(500, "y"))];
    const fitted = renderSourcesEmbed(answer({ passages: long }), long, TITLES);
    expect(embedViolations(fitted.embed)).toEqual([]);
    expect(fitted.shown).toHaveLength(1);
    const huge = [passage(words(900, "z"))];
    const cited = renderSourcesEmbed(answer({ passages: huge }), huge, TITLES);
    expect(cited.shown).toHaveLength(1);
    expect(cited.embed.description).toContain("too long to show");
    expect(embedViolations(cited.embed)).toEqual([]);
  });
});

describe("renderAboutEmbed", () => {
  it("lists documents, passages, model and index version within limits", () => {
    const embed = renderAboutEmbed({
      documents: [
        { path: DOC, title: TITLE, occasion: "18th meeting, August 22", source: "Minhang Newspaper" },
      ],
      passages: 45,
      model: "all-MiniLM-L6-v2 (q4)",
      indexVersion: "abcdef123456",
      builtAt: "2025-01-01T00:00:00.000Z",
    });
    expect(embed.fields).toEqual([
      {
        name: TITLE,
        value: `18th meeting, August 22\nSource: Minhang Newspaper\nFile: ${DOC}`,
      },
      { name: "Passages", value: "45", inline: true },
      { name: "Model", value: "all-MiniLM-L6-v2 (q4)", inline: true },
      { name: "Index version", value: "abcdef123456", inline: true },
    ]);
    const many = renderAboutEmbed({
      documents: Array.from({ length: 40 }, (_, i) => ({
        path: `${i}.txt`,
        title: "T".repeat(300),
        occasion: "o".repeat(2000),
      })),
      passages: 1,
      model: "m",
      indexVersion: "v",
      builtAt: "t",
    });
    expect(embedViolations(many)).toEqual([]);
    expect(many.fields?.at(-1)?.name).toBe("Index version");
    expect(many.description).toMatch(/…and \d+ more documents \(see `\/outline`\)\.\*$/);
  });

  it("lists each of several documents with its occasion or date, source and file", () => {
    const embed = renderAboutEmbed({
      documents: [
        { path: DOC, title: TITLE, occasion: "18th meeting", date: "2024-08-22", source: "Paper" },
        { path: "harbour.pdf", title: "Harbour plan", date: "2025-03-01" },
      ],
      passages: 60,
      model: "m",
      indexVersion: "abcdef123456",
      builtAt: "t",
    });
    expect(embed.fields?.slice(0, 2)).toEqual([
      { name: TITLE, value: `18th meeting\nSource: Paper\nFile: ${DOC}` },
      { name: "Harbour plan", value: "2025-03-01\nFile: harbour.pdf" },
    ]);
    expect(embed.description).not.toContain("more documents");
  });
});

describe("fitBlocks", () => {
  it("keeps the longest prefix that fits, with the note", () => {
    expect(fitBlocks(["aaaa", "bbbb", "cccc"], 15, (n) => `+${n}`)).toEqual({
      text: "aaaa\n\nbbbb\n\n+1",
      kept: 2,
    });
    expect(fitBlocks(["aaaa", "bbbb"], 10)).toEqual({ text: "aaaa\n\nbbbb", kept: 2 });
    expect(fitBlocks(["aaaa", "bbbb", "cccc"], 9, (n) => `+${n}`)).toEqual({ text: "aaaa\n\n+2", kept: 1 });
    expect(
      embedLength({
        title: "ab",
        description: "c",
        fields: [{ name: "d", value: "ef" }],
        footer: { text: "g" },
      }),
    ).toBe(7);
  });
});

describe("answerComponents", () => {
  it("has More sources, 👍 and 👎 with ids that parse back and fit Discord", () => {
    const [row] = answerComponents("1234567890123456789", "9876543210987654321");
    const buttons = row?.components ?? [];
    expect(buttons.map((b) => ("label" in b && b.label) || ("emoji" in b && b.emoji?.name))).toEqual([
      "More sources",
      "👍",
      "👎",
    ]);
    const ids = buttons.map((b) => ("custom_id" in b ? b.custom_id : ""));
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(DISCORD_LIMITS.customId);
    expect(ids.map(parseButtonId)).toEqual([
      { kind: "more", answerId: "1234567890123456789", askerId: "9876543210987654321" },
      { kind: "vote", vote: "up", answerId: "1234567890123456789" },
      { kind: "vote", vote: "down", answerId: "1234567890123456789" },
    ]);
    expect(parseButtonId("something-else")).toBeNull();
  });
});
