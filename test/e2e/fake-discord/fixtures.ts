// Payload builders for the fake Discord. They are typed against discord-api-types (re-exported by
// discord.js, type-only imports so nothing is loaded at runtime): if Discord's schema changes in a
// discord.js upgrade, the compiler points here instead of the client silently building odd structures.
import { randomBytes } from "node:crypto";
import type {
  APIActionRowComponent,
  APIApplication,
  APIApplicationCommandAutocompleteInteraction,
  APIApplicationCommandInteractionDataOption,
  APIButtonComponent,
  APIChatInputApplicationCommandInteraction,
  APIGuildMember,
  APIInteractionGuildMember,
  APIMessage,
  APIMessageComponentButtonInteraction,
  APIRole,
  APITextChannel,
  APIUser,
  ChannelFlags,
  GatewayGuildCreateDispatchData,
  GatewayMessageCreateDispatchData,
  GatewayReadyDispatchData,
  GuildMemberFlags,
  GuildSystemChannelFlags,
  Locale,
  MessageFlags,
  RoleFlags,
  UserFlags,
} from "discord.js";

const DISCORD_EPOCH = 1_420_070_400_000n;
let snowflakeCounter = 0;

/** A real-looking, time-ordered snowflake. @discordjs/rest's bucket regex expects 17-19 digit ids. */
export function snowflake(at: number = Date.now()): string {
  snowflakeCounter = (snowflakeCounter + 1) & 0xfff;
  return (((BigInt(at) - DISCORD_EPOCH) << 22n) | BigInt(snowflakeCounter)).toString();
}

/** Interaction tokens are long opaque strings that end up in webhook URLs. */
export function interactionToken(): string {
  return `aW50ZXJhY3Rpb246${randomBytes(48).toString("base64url")}`;
}

// Permission bits (see https://discord.com/developers/docs/topics/permissions).
const P = {
  AddReactions: 1n << 6n,
  ViewChannel: 1n << 10n,
  SendMessages: 1n << 11n,
  EmbedLinks: 1n << 14n,
  AttachFiles: 1n << 15n,
  ReadMessageHistory: 1n << 16n,
  UseExternalEmojis: 1n << 18n,
  UseApplicationCommands: 1n << 31n,
  SendMessagesInThreads: 1n << 38n,
};
/** What a typical invite URL grants a Q&A bot; no Administrator, so permission checks are meaningful. */
export const BOT_PERMISSIONS = Object.values(P)
  .reduce((a, b) => a | b, 0n)
  .toString();
const EVERYONE_PERMISSIONS = (
  P.ViewChannel |
  P.SendMessages |
  P.ReadMessageHistory |
  P.AddReactions |
  P.UseApplicationCommands
).toString();

const EN_US = "en-US" as Locale;
// The flag enums have no member for "no flags", but Discord sends 0.
const NO_FLAGS = 0;

/** Ids and users shared by every payload, so that gateway events and REST answers agree. */
export interface FakeWorld {
  /** For bots created since 2019 the application id equals the bot user id. */
  applicationId: string;
  botUser: APIUser;
  /** The human who asks questions. */
  user: APIUser;
  guildId: string;
  guildName: string;
  channelId: string;
  channelName: string;
  botRoleId: string;
}

export function createWorld(overrides: Partial<FakeWorld> = {}): FakeWorld {
  const applicationId = overrides.applicationId ?? snowflake();
  return {
    applicationId,
    botUser: {
      id: applicationId,
      username: "report-quote-bot",
      discriminator: "0",
      global_name: null,
      avatar: null,
      bot: true,
      public_flags: NO_FLAGS as UserFlags,
    },
    user: {
      id: snowflake(),
      username: "alice",
      discriminator: "0",
      global_name: "Alice",
      avatar: null,
      public_flags: NO_FLAGS as UserFlags,
    },
    guildId: snowflake(),
    guildName: "Reading Group",
    channelId: snowflake(),
    channelName: "questions",
    botRoleId: snowflake(),
    ...overrides,
  };
}

