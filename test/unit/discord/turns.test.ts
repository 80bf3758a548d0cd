import { describe, expect, it } from "vitest";
import { createTurns } from "../../../src/frontends/discord/turns.js";

describe("turns", () => {
  it("runs waiting work first come first served, one piece per loop iteration, with I/O and timers between", async () => {
    const turns = createTurns();
    const order: string[] = [];
    const work = Array.from({ length: 5 }, (_, k) =>
      turns.take().then(() => {
        order.push(`work ${k}`);
        // A synchronous piece of work, as an answer computation is.
        const until = performance.now() + 5;
        while (performance.now() < until);
      }),
    );
    expect(turns.waiting()).toBe(5);
    // Queued after all the work: it still runs before the last of it, because each piece is a task of its own.
    setTimeout(() => order.push("timer"), 0);
    await Promise.all(work);
    expect(order.filter((o) => o.startsWith("work"))).toEqual([
      "work 0",
      "work 1",
      "work 2",
      "work 3",
      "work 4",
    ]);
    expect(order.indexOf("timer")).toBeGreaterThan(0);
    expect(order.indexOf("timer")).toBeLessThan(order.length - 1);
    expect(turns.waiting()).toBe(0);
  });
});
