/**
 * Pure renderers for /quote, /brief and /outline: engine data in, Discord message JSON out. As for answers,
 * the report's words are never cut or reworded: to stay within Discord's limits whole items are dropped
 * (or, for /quote, paged), and quoted text is escaped so it renders exactly as in the report.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import type { DocTitles } from "../../answer/citation.js";
import type { Briefing } from "../../briefing/brief.js";
import type { Outline, OutlineDocument, OutlineSection } from "../../briefing/outline.js";
import type { QuoteHit } from "../../wording/find-quotes.js";
import { buttonId } from "./custom-ids.js";
import { DISCORD_LIMITS as L, embedLength } from "./limits.js";
import { blockQuote, escapeMarkdown, escapeWithin } from "./markdown.js";
import { discordCitation, fitBlocks, footer, paragraphRef } from "./render.js";

const COLOR = { found: 0x2e7d32, none: 0x9e9e9e, info: 0x546e7a } as const;
const SEP = "\n\n";
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

// --- /quote ------------------------------------------------------------------------------------------

/** Most hits on one page: more is a wall of text, even when Discord would take it. */
export const HITS_PER_PAGE = 5;
/** Room kept for the title-independent rest of a quote page (footer); the footer stays far below it. */
const QUOTE_FOOTER_RESERVE = 200;

/**
 * The hit's sentence verbatim and escaped, its matched words in **bold**. The bold markers go around the
 * match (per line, so a match over a line break stays inside the block quote); no character of the
 * sentence is added, removed or changed.
 */
export function boldMatch(hit: Pick<QuoteHit, "text" | "start" | "match">): string {
  const clamp = (x: number) => Math.max(0, Math.min(hit.text.length, x));
  const a = clamp(hit.match.start - hit.start);
  const b = Math.max(a, clamp(hit.match.end - hit.start));
  const matched = hit.text
    .slice(a, b)
    .split("\n")
    .map((line) => {
      const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(line) as RegExpExecArray;
      const [, lead = "", core = "", trail = ""] = m;
      return core ? `${lead}**${escapeMarkdown(core)}**${trail}` : line;
    })
    .join("\n");
  return `${escapeMarkdown(hit.text.slice(0, a))}${matched}${escapeMarkdown(hit.text.slice(b))}`;
}

/** A hit as Discord shows it: the sentence as a block quote with the match in bold, its citation below. */
export function quoteHitBlock(hit: QuoteHit, titles: DocTitles): string {
  const near = hit.exact ? "" : "*near match* · ";
  return `${blockQuote(boldMatch(hit))}\n— ${near}${escapeMarkdown(discordCitation(hit, titles))}`;
}

/** A hit whose sentence alone is too long for a message: its citation, and a word on why. */
function tooLongBlock(hit: QuoteHit, titles: DocTitles): string {
  const near = hit.exact ? "" : "*near match* · ";
  return `— ${near}${escapeMarkdown(discordCitation(hit, titles))}\n*This sentence is too long to show in Discord; \`npm run quote\` prints it.*`;
}

export interface PageRange {
  /** Index of the first item of the page. */
  start: number;
  /** One past the last item. */
  end: number;
}

/**
 * Splits items of the given lengths into pages, in order: each page takes as many whole items as fit
 * `budget` characters (joined by `separatorLength`) up to `maxPerPage`. An item longer than the budget on
 * its own gets a page to itself (its renderer shows it shortened to its citation). Every item is on
 * exactly one page.
 */
export function pageRanges(
  lengths: readonly number[],
  budget: number,
  maxPerPage = HITS_PER_PAGE,
  separatorLength = SEP.length,
): PageRange[] {
  const pages: PageRange[] = [];
  let start = 0;
  while (start < lengths.length) {
    let end = start + 1;
    let used = lengths[start] ?? 0;
    while (end < lengths.length && end - start < maxPerPage) {
      const next = used + separatorLength + (lengths[end] ?? 0);
      if (used > budget || next > budget) break;
      used = next;
      end++;
    }
    pages.push({ start, end });
    start = end;
  }
  return pages;
}

/** What a /quote shows, kept so its pages can be turned later. */
export interface QuoteView {
  phrase: string;
  /** The document the search was narrowed to, if any. */
  doc?: string | undefined;
  hits: QuoteHit[];
  /** True when the engine stopped at its cap: "first N hits", not "all N hits". */
  capped: boolean;
  titles: DocTitles;
  indexVersion: string;
}

export interface QuotePage {
  embed: APIEmbed;
  components: APIActionRowComponent<APIButtonComponent>[];
  page: number;
  pages: number;
}

function quoteTitle(view: QuoteView): string {
  return escapeWithin(`Quotes of “${view.phrase}”`, L.embedTitle);
}

function quoteBudget(view: QuoteView): number {
  return Math.min(L.embedDescription, L.embedTotal - quoteTitle(view).length - QUOTE_FOOTER_RESERVE);
}

