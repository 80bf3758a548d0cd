/** A message that mentions the bot (or replies to it): the same reply as /ask, as a reply, pinging no one. */
import type { Message } from "discord.js";
import type { BotContext } from "../context.js";
import { converse, logFailure, rememberSent, type MessageMeta } from "../converse.js";
import { isAddressedToBot, questionFromMessage, type BotIdentity, type MessageFacts } from "../mentions.js";
import { admitMessage } from "../admission.js";
import { errorNote, mentionHint } from "../notes.js";
import type { ReplyBody } from "../reply-render.js";
import { NO_MENTIONS_REPLY } from "./respond.js";
import { lengthProblem } from "./resolve-options.js";

export type MentionPlan =
  /** Not for the bot: stay quiet. */
  { kind: "ignore" } | { kind: "note"; content: string } | { kind: "message"; text: string };

/** Whether and how to answer a message, from its facts alone. */
export function resolveMention(
  message: MessageFacts,
  bot: BotIdentity,
  messageContent: boolean,
): MentionPlan {
  if (!isAddressedToBot(message, bot)) return { kind: "ignore" };
  // Without the Message Content intent, a reply that does not ping the bot arrives with no text.
  const text = questionFromMessage(message.content, bot);
  if (!text) return { kind: "note", content: mentionHint(messageContent) };
  const invalid = lengthProblem(text);
  return invalid ? { kind: "note", content: invalid } : { kind: "message", text };
}

export async function onMessage(m: Message, ctx: BotContext): Promise<void> {
  const me = ctx.client()?.user;
  if (!me || m.system) return;
  const bot = { userId: me.id, roleId: m.guild?.members.me?.roles.botRole?.id };
  const facts: MessageFacts = {
    content: m.content,
    authorIsBot: m.author.bot,
    mentionedUserIds: [...m.mentions.users.keys()],
    mentionedRoleIds: [...m.mentions.roles.keys()],
    repliedToUserId: m.mentions.repliedUser?.id ?? null,
  };
  const plan = resolveMention(facts, bot, ctx.messageContent());
  if (plan.kind === "ignore") return;
  const started = performance.now();
  const reply = (body: ReplyBody) =>
    m.reply({ ...body, allowedMentions: NO_MENTIONS_REPLY, failIfNotExists: false });
  // Every message addressed to the bot counts, an empty or over-long one too: each would be a reply.
  const admission = admitMessage(ctx.limiter.take(m.author.id), plan, ctx.rateLimit);
  if (admission.kind === "silent") return;
  if (admission.kind === "note") return void (await reply({ content: admission.content }));
  if ("sendTyping" in m.channel) void m.channel.sendTyping().catch(() => undefined);
  const meta: MessageMeta = {
    via: "mention",
    answerId: m.id,
    askerId: m.author.id,
    guildId: m.guildId,
    channelId: m.channelId,
    started,
  };
  try {
    await ctx.turns.take("work");
    // A reply to one of the bot's answers follows up on that answer, not the channel's last.
    const repliedTo = m.reference?.messageId ? ctx.turnsByMessage.get(m.reference.messageId) : undefined;
    const answerer = ctx.engine.answerer();
    const { body, turn } = await converse(ctx, meta, admission.request, answerer, { turn: repliedTo });
    const sent = await reply(body);
    rememberSent(ctx, sent.id, turn);
  } catch (error) {
    logFailure(ctx, meta, error);
    await reply({ content: errorNote(error) });
  }
}
