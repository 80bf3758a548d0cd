import { describe, expect, it } from "vitest";
import { fromWire, toWire } from "../../../src/embedding/worker-protocol.js";
import { AppError } from "../../../src/errors.js";

describe("errors across the worker boundary", () => {
  it("keeps an AppError's code, message and hint", () => {
    const error = new AppError("MODEL_UNAVAILABLE", "Could not load the model from /x.", {
      hint: "Fetch it.",
    });
    const back = fromWire(structuredClone(toWire(error)));
    expect(back).toBeInstanceOf(AppError);
    expect(back).toMatchObject({ code: "MODEL_UNAVAILABLE", message: error.message, hint: "Fetch it." });
  });

  it("makes any other error a failed embedding, naming its message, or the fallback code given", () => {
    const wire = toWire(new RangeError("offset out of bounds"));
    expect(fromWire(wire)).toMatchObject({
      code: "EMBED_FAILED",
      message: "The model's worker failed: offset out of bounds.",
    });
    expect(fromWire(wire, "MODEL_UNAVAILABLE").code).toBe("MODEL_UNAVAILABLE");
    expect(toWire("a string thrown")).toEqual({ code: null, message: "a string thrown" });
  });
});
