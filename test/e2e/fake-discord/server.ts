// A small fake Discord (REST + gateway) on 127.0.0.1 that the real discord.js Client can log in to,
// so end-to-end tests can drive a bot with gateway events and assert on the HTTP calls it makes.
//
// Point a client at it with `new Client({ intents, rest: { api: fake.restBase } })`; discord.js then
// learns the gateway URL from `GET /gateway/bot`. It is one HTTP server: the REST routes below and
// the WebSocket gateway share the port. State is per instance; start one per test file.
import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, WebSocket, type RawData } from "ws";
import type {
  APIEmbed,
  APIInteraction,
  APIMessage,
  APIMessageTopLevelComponent,
  MessageFlags,
} from "discord.js";
import {
  applicationFixture,
  createWorld,
  guildCreateFixture,
  messageFixture,
  readyFixture,
  snowflake,
  type FakeWorld,
} from "./fixtures.js";

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  size: number;
}

export interface RecordedRequest {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages` (the full path if it had another prefix). */
  path: string;
  /** Template of the route that answered, e.g. `/channels/:channelId/messages`; null when none did (404). */
  route: string | null;
  params: Record<string, string>;
  query: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or the `payload_json` part of a multipart body; undefined when there was none. */
  body: unknown;
  /** File parts of a multipart body (discord.js sends `files[n]` when attachments are present). */
  files: RecordedFile[];
  /** The status the fake answered with. */
  status: number;
}

/** A gateway frame the client sent (IDENTIFY, HEARTBEAT, RESUME, presence updates, ...). */
export interface GatewayFrame {
  op: number;
  d: unknown;
}

export interface FakeReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeDiscordOptions {
  world?: FakeWorld;
  /** Sent in HELLO. Discord uses ~41 s; a short one lets a test watch heartbeats being ACKed. */
  heartbeatIntervalMs?: number;
}

export interface FakeDiscord {
  /** Pass as `rest.api` to the discord.js Client: `http://127.0.0.1:<port>/api` (it appends `/v10`). */
  restBase: string;
  gatewayUrl: string;
  world: FakeWorld;
  /** Every REST request, in arrival order, unknown routes included. */
  requests: RecordedRequest[];
  gatewayFrames: GatewayFrame[];
  /** Messages the fake knows about: dispatched ones and those the bot created or edited. */
  messages: ReadonlyMap<string, APIMessage>;
  /** Sends INTERACTION_CREATE; the interaction's token becomes valid for callbacks and webhooks. */
  dispatchInteraction<T extends APIInteraction>(interaction: T): T;
  dispatchMessage<T extends APIMessage>(message: T): T;
  /** Sends any gateway DISPATCH to every connected session; returns how many received it. */
  dispatch(event: string, data: unknown): number;
  /** Resolves with the first recorded request (past or future) matching `predicate`. */
  waitForRequest(
    predicate: (request: RecordedRequest) => boolean,
    timeoutMs?: number,
  ): Promise<RecordedRequest>;
  waitForGatewayFrame(predicate: (frame: GatewayFrame) => boolean, timeoutMs?: number): Promise<GatewayFrame>;
  /** Answers matching requests with a canned reply instead (e.g. a 500 or 429); returns an undo function. */
  intercept(handler: (request: RecordedRequest) => FakeReply | undefined): () => void;
  /** Closes gateway sockets with `code` (4000 = resumable), to exercise the client's resume path. */
  closeGateway(code?: number): void;
  /** Destroy the discord.js Client first, or it will try to reconnect to the closed port. */
  close(): Promise<void>;
}

// Gateway opcodes (https://discord.com/developers/docs/topics/opcodes-and-status-codes).
const OP = {
  Dispatch: 0,
  Heartbeat: 1,
  Identify: 2,
  Resume: 6,
  InvalidSession: 9,
  Hello: 10,
  HeartbeatAck: 11,
} as const;

// Interaction callback types.
const CALLBACK = {
  ChannelMessage: 4,
  DeferredChannelMessage: 5,
  DeferredUpdate: 6,
  UpdateMessage: 7,
} as const;

const MESSAGE_FLAG_LOADING = 1 << 7; // a deferred reply shows "Bot is thinking..." until edited

