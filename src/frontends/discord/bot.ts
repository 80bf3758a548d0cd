/**
 * The Discord bot: thin handlers that parse what Discord sends, call the engine and send what the pure
 * renderers make. Nothing here retrieves or scores.
 */
import { once } from "node:events";
import {
  ApplicationFlags,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  REST,
  Routes,
  type APIApplication,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type ClientOptions,
  type Interaction,
  type Message,
  type MessageMentionOptions,
} from "discord.js";
import type { z } from "zod";
import { validateQuestion, type Answerer } from "../../answer/answerer.js";
import { createConversation, type Reply } from "../../conversation/conversation.js";
import { brief } from "../../briefing/brief.js";
import { outline } from "../../briefing/outline.js";
import { AppError, describeError, isAppError, type ErrorCode } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { findQuotes } from "../../wording/find-quotes.js";
import { chooseDocument } from "../shared/doc-scope.js";
import { aboutIndex, nearestSections, titlesOf, unseenPassages, type Engine } from "../shared/report-view.js";
import { createAnswerCache, type AnswerRecord } from "./answer-cache.js";
import { documentChoices, parseSectionChoice, sectionChoices, type Choice } from "./autocomplete.js";
import {
  askOptionsSchema,
  briefOptionsSchema,
  COMMAND,
  DOC_OPTION,
  MAX_QUESTION_CHARS,
  outlineOptionsSchema,
  PHRASE_OPTION,
  QUESTION_OPTION,
  quoteOptionsSchema,
  TOPIC_OPTION,
} from "./commands.js";
import { parseButtonId, type ButtonAction } from "./custom-ids.js";
import { answerIdsOf, createFeedbackLog, type FeedbackLog } from "./feedback-log.js";
import { scrubSecrets, type BotLog } from "./logger.js";
import { unescapeMarkdown } from "./markdown.js";
import { isAddressedToBot, questionFromMessage } from "./mentions.js";
import { errorNote, mentionHint, NOTES, rateLimitNote, unknownDocNote, voteNote } from "./notes.js";
import { createQuoteCache } from "./quote-cache.js";
import { createRateLimiter } from "./rate-limiter.js";
import { renderAboutEmbed, renderSourcesEmbed } from "./render.js";
import { renderReply, type RenderedReply, type ReplyBody } from "./reply-render.js";
import { renderBriefEmbed, renderOutlineEmbeds, renderQuotePage, type QuoteView } from "./wording-render.js";

export interface DiscordBotOptions {
  engine: Engine;
  log: BotLog;
  rateLimit: { count: number; windowS: number };
  /** A JSON-lines file path, or a log object (tests). */
  feedbackLog: string | FeedbackLog;
  /** Merged into the discord.js Client options; tests point `rest.api` at a fake Discord. */
  clientOptions?: Partial<ClientOptions>;
  /** Ask for the Message Content intent; by default on when the application has it switched on. */
  messageContent?: boolean;
  /** How long `stop` waits for answers in flight. */
  shutdownTimeoutMs?: number;
  now?: () => number;
}

export interface DiscordBot {
  /** Logs in and resolves once the gateway says READY. */
  start(token: string): Promise<void>;
  /** Refuses new questions, lets answers in flight finish (up to the timeout), then closes the gateway. */
  stop(): Promise<void>;
  readonly client: Client | null;
  /** Whether mentions can be read in full (the Message Content intent is on). */
  readonly messageContent: boolean;
}

// Nothing the bot sends may ping anyone, whatever a question or quote contains.
const NO_MENTIONS: MessageMentionOptions = { parse: [] };
const NO_MENTIONS_REPLY: MessageMentionOptions = { parse: [], repliedUser: false };
const EPHEMERAL = MessageFlags.Ephemeral;

const ms = (x: number) => Math.round(x * 10) / 10;

/** Most hits /quote asks the engine for; the message says "first N hits" when there are that many. */
export const QUOTE_MAX_HITS = 200;

/** Which error a bad option is, so the note carries the right hint. */
const OPTION_ERRORS: Record<string, ErrorCode> = {
  question: "QUESTION_INVALID",
  phrase: "PHRASE_INVALID",
  topic: "TOPIC_INVALID",
  doc: "DOC_UNKNOWN",
};

