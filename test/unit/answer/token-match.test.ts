import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenMatcher } from "../../../src/answer/token-match.js";
import { createJsVectorKernels } from "../../../src/compute/vector-kernels.js";
import { createWasmVectorKernels } from "../../../src/compute/wasm-vector-kernels.js";
import type { Store } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { fakeStore } from "../../fixtures/fake-store.js";

const embedder = createFakeEmbedder(64, { tokens: true });
let store: Store;
let cleanup = () => undefined as void;
beforeAll(async () => {
  ({ store, cleanup } = await fakeStore(64, { tokens: true }));
});
afterAll(() => cleanup());

const tokenMatch = async (s: Store, q: Parameters<typeof tokenMatcher>[1], i: number) =>
  tokenMatcher(s, q, [i], createJsVectorKernels())(i);
const question = async (text: string) => (await embedder.embedTokens!([text]))[0]!;
const sentenceWith = (words: string) => store.sentences.findIndex((s) => s.text.includes(words));

describe("token match", () => {
  it("keeps every sentence's tokens in the store", () => {
    expect(store.sentenceTokens.dims).toBe(512);
    expect(store.sentenceTokens.offsets).toHaveLength(store.sentences.length + 1);
    const i = sentenceWith("pocket parks");
    expect(store.sentenceTokens.offsets[i + 1]! - store.sentenceTokens.offsets[i]!).toBeGreaterThan(5);
  });

  it("is 1 for a question all of whose words the sentence holds, and falls as words are missing", async () => {
    const i = sentenceWith("pocket parks");
    const words = store.sentences[i]!.text.split(/\s+/).slice(0, 6).join(" ");
    const held = await tokenMatch(store, await question(words), i);
    expect(held.recall).toBeCloseTo(1, 2);
    expect(held.soft).toBe(1);
    const partly = await tokenMatch(store, await question(`${words} zebras quixotically`), i);
    expect(partly.recall).toBeLessThan(held.recall);
    expect(partly.soft).toBeLessThan(1);
  });

  it("with context, matches the words of the sentences beside it in its paragraph too", async () => {
    const i = store.sentences.findIndex(
      (s, k) =>
        k > 0 && store.sentences[k - 1]!.paragraph === s.paragraph && store.sentences[k - 1]!.doc === s.doc,
    );
    const before = store.sentences[i - 1]!.text.split(/\s+/).slice(0, 4).join(" ");
    const own = store.sentences[i]!.text.split(/\s+/).slice(0, 4).join(" ");
    const m = await tokenMatch(store, await question(`${own} ${before}`), i);
    expect(m.context).toBeGreaterThan(m.recall);
    expect(m.context).toBeCloseTo(1, 2);
  });

  it("has a precision that falls as the sentence says more beside the question", async () => {
    const i = sentenceWith("pocket parks");
    const words = store.sentences[i]!.text.split(/\s+/);
    const all = await tokenMatch(store, await question(words.join(" ")), i);
    const few = await tokenMatch(store, await question(words.slice(0, 3).join(" ")), i);
    // Not 1: the sentence's punctuation has no question token of its own (the question's is left out).
    expect(all.precision).toBeGreaterThan(0.9);
    expect(few.precision).toBeLessThan(all.precision);
    expect(few.precision).toBeGreaterThan(0);
  });

  it("leaves out the question's punctuation, and is 0 without tokens on either side", async () => {
    const i = sentenceWith("pocket parks");
    const plain = await tokenMatch(store, await question("pocket parks"), i);
    expect(await tokenMatch(store, await question("pocket parks ???"), i)).toEqual(plain);
    const none = { recall: 0, soft: 0, context: 0, precision: 0 };
    expect(await tokenMatch(store, undefined, i)).toEqual(none);
    expect(await tokenMatch(store, await question("?!"), i)).toEqual(none);
  });

  it("scores many sentences at once, the same in WebAssembly as in JavaScript", async () => {
    const q = await question("pocket parks along the river and new schools");
    const sentences = store.sentences.map((_, i) => i).slice(0, 40);
    const js = tokenMatcher(store, q, sentences, createJsVectorKernels());
    const wasm = tokenMatcher(store, q, sentences, createWasmVectorKernels());
    for (const i of sentences) {
      const [a, b] = [js(i), wasm(i)];
      expect(b.recall).toBeCloseTo(a.recall, 5);
      if (a.soft === 1) expect(b.soft).toBe(1);
      expect(b.soft).toBeCloseTo(a.soft, 5);
      expect(b.context).toBeCloseTo(a.context, 5);
      expect(b.precision).toBeCloseTo(a.precision, 5);
      // One at a time gives what the whole batch gives.
      expect(tokenMatcher(store, q, [i], createJsVectorKernels())(i)).toEqual(a);
    }
  });
});
