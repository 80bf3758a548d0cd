/**
 * What every request passes before a route sees it: a size limit on the address, the access token when one
 * is set, and a per-client rate limit. Each refusal is an AppError, answered like any other.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyReply, FastifyRequest } from "fastify";
import { AppError } from "../../errors.js";
import { createRateLimiter } from "../discord/rate-limiter.js";

export interface GuardOptions {
  token?: string | undefined;
  rateLimit: { count: number; windowMs: number };
  now?: () => number;
}

/** Longer addresses are refused; a question is at most 500 characters, so this is generous. */
export const MAX_URL_CHARS = 4096;
export const TOKEN_COOKIE = "report_web_token";

const digest = (s: string) => createHash("sha256").update(s).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const m = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return m?.[1]?.trim();
}

/** Static files cost nothing and every page loads two; only pages and the API count against the limit. */
const isStatic = (url: string) => url.startsWith("/static/") || url === "/favicon.ico";

export function createGuard(options: GuardOptions) {
  const limiter = createRateLimiter({ ...options.rateLimit, now: options.now });

  /** Returns the reply when it has answered already (the token redirect); throws to refuse. */
  return async function guard(
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> {
    if (request.url.length > MAX_URL_CHARS) {
      throw new AppError(
        "WEB_TOO_LARGE",
        `The address has ${request.url.length} characters; at most ${MAX_URL_CHARS}.`,
      );
    }
    if (options.token) checkToken(request, reply, options.token);
    if (reply.sent) return reply;
    if (isStatic(request.url)) return undefined;
    const decision = limiter.take(request.ip);
    if (!decision.allowed) {
      const seconds = Math.ceil(decision.retryAfterMs / 1000);
      reply.header("retry-after", String(seconds));
      throw new AppError(
        "WEB_RATE_LIMITED",
        `Too many requests from this address; try again in ${seconds} s.`,
      );
    }
    return undefined;
  };
}

/**
 * The token may come as `Authorization: Bearer …` (scripts, curl), as a cookie, or once as `?token=…`,
 * which sets the cookie and redirects to the same address without it, so it does not stay in the address bar.
 * SameSite=Lax, not Strict: a shared link to a page must open with the cookie, and no route changes anything.
 */
function checkToken(request: FastifyRequest, reply: FastifyReply, token: string): void {
  const url = new URL(request.url, "http://localhost");
  const fromQuery = url.searchParams.get("token");
  if (fromQuery !== null && sameSecret(fromQuery, token) && request.method === "GET") {
    url.searchParams.delete("token");
    reply
      .header("set-cookie", `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Lax; Path=/`)
      // One leading slash: "//host" would send the browser to another site.
      .redirect(url.pathname.replace(/^\/+/, "/") + url.search, 303);
    return;
  }
  const given = bearer(request.headers.authorization) ?? cookieValue(request.headers.cookie, TOKEN_COOKIE);
  if (given !== undefined && sameSecret(given, token)) return;
  throw new AppError("WEB_UNAUTHORIZED", "This page needs the access token (WEB_TOKEN).");
}
