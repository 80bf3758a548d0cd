/**
 * The web server: pages and JSON API over the same engine as the other front ends. `engine.answerer()` is
 * called per request, so an index refreshed in the background is used from the next request on.
 */
import Fastify, { type FastifyInstance } from "fastify";
import { isAppError } from "../../errors.js";
import type { Engine } from "../shared/report-view.js";
import { registerApiRoutes, sendJson } from "./api-routes.js";
import { APP_JS, STYLE_CSS } from "./assets.js";
import { createGuard } from "./guard.js";
import { errorBody, notFound, statusOf } from "./http-errors.js";
import { errorBox, page } from "./layout.js";
import { registerPageRoutes, sendHtml } from "./page-routes.js";

export interface WebServerOptions {
  engine: Engine;
  /** Required by every request when set. */
  token?: string | undefined;
  /** Requests (pages and API) one client address may make per window. */
  rateLimit?: { count: number; windowMs: number };
  now?: () => number;
  /** Unexpected errors go here (with their stack), never to the client. */
  log?: (line: string) => void;
}

export const DEFAULT_WEB_RATE_LIMIT = { count: 60, windowMs: 60_000 };
/** Only GET is served; a body is never needed, so any is refused beyond this. */
const BODY_LIMIT_BYTES = 16 * 1024;

/** Scripts and styles from this origin only, no inline code, no framing, forms post back here only. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "content-security-policy": CONTENT_SECURITY_POLICY,
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
  "x-frame-options": "DENY",
  "cross-origin-opener-policy": "same-origin",
};

export function createWebServer(options: WebServerOptions): FastifyInstance {
  const log = options.log ?? (() => undefined);
  const server = Fastify({ logger: false, bodyLimit: BODY_LIMIT_BYTES, trustProxy: false });
  const guard = createGuard({
    token: options.token,
    rateLimit: options.rateLimit ?? DEFAULT_WEB_RATE_LIMIT,
    now: options.now,
  });
  server.addHook("onRequest", async (request, reply) => {
    reply.headers(SECURITY_HEADERS);
    return guard(request, reply);
  });

  server.setErrorHandler((error, request, reply) => {
    const status = statusOf(error);
    if (status >= 500) {
      const detail = isAppError(error)
        ? error.toLine()
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
      log(`web: ${request.method} ${request.url.split("?")[0]} failed: ${detail}`);
    }
    const body = errorBody(error);
    reply.code(status);
    if (request.url.startsWith("/api/")) return sendJson(reply, JSON.stringify({ error: body }));
    return sendHtml(reply, page({ title: "Error", active: "error", body: errorBox(body) }), status);
  });
  server.setNotFoundHandler(async (request) => {
    throw notFound(request.url.split("?")[0] ?? "/");
  });

  server.get("/static/style.css", async (_request, reply) =>
    reply.type("text/css; charset=utf-8").header("cache-control", "public, max-age=3600").send(STYLE_CSS),
  );
  server.get("/static/app.js", async (_request, reply) =>
    reply.type("text/javascript; charset=utf-8").header("cache-control", "public, max-age=3600").send(APP_JS),
  );
  // Browsers ask for it on every site; no icon, no error in their console.
  server.get("/favicon.ico", async (_request, reply) => reply.code(204).send());
  registerApiRoutes(server, options.engine);
  registerPageRoutes(server, options.engine);
  return server;
}
