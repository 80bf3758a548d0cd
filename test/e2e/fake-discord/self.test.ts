// Proves the fake Discord is good enough for the real discord.js Client: login, READY/GUILD_CREATE,
// interactions (slash command + buttons), mention replies, heartbeats, resume, multipart uploads.
import { once } from "node:events";
import {
  Client,
  DiscordAPIError,
  EmbedBuilder,
  Events,
  GatewayIntentBits,
  MessageFlags,
  type Interaction,
  type Message,
  type TextChannel,
} from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buttonInteractionFixture, chatInputInteractionFixture, mentionMessageFixture } from "./fixtures.js";
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from "./server.js";

describe("fake Discord with the real discord.js Client", () => {
  let fake: FakeDiscord;
  let client: Client;
  const handlerErrors: unknown[] = [];

  // A minimal bot: enough behaviour to exercise every route the real bot is expected to use.
  async function onInteraction(interaction: Interaction): Promise<void> {
    if (interaction.isChatInputCommand() && interaction.commandName === "ask") {
      await interaction.deferReply();
      const question = interaction.options.getString("question", true);
      const embed = new EmbedBuilder().setTitle("Answer").setDescription(`> ${question}`);
      await interaction.editReply({ embeds: [embed], allowedMentions: { parse: [] } });
      await interaction.followUp({ content: "Sources: p. 3", flags: MessageFlags.Ephemeral });
    } else if (interaction.isButton() && interaction.customId === "more") {
      await interaction.deferUpdate();
    } else if (interaction.isButton()) {
      await interaction.reply({ content: `pressed ${interaction.customId}`, flags: MessageFlags.Ephemeral });
    }
  }

  async function onMessage(message: Message): Promise<void> {
    if (message.author.bot || !client.user || !message.mentions.users.has(client.user.id)) return;
    await message.reply({
      content: "Here is what the report says.",
      allowedMentions: { repliedUser: false },
    });
  }

  const find = (method: string, route: string, extra: (r: RecordedRequest) => boolean = () => true) =>
    fake.waitForRequest((r) => r.method === method && r.route === route && extra(r));

  beforeAll(async () => {
    fake = await startFakeDiscord({ heartbeatIntervalMs: 250 });
    client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.MessageContent],
      // No retries and a short timeout so a broken route fails the test quickly instead of hanging.
      rest: { api: fake.restBase, timeout: 2_000, retries: 0 },
      waitGuildTimeout: 500,
    });
    client.on(
      Events.InteractionCreate,
      (i) => void onInteraction(i).catch((e: unknown) => handlerErrors.push(e)),
    );
    client.on(Events.MessageCreate, (m) => void onMessage(m).catch((e: unknown) => handlerErrors.push(e)));
    const ready = once(client, Events.ClientReady);
    await client.login("MTAwMDAwMDAwMDAwMDAwMDAw.fake.token");
    await ready;
  });

  afterAll(async () => {
    // Client first: closing the server under a live client would make it reconnect.
    await client?.destroy();
    await fake?.close();
  });

  it("logs in: gateway/bot, IDENTIFY with the intents, READY and the guild from GUILD_CREATE", async () => {
    expect(fake.requests[0]).toMatchObject({ method: "GET", route: "/gateway/bot", status: 200 });
    const identify = await fake.waitForGatewayFrame((f) => f.op === 2);
    expect(identify.d).toMatchObject({
      token: "MTAwMDAwMDAwMDAwMDAwMDAw.fake.token",
      intents: 1 | (1 << 9) | (1 << 15),
    });
    expect(client.user?.id).toBe(fake.world.botUser.id);
    expect(client.application?.id).toBe(fake.world.applicationId);
    const guild = client.guilds.cache.get(fake.world.guildId);
    expect(guild?.channels.cache.get(fake.world.channelId)?.name).toBe(fake.world.channelName);
    expect(guild?.members.me?.id).toBe(fake.world.botUser.id);
  });

  it("ACKs heartbeats", async () => {
    const acked = new Promise<void>((resolve) => {
      const listener = (message: string) => {
        if (!message.includes("Heartbeat acknowledged")) return;
        client.off(Events.Debug, listener);
        resolve();
      };
      client.on(Events.Debug, listener);
    });
    await fake.waitForGatewayFrame((f) => f.op === 1);
    await acked;
  });

  it("/ask: deferReply, editReply with an embed and no mentions, ephemeral followUp", async () => {
    const interaction = fake.dispatchInteraction(
      chatInputInteractionFixture(fake.world, "ask", { question: "What did the board decide?" }),
    );
    const callbackRoute = "/interactions/:interactionId/:token/callback";
    const byToken = (r: RecordedRequest) => r.params.token === interaction.token;

    const deferral = await find("POST", callbackRoute, byToken);
    expect(deferral.params.interactionId).toBe(interaction.id);
    expect(deferral.body).toMatchObject({ type: 5 });
    expect(deferral.query.with_response).toBe("false");
    expect(deferral.status).toBe(204);

    const edit = await find("PATCH", "/webhooks/:appId/:token/messages/:messageId", byToken);
    expect(edit.params).toMatchObject({ appId: fake.world.applicationId, messageId: "@original" });
    expect(edit.body).toMatchObject({
      embeds: [{ title: "Answer", description: "> What did the board decide?" }],
      allowed_mentions: { parse: [] },
    });
    expect(edit.status).toBe(200);

    const followUp = await find("POST", "/webhooks/:appId/:token", byToken);
    expect(followUp.query.wait).toBe("true");
    expect(followUp.body).toMatchObject({ content: "Sources: p. 3", flags: MessageFlags.Ephemeral });
    expect(followUp.status).toBe(200);

    // The stored reply is no longer "thinking" once edited.
    const original = [...fake.messages.values()].find((m) => m.embeds[0]?.title === "Answer");
    expect((original?.flags ?? 0) & (1 << 7)).toBe(0);
  });

  it("button presses: deferUpdate (type 6) and an ephemeral reply (type 4)", async () => {
    const more = fake.dispatchInteraction(buttonInteractionFixture(fake.world, "more"));
    const other = fake.dispatchInteraction(buttonInteractionFixture(fake.world, "sources"));
    const callback = (token: string) =>
      find("POST", "/interactions/:interactionId/:token/callback", (r) => r.params.token === token);

    expect((await callback(more.token)).body).toEqual({ type: 6 });
    expect((await callback(other.token)).body).toMatchObject({
      type: 4,
      data: { content: "pressed sources", flags: MessageFlags.Ephemeral },
    });
  });

  it("replies to a message that mentions the bot", async () => {
    const mention = fake.dispatchMessage(mentionMessageFixture(fake.world, "what is the budget?"));
    const reply = await find("POST", "/channels/:channelId/messages");
    expect(reply.params.channelId).toBe(fake.world.channelId);
    expect(reply.body).toMatchObject({
      content: "Here is what the report says.",
      message_reference: { message_id: mention.id },
      allowed_mentions: { replied_user: false },
    });
    expect(reply.status).toBe(200);
  });

  it("parses payload_json and files out of multipart uploads", async () => {
    const channel = client.channels.cache.get(fake.world.channelId) as TextChannel;
    const sent = await channel.send({
      content: "quote attached",
      files: [{ attachment: Buffer.from("hi"), name: "q.txt" }],
    });
    const upload = await find("POST", "/channels/:channelId/messages", (r) => r.files.length > 0);
    expect(upload.body).toMatchObject({ content: "quote attached" });
    expect(upload.files).toEqual([expect.objectContaining({ field: "files[0]", name: "q.txt", size: 2 })]);
    expect(sent.attachments.first()?.name).toBe("q.txt");
  });

  it("answers unknown routes with a recorded 404", async () => {
    const error = await client.rest.get(`/guilds/${fake.world.guildId}/roles`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(fake.requests.at(-1)).toMatchObject({ method: "GET", route: null, status: 404 });
  });

  it("survives a gateway drop: the client RESUMEs and still gets interactions", async () => {
    const resumed = once(client, Events.ShardResume);
    fake.closeGateway(4000);
    const resume = await fake.waitForGatewayFrame((f) => f.op === 6);
    expect(resume.d).toMatchObject({ token: "MTAwMDAwMDAwMDAwMDAwMDAw.fake.token" });
    await resumed;

    const interaction = fake.dispatchInteraction(buttonInteractionFixture(fake.world, "after-resume"));
    await find(
      "POST",
      "/interactions/:interactionId/:token/callback",
      (r) => r.params.token === interaction.token,
    );
  });

  it("the bot hit no unknown route and threw nothing", () => {
    const unexpected = fake.requests.filter((r) => r.route === null && !r.path.endsWith("/roles"));
    expect(unexpected).toEqual([]);
    expect(handlerErrors).toEqual([]);
  });
});
