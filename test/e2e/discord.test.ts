// The bot end to end: the real discord.js Client logs in to the fake Discord on 127.0.0.1 and answers
// with the real engine (model from models/, a fresh index of corpus/ in a temp folder). The assertions are
// on what the bot actually sent over HTTP.
import { readFileSync } from "node:fs";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { REST, type APIEmbed, type APIMessage, type APIUser } from "discord.js";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadSettings } from "../../src/config/settings.js";
import { createDiscordBot, type DiscordBot } from "../../src/frontends/discord/bot.js";
import { registerCommands } from "../../src/frontends/discord/commands.js";
import { tally } from "../../src/frontends/discord/feedback-log.js";
import { embedViolations } from "../../src/frontends/discord/limits.js";
import { createLogger } from "../../src/frontends/discord/logger.js";
import { unescapeMarkdown } from "../../src/frontends/discord/markdown.js";
import { parseFeedback } from "../../src/frontends/discord/feedback-log.js";
import {
  autocompleteInteractionFixture,
  buttonInteractionFixture,
  chatInputInteractionFixture,
  mentionMessageFixture,
  snowflake,
} from "./fake-discord/fixtures.js";
import { quotedTexts } from "../fixtures/embed-quotes.js";
import { startFakeDiscord, type FakeDiscord, type RecordedRequest } from "./fake-discord/server.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const REPORT = readFileSync(path.join(ROOT, "corpus", "minhang-mayor-report.txt"), "utf8");
const QUESTION = "What is planned for rural revitalization?";
const ABOUT_THE_PLAN = /rural revitalization|One Belt and Six Villages|three parks/i;
const TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GhIjKl.e2e-secret-token-part-0123456789";
const RATE_LIMIT = 5;

const FOREST =
  "In terms of promoting increment, 650 mu of forest area will be added throughout the year, and 80 hectares of green space, 30 kilometers of greenways, 20 pocket parks, and 30,000 square meters of three-dimensional greening will be completed.";

/** A quote line as a reader sees it: bold markers (unescaped `**`) gone, escapes resolved. */
const unbold = (line: string) => unescapeMarkdown(line.replace(/(?<!\\)\*\*/g, ""));

const ROUTE = {
  callback: "/interactions/:interactionId/:token/callback",
  editOriginal: "/webhooks/:appId/:token/messages/:messageId",
  channelMessage: "/channels/:channelId/messages",
};

/** The quotes of an answer embed as a reader sees them: block-quote lines, escapes resolved. */
function quotesOf(embed: APIEmbed | undefined): string[] {
  return quotedTexts(embed?.description ?? "");
}

interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: { components: { custom_id?: string }[] }[];
  flags?: number;
  allowed_mentions?: { parse?: string[]; replied_user?: boolean };
  message_reference?: { message_id?: string };
}

const bodyOf = (r: RecordedRequest) => (r.body ?? {}) as MessageBody & { type?: number; data?: MessageBody };