/** The pages of a /quote: a pure function of the hits, so a button press can recompute them. */
export function quotePages(view: QuoteView): PageRange[] {
  const blocks = view.hits.map((h) => quoteHitBlock(h, view.titles));
  return pageRanges(
    blocks.map((b) => b.length),
    quoteBudget(view),
  );
}

function hitCounts(view: QuoteView): string {
  const exact = view.hits.filter((h) => h.exact).length;
  const near = view.hits.length - exact;
  const kinds = [exact && `${exact} exact`, near && `${near} near`].filter(Boolean).join(", ");
  return `${plural(view.hits.length, "hit", "hits")} (${kinds})`;
}

/**
 * One page of a /quote: exact hits first (in report order), then near hits, each marked. With more than
 * one page, ◀ ▶ buttons that only the asker may press (`ids`); without `ids` no buttons.
 */
export function renderQuotePage(
  view: QuoteView,
  page = 0,
  ids?: { queryId: string; askerId: string },
): QuotePage {
  const title = quoteTitle(view);
  if (view.hits.length === 0) {
    const where = view.doc ? (view.titles[view.doc] ?? view.doc) : "the report";
    return {
      embed: {
        title,
        color: COLOR.none,
        description: escapeMarkdown(
          `No occurrence of “${view.phrase}” in ${where}, not even a near one. Words must match whole, and figures exactly.`,
        ),
        footer: { text: `index ${view.indexVersion}` },
      },
      components: [],
      page: 0,
      pages: 1,
    };
  }
  const ranges = quotePages(view);
  const p = Math.max(0, Math.min(ranges.length - 1, Math.floor(page)));
  const range = ranges[p] as PageRange;
  const hits = view.hits.slice(range.start, range.end);
  const blocks = hits.map((h) => quoteHitBlock(h, view.titles));
  const budget = quoteBudget(view);
  const fitted = fitBlocks(blocks, budget);
  const description =
    fitted.kept === blocks.length ? fitted.text : tooLongBlock(hits[0] as QuoteHit, view.titles);
  const all = view.capped ? `first ${hitCounts(view)}` : `all ${hitCounts(view)}`;
  const where = ranges.length > 1 ? `${all} · page ${p + 1} of ${ranges.length} · ` : `${hitCounts(view)} · `;
  const embed: APIEmbed = {
    title,
    color: COLOR.found,
    description,
    footer: footer(
      hits.map((h) => h.doc),
      view.titles,
      view.indexVersion,
      where,
    ),
  };
  // The names of many documents could crowd the footer; the page and the counts matter more.
  if (embedLength(embed) > L.embedTotal || (embed.footer?.text.length ?? 0) > QUOTE_FOOTER_RESERVE) {
    embed.footer = { text: `${where}index ${view.indexVersion}` };
  }
  const components = ranges.length > 1 && ids ? pageButtons(ids, p, ranges.length) : [];
  return { embed, components, page: p, pages: ranges.length };
}

/** ◀, the page number (not a button one presses) and ▶. */
export function pageButtons(
  ids: { queryId: string; askerId: string },
  page: number,
  pages: number,
): APIActionRowComponent<APIButtonComponent>[] {
  const to = (target: number) => buttonId({ kind: "page", ...ids, page: target });
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "◀",
          custom_id: to(Math.max(0, page - 1)),
          disabled: page === 0,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: `${page + 1} / ${pages}`,
          custom_id: `rqb:pageof:${ids.queryId}`,
          disabled: true,
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "▶",
          custom_id: to(Math.min(pages - 1, page + 1)),
          disabled: page === pages - 1,
        },
      ],
    },
  ];
}

// --- /brief ------------------------------------------------------------------------------------------

/**
 * Items joined by ` · ` within `max` characters, whole: those that do not fit are counted, not cut. For
 * lists of headings (the report's section titles).
 */
export function fitList(items: readonly string[], max: number): string {
  for (let kept = items.length; kept >= 0; kept--) {
    const dropped = items.length - kept;
    const parts = items.slice(0, kept).map(escapeMarkdown);
    if (dropped > 0) parts.push(`…and ${dropped} more`);
    const text = parts.join(" · ");
    if (text.length <= max) return text;
  }
  return "";
}

/**
 * A briefing: the sentences in report order as block quotes, each cited (by paragraph, and page, when it
 * stands in the section the heading names; in full otherwise), then a field listing the other sections.
 */
