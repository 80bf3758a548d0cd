import { describe, expect, it } from "vitest";
import { createTurns } from "../../../src/frontends/discord/turns.js";

describe("turns", () => {
  it("runs waiting work first come first served, one piece per loop iteration, with I/O and timers between", async () => {
    const turns = createTurns();
    const order: string[] = [];
    const work = Array.from({ length: 5 }, (_, k) =>
      turns.take("work").then(() => {
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

  it("gives an acknowledgement its turn before answers already waiting", async () => {
    const turns = createTurns();
    const order: string[] = [];
    const answers = [1, 2, 3].map((k) => turns.take("work").then(() => void order.push(`answer ${k}`)));
    const ack = turns.take("ack").then(() => void order.push("ack"));
    await Promise.all([...answers, ack]);
    expect(order).toEqual(["ack", "answer 1", "answer 2", "answer 3"]);
  });
});
