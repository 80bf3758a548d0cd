/** Reading a question out of a message addressed to the bot. */

export interface MessageFacts {
  content: string;
  authorIsBot: boolean;
  /** Users mentioned directly (not through @everyone or a role). */
  mentionedUserIds: readonly string[];
  mentionedRoleIds: readonly string[];
  /** Author of the message this one replies to, if it is a reply. */
  repliedToUserId: string | null;
}

export interface BotIdentity {
  userId: string;
  /** The bot's managed role in this guild: users often pick it from the @ list instead of the bot. */
  roleId?: string | null | undefined;
}

/** Whether the message speaks to the bot: it mentions the bot (or its role), or replies to one of its messages. */
export function isAddressedToBot(message: MessageFacts, bot: BotIdentity): boolean {
  if (message.authorIsBot) return false;
  return (
    message.mentionedUserIds.includes(bot.userId) ||
    (bot.roleId != null && message.mentionedRoleIds.includes(bot.roleId)) ||
    message.repliedToUserId === bot.userId
  );
}

/** The message without the bot's mentions, whitespace collapsed; empty when nothing else was written. */
export function questionFromMessage(content: string, bot: BotIdentity): string {
  let text = content.replace(new RegExp(`<@!?${bot.userId}>`, "g"), " ");
  if (bot.roleId) text = text.replace(new RegExp(`<@&${bot.roleId}>`, "g"), " ");
  return text.replace(/\s+/g, " ").trim();
}