export function applicationFixture(world: FakeWorld): APIApplication {
  return {
    id: world.applicationId,
    name: world.botUser.username,
    icon: null,
    description: "",
    summary: "",
    bot_public: false,
    bot_require_code_grant: false,
    bot: world.botUser,
    verify_key: "0".repeat(64),
    team: null,
    // GATEWAY_MESSAGE_CONTENT_LIMITED: an unverified bot that enabled the Message Content intent.
    flags: 1 << 19,
    flags_new: String(1 << 19),
  };
}

export function readyFixture(
  world: FakeWorld,
  session: { sessionId: string; resumeGatewayUrl: string },
): GatewayReadyDispatchData {
  const app = applicationFixture(world);
  return {
    v: 10,
    user: world.botUser,
    // Guilds arrive unavailable in READY and are filled in by GUILD_CREATE right after.
    guilds: [{ id: world.guildId, unavailable: true }],
    session_id: session.sessionId,
    resume_gateway_url: session.resumeGatewayUrl,
    shard: [0, 1],
    application: { id: app.id, flags: app.flags, flags_new: app.flags_new },
  };
}

function role(id: string, name: string, permissions: string, extra: Partial<APIRole> = {}): APIRole {
  return {
    id,
    name,
    color: 0,
    colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false,
    position: 0,
    permissions,
    managed: false,
    mentionable: false,
    flags: NO_FLAGS as RoleFlags,
    ...extra,
  };
}

export function memberFixture(user: APIUser, roles: string[] = []): APIGuildMember {
  return {
    user,
    roles,
    joined_at: "2024-01-01T00:00:00.000Z",
    deaf: false,
    mute: false,
    flags: NO_FLAGS as GuildMemberFlags,
    nick: null,
    avatar: null,
    premium_since: null,
    pending: false,
    communication_disabled_until: null,
  };
}

export function textChannelFixture(world: FakeWorld): APITextChannel {
  return {
    id: world.channelId,
    type: 0, // GUILD_TEXT
    guild_id: world.guildId,
    name: world.channelName,
    position: 0,
    permission_overwrites: [],
    parent_id: null,
    nsfw: false,
    topic: null,
    last_message_id: null,
    rate_limit_per_user: 0,
    flags: NO_FLAGS as ChannelFlags,
  };
}

