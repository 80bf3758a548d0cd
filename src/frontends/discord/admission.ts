/**
 * Who gets an answer computed, decided before anything is computed: the rate limit first (every command
 * that does work, and every message addressed to the bot, counts, valid or not), then the request's own
 * checks. Pure: the limiter's decision and the resolved request in, what to send out.
 */
import { rateLimitNote } from "./notes.js";
import type { RateDecision } from "./rate-limiter.js";
import type { Resolved } from "./handlers/resolve-options.js";

export interface RateLimitSettings {
  count: number;
  windowS: number;
}

export type Admission<T> =
  /** Tell the user (an ephemeral note for a command; a reply for a message), and compute nothing. */
  | { kind: "note"; content: string }
  /** Refused again within the same stretch, in a channel: say nothing rather than flood it. */
  | { kind: "silent" }
  | { kind: "run"; request: T };

/**
 * A slash command: refused (the note says when to come back), invalid (its note), or the request to run.
 * `resolve` (cheap, pure: options against the index) is not even called for a refused request.
 */
export function admitCommand<T>(
  decision: RateDecision,
  resolve: () => Resolved<T>,
  limit: RateLimitSettings,
): Admission<Resolved<T> & { ok: true }> {
  if (!decision.allowed) {
    return { kind: "note", content: rateLimitNote(decision.retryAt, limit.count, limit.windowS) };
  }
  const resolved = resolve();
  return resolved.ok ? { kind: "run", request: resolved } : { kind: "note", content: resolved.note };
}

/**
 * A message addressed to the bot, valid or not (an empty or over-long mention is a note, and counts): the
 * rate-limit note is said once per stretch, since a message reply cannot be ephemeral.
 */
export function admitMessage<T>(
  decision: RateDecision,
  plan: { kind: "note"; content: string } | { kind: "message"; text: T },
  limit: RateLimitSettings,
): Admission<T> {
  if (!decision.allowed) {
    return decision.repeated
      ? { kind: "silent" }
      : { kind: "note", content: rateLimitNote(decision.retryAt, limit.count, limit.windowS) };
  }
  return plan.kind === "note" ? plan : { kind: "run", request: plan.text };
}
