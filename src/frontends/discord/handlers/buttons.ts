/** The buttons under answers and /quote pages: "More sources", 👍 / 👎, ◀ ▶. */
import type { ButtonInteraction } from "discord.js";
import type { AnswerRecord } from "../answer-cache.js";
import type { BotContext } from "../context.js";
import { parseButtonId, type Vote } from "../custom-ids.js";
import { answerIdsOf } from "../feedback-log.js";
import { unescapeMarkdown } from "../markdown.js";
import { NOTES, voteNote } from "../notes.js";
import type { QuoteRecord } from "../quote-cache.js";
import { renderQuotePage } from "../wording-render.js";
import { note, NO_MENTIONS } from "./respond.js";
import { showSources } from "./sources.js";

export type ButtonPlan =
  | { kind: "note"; content: string }
  | { kind: "sources"; record: AnswerRecord }
  | { kind: "page"; record: QuoteRecord; page: number }
  | { kind: "vote"; vote: Vote; answerId: string; record: AnswerRecord | undefined };

export interface ButtonLookups {
  answer(answerId: string): AnswerRecord | undefined;
  quotes(queryId: string): QuoteRecord | undefined;
}

/** What a press means: who may press what, and whether the bot still holds what the button points at. */
export function resolveButton(customId: string, userId: string, lookups: ButtonLookups): ButtonPlan {
  const action = parseButtonId(customId);
  if (!action) return { kind: "note", content: NOTES.unknownAnswer };
  if (action.kind === "page") {
    if (userId !== action.askerId) return { kind: "note", content: NOTES.onlyAskerPages };
    const record = lookups.quotes(action.queryId);
    return record
      ? { kind: "page", record, page: action.page }
      : { kind: "note", content: NOTES.unknownQuotes };
  }
  const record = lookups.answer(action.answerId);
  if (action.kind === "more") {
    if (userId !== action.askerId) return { kind: "note", content: NOTES.onlyAsker };
    return record ? { kind: "sources", record } : { kind: "note", content: NOTES.unknownAnswer };
  }
  return { kind: "vote", vote: action.vote, answerId: action.answerId, record };
}

export async function onButton(i: ButtonInteraction, ctx: BotContext): Promise<void> {
  const plan = resolveButton(i.customId, i.user.id, {
    answer: (id) => ctx.answers.get(id),
    quotes: (id) => ctx.quotes.get(id),
  });
  if (plan.kind === "note") return void (await note(i, plan.content));
  if (plan.kind === "sources") return showSources(i, ctx, plan.record);
  if (plan.kind === "page") {
    const ids = { queryId: plan.record.queryId, askerId: plan.record.askerId };
    const page = renderQuotePage(plan.record.view, plan.page, ids);
    return void (await i.update({
      embeds: [page.embed],
      components: page.components,
      allowedMentions: NO_MENTIONS,
    }));
  }
  const { record } = plan;
  const previous = await ctx.feedback.record({
    time: new Date(ctx.now()).toISOString(),
    answerId: plan.answerId,
    userId: i.user.id,
    vote: plan.vote,
    // After a restart only the message is left: its title is the question as shown.
    question: record?.answer.question ?? unescapeMarkdown(i.message.embeds[0]?.title ?? ""),
    ...(record ? answerIdsOf(record.answer) : { indexVersion: null, quoteIds: [], passageIds: [] }),
  });
  await note(i, voteNote(plan.vote, previous));
}