/** GUILD_CREATE as sent right after READY: the guild, its text channel and the bot's own member. */
export function guildCreateFixture(world: FakeWorld): GatewayGuildCreateDispatchData {
  return {
    id: world.guildId,
    name: world.guildName,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: world.user.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    roles: [
      // @everyone has the guild's id.
      role(world.guildId, "@everyone", EVERYONE_PERMISSIONS),
      role(world.botRoleId, world.botUser.username, BOT_PERMISSIONS, {
        position: 1,
        managed: true,
        tags: { bot_id: world.botUser.id },
      }),
    ],
    emojis: [],
    stickers: [],
    features: [],
    mfa_level: 0,
    application_id: null,
    system_channel_id: null,
    system_channel_flags: NO_FLAGS as GuildSystemChannelFlags,
    rules_channel_id: null,
    vanity_url_code: null,
    premium_tier: 0,
    premium_subscription_count: 0,
    preferred_locale: EN_US,
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    hub_type: null,
    safety_alerts_channel_id: null,
    incidents_data: null,
    joined_at: "2024-01-01T00:00:00.000Z",
    large: false,
    unavailable: false,
    member_count: 2,
    voice_states: [],
    members: [memberFixture(world.botUser, [world.botRoleId])],
    channels: [textChannelFixture(world)],
    threads: [],
    presences: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

/** A complete message object; REST answers and gateway events both use this shape. */
export function messageFixture(world: FakeWorld, fields: Partial<APIMessage> = {}): APIMessage {
  return {
    id: snowflake(),
    channel_id: world.channelId,
    author: world.user,
    content: "",
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0, // DEFAULT
    flags: NO_FLAGS as MessageFlags,
    ...fields,
  };
}

/** The member object interactions carry: the guild member plus its resolved channel permissions. */
function interactionMember(world: FakeWorld): APIInteractionGuildMember {
  return { ...memberFixture(world.user), permissions: EVERYONE_PERMISSIONS, user: world.user };
}

/** Fields every guild interaction shares. */
function interactionBase(world: FakeWorld) {
  return {
    id: snowflake(),
    application_id: world.applicationId,
    token: interactionToken(),
    version: 1 as const,
    guild_id: world.guildId,
    guild: { id: world.guildId, locale: EN_US, features: [] },
    channel_id: world.channelId,
    // discord.js reads the channel id from `channel.id`, not `channel_id`.
    channel: textChannelFixture(world),
    member: interactionMember(world),
    app_permissions: BOT_PERMISSIONS,
    locale: EN_US,
    guild_locale: EN_US,
    entitlements: [],
    authorizing_integration_owners: { "0": world.guildId },
    context: 0 as const, // GUILD
    attachment_size_limit: 10 * 1024 * 1024,
  };
}

export type CommandOptionValue = string | number | boolean;

function commandOption(name: string, value: CommandOptionValue): APIApplicationCommandInteractionDataOption {
  if (typeof value === "string") return { name, type: 3, value }; // STRING
  if (typeof value === "boolean") return { name, type: 5, value }; // BOOLEAN
  return Number.isInteger(value) ? { name, type: 4, value } : { name, type: 10, value }; // INTEGER / NUMBER
}

/** A slash command, e.g. `/ask question:<text>`: `chatInputInteractionFixture(world, "ask", { question })`. */
export function chatInputInteractionFixture(
  world: FakeWorld,
  name = "ask",
  options: Record<string, CommandOptionValue> = {},
  commandId: string = snowflake(),
): APIChatInputApplicationCommandInteraction {
  return {
    ...interactionBase(world),
    type: 2, // APPLICATION_COMMAND
    data: {
      id: commandId,
      name,
      type: 1, // CHAT_INPUT
      guild_id: world.guildId,
      options: Object.entries(options).map(([key, value]) => commandOption(key, value)),
    },
  };
}

/**
 * An autocomplete request while the user types an option: `options` as filled in so far, `focused` the
 * option being typed (its value is what was typed).
 */
export function autocompleteInteractionFixture(
  world: FakeWorld,
  name: string,
  options: Record<string, string>,
  focused: string,
  commandId: string = snowflake(),
): APIApplicationCommandAutocompleteInteraction {
  return {
    ...interactionBase(world),
    type: 4, // APPLICATION_COMMAND_AUTOCOMPLETE
    data: {
      id: commandId,
      name,
      type: 1, // CHAT_INPUT
      guild_id: world.guildId,
      options: Object.entries(options).map(([key, value]) =>
        key === focused ? { name: key, type: 3, value, focused: true } : { name: key, type: 3, value },
      ),
    },
  };
}

/** A message from the bot carrying one button; button interactions need the message they belong to. */
export function buttonMessageFixture(world: FakeWorld, customId: string, label = "More"): APIMessage {
  const button: APIButtonComponent = { type: 2, style: 2, custom_id: customId, label };
  const row: APIActionRowComponent<APIButtonComponent> = { type: 1, components: [button] };
  return messageFixture(world, {
    author: world.botUser,
    application_id: world.applicationId,
    content: "",
    components: [row],
  });
}

/** A button press (MESSAGE_COMPONENT) on `message`, by default a fresh bot message holding the button. */
export function buttonInteractionFixture(
  world: FakeWorld,
  customId: string,
  message: APIMessage = buttonMessageFixture(world, customId),
): APIMessageComponentButtonInteraction {
  return {
    ...interactionBase(world),
    type: 3, // MESSAGE_COMPONENT
    data: { custom_id: customId, component_type: 2 }, // BUTTON
    message,
  };
}

/** MESSAGE_CREATE of a human message that @-mentions the bot: `<@botId> text`. */
export function mentionMessageFixture(world: FakeWorld, text: string): GatewayMessageCreateDispatchData {
  const { user: _user, ...botMember } = memberFixture(world.botUser, [world.botRoleId]);
  const { user: _author, ...authorMember } = memberFixture(world.user);
  return {
    ...messageFixture(world, { content: `<@${world.botUser.id}> ${text}` }),
    guild_id: world.guildId,
    member: authorMember,
    mentions: [{ ...world.botUser, member: botMember }],
  };
}
