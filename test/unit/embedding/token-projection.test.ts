import { describe, expect, it } from "vitest";
import tokenProjectionFile from "../../../src/embedding/token-projection.json" with { type: "json" };
import { parseTokenProjection, projectTokens } from "../../../src/embedding/token-projection.js";
import { AppError } from "../../../src/errors.js";

const file = (matrix: number[][]) => ({
  formatVersion: 1,
  from: matrix.length,
  dims: matrix[0]?.length ?? 0,
  fittedOn: ["a test"],
  fittedAt: "2026-12-02",
  varianceShare: 1,
  matrix,
});

describe("token projection", () => {
  it("maps token vectors onto its axes at unit length", async () => {
    const p = parseTokenProjection(
      file([
        [1, 0],
        [0, 1],
        [1, 1],
      ]),
      "test.json",
    );
    const out = await projectTokens(p, Float32Array.of(3, 4, 0, 0, 0, 2), 2);
    expect([...out].map((x) => Number(x.toFixed(4)))).toEqual([0.6, 0.8, 0.7071, 0.7071]);
  });

  it("is versioned by its matrix, so a new one rebuilds the indexes", () => {
    const a = parseTokenProjection(
      file([
        [1, 0],
        [0, 1],
      ]),
      "a.json",
    );
    const b = parseTokenProjection(
      file([
        [1, 0],
        [0, 1],
      ]),
      "b.json",
    );
    const c = parseTokenProjection(
      file([
        [0, 1],
        [1, 0],
      ]),
      "c.json",
    );
    expect(a.version).toBe(b.version);
    expect(a.version).not.toBe(c.version);
  });

  it("refuses a file of the wrong shape, naming it", () => {
    const bad = {
      ...file([
        [1, 0],
        [0, 1],
      ]),
      from: 3,
    };
    expect(() => parseTokenProjection(bad, "bad.json")).toThrow(AppError);
    expect(() => parseTokenProjection(bad, "bad.json")).toThrow(/bad\.json should hold 3 rows of 2/);
    expect(() => parseTokenProjection({ formatVersion: 2 }, "old.json")).toThrow(
      /old\.json is not a token projection/,
    );
  });

  it("ships a projection of the model's 384 dimensions onto 64", () => {
    const p = parseTokenProjection(tokenProjectionFile, "src/embedding/token-projection.json");
    expect([p.from, p.dims]).toEqual([384, 64]);
  });
});
