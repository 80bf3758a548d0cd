import type { APIEmbed } from "discord.js";

/** Discord's documented limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_LIMITS = {
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name, over all embeds. */
  embedTotal: 6000,
  customId: 100,
} as const;

/** The characters Discord counts towards the 6000 total of an embed. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

/** Every limit an embed breaks, empty when it fits; used by tests and as a last check before sending. */
export function embedViolations(embed: APIEmbed): string[] {
  const L = DISCORD_LIMITS;
  const problems: string[] = [];
  const check = (what: string, length: number, max: number) => {
    if (length > max) problems.push(`${what}: ${length} > ${max}`);
  };
  check("title", embed.title?.length ?? 0, L.embedTitle);
  check("description", embed.description?.length ?? 0, L.embedDescription);
  check("footer", embed.footer?.text.length ?? 0, L.footerText);
  check("author", embed.author?.name.length ?? 0, L.authorName);
  check("fields", embed.fields?.length ?? 0, L.embedFields);
  for (const [i, f] of (embed.fields ?? []).entries()) {
    check(`field ${i} name`, f.name.length, L.fieldName);
    check(`field ${i} value`, f.value.length, L.fieldValue);
  }
  check("total", embedLength(embed), L.embedTotal);
  return problems;
}
