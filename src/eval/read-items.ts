import { readFileSync } from "node:fs";
import { AppError, describeError } from "../errors.js";
import { evalItemSchema, type EvalItem } from "./metrics.js";

/** A question file (JSON lines, a BOM allowed); a bad line is named with its number. */
export function readItems(file: string): EvalItem[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new AppError("INPUT_UNREADABLE", `Could not read ${file}: ${describeError(error)}.`);
  }
  return text
    .replace(/^\uFEFF/, "")
    .split("\n")
    .map((line, i) => ({ line: line.trim(), n: i + 1 }))
    .filter((l) => l.line)
    .map(({ line, n }) => {
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch (error) {
        throw new AppError("INPUT_UNREADABLE", `${file}:${n}: not JSON (${describeError(error)}).`);
      }
      const parsed = evalItemSchema.safeParse(json);
      if (!parsed.success)
        throw new AppError("INPUT_UNREADABLE", `${file}:${n}: ${parsed.error.issues[0]?.message}.`);
      return parsed.data;
    });
}
