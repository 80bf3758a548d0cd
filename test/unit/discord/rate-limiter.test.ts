import { describe, expect, it } from "vitest";
import { rateLimitNote } from "../../../src/frontends/discord/notes.js";
import { createRateLimiter } from "../../../src/frontends/discord/rate-limiter.js";

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe("createRateLimiter", () => {
  it("allows `count` requests per window, then says when the next one is allowed", () => {
    const c = clock();
    const limiter = createRateLimiter({ count: 5, windowMs: 30_000, now: c.now });
    for (let i = 0; i < 5; i++) {
      expect(limiter.take("alice")).toMatchObject({ allowed: true, remaining: 4 - i });
      c.advance(1_000);
    }
    // The first request was at 1_000_000; it leaves the window at 1_030_000.
    expect(limiter.take("alice")).toEqual({
      allowed: false,
      retryAt: 1_030_000,
      retryAfterMs: 25_000,
      repeated: false,
    });
    c.advance(24_999);
    expect(limiter.take("alice")).toMatchObject({ allowed: false, retryAfterMs: 1, repeated: true });
    c.advance(1);
    expect(limiter.take("alice")).toMatchObject({ allowed: true });
  });

  it("does not let one user's flood affect another user", () => {
    const c = clock();
    const limiter = createRateLimiter({ count: 2, windowMs: 10_000, now: c.now });
    for (let i = 0; i < 50; i++) limiter.take("flooder");
    expect(limiter.take("bob")).toMatchObject({ allowed: true, remaining: 1 });
    expect(limiter.take("bob")).toMatchObject({ allowed: true, remaining: 0 });
  });

  it("does not count refused requests, so persistence is not punished", () => {
    const c = clock();
    const limiter = createRateLimiter({ count: 1, windowMs: 10_000, now: c.now });
    limiter.take("a");
    for (let i = 0; i < 9; i++) {
      c.advance(1_000);
      expect(limiter.take("a").allowed).toBe(false);
    }
    c.advance(1_000);
    expect(limiter.take("a").allowed).toBe(true);
  });

  it("forgets users whose window has passed", () => {
    const c = clock();
    const limiter = createRateLimiter({ count: 1, windowMs: 1_000, now: c.now });
    for (let i = 0; i < 100; i++) limiter.take(`user${i}`);
    expect(limiter.size()).toBe(100);
    c.advance(2_000);
    limiter.take("late");
    expect(limiter.size()).toBe(1);
  });
});

describe("rateLimitNote", () => {
  it("says when to try again with a Discord relative timestamp", () => {
    expect(rateLimitNote(1_700_000_000_500, 5, 30)).toBe(
      "You have asked 5 questions in the last 30 seconds, the most I take at once. You can ask again <t:1700000001:R>.",
    );
  });
});
