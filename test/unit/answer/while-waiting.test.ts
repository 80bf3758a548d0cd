import { describe, expect, it } from "vitest";
import { whileWaiting } from "../../../src/answer/while-waiting.js";

const after = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

describe("work while waiting", () => {
  it("does every item when the awaited work takes longer", async () => {
    const done: number[] = [];
    await whileWaiting(after(50), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], (i) => done.push(i));
    expect(done).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("stops soon after the awaited work settles, in order, and leaves a rejection to its awaiter", async () => {
    const done: number[] = [];
    const failing = Promise.reject(new Error("the model went away"));
    await whileWaiting(
      failing,
      Array.from({ length: 1000 }, (_, i) => i),
      (i) => done.push(i),
    );
    expect(done.length).toBeLessThan(1000);
    expect(done).toEqual(done.map((_, i) => i));
    await expect(failing).rejects.toThrow("the model went away");
  });
});
