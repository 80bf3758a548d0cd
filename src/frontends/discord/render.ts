/**
 * Pure renderers: engine data in, Discord message JSON out. Quotes are never cut or reworded; when
 * something must give to stay within Discord's limits, whole lower-ranked quotes are dropped.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from "discord.js";
import type { DocTitles } from "../../answer/citation.js";
import type { Answer, PassageOut, Quote } from "../../answer/types.js";
import { confidenceWords, type ConfidenceLevel } from "../shared/confidence-words.js";
import { nearestSections, type AboutIndex } from "../shared/report-view.js";
import { buttonId } from "./custom-ids.js";
import { DISCORD_LIMITS as L, embedLength } from "./limits.js";
import { blockQuote, escapeMarkdown, escapeWithin } from "./markdown.js";

const COLOR = { info: 0x546e7a } as const;
/** The embed's colour says how sure the answer is, as its first line does in words. */
const LEVEL_COLOR: Record<ConfidenceLevel, number> = {
  high: 0x2e7d32,
  medium: 0xf9a825,
  low: 0xef6c00,
  abstained: 0x9e9e9e,
};
const SEP = "\n\n";

export type Located = Pick<Quote, "doc" | "section" | "paragraph" | "page">;

/**
 * `Title › Section › ¶n`, with `, p. N` for paged documents (PDF), unescaped. Character offsets are left
 * out: readers look for the paragraph, or the page.
 */
export function discordCitation(q: Located, titles: DocTitles): string {
  return `${titles[q.doc] ?? q.doc} › ${q.section} › ${paragraphRef(q)}`;
}

/** `¶n`, or `¶n, p. N` for paged documents: the citation once document and section are named. */
export function paragraphRef(q: Pick<Quote, "paragraph" | "page">): string {
  return `¶${q.paragraph}${q.page ? `, p. ${q.page}` : ""}`;
}

