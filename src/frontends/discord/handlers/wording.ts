/**
 * `/quote`, `/brief` and `/outline`: the wording tools, pure functions of one index (a refresh meanwhile
 * does not change it for the request), each as a deferred reply.
 */
import type { ChatInputCommandInteraction } from "discord.js";
import { brief } from "../../../briefing/brief.js";
import { outline } from "../../../briefing/outline.js";
import { findQuotes } from "../../../wording/find-quotes.js";
import { titlesOf } from "../../shared/report-view.js";
import { DOC_OPTION, PHRASE_OPTION, TOPIC_OPTION } from "../commands.js";
import type { BotContext } from "../context.js";
import { renderBriefEmbed, renderOutlineEmbeds, renderQuotePage, type QuoteView } from "../wording-render.js";
import { admit, deferred, NO_MENTIONS } from "./respond.js";
import { resolveBrief, resolveOutline, resolveQuote } from "./resolve-options.js";

/** Most hits /quote asks the engine for; the message says "first N hits" when there are that many. */
export const QUOTE_MAX_HITS = 200;

export async function onQuote(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const store = ctx.engine.answerer().store;
  const raw = { phrase: i.options.getString(PHRASE_OPTION) ?? "", doc: i.options.getString(DOC_OPTION) };
  const request = await admit(i, ctx, () => resolveQuote(raw, store));
  if (!request) return;
  const { phrase, doc } = request;
  await deferred(i, ctx, "quote", async () => {
    const hits = findQuotes(store, phrase, { doc, maxHits: QUOTE_MAX_HITS });
    const view: QuoteView = {
      phrase,
      doc,
      hits,
      capped: hits.length >= QUOTE_MAX_HITS,
      titles: titlesOf(store),
      indexVersion: store.manifest.indexVersion,
    };
    const ids = { queryId: i.id, askerId: i.user.id };
    ctx.quotes.put({ ...ids, view });
    const page = renderQuotePage(view, 0, ids);
    await i.editReply({ embeds: [page.embed], components: page.components, allowedMentions: NO_MENTIONS });
    return { phrase, doc: doc ?? null, hits: hits.length, exact: hits.filter((h) => h.exact).length };
  });
}

export async function onBrief(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const store = ctx.engine.answerer().store;
  const raw = { topic: i.options.getString(TOPIC_OPTION) ?? "", doc: i.options.getString(DOC_OPTION) };
  const request = await admit(i, ctx, () => resolveBrief(raw, store));
  if (!request) return;
  await deferred(i, ctx, "brief", async () => {
    const briefing = brief(store, request.request, { doc: request.doc });
    const embed = renderBriefEmbed(briefing, titlesOf(store), store.manifest.indexVersion);
    await i.editReply({ embeds: [embed], components: [], allowedMentions: NO_MENTIONS });
    const facts = { kind: briefing.kind, sentences: briefing.sentences.length };
    return { topic: request.request, doc: briefing.doc, ...facts };
  });
}

export async function onOutline(i: ChatInputCommandInteraction, ctx: BotContext): Promise<void> {
  const store = ctx.engine.answerer().store;
  // A long shelf's outline takes real work: it counts toward the limit like a question.
  const request = await admit(i, ctx, () => resolveOutline({ doc: i.options.getString(DOC_OPTION) }, store));
  if (!request) return;
  await deferred(i, ctx, "outline", async () => {
    const embeds = renderOutlineEmbeds(outline(store, { doc: request.doc }), store.manifest.indexVersion);
    await i.editReply({ embeds, components: [], allowedMentions: NO_MENTIONS });
    return { doc: request.doc ?? null, documents: embeds.length };
  });
}
