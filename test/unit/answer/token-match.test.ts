import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenMatcher } from "../../../src/answer/token-match.js";
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

const tokenMatch = (s: Store, q: Parameters<typeof tokenMatcher>[1], i: number) => tokenMatcher(s, q)(i);
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
    const held = tokenMatch(store, await question(words), i);
    expect(held.recall).toBeCloseTo(1, 2);
    expect(held.soft).toBe(1);
    const partly = tokenMatch(store, await question(`${words} zebras quixotically`), i);
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
    const m = tokenMatch(store, await question(`${own} ${before}`), i);
    expect(m.context).toBeGreaterThan(m.recall);
    expect(m.context).toBeCloseTo(1, 2);
  });

  it("leaves out the question's punctuation, and is 0 without tokens on either side", async () => {
    const i = sentenceWith("pocket parks");
    const plain = tokenMatch(store, await question("pocket parks"), i);
    expect(tokenMatch(store, await question("pocket parks ???"), i)).toEqual(plain);
    const none = { recall: 0, soft: 0, context: 0 };
    expect(tokenMatch(store, undefined, i)).toEqual(none);
    expect(tokenMatch(store, await question("?!"), i)).toEqual(none);
  });
});