/** A quote or passage as Discord shows it: the words as a block quote, its citation below. */
export function quoteBlock(q: Located & { text: string }, titles: DocTitles): string {
  return `${blockQuote(escapeMarkdown(q.text))}\n— ${escapeMarkdown(discordCitation(q, titles))}`;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Plain text (footers do not render markdown) shortened with an ellipsis; for metadata, never for quotes. */
function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The longest prefix of `blocks` that fits `budget` characters, followed by `note(dropped)` when any were
 * left out. Only whole blocks are dropped, from the end (the lowest-ranked).
 */
export function fitBlocks(
  blocks: readonly string[],
  budget: number,
  note?: (dropped: number) => string,
  separator = SEP,
): { text: string; kept: number } {
  for (let kept = blocks.length; kept >= 0; kept--) {
    const dropped = blocks.length - kept;
    const parts = blocks.slice(0, kept);
    if (dropped > 0 && note) parts.push(note(dropped));
    const text = parts.join(separator);
    if (text.length <= budget) return { text, kept };
  }
  return { text: "", kept: 0 };
}

/** Room left for a description once the rest of the embed is counted. */
function descriptionBudget(rest: APIEmbed): number {
  return Math.min(L.embedDescription, L.embedTotal - embedLength(rest));
}

/**
 * `Title A · Title B · <extra>index <version>`: each document quoted, named once. Should the names not fit
 * (a long shelf), whole names are left out for a count; only a single name too long on its own is clipped.
 */
export function footer(
  docs: Iterable<string>,
  titles: DocTitles,
  version: string,
  extra = "",
): { text: string } {
  const names = [...new Set([...docs].map((d) => titles[d] ?? d))];
  const tail = `${extra}index ${version}`;
  const room = L.footerText - tail.length - 3;
  let shown = names.length;
  const joined = (n: number) =>
    [...names.slice(0, n), ...(n < names.length ? [`+${names.length - n} more`] : [])].join(" · ");
  while (shown > 1 && joined(shown).length > room) shown--;
  const text = joined(shown);
  return { text: `${text ? `${clip(text, room)} · ` : ""}${tail}` };
}

export interface RenderedAnswer {
  embed: APIEmbed;
  /** How many of the answer's quotes are in the embed; the rest were dropped to fit. */
  quotesShown: number;
}

export function renderAnswerEmbed(answer: Answer, titles: DocTitles): RenderedAnswer {
  const words = confidenceWords(answer);
  const base: APIEmbed = {
    title: escapeWithin(answer.question, L.embedTitle),
    color: LEVEL_COLOR[words.level],
    fields: [
      { name: "Confidence", value: words.number, inline: true },
      ...(answer.searchedFor
        ? [{ name: "Searched for", value: escapeWithin(answer.searchedFor, L.fieldValue), inline: true }]
        : []),
    ],
  };
  if (!answer.answered) {
    const near = nearestSections(answer);
    base.footer = footer(
      near.length > 0 ? near.map((p) => p.doc) : Object.keys(titles),
      titles,
      answer.index.version,
    );
    const bullets = near.map((p) => `- ${escapeMarkdown(discordCitation(p, titles))}`);
    const intro = escapeMarkdown(words.lead);
    const fitted = fitBlocks([intro, ...bullets], descriptionBudget(base), (n) => `- …and ${n} more`, "\n");
    return { embed: { ...base, description: fitted.text }, quotesShown: 0 };
  }
  base.footer = footer(
    answer.quotes.map((q) => q.doc),
    titles,
    answer.index.version,
  );
  // The words of the confidence always open the answer; only quotes give way to the limits.
  const lead = `**${escapeMarkdown(words.lead)}**`;
  const fitted = fitBlocks(
    answer.quotes.map((q) => quoteBlock(q, titles)),
    descriptionBudget(base) - lead.length - SEP.length,
    (n) =>
      `*${plural(n, "more quote", "more quotes")} left out to stay within Discord's limits; "More sources" shows the passages.*`,
  );
  return { embed: { ...base, description: `${lead}${SEP}${fitted.text}` }, quotesShown: fitted.kept };
}

export interface RenderedSources {
  embed: APIEmbed;
  /** The passages now shown, to mark as seen. */
  shown: PassageOut[];
}

/**
 * The next page of an answer's passages: up to `pageSize` of `unseen`, as many as fit. A passage too long
 * for Discord on its own is shown by its citation only, so paging still moves on.
 */
export function renderSourcesEmbed(
  answer: Answer,
  unseen: readonly PassageOut[],
  titles: DocTitles,
  pageSize = 3,
): RenderedSources {
  const page = unseen.slice(0, pageSize);
  const base: APIEmbed = {
    title: escapeWithin(`Sources: ${answer.question}`, L.embedTitle),
    color: COLOR.info,
  };
  // The footer depends on how many fit; assume the longest form while fitting.
  base.footer = footer(
    page.map((p) => p.doc),
    titles,
    answer.index.version,
    `${unseen.length} more · `,
  );
  const budget = descriptionBudget(base);
  const blocks = page.map((p) => quoteBlock(p, titles));
  let fitted = fitBlocks(blocks, budget);
  let shown = page.slice(0, fitted.kept);
  if (fitted.kept === 0 && page[0]) {
    const first = page[0];
    fitted = {
      text: `${escapeMarkdown(discordCitation(first, titles))}\n*This passage is too long to show in Discord.*`,
      kept: 1,
    };
    shown = [first];
  }
  const more = unseen.length - shown.length;
  return {
    embed: {
      ...base,
      description: fitted.text,
      footer: footer(
        shown.map((p) => p.doc),
        titles,
        answer.index.version,
        more > 0 ? `${more} more · ` : "",
      ),
    },
    shown,
  };
}

const ABOUT_INTRO =
  "I answer questions about the documents below in their own words: every answer is a verbatim quote with the place it stands. Ask with `/ask`; find exact wording with `/quote`, a briefing with `/brief`, the layout with `/outline`. Add `doc:` to look at one document.";

export function renderAboutEmbed(about: AboutIndex): APIEmbed {
  const docFields: APIEmbedField[] = about.documents.map((d) => ({
    name: clip(d.title, L.fieldName),
    value: clip(
      [d.occasion ?? d.date, d.source && `Source: ${d.source}`, `File: ${d.path}`]
        .filter(Boolean)
        .map((line) => escapeMarkdown(line as string))
        .join("\n"),
      L.fieldValue,
    ),
  }));
  const facts: APIEmbedField[] = [
    { name: "Passages", value: String(about.passages), inline: true },
    { name: "Model", value: clip(about.model, L.fieldValue), inline: true },
    { name: "Index version", value: about.indexVersion, inline: true },
  ];
  const embed: APIEmbed = {
    title: "About this bot",
    color: COLOR.info,
    description: ABOUT_INTRO,
    fields: [...docFields.slice(0, L.embedFields - facts.length), ...facts],
    footer: { text: `Index built ${about.builtAt}` },
  };
  // Many long document entries could pass the total; drop the last documents, keep the facts.
  const tooMany = (e: APIEmbed) =>
    embedLength(e) + (e.fields?.length === docFields.length + facts.length ? 0 : 80) > L.embedTotal;
  while (tooMany(embed) && (embed.fields?.length ?? 0) > facts.length) {
    embed.fields?.splice(embed.fields.length - facts.length - 1, 1);
  }
  const left = docFields.length - ((embed.fields?.length ?? 0) - facts.length);
  if (left > 0) {
    embed.description = `${ABOUT_INTRO}\n*…and ${plural(left, "more document", "more documents")} (see \`/outline\`).*`;
  }
  return embed;
}

/** "More sources", 👍 and 👎 under an answer. */
export function answerComponents(
  answerId: string,
  askerId: string,
): APIActionRowComponent<APIButtonComponent>[] {
  return [
    {
      type: ComponentType.ActionRow,
      components: [
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          label: "More sources",
          custom_id: buttonId({ kind: "more", answerId, askerId }),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          emoji: { name: "👍" },
          custom_id: buttonId({ kind: "vote", vote: "up", answerId }),
        },
        {
          type: ComponentType.Button,
          style: ButtonStyle.Secondary,
          emoji: { name: "👎" },
          custom_id: buttonId({ kind: "vote", vote: "down", answerId }),
        },
      ],
    },
  ];
}
