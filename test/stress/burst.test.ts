// 400 interactions from 50 users at once against the real bot (real model, in its worker thread) and the
// fake Discord, twice: every one acknowledged within Discord's 3 seconds. The event-loop delay and memory
// are printed, not asserted (timings on a shared machine are for the benchmark: npm run bench:burst).
import { describe, expect, it } from "vitest";
import { DISCORD_ACK_LIMIT_MS, runBursts } from "./burst-harness.js";

describe("a burst of interactions", () => {
  it("400 interactions from 50 users, twice: all acknowledged within 3 s", async () => {
    const runs = await runBursts({ users: 50, perUser: 8, runs: 2, log: (line) => console.log(line) });
    for (const run of runs) {
      console.log(
        `burst: ${run.interactions} interactions (${run.deferred} deferred, ${run.notes} notes): ` +
          `ack p50 ${run.ackMs.p50} ms, p99 ${run.ackMs.p99} ms, max ${run.ackMs.max} ms, ${run.late} late; ` +
          `replies max ${run.replyMs.max} ms; bot event-loop delay p99 ${run.bot.loopDelayMs.p99} ms, ` +
          `max ${run.bot.loopDelayMs.max} ms; RSS ${run.bot.rssMb} MB`,
      );
      expect(run.interactions).toBe(400);
      expect(run.deferred + run.notes).toBe(400);
      expect(run.late).toBe(0);
      expect(run.ackMs.max).toBeLessThanOrEqual(DISCORD_ACK_LIMIT_MS);
    }
  }, 600_000);
});
