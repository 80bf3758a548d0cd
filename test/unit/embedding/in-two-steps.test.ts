import { describe, expect, it } from "vitest";
import { inTwoSteps, type TokenEmbedding } from "../../../src/embedding/embedder.js";

const embedding = (v: number): TokenEmbedding => ({
  vector: Float32Array.of(v),
  ids: Uint16Array.of(1),
  wordy: Uint8Array.of(1),
  tokens: Float32Array.of(1),
});

describe("a question embedded in two steps", () => {
  it("gives the vector when the work reports it, before the whole", async () => {
    let finish: (e: TokenEmbedding) => void = () => undefined;
    const steps = inTwoSteps((early) => {
      early(Float32Array.of(7));
      return new Promise<TokenEmbedding>((resolve) => (finish = resolve));
    });
    expect([...(await steps.vector)]).toEqual([7]);
    finish(embedding(7));
    expect([...(await steps.tokens).vector]).toEqual([7]);
  });

  it("gives the whole's vector when the work never reports it early", async () => {
    const steps = inTwoSteps(() => Promise.resolve(embedding(3)));
    expect([...(await steps.vector)]).toEqual([3]);
  });

  it("fails the vector too when the work fails before reporting it", async () => {
    const steps = inTwoSteps(() => Promise.reject(new Error("the model went away")));
    await expect(steps.vector).rejects.toThrow("the model went away");
    await expect(steps.tokens).rejects.toThrow("the model went away");
  });
});