export function renderBriefEmbed(b: Briefing, titles: DocTitles, indexVersion: string): APIEmbed {
  const docTitle = b.doc ? (titles[b.doc] ?? b.doc) : undefined;
  const others = b.otherSections.length > 0 ? fitList(b.otherSections, L.fieldValue) : "";
  if (b.kind === "none" || b.sentences.length === 0) {
    return {
      title: escapeWithin(`Briefing: ${b.topic}`, L.embedTitle),
      color: COLOR.none,
      description: escapeMarkdown(
        `No section or passage of the report is about “${b.topic}”. Try a section number or title (autocomplete lists them), or other words.`,
      ),
      ...(others && { fields: [{ name: "Sections", value: others }] }),
      footer: { text: `index ${indexVersion}` },
    };
  }
  const base: APIEmbed = {
    title: escapeWithin(
      b.kind === "section" ? `Briefing: ${b.section ?? b.topic}` : `Briefing: ${b.topic}`,
      L.embedTitle,
    ),
    color: COLOR.found,
    ...(others && { fields: [{ name: "Other sections", value: others }] }),
    footer: footer(b.doc ? [b.doc] : [], titles, indexVersion),
  };
  const where = escapeMarkdown(`${docTitle ?? ""} › ${b.section ?? ""}`);
  const intro = b.kind === "section" ? `*From* ${where}` : `*On “${escapeMarkdown(b.topic)}”, from* ${where}`;
  const blocks = b.sentences.map((s) => {
    const here = s.doc === b.doc && s.section === b.section;
    const cite = here ? paragraphRef(s) : discordCitation(s, titles);
    return `${blockQuote(escapeMarkdown(s.text))}\n— ${escapeMarkdown(cite)}`;
  });
  const budget = Math.min(L.embedDescription, L.embedTotal - embedLength(base)) - intro.length - SEP.length;
  const fitted = fitBlocks(
    blocks,
    budget,
    (n) => `*${plural(n, "more sentence", "more sentences")} left out to stay within Discord's limits.*`,
  );
  return { ...base, description: `${intro}${SEP}${fitted.text}` };
}

// --- /outline ----------------------------------------------------------------------------------------

/** Most embeds in one message. */
const MAX_EMBEDS = 10;

function sectionHead(s: OutlineSection): string {
  const size = `${plural(s.paragraphs, "¶", "¶")}, ${plural(s.words, "word", "words")}`;
  return `**${s.index}. ${escapeMarkdown(s.label)}** (${size})`;
}

/**
 * One document's sections within `budget` characters: each heading with its line in the report's words
 * while they fit; then, from the last section back, headings without their line; then whole sections
 * left out, counted. A line is never shortened.
 */
export function outlineDescription(d: OutlineDocument, budget: number): string {
  const meta = escapeWithin(
    [d.doc, d.speaker, d.occasion ?? d.date, d.source].filter(Boolean).join(" · "),
    Math.max(1, Math.floor(budget / 3)),
  );
  const full = d.sections.map((s) =>
    s.line ? `${sectionHead(s)}\n${blockQuote(escapeMarkdown(s.line.text))}` : sectionHead(s),
  );
  const bare = d.sections.map(sectionHead);
  const room = budget - meta.length - SEP.length;
  for (let withLine = full.length; withLine >= 0; withLine--) {
    const blocks = [...full.slice(0, withLine), ...bare.slice(withLine)];
    const text = blocks.join(SEP);
    if (text.length <= room) return `${meta}${SEP}${text}`;
  }
  const fitted = fitBlocks(bare, room, (n) => `*…and ${plural(n, "more section", "more sections")}.*`, "\n");
  return `${meta}${SEP}${fitted.text}`;
}

/**
 * The outline: one embed per document (up to ten per message, sharing Discord's 6000 characters), each
 * listing its sections numbered as /brief takes them, with one line each in the report's words.
 */
export function renderOutlineEmbeds(o: Outline, indexVersion: string): APIEmbed[] {
  if (o.documents.length === 0) {
    return [{ title: "Outline", color: COLOR.none, description: "No documents are indexed." }];
  }
  const more = o.documents.length > MAX_EMBEDS ? o.documents.length - (MAX_EMBEDS - 1) : 0;
  const docs = more > 0 ? o.documents.slice(0, MAX_EMBEDS - 1) : o.documents;
  const tail = `Sections are numbered as /brief takes them · index ${indexVersion}`;
  const moreEmbed: APIEmbed | undefined =
    more > 0
      ? {
          color: COLOR.info,
          description: `*…and ${plural(more, "more document", "more documents")}: add \`doc:\` to see one.*`,
        }
      : undefined;
  const titles = docs.map((d) => escapeWithin(d.title, L.embedTitle));
  const fixed =
    titles.reduce((n, t) => n + t.length, 0) + tail.length + (moreEmbed ? embedLength(moreEmbed) : 0);
  const share = Math.floor((L.embedTotal - fixed) / docs.length);
  const budget = Math.max(0, Math.min(L.embedDescription, share));
  const embeds: APIEmbed[] = docs.map((d, i) => ({
    title: titles[i] as string,
    color: COLOR.info,
    description: outlineDescription(d, budget),
  }));
  if (moreEmbed) embeds.push(moreEmbed);
  (embeds[embeds.length - 1] as APIEmbed).footer = { text: tail };
  return embeds;
}