/** Slash-command options through their zod schema; a failure becomes the note for the user. */
function parseOptions<T>(
  schema: z.ZodType<T>,
  raw: Record<string, unknown>,
): { ok: true; data: T } | { ok: false; note: string } {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return { ok: true, data: parsed.data };
  const issue = parsed.error.issues[0];
  const code = OPTION_ERRORS[String(issue?.path[0])] ?? "QUESTION_INVALID";
  return { ok: false, note: errorNote(new AppError(code, issue?.message ?? "Invalid option.")) };
}

interface QuestionMeta {
  via: "slash" | "mention";
  answerId: string;
  askerId: string;
  guildId: string | null;
  channelId: string | null;
  started: number;
}

export function createDiscordBot(options: DiscordBotOptions): DiscordBot {
  const { engine, log } = options;
  const now = options.now ?? Date.now;
  const limiter = createRateLimiter({
    count: options.rateLimit.count,
    windowMs: options.rateLimit.windowS * 1000,
    now,
  });
  const cache = createAnswerCache();
  const quotes = createQuoteCache();
  // One conversation per channel (a thread is a channel): follow-ups read on from its last answer.
  const conversation = createConversation({ nearest: (a) => nearestSections(a) });
  const feedback =
    typeof options.feedbackLog === "string" ? createFeedbackLog(options.feedbackLog) : options.feedbackLog;
  const inFlight = new Set<Promise<void>>();
  let client: Client | null = null;
  let messageContent = false;
  let closing = false;
  let stopping: Promise<void> | undefined;

  /** Runs a handler so that `stop` can wait for it and a failure is logged rather than crashing the bot. */
  const track = (what: string, work: () => Promise<void>) => {
    const run = work()
      .catch((error: unknown) => log.error({ what, err: errorForLog(error) }, "handler failed"))
      .finally(() => inFlight.delete(run));
    inFlight.add(run);
  };

  /**
   * The conversation's reply to a message, rendered; sources it shows are marked as seen, and an answer is
   * kept for its buttons and logged.
   */
  async function converse(
    meta: QuestionMeta,
    text: string,
    answerer: Answerer,
    doc?: string,
  ): Promise<ReplyBody> {
    const reply = await conversation.respond(meta.channelId ?? meta.askerId, text, { answerer, doc });
    const rendered = renderReply(reply, titlesOf(answerer.store), meta);
    if (reply.kind === "sources") reply.turn.shown.push(...rendered.sourcesShown);
    remember(meta, reply, rendered);
    return rendered.body;
  }

  function remember(meta: QuestionMeta, reply: Reply, rendered: RenderedReply): void {
    const where = { via: meta.via, guildId: meta.guildId, channelId: meta.channelId };
    const total = ms(performance.now() - meta.started);
    if (reply.kind !== "answer") {
      // Not a question: the kind of message is logged, not its text.
      log.info({ event: "message", ...where, reply: reply.kind, latencyMs: { total } }, "message");
      return;
    }
    const { answer, timings: t, turn } = reply;
    // The turn's list of passages shown is shared, so "More sources" and "what else?" move on together.
    cache.put({ answerId: meta.answerId, askerId: meta.askerId, answer, shown: turn.shown });
    // One line per question; the question is the only message text logged at info level.
    log.info(
      {
        event: "question",
        ...where,
        question: answer.question,
        answered: answer.answered,
        confidence: answer.confidence,
        quotes: rendered.quotesShown,
        indexVersion: answer.index.version,
        latencyMs: { embed: ms(t.embedMs), retrieve: ms(t.retrieveMs), answer: ms(t.answerMs), total },
      },
      "question",
    );
  }

  function logFailure(meta: QuestionMeta, error: unknown): void {
    const level = isAppError(error) && error.userFacing ? "info" : "error";
    log[level](
      {
        event: "question",
        via: meta.via,
        guildId: meta.guildId,
        channelId: meta.channelId,
        err: errorForLog(error),
      },
      "question failed",
    );
  }

  function errorForLog(error: unknown) {
    const message = scrubSecrets(describeError(error), [client?.token ?? undefined]);
    return isAppError(error) ? { code: error.code, message } : { message };
  }

  // --- slash commands --------------------------------------------------------------------------------

  const note = (i: ChatInputCommandInteraction | ButtonInteraction, content: string) =>
    i.reply({ content, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });

  /** The `doc:` option resolved against the current index; undefined after telling the user it is unknown. */
  async function docFor(
    i: ChatInputCommandInteraction,
    doc: string | undefined,
    store: Store,
  ): Promise<{ doc: string | undefined } | undefined> {
    const choice = chooseDocument(store, doc);
    if (choice.ok) return { doc: choice.doc };
    await note(i, unknownDocNote(choice.input, choice.known));
    return undefined;
  }

  /** Takes one from the user's allowance; false after telling them when to come back. */
  async function allowed(i: ChatInputCommandInteraction): Promise<boolean> {
    const decision = limiter.take(i.user.id);
    if (decision.allowed) return true;
    await note(i, rateLimitNote(decision.retryAt, options.rateLimit.count, options.rateLimit.windowS));
    return false;
  }

  const where = (i: ChatInputCommandInteraction) => ({ guildId: i.guildId, channelId: i.channelId });

  async function onAsk(i: ChatInputCommandInteraction): Promise<void> {
    const started = performance.now();
    const parsed = parseOptions(askOptionsSchema, {
      question: i.options.getString(QUESTION_OPTION) ?? "",
      doc: i.options.getString(DOC_OPTION),
    });
    if (!parsed.ok) return void (await note(i, parsed.note));
    const question = parsed.data.question;
    const invalid = lengthProblem(question);
    if (invalid) return void (await note(i, invalid));
    // The index the question is answered from: a refresh meanwhile does not change it.
    const answerer = engine.answerer();
    const scope = await docFor(i, parsed.data.doc, answerer.store);
    if (!scope || !(await allowed(i))) return;
    // The first question after start and a question during an index rebuild can take seconds.
    await i.deferReply();
    const meta: QuestionMeta = {
      via: "slash",
      answerId: i.id,
      askerId: i.user.id,
      guildId: i.guildId,
      channelId: i.channelId,
      started,
    };
    try {
      const body = await converse(meta, question, answerer, scope.doc);
      await i.editReply({ ...body, allowedMentions: NO_MENTIONS });
    } catch (error) {
      logFailure(meta, error);
      await i.editReply({
        content: errorNote(error),
        embeds: [],
        components: [],
        allowedMentions: NO_MENTIONS,
      });
    }
  }

  async function showSources(
    i: ChatInputCommandInteraction | ButtonInteraction,
    record: AnswerRecord,
  ): Promise<void> {
    const unseen = unseenPassages(record.answer, record.shown);
    if (unseen.length === 0) {
      await i.reply({ content: NOTES.noMoreSources, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      return;
    }
    const { embed, shown } = renderSourcesEmbed(record.answer, unseen, titlesOf(engine.answerer().store));
    record.shown.push(...shown);
    await i.reply({ embeds: [embed], flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
  }

  async function onSources(i: ChatInputCommandInteraction): Promise<void> {
    const record = cache.lastOf(i.user.id);
    if (!record) {
      await i.reply({ content: NOTES.noLastAnswer, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      return;
    }
    await showSources(i, record);
  }

  async function onAbout(i: ChatInputCommandInteraction): Promise<void> {
    const embed = renderAboutEmbed(aboutIndex(engine.answerer().store));
    await i.reply({ embeds: [embed], flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
  }

  /** Runs a deferred command's work; a failure is logged and shown in place of the reply. */
  async function deferred(
    i: ChatInputCommandInteraction,
    what: string,
    work: () => Promise<Record<string, unknown>>,
  ): Promise<void> {
    const started = performance.now();
    // Cheap for one report, but a long shelf or an index swap can take seconds.
    await i.deferReply();
    try {
      const facts = await work();
      log.info(
        { event: what, ...where(i), ...facts, latencyMs: { total: ms(performance.now() - started) } },
        what,
      );
    } catch (error) {
      const level = isAppError(error) && error.userFacing ? "info" : "error";
      log[level]({ event: what, ...where(i), err: errorForLog(error) }, `${what} failed`);
      await i.editReply({
        content: errorNote(error),
        embeds: [],
        components: [],
        allowedMentions: NO_MENTIONS,
      });
    }
  }

  async function onQuote(i: ChatInputCommandInteraction): Promise<void> {
    const parsed = parseOptions(quoteOptionsSchema, {
      phrase: i.options.getString(PHRASE_OPTION) ?? "",
      doc: i.options.getString(DOC_OPTION),
    });
    if (!parsed.ok) return void (await note(i, parsed.note));
    // One index for the whole request, even should a refresh swap in another meanwhile.
    const store = engine.answerer().store;
    const scope = await docFor(i, parsed.data.doc, store);
    if (!scope || !(await allowed(i))) return;
    const { phrase } = parsed.data;
    await deferred(i, "quote", async () => {
      const hits = findQuotes(store, phrase, { doc: scope.doc, maxHits: QUOTE_MAX_HITS });
      const view: QuoteView = {
        phrase,
        doc: scope.doc,
        hits,
        capped: hits.length >= QUOTE_MAX_HITS,
        titles: titlesOf(store),
        indexVersion: store.manifest.indexVersion,
      };
      const ids = { queryId: i.id, askerId: i.user.id };
      quotes.put({ ...ids, view });
      const page = renderQuotePage(view, 0, ids);
      await i.editReply({ embeds: [page.embed], components: page.components, allowedMentions: NO_MENTIONS });
      return { phrase, doc: scope.doc ?? null, hits: hits.length, exact: hits.filter((h) => h.exact).length };
    });
  }

  async function onBrief(i: ChatInputCommandInteraction): Promise<void> {
    const parsed = parseOptions(briefOptionsSchema, {
      topic: i.options.getString(TOPIC_OPTION) ?? "",
      doc: i.options.getString(DOC_OPTION),
    });
    if (!parsed.ok) return void (await note(i, parsed.note));
    // A section picked from autocomplete names its document; typed text is a section or topic as it stands.
    const picked = parseSectionChoice(parsed.data.topic);
    const store = engine.answerer().store;
    const scope = await docFor(i, picked?.doc ?? parsed.data.doc, store);
    if (!scope || !(await allowed(i))) return;
    const request = picked ? String(picked.index) : parsed.data.topic;
    await deferred(i, "brief", async () => {
      const briefing = brief(store, request, { doc: scope.doc });
      const embed = renderBriefEmbed(briefing, titlesOf(store), store.manifest.indexVersion);
      await i.editReply({ embeds: [embed], components: [], allowedMentions: NO_MENTIONS });
      return { topic: request, doc: briefing.doc, kind: briefing.kind, sentences: briefing.sentences.length };
    });
  }

  async function onOutline(i: ChatInputCommandInteraction): Promise<void> {
    const parsed = parseOptions(outlineOptionsSchema, { doc: i.options.getString(DOC_OPTION) });
    if (!parsed.ok) return void (await note(i, parsed.note));
    const store = engine.answerer().store;
    const scope = await docFor(i, parsed.data.doc, store);
    if (!scope) return;
    await deferred(i, "outline", async () => {
      const embeds = renderOutlineEmbeds(outline(store, { doc: scope.doc }), store.manifest.indexVersion);
      await i.editReply({ embeds, components: [], allowedMentions: NO_MENTIONS });
      return { doc: scope.doc ?? null, documents: embeds.length };
    });
  }

  // --- autocomplete ----------------------------------------------------------------------------------

  async function onAutocomplete(i: AutocompleteInteraction): Promise<void> {
    if (closing) return void (await i.respond([]));
    const focused = i.options.getFocused(true);
    const store = engine.answerer().store;
    let choices: Choice[] = [];
    if (focused.name === DOC_OPTION) {
      choices = documentChoices(store, String(focused.value));
    } else if (i.commandName === COMMAND.brief && focused.name === TOPIC_OPTION) {
      const doc = chooseDocument(store, i.options.getString(DOC_OPTION));
      choices = sectionChoices(store, String(focused.value), doc.ok ? doc.doc : undefined);
    }
    await i.respond(choices);
  }

  // --- buttons ---------------------------------------------------------------------------------------

  async function onPage(
    i: ButtonInteraction,
    action: Extract<ButtonAction, { kind: "page" }>,
  ): Promise<void> {
    if (i.user.id !== action.askerId) return void (await note(i, NOTES.onlyAskerPages));
    const record = quotes.get(action.queryId);
    if (!record) return void (await note(i, NOTES.unknownQuotes));
    const ids = { queryId: action.queryId, askerId: action.askerId };
    const page = renderQuotePage(record.view, action.page, ids);
    await i.update({ embeds: [page.embed], components: page.components, allowedMentions: NO_MENTIONS });
  }

  async function onButton(i: ButtonInteraction): Promise<void> {
    const action = parseButtonId(i.customId);
    if (!action) {
      await i.reply({ content: NOTES.unknownAnswer, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      return;
    }
    if (action.kind === "page") return onPage(i, action);
    const record = cache.get(action.answerId);
    if (action.kind === "more") {
      if (i.user.id !== action.askerId) {
        await i.reply({ content: NOTES.onlyAsker, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      } else if (!record) {
        await i.reply({ content: NOTES.unknownAnswer, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      } else {
        await showSources(i, record);
      }
      return;
    }
    const previous = await feedback.record({
      time: new Date(now()).toISOString(),
      answerId: action.answerId,
      userId: i.user.id,
      vote: action.vote,
      // After a restart only the message is left: its title is the question as shown.
      question: record?.answer.question ?? unescapeMarkdown(i.message.embeds[0]?.title ?? ""),
      ...(record ? answerIdsOf(record.answer) : { indexVersion: null, quoteIds: [], passageIds: [] }),
    });
    await i.reply({
      content: voteNote(action.vote, previous),
      flags: EPHEMERAL,
      allowedMentions: NO_MENTIONS,
    });
  }

  async function onInteraction(i: Interaction): Promise<void> {
    if (i.isAutocomplete()) return onAutocomplete(i);
    if (!i.isChatInputCommand() && !i.isButton()) return;
    if (closing) {
      await i.reply({ content: NOTES.shuttingDown, flags: EPHEMERAL, allowedMentions: NO_MENTIONS });
      return;
    }
    if (i.isButton()) return onButton(i);
    if (i.commandName === COMMAND.ask) return onAsk(i);
    if (i.commandName === COMMAND.sources) return onSources(i);
    if (i.commandName === COMMAND.about) return onAbout(i);
    if (i.commandName === COMMAND.quote) return onQuote(i);
    if (i.commandName === COMMAND.brief) return onBrief(i);
    if (i.commandName === COMMAND.outline) return onOutline(i);
  }

  // --- mentions --------------------------------------------------------------------------------------

  async function onMessage(m: Message): Promise<void> {
    const me = client?.user;
    if (closing || !me || m.system) return;
    const bot = { userId: me.id, roleId: m.guild?.members.me?.roles.botRole?.id };
    const addressed = isAddressedToBot(
      {
        content: m.content,
        authorIsBot: m.author.bot,
        mentionedUserIds: [...m.mentions.users.keys()],
        mentionedRoleIds: [...m.mentions.roles.keys()],
        repliedToUserId: m.mentions.repliedUser?.id ?? null,
      },
      bot,
    );
    if (!addressed) return;
    const started = performance.now();
    const reply = (body: ReplyBody) =>
      m.reply({ ...body, allowedMentions: NO_MENTIONS_REPLY, failIfNotExists: false });

    // Without the Message Content intent, a reply that does not ping the bot arrives with no text.
    const text = questionFromMessage(m.content, bot);
    if (!text) {
      await reply({ content: mentionHint(messageContent) });
      return;
    }
    const invalid = lengthProblem(text);
    if (invalid) return void (await reply({ content: invalid }));
    const decision = limiter.take(m.author.id);
    if (!decision.allowed) {
      // No ephemeral messages here: say it once, then stay quiet rather than flood the channel.
      if (!decision.repeated) {
        await reply({
          content: rateLimitNote(decision.retryAt, options.rateLimit.count, options.rateLimit.windowS),
        });
      }
      return;
    }
    if ("sendTyping" in m.channel) void m.channel.sendTyping().catch(() => undefined);
    const meta: QuestionMeta = {
      via: "mention",
      answerId: m.id,
      askerId: m.author.id,
      guildId: m.guildId,
      channelId: m.channelId,
      started,
    };
    try {
      await reply(await converse(meta, text, engine.answerer()));
    } catch (error) {
      logFailure(meta, error);
      await reply({ content: errorNote(error) });
    }
  }

  // --- lifecycle -------------------------------------------------------------------------------------

  async function detectMessageContent(token: string): Promise<boolean> {
    if (options.messageContent !== undefined) return options.messageContent;
    const rest = new REST({ ...options.clientOptions?.rest }).setToken(token);
    const app = (await rest.get(Routes.currentApplication())) as APIApplication;
    const enabled = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;
    return ((app.flags ?? 0) & enabled) !== 0;
  }

  return {
    get client() {
      return client;
    },
    get messageContent() {
      return messageContent;
    },
    async start(token) {
      if (client) throw new Error("The bot is already started.");
      closing = false;
      try {
        messageContent = await detectMessageContent(token);
      } catch (error) {
        throw new AppError(
          "DISCORD_LOGIN_FAILED",
          `Could not read the application from Discord: ${scrubSecrets(describeError(error), [token])}.`,
        );
      }
      if (!messageContent) {
        log.warn(
          { event: "intent" },
          "Message Content intent is off: mentions are answered, replies to the bot without a ping get a hint to use /ask",
        );
      }
      const c = new Client({
        intents: [
          GatewayIntentBits.Guilds,
          GatewayIntentBits.GuildMessages,
          ...(messageContent ? [GatewayIntentBits.MessageContent] : []),
        ],
        allowedMentions: NO_MENTIONS_REPLY,
        ...options.clientOptions,
      });
      client = c;
      c.on(Events.InteractionCreate, (i) => track("interaction", () => onInteraction(i)));
      c.on(Events.MessageCreate, (m) => track("message", () => onMessage(m)));
      c.on(Events.Error, (error) => log.error({ err: errorForLog(error) }, "discord client error"));
      c.on(Events.Warn, (message) =>
        log.warn({ message: scrubSecrets(message, [token]) }, "discord client warning"),
      );
      const ready = once(c, Events.ClientReady);
      ready.catch(() => undefined); // when login fails first, nobody awaits it
      try {
        await c.login(token);
        await ready;
      } catch (error) {
        client = null;
        await c.destroy();
        throw new AppError(
          "DISCORD_LOGIN_FAILED",
          `Could not log in: ${scrubSecrets(describeError(error), [token])}.`,
        );
      }
      log.info(
        { event: "ready", user: c.user?.tag, guilds: c.guilds.cache.size, messageContent },
        "connected to Discord",
      );
    },
    stop() {
      stopping ??= (async () => {
        closing = true;
        const timeout = options.shutdownTimeoutMs ?? 15_000;
        let timer: NodeJS.Timeout | undefined;
        const waited = await Promise.race([
          Promise.allSettled([...inFlight]).then(() => true),
          new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeout))),
        ]);
        clearTimeout(timer);
        if (!waited)
          log.warn({ event: "shutdown", pending: inFlight.size }, "gave up waiting for answers in flight");
        await client?.destroy();
        client = null;
        log.info({ event: "shutdown" }, "disconnected from Discord");
      })();
      return stopping;
    },
  };
}

/**
 * The note for a message too long to be a question, or undefined. Everything else (a greeting, "?", a
 * follow-up) is for the conversation to tell apart.
 */
function lengthProblem(text: string): string | undefined {
  if (text.length <= MAX_QUESTION_CHARS) return undefined;
  try {
    validateQuestion(text, MAX_QUESTION_CHARS);
  } catch (error) {
    return errorNote(error);
  }
  return undefined;
}

/** Options for `createDiscordBot` from validated settings. */
export function botSettings(settings: {
  RATE_LIMIT_COUNT: number;
  RATE_LIMIT_WINDOW_S: number;
  FEEDBACK_LOG: string;
}): Pick<DiscordBotOptions, "rateLimit" | "feedbackLog"> {
  return {
    rateLimit: { count: settings.RATE_LIMIT_COUNT, windowS: settings.RATE_LIMIT_WINDOW_S },
    feedbackLog: settings.FEEDBACK_LOG,
  };
}
