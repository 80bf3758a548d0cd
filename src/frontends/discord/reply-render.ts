/**
 * A conversation's reply as a Discord message: an answer embed with its buttons, a follow-up's text of the
 * report, a page of sources, or a short note. Pure: the bot sends what this returns.
 */
import type { APIEmbed } from "discord.js";
import type { DocTitles } from "../../answer/citation.js";
import type { PassageOut } from "../../answer/types.js";
import type { Reply } from "../../conversation/conversation.js";
import { FOLLOW_UP_HINT, passageIntro, replyNote, WHAT_I_DO } from "../shared/conversation-notes.js";
import { unseenPassages } from "../shared/report-view.js";
import { DISCORD_LIMITS as L } from "./limits.js";
import { escapeMarkdown, escapeWithin } from "./markdown.js";
import { NOTES } from "./notes.js";
import {
  answerComponents,
  fitBlocks,
  footer,
  quoteBlock,
  renderAnswerEmbed,
  renderSourcesEmbed,
} from "./render.js";

export const DISCORD_HELP = `${WHAT_I_DO} Ask with \`/ask\` or by mentioning me; \`/quote\` finds exact wording, \`/brief\` briefs on a section or topic, \`/outline\` shows the layout, \`/about\` lists the documents.\n${FOLLOW_UP_HINT}`;

const COLOR_PASSAGE = 0x546e7a;

export interface ReplyBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: ReturnType<typeof answerComponents>;
}

export interface RenderedReply {
  body: ReplyBody;
  /** Quotes of an answer in the embed (the rest were dropped to fit). */
  quotesShown: number;
  /** Passages now shown as sources, to mark as seen. */
  sourcesShown: PassageOut[];
}

export function renderReply(
  reply: Reply,
  titles: DocTitles,
  ids: { answerId: string; askerId: string },
): RenderedReply {
  const none = { quotesShown: 0, sourcesShown: [] };
  const note = replyNote(reply, DISCORD_HELP);
  // Our own words (no user text in them), so markdown such as `/ask` renders.
  if (note !== undefined) return { body: { content: note.slice(0, L.content) }, ...none };
  if (reply.kind === "answer") {
    const { embed, quotesShown } = renderAnswerEmbed(reply.answer, titles);
    return {
      body: { embeds: [embed], components: answerComponents(ids.answerId, ids.askerId) },
      quotesShown,
      sourcesShown: [],
    };
  }
  if (reply.kind === "passage") return { body: { embeds: [renderPassageEmbed(reply, titles)] }, ...none };
  if (reply.kind === "sources") {
    const unseen = unseenPassages(reply.turn.answer, reply.turn.shown);
    if (unseen.length === 0) return { body: { content: NOTES.noMoreSources }, ...none };
    const { embed, shown } = renderSourcesEmbed(reply.turn.answer, unseen, titles);
    return { body: { embeds: [embed] }, quotesShown: 0, sourcesShown: shown };
  }
  return { body: { content: NOTES.internalError }, ...none };
}

/** The text a follow-up read on to, under a line saying what it is; never cut (too long: citation only). */
export function renderPassageEmbed(reply: Extract<Reply, { kind: "passage" }>, titles: DocTitles): APIEmbed {
  const base: APIEmbed = {
    title: escapeWithin(reply.turn.question, L.embedTitle),
    color: COLOR_PASSAGE,
    footer: footer([reply.quote.doc], titles, reply.turn.answer.index.version),
  };
  const intro = `*${escapeMarkdown(passageIntro(reply))}*`;
  const fitted = fitBlocks([intro, quoteBlock(reply.quote, titles)], L.embedDescription - 200);
  const description =
    fitted.kept === 2
      ? fitted.text
      : `${intro}\n*This passage is too long to show in Discord; \`/sources\` lists where it stands.*`;
  return { ...base, description };
}