/** The fields of a message create/edit body the fake keeps. */
interface MessageBody {
  content?: string;
  embeds?: APIEmbed[];
  components?: APIMessageTopLevelComponent[];
  flags?: number;
  message_reference?: { message_id?: string };
}

interface InteractionState {
  interaction: APIInteraction;
  acknowledged: boolean;
  /** The message `@original` refers to: the reply, or for components the message holding the button. */
  originalId?: string;
}

interface Session {
  id: string;
  seq: number;
  socket: WebSocket | null;
}

interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  files: RecordedFile[];
}

type Route = [method: string, template: string, handler: (ctx: RouteContext) => FakeReply];

const ok = (body: unknown): FakeReply => ({ status: 200, body });
const noContent: FakeReply = { status: 204 };
// Discord's JSON error shape; discord.js turns it into a DiscordAPIError with `.code`.
const discordError = (status: number, code: number, message: string): FakeReply => ({
  status,
  body: { message, code },
});

export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const world = options.world ?? createWorld();
  const heartbeatIntervalMs = options.heartbeatIntervalMs ?? 41_250;
  const events = new EventEmitter();
  const requests: RecordedRequest[] = [];
  const gatewayFrames: GatewayFrame[] = [];
  const messages = new Map<string, APIMessage>();
  const interactions = new Map<string, InteractionState>(); // by token
  const commands = new Map<string, unknown[]>(); // by scope: "global" or a guild id
  const sessions = new Map<string, Session>();
  const interceptors = new Set<(request: RecordedRequest) => FakeReply | undefined>();
  let gatewayUrl = "";

  const store = (message: APIMessage): APIMessage => {
    messages.set(message.id, message);
    return message;
  };

  const applyBody = (
    message: APIMessage,
    body: MessageBody | undefined,
    files: RecordedFile[],
  ): APIMessage => ({
    ...message,
    ...(body?.content !== undefined && { content: body.content }),
    ...(body?.embeds !== undefined && { embeds: body.embeds }),
    ...(body?.components !== undefined && { components: body.components }),
    ...(body?.flags !== undefined && { flags: body.flags as MessageFlags }),
    ...(files.length > 0 && {
      attachments: files.map((file) => ({
        id: snowflake(),
        filename: file.name,
        size: file.size,
        content_type: file.contentType,
        url: `https://cdn.discordapp.com/attachments/${message.channel_id}/${file.name}`,
        proxy_url: `https://media.discordapp.net/attachments/${message.channel_id}/${file.name}`,
      })),
    }),
  });

  const edit = (id: string, body: MessageBody | undefined, files: RecordedFile[]): APIMessage => {
    const previous = messages.get(id);
    if (!previous) throw new Error(`fake-discord: no message ${id}`);
    const edited = applyBody(previous, body, files);
    // Editing a deferred reply replaces the "thinking" placeholder.
    const flags = ((edited.flags ?? 0) & ~MESSAGE_FLAG_LOADING) as MessageFlags;
    return store({ ...edited, flags, edited_timestamp: new Date().toISOString() });
  };

  /** A message posted through the interaction webhook: authored by the bot, in the interaction's channel. */
  const interactionMessage = (
    state: InteractionState,
    body: MessageBody | undefined,
    files: RecordedFile[],
  ) =>
    store(
      applyBody(
        messageFixture(world, {
          channel_id: state.interaction.channel?.id ?? world.channelId,
          author: world.botUser,
          webhook_id: world.applicationId,
          application_id: world.applicationId,
          type: state.interaction.type === 2 ? 20 : 0, // CHAT_INPUT_COMMAND for slash commands
        }),
        body,
        files,
      ),
    );

  // The interaction webhook answers only to the bot's application id and a token from a dispatched interaction.
  const webhookState = (params: Record<string, string>): InteractionState | FakeReply => {
    if (params.appId !== world.applicationId) return discordError(404, 10015, "Unknown Webhook");
    return interactions.get(params.token ?? "") ?? discordError(401, 50027, "Invalid Webhook Token");
  };
  const webhookMessageId = (state: InteractionState, id: string | undefined) =>
    id === "@original" ? state.originalId : id;

  const saveCommands = (scope: string, { body, params }: RouteContext): FakeReply => {
    if (!Array.isArray(body)) return discordError(400, 50035, "Invalid Form Body");
    const saved = body.map((command: Record<string, unknown>) => ({
      id: snowflake(),
      application_id: world.applicationId,
      version: snowflake(),
      type: 1,
      description: "",
      default_member_permissions: null,
      nsfw: false,
      ...(params.guildId !== undefined && { guild_id: params.guildId }),
      ...command,
    }));
    commands.set(scope, saved);
    return ok(saved);
  };

  const routes: Route[] = [
    [
      "GET",
      "/gateway/bot",
      () =>
        ok({
          url: gatewayUrl,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 1000, reset_after: 86_400_000, max_concurrency: 1 },
        }),
    ],
    ["GET", "/gateway", () => ok({ url: gatewayUrl })],
    ["GET", "/users/@me", () => ok(world.botUser)],
    ["GET", "/applications/@me", () => ok(applicationFixture(world))],
    ["PUT", "/applications/:appId/commands", (ctx) => saveCommands("global", ctx)],
    ["GET", "/applications/:appId/commands", () => ok(commands.get("global") ?? [])],
    [
      "PUT",
      "/applications/:appId/guilds/:guildId/commands",
      (ctx) => saveCommands(ctx.params.guildId ?? "", ctx),
    ],
    [
      "GET",
      "/applications/:appId/guilds/:guildId/commands",
      ({ params }) => ok(commands.get(params.guildId ?? "") ?? []),
    ],
    [
      "POST",
      "/interactions/:interactionId/:token/callback",
      ({ params, query, body, files }) => {
        const state = interactions.get(params.token ?? "");
        if (!state || state.interaction.id !== params.interactionId) {
          return discordError(404, 10062, "Unknown interaction");
        }
        if (state.acknowledged) return discordError(400, 40060, "Interaction has already been acknowledged.");
        state.acknowledged = true;
        const { type, data } = body as { type: number; data?: MessageBody };
        let message: APIMessage | undefined;
        if (type === CALLBACK.ChannelMessage) {
          message = interactionMessage(state, data, files);
        } else if (type === CALLBACK.DeferredChannelMessage) {
          message = interactionMessage(state, { flags: (data?.flags ?? 0) | MESSAGE_FLAG_LOADING }, []);
        } else if (type === CALLBACK.UpdateMessage && state.originalId) {
          message = edit(state.originalId, data, files);
        } else if (type === CALLBACK.DeferredUpdate && state.originalId) {
          message = messages.get(state.originalId);
        }
        if (message && (type === CALLBACK.ChannelMessage || type === CALLBACK.DeferredChannelMessage)) {
          state.originalId = message.id;
        }
        // discord.js 14.28 always sends `?with_response=<bool>`; Discord answers 204 unless it is true.
        if (query.with_response !== "true") return noContent;
        return ok({
          interaction: {
            id: state.interaction.id,
            type: state.interaction.type,
            response_message_id: message?.id,
            response_message_loading: type === CALLBACK.DeferredChannelMessage,
            response_message_ephemeral: Boolean((message?.flags ?? 0) & 64),
          },
          resource: { type, ...(message && { message }) },
        });
      },
    ],
    [
      "POST",
      "/webhooks/:appId/:token",
      ({ params, query, body, files }) => {
        const state = webhookState(params);
        if ("status" in state) return state;
        const message = interactionMessage(state, body as MessageBody, files);
        // Follow-ups from discord.js always carry `?wait=true`, which makes Discord return the message.
        return query.wait === "true" ? ok(message) : noContent;
      },
    ],
    ...(["GET", "PATCH", "DELETE"] as const).map((method): Route => [
      method,
      "/webhooks/:appId/:token/messages/:messageId",
      ({ params, body, files }) => {
        const state = webhookState(params);
        if ("status" in state) return state;
        const id = webhookMessageId(state, params.messageId);
        const message = id === undefined ? undefined : messages.get(id);
        if (!message) return discordError(404, 10008, "Unknown Message");
        if (method === "GET") return ok(message);
        if (method === "PATCH") return ok(edit(message.id, body as MessageBody, files));
        messages.delete(message.id);
        return noContent;
      },
    ]),
    [
      "POST",
      "/channels/:channelId/messages",
      ({ params, body, files }) => {
        if (params.channelId !== world.channelId) return discordError(404, 10003, "Unknown Channel");
        const { message_reference: reference, ...rest } = (body ?? {}) as MessageBody;
        const referenced = reference?.message_id ? messages.get(reference.message_id) : undefined;
        const message = applyBody(messageFixture(world, { author: world.botUser }), rest, files);
        return ok(
          store(
            referenced
              ? {
                  ...message,
                  type: 19, // REPLY
                  message_reference: {
                    type: 0,
                    message_id: referenced.id,
                    channel_id: referenced.channel_id,
                    guild_id: world.guildId,
                  },
                  referenced_message: referenced,
                }
              : message,
          ),
        );
      },
    ],
    [
      "GET",
      "/channels/:channelId/messages/:messageId",
      ({ params }) => {
        const message = messages.get(params.messageId ?? "");
        return message ? ok(message) : discordError(404, 10008, "Unknown Message");
      },
    ],
    [
      "PATCH",
      "/channels/:channelId/messages/:messageId",
      ({ params, body, files }) => {
        const id = params.messageId ?? "";
        if (!messages.has(id)) return discordError(404, 10008, "Unknown Message");
        return ok(edit(id, body as MessageBody, files));
      },
    ],
    ["POST", "/channels/:channelId/typing", () => noContent],
    ["PUT", "/channels/:channelId/messages/:messageId/reactions/:emoji/@me", () => noContent],
  ];

  const match = (method: string, path: string) => {
    const segments = path.split("/");
    for (const [routeMethod, template, handler] of routes) {
      const parts = template.split("/");
      if (routeMethod !== method || parts.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matched = parts.every((part, i) => {
        const segment = decodeURIComponent(segments[i] ?? "");
        if (part.startsWith(":")) params[part.slice(1)] = segment;
        return part.startsWith(":") || part === segment;
      });
      if (matched) return { template, handler, params };
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      res.writeHead(500, { "content-type": "application/json" });
      res.end(JSON.stringify({ message: String(error), code: 0 }));
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname.startsWith("/api/v10/") ? url.pathname.slice("/api/v10".length) : url.pathname;
    const method = req.method ?? "GET";
    const found = match(method, path);
    const request: RecordedRequest = {
      method,
      path,
      route: found?.template ?? null,
      params: found?.params ?? {},
      query: Object.fromEntries(url.searchParams),
      headers: req.headers,
      body: undefined,
      files: [],
      status: 0,
    };
    let reply: FakeReply | undefined;
    try {
      Object.assign(request, await readBody(req));
    } catch {
      reply = discordError(400, 50109, "The request body contains invalid JSON.");
    }
    for (const interceptor of interceptors) reply ??= interceptor(request);
    reply ??= found
      ? found.handler({
          params: request.params,
          query: request.query,
          body: request.body,
          files: request.files,
        })
      : discordError(404, 0, "404: Not Found");
    request.status = reply.status;
    requests.push(request);
    events.emit("request", request);
    const headers = {
      ...reply.headers,
      ...(reply.body !== undefined && { "content-type": "application/json" }),
    };
    res.writeHead(reply.status, headers);
    res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
  }

  // Gateway: HELLO on connect, READY + GUILD_CREATE on IDENTIFY, RESUMED on RESUME, ACK for heartbeats.
  // No compression: discord.js asks for zlib-stream only when the optional `zlib-sync` is installed.
  const wss = new WebSocketServer({ server });
  const send = (socket: WebSocket, payload: object) => socket.send(JSON.stringify(payload));
  const dispatchTo = (session: Session, event: string, data: unknown) => {
    if (session.socket?.readyState !== WebSocket.OPEN) return false;
    send(session.socket, { op: OP.Dispatch, t: event, s: ++session.seq, d: data });
    return true;
  };

  wss.on("connection", (socket) => {
    let session: Session | undefined;
    send(socket, { op: OP.Hello, d: { heartbeat_interval: heartbeatIntervalMs } });
    socket.on("message", (raw: RawData) => {
      const frame = JSON.parse(String(raw)) as GatewayFrame;
      gatewayFrames.push(frame);
      events.emit("gateway", frame);
      if (frame.op === OP.Heartbeat) {
        send(socket, { op: OP.HeartbeatAck });
      } else if (frame.op === OP.Identify) {
        session = { id: randomUUID().replaceAll("-", ""), seq: 0, socket };
        sessions.set(session.id, session);
        dispatchTo(
          session,
          "READY",
          readyFixture(world, { sessionId: session.id, resumeGatewayUrl: gatewayUrl }),
        );
        dispatchTo(session, "GUILD_CREATE", guildCreateFixture(world));
      } else if (frame.op === OP.Resume) {
        const resumed = sessions.get((frame.d as { session_id?: string }).session_id ?? "");
        if (!resumed) {
          send(socket, { op: OP.InvalidSession, d: false });
          return;
        }
        // Events dispatched while disconnected are not replayed: dispatch() needs a live socket anyway.
        session = resumed;
        session.socket = socket;
        dispatchTo(session, "RESUMED", null);
      }
      // Other opcodes (presence update, request guild members, ...) are only recorded.
    });
    socket.on("close", (code) => {
      if (!session || session.socket !== socket) return;
      session.socket = null;
      // A normal close ends the session on Discord's side; other codes (e.g. 4200 "resuming") keep it.
      if (code === 1000 || code === 1001) sessions.delete(session.id);
    });
  });

  server.listen(0, "127.0.0.1");
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  gatewayUrl = `ws://127.0.0.1:${port}`;

  const dispatch = (event: string, data: unknown): number => {
    let delivered = 0;
    for (const session of sessions.values()) if (dispatchTo(session, event, data)) delivered++;
    if (delivered === 0)
      throw new Error(`fake-discord: no gateway session to send ${event} to; is the client ready?`);
    return delivered;
  };

  function waitFor<T>(
    list: T[],
    event: string,
    predicate: (item: T) => boolean,
    timeoutMs: number,
  ): Promise<T> {
    const seen = list.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const listener = (item: T) => {
        if (!predicate(item)) return;
        cleanup();
        resolve(item);
      };
      const timer = setTimeout(() => {
        cleanup();
        const saw = requests.map((r) => `${r.method} ${r.path} -> ${r.status}`).join("\n  ");
        reject(new Error(`fake-discord: nothing matched within ${timeoutMs} ms. Requests so far:\n  ${saw}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        events.off(event, listener);
      };
      events.on(event, listener);
    });
  }

  return {
    restBase: `http://127.0.0.1:${port}/api`,
    gatewayUrl,
    world,
    requests,
    gatewayFrames,
    messages,
    dispatch,
    dispatchInteraction(interaction) {
      // A component interaction's `@original` is the message holding the component.
      if (interaction.message) store(interaction.message);
      interactions.set(interaction.token, {
        interaction,
        acknowledged: false,
        originalId: interaction.message?.id,
      });
      dispatch("INTERACTION_CREATE", interaction);
      return interaction;
    },
    dispatchMessage(message) {
      store(message);
      dispatch("MESSAGE_CREATE", message);
      return message;
    },
    waitForRequest: (predicate, timeoutMs = 5_000) => waitFor(requests, "request", predicate, timeoutMs),
    waitForGatewayFrame: (predicate, timeoutMs = 5_000) =>
      waitFor(gatewayFrames, "gateway", predicate, timeoutMs),
    intercept(handler) {
      interceptors.add(handler);
      return () => interceptors.delete(handler);
    },
    closeGateway(code = 4000) {
      for (const socket of wss.clients) socket.close(code, "fake-discord: closeGateway");
    },
    async close() {
      for (const socket of wss.clients) socket.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      // discord.js's undici agent keeps connections alive; drop them so server.close() returns now.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
}

/** Reads a JSON or multipart body; for multipart, the JSON lives in the `payload_json` part. */
async function readBody(req: IncomingMessage): Promise<{ body: unknown; files: RecordedFile[] }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  const type = req.headers["content-type"] ?? "";
  if (raw.length === 0) return { body: undefined, files: [] };
  if (type.startsWith("application/json")) return { body: JSON.parse(raw.toString("utf8")), files: [] };
  if (!type.startsWith("multipart/form-data")) return { body: raw.toString("utf8"), files: [] };
  // The fetch implementation built into Node parses multipart bodies; no extra dependency needed.
  const form = await new Response(raw, { headers: { "content-type": type } }).formData();
  let body: unknown;
  const files: RecordedFile[] = [];
  for (const [field, value] of form) {
    if (typeof value !== "string")
      files.push({ field, name: value.name, contentType: value.type, size: value.size });
    else if (field === "payload_json") body = JSON.parse(value);
  }
  return { body, files };
}
