import { readFileSync } from "node:fs";
import path from "node:path";

/** The repository root, for paths that do not depend on the working directory. */
export const REPO_ROOT = path.resolve(import.meta.dirname, "../..");

/** The shared dev questions, beside the repository. */
export const DEV_QUESTIONS = path.resolve(REPO_ROOT, "../shared/eval/dev.jsonl");

/** The `question` of every non-empty line of a JSON-lines file. */
export function readQuestions(file: string): string[] {
  const questions = readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => (JSON.parse(line) as { question?: unknown }).question)
    .filter((q): q is string => typeof q === "string" && q.trim() !== "");
  if (questions.length === 0) throw new Error(`${file} holds no questions.`);
  return questions;
}

/** The questions repeated in order, as many whole passes as it takes to reach at least `minAsks`. */
export function askSchedule(questions: readonly string[], minAsks: number): string[] {
  const passes = Math.ceil(minAsks / questions.length);
  return Array.from({ length: passes }, () => questions).flat();
}