describe("Discord bot with the real discord.js Client, the real engine and a fake Discord", () => {
  let fake: FakeDiscord;
  let app: App;
  let bot: DiscordBot;
  let tmp: string;
  let feedbackFile: string;
  const logLines: string[] = [];

  const find = (
    method: string,
    route: string,
    extra: (r: RecordedRequest) => boolean = () => true,
    ms = 15_000,
  ) => fake.waitForRequest((r) => r.method === method && r.route === route && extra(r), ms);
  const byToken = (token: string) => (r: RecordedRequest) => r.params.token === token;

  /** A user other than the fake world's asker, for rate limits and foreign button presses. */
  const otherUser = (username: string): APIUser => ({
    ...fake.world.user,
    id: snowflake(),
    username,
    global_name: username,
  });
  const as = <T extends { member?: unknown; user?: unknown }>(interaction: T, user: APIUser): T => ({
    ...interaction,
    member: { ...(interaction.member as object), user },
  });

  const ask = (question: string, user?: APIUser) => {
    const interaction = chatInputInteractionFixture(fake.world, "ask", { question });
    return fake.dispatchInteraction(user ? as(interaction, user) : interaction);
  };

  /** The message holding the answer to interaction `id`, as the fake stored it after the bot's edit. */
  const answerMessage = (id: string): APIMessage => {
    const message = [...fake.messages.values()].find((m) =>
      m.components?.some((row) =>
        "components" in row
          ? row.components.some((c) => "custom_id" in c && c.custom_id.includes(`:${id}`))
          : false,
      ),
    );
    if (!message) throw new Error(`no answer message for ${id}`);
    return message;
  };

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "discord-e2e-"));
    feedbackFile = path.join(tmp, "data", "feedback.jsonl");
    const settings = loadSettings(
      { CORPUS_DIR: "corpus", INDEX_DIR: path.join(tmp, "index"), FEEDBACK_LOG: feedbackFile },
      ROOT,
    );
    app = await createApp(settings);
    fake = await startFakeDiscord();
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        logLines.push(chunk.toString());
        done();
      },
    });
    bot = createDiscordBot({
      engine: app,
      log: createLogger({ level: "info", secrets: [TOKEN], destination }),
      rateLimit: { count: RATE_LIMIT, windowS: 60 },
      feedbackLog: feedbackFile,
      // No retries and a short timeout so a broken route fails the test instead of hanging.
      clientOptions: { rest: { api: fake.restBase, timeout: 5_000, retries: 0 }, waitGuildTimeout: 500 },
    });
    await bot.start(TOKEN);
  });

  afterAll(async () => {
    // Client first: closing the server under a live client would make it reconnect.
    await bot?.stop();
    await fake?.close();
    await app?.close();
    await rm(tmp, { recursive: true, force: true });
  });

  it("logs in with the Message Content intent the application has", () => {
    expect(bot.messageContent).toBe(true);
    expect(bot.client?.user?.id).toBe(fake.world.botUser.id);
  });

  it("/ask: defers, then edits @original with a verbatim quote of the plan, buttons and no mentions", async () => {
    const interaction = ask(QUESTION);
    const deferral = await find("POST", ROUTE.callback, byToken(interaction.token));
    expect(bodyOf(deferral).type).toBe(5);

    const edit = await find("PATCH", ROUTE.editOriginal, byToken(interaction.token));
    expect(edit.params.messageId).toBe("@original");
    const body = bodyOf(edit);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = body.embeds?.[0];
    expect(embed && embedViolations(embed)).toEqual([]);
    expect(embed?.title).toBe(QUESTION);
    const quotes = quotesOf(embed);
    expect(quotes.length).toBeGreaterThan(0);
    for (const quote of quotes) expect(REPORT).toContain(quote);
    expect(quotes.some((q) => ABOUT_THE_PLAN.test(q))).toBe(true);
    expect(embed?.description).toMatch(/— Minhang District Mayor's Report .* › .* › ¶\d+/);
    expect(embed?.fields?.[0]?.name).toBe("Confidence");
    expect(embed?.footer?.text).toMatch(/^Minhang District Mayor's Report.* · index [0-9a-f]{12}$/);
    const ids = body.components?.[0]?.components.map((c) => c.custom_id);
    expect(ids).toEqual([
      `rqb:more:${interaction.id}:${fake.world.user.id}`,
      `rqb:vote:up:${interaction.id}`,
      `rqb:vote:down:${interaction.id}`,
    ]);
  });

  it("logs one structured line per question, with stage latencies and without the token", async () => {
    // The line is written once Discord has acknowledged the edit, a moment after the fake recorded it.
    const question = await vi.waitFor(() => {
      const entries = logLines.map((l) => JSON.parse(l) as Record<string, unknown>);
      const found = entries.find((e) => e.event === "question" && e.question === QUESTION);
      if (!found) throw new Error("no question line yet");
      return found;
    });
    expect(question).toMatchObject({
      level: 30,
      via: "slash",
      guildId: fake.world.guildId,
      channelId: fake.world.channelId,
      answered: true,
      confidence: expect.any(Number),
      latencyMs: {
        embed: expect.any(Number),
        retrieve: expect.any(Number),
        answer: expect.any(Number),
        total: expect.any(Number),
      },
    });
    expect(question?.time).toEqual(expect.any(Number));
    for (const line of logLines) expect(line).not.toContain(TOKEN);
  });

  it("replies to a message that mentions the bot with the same answer, pinging no one", async () => {
    const mention = fake.dispatchMessage(mentionMessageFixture(fake.world, QUESTION));
    const reply = await find(
      "POST",
      ROUTE.channelMessage,
      (r) => bodyOf(r).message_reference?.message_id === mention.id,
    );
    const body = bodyOf(reply);
    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    const quotes = quotesOf(body.embeds?.[0]);
    expect(quotes.some((q) => ABOUT_THE_PLAN.test(q) && REPORT.includes(q))).toBe(true);
    expect(body.components?.[0]?.components[0]?.custom_id).toBe(
      `rqb:more:${mention.id}:${fake.world.user.id}`,
    );
  });

  it("a question containing @everyone or a role mention pings no one", async () => {
    const loud = `@everyone <@&${fake.world.botRoleId}> ${QUESTION}`;
    const interaction = ask(loud);
    const edit = await find("PATCH", ROUTE.editOriginal, byToken(interaction.token));
    expect(bodyOf(edit).allowed_mentions).toEqual({ parse: [] });
    expect(bodyOf(edit).content).toBeUndefined();
    // The title shows the question as typed, escaped so it cannot render as a mention.
    expect(unescapeMarkdown(bodyOf(edit).embeds?.[0]?.title ?? "")).toBe(loud);

    const mention = fake.dispatchMessage(mentionMessageFixture(fake.world, loud));
    const reply = await find(
      "POST",
      ROUTE.channelMessage,
      (r) => bodyOf(r).message_reference?.message_id === mention.id,
    );
    expect(bodyOf(reply).allowed_mentions).toEqual({ parse: [], replied_user: false });
  });

  it("reads follow-ups in the channel's context, greets without quoting, and asks for English", async () => {
    const erin = otherUser("erin");
    const edited = async (question: string) =>
      bodyOf(await find("PATCH", ROUTE.editOriginal, byToken(ask(question, erin).token)));
    const first = await edited(QUESTION);
    expect(first.embeds?.[0]?.description).toMatch(/^\*\*(The report says|Probably|Possibly)/);

    const more = await edited("tell me more");
    const embed = more.embeds?.[0];
    expect(embed && embedViolations(embed)).toEqual([]);
    expect(embed?.title).toBe(QUESTION);
    expect(embed?.description).toMatch(/^\*The (next paragraph|text) goes on:\*/);
    const read = quotesOf(embed);
    expect(read).toHaveLength(1);
    expect(REPORT).toContain(read[0]);
    expect(quotesOf(first.embeds?.[0])).not.toContain(read[0]);
    expect(more.components).toBeUndefined();

    const hello = await edited("hello");
    expect(hello.content).toMatch(/^Hello! Ask me a question about the report/);
    expect(hello.embeds).toBeUndefined();

    const chinese = await edited("乡村振兴计划是什么？");
    expect(chinese.content).toMatch(/^Questions must be in English for now \(this looks like Chinese\)/);
  });

  it("a reply to one of the bot's answers follows up on that answer, not the channel's last", async () => {
    const fay = otherUser("fay");
    const first = ask(QUESTION, fay);
    await find("PATCH", ROUTE.editOriginal, byToken(first.token));
    const later = ask("How many pocket parks will be built?", fay);
    await find("PATCH", ROUTE.editOriginal, byToken(later.token));
    const answered = answerMessage(first.id);
    const mention = fake.dispatchMessage({
      ...mentionMessageFixture(fake.world, "and the budget?"),
      message_reference: {
        message_id: answered.id,
        channel_id: fake.world.channelId,
        guild_id: fake.world.guildId,
      },
    });
    const reply = await find(
      "POST",
      ROUTE.channelMessage,
      (r) => bodyOf(r).message_reference?.message_id === mention.id,
    );
    expect(bodyOf(reply).embeds?.[0]?.title).toBe("What is planned for the budget?");
  });

  it('"More sources" shows the next passages to the asker only, ephemerally', async () => {
    const dora = otherUser("dora");
    const interaction = ask(QUESTION, dora);
    await find("PATCH", ROUTE.editOriginal, byToken(interaction.token));
    const message = answerMessage(interaction.id);
    const moreId = `rqb:more:${interaction.id}:${dora.id}`;

    const press = fake.dispatchInteraction(as(buttonInteractionFixture(fake.world, moreId, message), dora));
    const sources = bodyOf(await find("POST", ROUTE.callback, byToken(press.token)));
    expect(sources.type).toBe(4);
    expect(sources.data?.flags).toBe(64);
    expect(sources.data?.allowed_mentions).toEqual({ parse: [] });
    const passages = quotesOf(sources.data?.embeds?.[0]);
    expect(passages.length).toBeGreaterThan(0);
    for (const p of passages) expect(REPORT).toContain(p);

    const stranger = fake.dispatchInteraction(buttonInteractionFixture(fake.world, moreId, message));
    const refused = bodyOf(await find("POST", ROUTE.callback, byToken(stranger.token)));
    expect(refused).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringMatching(/^Only the person who asked/) },
    });
  });

  it("👍 then 👎 by the same user is one vote, kept in the JSON-lines log", async () => {
    const interaction = ask(QUESTION, otherUser("erin"));
    await find("PATCH", ROUTE.editOriginal, byToken(interaction.token));
    const message = answerMessage(interaction.id);
    for (const vote of ["up", "down"]) {
      const press = fake.dispatchInteraction(
        buttonInteractionFixture(fake.world, `rqb:vote:${vote}:${interaction.id}`, message),
      );
      const reply = bodyOf(await find("POST", ROUTE.callback, byToken(press.token)));
      expect(reply).toMatchObject({ type: 4, data: { flags: 64 } });
    }
    const { records } = parseFeedback(await readFile(feedbackFile, "utf8"));
    expect(records).toHaveLength(2);
    expect(records[1]).toMatchObject({
      answerId: interaction.id,
      userId: fake.world.user.id,
      vote: "down",
      question: QUESTION,
      indexVersion: app.answerer().store.manifest.indexVersion,
    });
    expect(tally(records).get(interaction.id)).toEqual({ up: 0, down: 1 });
  });

  it("limits questions per user with an ephemeral note saying when to try again; others are unaffected", async () => {
    const flooder = otherUser("mallory");
    const floods = Array.from({ length: RATE_LIMIT + 1 }, () => ask(QUESTION, flooder));
    const callbacks = await Promise.all(floods.map((i) => find("POST", ROUTE.callback, byToken(i.token))));
    const refused = callbacks.filter((c) => bodyOf(c).type === 4);
    expect(refused).toHaveLength(1);
    expect(bodyOf(refused[0]!).data).toMatchObject({
      flags: 64,
      content: expect.stringMatching(/ask again <t:\d+:R>\.$/),
    });
    expect(callbacks.filter((c) => bodyOf(c).type === 5)).toHaveLength(RATE_LIMIT);

    const other = ask(QUESTION, otherUser("frank"));
    expect(bodyOf(await find("POST", ROUTE.callback, byToken(other.token))).type).toBe(5);
    await find("PATCH", ROUTE.editOriginal, byToken(other.token));
  });

  it("counts /outline, /quote, /brief and invalid questions toward the limit too", async () => {
    const flooder = otherUser("trudy");
    const send = (command: string, options: Record<string, string>) =>
      fake.dispatchInteraction(as(chatInputInteractionFixture(fake.world, command, options), flooder));
    const sent = [
      send("outline", {}),
      send("quote", { phrase: "pocket parks" }),
      send("brief", { topic: "green space" }),
      send("ask", { question: "x".repeat(600) }),
      send("ask", { question: QUESTION, doc: "no-such-report.pdf" }),
      send("outline", {}),
    ];
    const callbacks = await Promise.all(sent.map((i) => find("POST", ROUTE.callback, byToken(i.token))));
    expect(callbacks.map((c) => bodyOf(c).data?.content?.includes("ask again <t:") ?? false)).toEqual([
      ...Array<boolean>(RATE_LIMIT).fill(false),
      true,
    ]);
  });

  it("/about lists the report, the passages, the model and the index version", async () => {
    const interaction = fake.dispatchInteraction(chatInputInteractionFixture(fake.world, "about"));
    const reply = bodyOf(await find("POST", ROUTE.callback, byToken(interaction.token)));
    expect(reply.type).toBe(4);
    const names = reply.data?.embeds?.[0]?.fields?.map((f) => f.name);
    expect(names).toEqual([
      expect.stringMatching(/^Minhang District Mayor's Report/),
      "Passages",
      "Model",
      "Index version",
    ]);
  });

  it('/quote phrase:"650 mu": the forest sentence verbatim, the phrase in bold, cited, no mentions', async () => {
    const interaction = fake.dispatchInteraction(
      as(chatInputInteractionFixture(fake.world, "quote", { phrase: "650 mu" }), otherUser("quinn")),
    );
    expect(bodyOf(await find("POST", ROUTE.callback, byToken(interaction.token))).type).toBe(5);
    const edit = await find("PATCH", ROUTE.editOriginal, byToken(interaction.token));
    const body = bodyOf(edit);
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = body.embeds?.[0];
    expect(embed && embedViolations(embed)).toEqual([]);
    expect(embed?.title).toBe("Quotes of “650 mu”");
    const lines = (embed?.description ?? "").split("\n");
    const quoted = lines.filter((l) => l.startsWith("> ")).map((l) => l.slice(2));
    expect(quoted).toEqual([FOREST.replace("650 mu", "**650 mu**")]);
    expect(quoted.map(unbold)).toEqual([FOREST]);
    expect(REPORT).toContain(FOREST);
    expect(lines).toContainEqual(
      expect.stringMatching(
        /^— Minhang District Mayor's Report .* › Do a good job in practical matters .* › ¶18$/,
      ),
    );
    expect(embed?.footer?.text).toMatch(/1 hit \(1 exact\) · index [0-9a-f]{12}$/);
    expect(body.components ?? []).toEqual([]);
  });

  it("/quote with many hits pages with ◀ ▶, and only the asker can turn the page", async () => {
    const quinn = otherUser("quinn2");
    const interaction = fake.dispatchInteraction(
      as(chatInputInteractionFixture(fake.world, "quote", { phrase: "we will" }), quinn),
    );
    const first = bodyOf(await find("PATCH", ROUTE.editOriginal, byToken(interaction.token)));
    const footerText = first.embeds?.[0]?.footer?.text ?? "";
    const [, hits, pages] = / · all (\d+) hits .* · page 1 of (\d+) · /.exec(footerText) ?? [];
    expect(Number(pages)).toBeGreaterThan(1);
    expect(Number(hits)).toBeGreaterThan(5);
    const ids = first.components?.[0]?.components.map((c) => c.custom_id);
    expect(ids).toEqual([
      `rqb:page:${interaction.id}:${quinn.id}:0`,
      `rqb:pageof:${interaction.id}`,
      `rqb:page:${interaction.id}:${quinn.id}:1`,
    ]);
    for (const q of quotesOf(first.embeds?.[0]).map(unbold)) expect(REPORT).toContain(q);

    const message = answerMessage(interaction.id);
    const next = `rqb:page:${interaction.id}:${quinn.id}:1`;
    const press = fake.dispatchInteraction(as(buttonInteractionFixture(fake.world, next, message), quinn));
    const turned = bodyOf(await find("POST", ROUTE.callback, byToken(press.token)));
    expect(turned.type).toBe(7); // UPDATE_MESSAGE: the same message shows page 2
    expect(turned.data?.allowed_mentions).toEqual({ parse: [] });
    expect(turned.data?.embeds?.[0]?.footer?.text).toMatch(/ page 2 of /);
    const secondPage = quotesOf(turned.data?.embeds?.[0]).map(unbold);
    expect(secondPage.length).toBeGreaterThan(0);
    for (const q of secondPage) expect(REPORT).toContain(q);
    expect(secondPage).not.toEqual(quotesOf(first.embeds?.[0]).map(unbold));

    const stranger = fake.dispatchInteraction(buttonInteractionFixture(fake.world, next, message));
    expect(bodyOf(await find("POST", ROUTE.callback, byToken(stranger.token)))).toMatchObject({
      type: 4,
      data: { flags: 64, content: expect.stringMatching(/^Only the person who asked/) },
    });
  });

  it("autocompletes doc: and /brief topic:, and /brief on a picked section quotes it in report order", async () => {
    const docAc = fake.dispatchInteraction(
      autocompleteInteractionFixture(fake.world, "quote", { phrase: "650", doc: "minh" }, "doc"),
    );
    const docChoices = bodyOf(await find("POST", ROUTE.callback, byToken(docAc.token))) as {
      type: number;
      data?: { choices?: { name: string; value: string }[] };
    };
    expect(docChoices.type).toBe(8);
    expect(docChoices.data?.choices).toEqual([
      { name: expect.stringMatching(/^Minhang District Mayor's Report/), value: "minhang-mayor-report.txt" },
    ]);

    const topicAc = fake.dispatchInteraction(
      autocompleteInteractionFixture(fake.world, "brief", { topic: "livelihood" }, "topic"),
    );
    const topicChoices = (
      bodyOf(await find("POST", ROUTE.callback, byToken(topicAc.token))) as {
        data?: { choices?: { name: string; value: string }[] };
      }
    ).data?.choices;
    expect(topicChoices?.[0]).toEqual({
      name: expect.stringMatching(/^4\. Do a good job in practical matters concerning people's livelihood/),
      value: "§4 minhang-mayor-report.txt",
    });
    for (const c of topicChoices ?? []) expect(c.name.length).toBeLessThanOrEqual(100);

    const interaction = fake.dispatchInteraction(
      as(
        chatInputInteractionFixture(fake.world, "brief", { topic: "§4 minhang-mayor-report.txt" }),
        otherUser("bea"),
      ),
    );
    const body = bodyOf(await find("PATCH", ROUTE.editOriginal, byToken(interaction.token)));
    expect(body.allowed_mentions).toEqual({ parse: [] });
    const embed = body.embeds?.[0];
    expect(embed && embedViolations(embed)).toEqual([]);
    expect(embed?.title).toMatch(/^Briefing: Do a good job in practical matters/);
    const sentences = quotesOf(embed);
    expect(sentences.length).toBeGreaterThan(2);
    const at = sentences.map((q) => REPORT.indexOf(q));
    for (const i of at) expect(i).toBeGreaterThanOrEqual(0);
    expect([...at].sort((a, b) => a - b)).toEqual(at); // report order
    expect(embed?.fields?.[0]?.name).toBe("Other sections");
  });

  it("/outline lists the sections with one line each; an unknown doc: lists the known documents", async () => {
    // Every command counts toward the rate limit now: a user of its own, so the earlier tests' do not matter.
    const reader = otherUser("reader");
    const interaction = fake.dispatchInteraction(
      as(chatInputInteractionFixture(fake.world, "outline"), reader),
    );
    const body = bodyOf(await find("PATCH", ROUTE.editOriginal, byToken(interaction.token)));
    const embed = body.embeds?.[0];
    expect(embed && embedViolations(embed)).toEqual([]);
    expect(embed?.title).toMatch(/^Minhang District Mayor's Report/);
    for (const n of [1, 2, 3, 4]) expect(embed?.description).toMatch(new RegExp(`^\\*\\*${n}\\. `, "m"));
    for (const line of quotesOf(embed)) expect(REPORT).toContain(line);

    const unknown = fake.dispatchInteraction(
      as(
        chatInputInteractionFixture(fake.world, "ask", { question: QUESTION, doc: "budget-2023.pdf" }),
        reader,
      ),
    );
    const note = bodyOf(await find("POST", ROUTE.callback, byToken(unknown.token)));
    expect(note).toMatchObject({ type: 4, data: { flags: 64, allowed_mentions: { parse: [] } } });
    expect(note.data?.content).toMatch(/^No document “budget-2023\.pdf” is indexed\./);
    expect(note.data?.content).toContain("- minhang-mayor-report.txt — Minhang District Mayor's Report");
  });

  it("/ask doc: narrows to that document", async () => {
    const interaction = fake.dispatchInteraction(
      as(
        chatInputInteractionFixture(fake.world, "ask", {
          question: QUESTION,
          doc: "minhang-mayor-report.txt",
        }),
        otherUser("dan"),
      ),
    );
    const body = bodyOf(await find("PATCH", ROUTE.editOriginal, byToken(interaction.token)));
    expect(quotesOf(body.embeds?.[0]).some((q) => ABOUT_THE_PLAN.test(q) && REPORT.includes(q))).toBe(true);
  });

  it("register-commands puts every command to the guild", async () => {
    const rest = new REST({ api: fake.restBase, retries: 0 }).setToken(TOKEN);
    const result = await registerCommands({
      rest,
      applicationId: fake.world.applicationId,
      guildId: fake.world.guildId,
    });
    expect(result).toEqual({ scope: `guild ${fake.world.guildId}`, count: 6 });
    const put = await find("PUT", "/applications/:appId/guilds/:guildId/commands");
    expect((put.body as { name: string }[]).map((c) => c.name)).toEqual([
      "ask",
      "sources",
      "about",
      "quote",
      "brief",
      "outline",
    ]);
  });

  it("every message the bot sent had mentions disabled, and it hit no unknown route", async () => {
    // Let the answers still in flight land before checking.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const sent = fake.requests.filter((r) => {
      const b = bodyOf(r);
      const payload = b.data ?? b;
      return r.method !== "GET" && (payload.content !== undefined || payload.embeds !== undefined);
    });
    expect(sent.length).toBeGreaterThan(10);
    for (const r of sent) {
      const b = bodyOf(r);
      expect((b.data ?? b).allowed_mentions?.parse, `${r.method} ${r.path}`).toEqual([]);
    }
    expect(fake.requests.filter((r) => r.route === null)).toEqual([]);
  });

  it("on stop, finishes the answer in flight, then closes the gateway", async () => {
    const interaction = ask(QUESTION, otherUser("grace"));
    await find("POST", ROUTE.callback, byToken(interaction.token));
    await bot.stop();
    expect(fake.requests.some((r) => r.method === "PATCH" && r.params.token === interaction.token)).toBe(
      true,
    );
    expect(bot.client).toBeNull();
  });
});
