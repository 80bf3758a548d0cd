/** Logging in to Discord: which intents the application has, and a client connected with them. */
import { once } from "node:events";
import {
  ApplicationFlags,
  Client,
  Events,
  GatewayIntentBits,
  REST,
  Routes,
  type APIApplication,
  type ClientOptions,
  type Interaction,
  type Message,
} from "discord.js";
import { AppError, describeError } from "../../errors.js";
import { NO_MENTIONS_REPLY } from "./handlers/respond.js";
import { scrubSecrets, type BotLog } from "./logger.js";

/** Whether the application has the Message Content intent switched on in the developer portal. */
export async function detectMessageContent(
  token: string,
  clientOptions?: Partial<ClientOptions>,
): Promise<boolean> {
  try {
    const rest = new REST({ ...clientOptions?.rest }).setToken(token);
    const app = (await rest.get(Routes.currentApplication())) as APIApplication;
    const enabled = ApplicationFlags.GatewayMessageContent | ApplicationFlags.GatewayMessageContentLimited;
    return ((app.flags ?? 0) & enabled) !== 0;
  } catch (error) {
    throw new AppError(
      "DISCORD_LOGIN_FAILED",
      `Could not read the application from Discord: ${scrubSecrets(describeError(error), [token])}.`,
    );
  }
}

export interface ConnectOptions {
  messageContent: boolean;
  clientOptions?: Partial<ClientOptions> | undefined;
  log: BotLog;
  /** Called with the client before it logs in, so handlers and logs can use it from the first event. */
  onCreated(client: Client | null): void;
  onInteraction(i: Interaction): void;
  onMessage(m: Message): void;
  errorForLog(error: unknown): unknown;
}

/** A client logged in and READY, its events routed; on failure it is destroyed and the error says why. */
export async function connect(token: string, o: ConnectOptions): Promise<Client> {
  const c = new Client({
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      ...(o.messageContent ? [GatewayIntentBits.MessageContent] : []),
    ],
    allowedMentions: NO_MENTIONS_REPLY,
    ...o.clientOptions,
  });
  o.onCreated(c);
  c.on(Events.InteractionCreate, o.onInteraction);
  c.on(Events.MessageCreate, o.onMessage);
  c.on(Events.Error, (error) => o.log.error({ err: o.errorForLog(error) }, "discord client error"));
  c.on(Events.Warn, (message) =>
    o.log.warn({ message: scrubSecrets(message, [token]) }, "discord client warning"),
  );
  const ready = once(c, Events.ClientReady);
  ready.catch(() => undefined); // when login fails first, nobody awaits it
  try {
    await c.login(token);
    await ready;
  } catch (error) {
    o.onCreated(null);
    await c.destroy();
    throw new AppError(
      "DISCORD_LOGIN_FAILED",
      `Could not log in: ${scrubSecrets(describeError(error), [token])}.`,
    );
  }
  return c;
}
