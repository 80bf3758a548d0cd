import { describe, expect, it } from "vitest";
import type { TokenEmbedding } from "../../../src/embedding/embedder.js";
import {
  concatTokenTables,
  emptyTokenTable,
  loadSentenceTokens,
  parseTokenTable,
  pickTokenRows,
  serialiseTokenTable,
  tokenTableOf,
} from "../../../src/store/sentence-tokens.js";

const DIMS = 4;
function unit(...xs: number[]): number[] {
  const n = Math.hypot(...xs);
  return xs.map((x) => x / n);
}
function embedding(ids: number[], vectors: number[][]): TokenEmbedding {
  return {
    vector: new Float32Array(DIMS),
    ids: Uint16Array.from(ids),
    wordy: Uint8Array.from(ids, () => 1),
    tokens: Float32Array.from(vectors.flat()),
  };
}
const a = embedding([101, 7], [unit(1, 0, 0, 0), unit(0.3, 0.9, -0.1, 0.2)]);
const b = embedding([], []);
const c = embedding([7, 30000, 5], [unit(0, 0, 1, 0), unit(-1, 1, 1, -1), unit(0.2, -0.5, 0.1, 0.9)]);

describe("sentence token tables", () => {
  it("keep each sentence's ids and vectors, as bytes and a scale a row, within 1% of the cosine", () => {
    const tokens = loadSentenceTokens(tokenTableOf([a, b, c], DIMS));
    expect([...tokens.offsets]).toEqual([0, 2, 2, 5]);
    expect([...tokens.ids]).toEqual([101, 7, 7, 30000, 5]);
    const original = [a, c].flatMap((e) => [...e.tokens]);
    for (let t = 0; t < 5; t++) {
      let cos = 0;
      for (let k = 0; k < DIMS; k++) {
        cos += tokens.codes[t * DIMS + k]! * tokens.scales[t]! * original[t * DIMS + k]!;
      }
      expect(cos).toBeGreaterThan(0.99);
    }
    // id 7 is in two sentences, 5 in one.
    expect(tokens.df.get(7)).toBe(2);
    expect(tokens.df.get(5)).toBe(1);
  });

  it("survive the disk's layout byte for byte, an odd number of ids included", () => {
    const table = tokenTableOf([a, b, c], DIMS);
    const back = parseTokenTable(serialiseTokenTable(table));
    expect(back).toEqual(table);
    expect(() => parseTokenTable(serialiseTokenTable(table).subarray(0, 40))).toThrow(/header says/);
  });

  it("pick and join rows as a document is reused or dropped", () => {
    const table = tokenTableOf([a, b, c], DIMS);
    const picked = pickTokenRows(table, [2, 0]);
    expect(picked).toEqual(tokenTableOf([c, a], DIMS));
    expect(concatTokenTables([pickTokenRows(table, [0]), pickTokenRows(table, [1, 2])])).toEqual(table);
  });

  it("are empty, with a row per sentence, when a part has no token vectors", () => {
    const joined = concatTokenTables([tokenTableOf([a], DIMS), emptyTokenTable(2)]);
    expect(joined.dims).toBe(0);
    expect([...joined.offsets]).toEqual([0, 0, 0, 0]);
    expect(loadSentenceTokens(joined).scales).toHaveLength(0);
  });
});
